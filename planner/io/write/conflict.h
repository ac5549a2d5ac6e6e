// Why a visit is in conflict, as text: the days of its window in runs of one reason each (core's Conflict,
// planner/core/scheduler.h), for the warnings of `calendar` (and `calendar --roster -v`).
//
//   conflict_reasons(protocol, conflict, nullptr)
//       == "2026-02-15 closed (Sunday); 2026-02-16..2026-02-17 closed (holiday in examples/holidays-kr-2026.txt)"
//   with a site of capacity 4, and a dose visit:
//       "2026-03-03..2026-03-04 full (site KR01: 4 visits a day); 2026-03-05 too close to dose W4 on 2026-03-06"
#pragma once

#include <string>

#include "planner/core/protocol.h"
#include "planner/core/scheduler.h"
#include "planner/core/site.h"

namespace planner {

// `site`: the subject's site (its id and capacity are named for a full day); null without a sites file.
std::string conflict_reasons(const Protocol& protocol, const Conflict& conflict, const Site* site);

}  // namespace planner
