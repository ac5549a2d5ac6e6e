// Assessment timepoints (`planner timepoints`): one row per assessment activity x visit of a subject's plan,
// grouped by activity (protocol order), then by visit (date order).
//
// CSV columns (exactly these):
//   arm,activity,instrument,role,visit,study_day,target,earliest,latest
// The table shows the same, with the window as earliest..latest, under a heading naming the protocol, the
// arm and Day 1. `role` is the activity's role, or at the visit an [[endpoint]] names for it that endpoint's
// role and " (read-out)": "primary (read-out)" for SASSAD at W9 when W9 is its primary endpoint's timepoint.
#pragma once

#include <string>
#include <vector>

#include "planner/core/protocol.h"
#include "planner/core/scheduler.h"
#include "planner/io/write/text_table.h"

namespace planner {

// `format` is TableFormat::table or TableFormat::csv.
std::string timepoints_text(const Protocol& protocol, const std::string& arm, Date day1,
                            const std::vector<PlannedVisit>& visits, TableFormat format, CsvOptions csv_options = {});

}  // namespace planner
