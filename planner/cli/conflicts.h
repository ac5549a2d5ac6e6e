// The warnings for visits in conflict: one line each, with what refused each day of the window
// (conflict_reasons, planner/io/write/conflict.h). One subject always gets them; a roster run (calendar,
// load, sdtm) lists them with -v, in roster order, and otherwise counts them.
//
//   planner: warning: visit W0 of subject S019: no day in its window 2026-02-19..2026-02-19 can take it:
//            2026-02-19 full (site KR03: 2 visits a day); kept on its target 2026-02-19 (conflict)
#pragma once

#include <vector>

#include "planner/cli/options.h"
#include "planner/core/scheduler.h"
#include "planner/io/pipeline/cohort.h"

namespace planner::cli {

// A warning for each conflict of `subject` (`site`: its site, null without a sites file).
void warn_conflicts(const Protocol& protocol, const Subject& subject, const std::vector<PlannedVisit>& visits,
                    const std::vector<Conflict>& conflicts, const Site* site);

// With -v (`verbose`), makes `planner` report every conflict of the roster run, in roster order.
void list_conflicts(bool verbose, CohortPlanner& planner, const Cohort& cohort);

}  // namespace planner::cli
