// A subject's planned visits as text: CSV for machines, an aligned table for a terminal.
//
// CSV columns (exactly these, in this order):
//   subject,arm,site,visit,label,epoch,study_day,target,earliest,latest,scheduled,shift,status,activities
// study_day is the SDTM study day of the target; shift = scheduled - target in days (negative: earlier);
// status is planned, shifted or conflict; activities are the visit's activity ids for the arm, joined with ';'.
#pragma once

#include <string>
#include <vector>

#include "planner/core/protocol.h"
#include "planner/core/scheduler.h"
#include "planner/core/subject.h"

namespace planner {

std::string calendar_csv_header();
// Appends one row per planned visit.
void append_calendar_csv(std::string& out, const Protocol& protocol, const Subject& subject,
                         const std::vector<PlannedVisit>& visits);

// The terminal view: a short heading (protocol, subject, arm, Day 1), aligned columns, a status summary.
std::string calendar_table(const Protocol& protocol, const Subject& subject, const std::vector<PlannedVisit>& visits);

}  // namespace planner
