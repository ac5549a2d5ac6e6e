// Flexible dosing: placing the doses of a [[dose_rule]] ("8 doses within 4 weeks, at least 3 days apart") on
// the days of its span that can take a dose (open, with room, clear of other doses).
//
// The placement rule: when the doses fit, each dose goes to the allowed day nearest its evenly spread target
// (dose i of n at first + floor(i x span / n); the earlier of two equally near days), among the days that
// still leave room for the doses after it; so the doses are as evenly spread as the calendar allows, and a
// placement is found whenever one exists. When they do not fit, the doses go to the earliest allowed days
// (that places as many as can be placed) and the rest are unplaceable (nullopt).
//
//   Span Mon 2026-01-05 .. Sun 2026-02-01 (28 days), 8 doses, min_gap 3, weekends closed: targets are days
//   +0, +3, +7, +10, +14, +17, +21, +24 = Mon 01-05, Thu 01-08, Mon 01-12, Thu 01-15, Mon 01-19, Thu 01-22,
//   Mon 01-26, Thu 01-29: all open and 3-4 days apart, so every dose is on its target.
//   With Thu 01-08 closed too, dose 2 goes to Fri 01-09 (Wed 01-07 is as near, but 2 days after dose 1).
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "planner/core/date.h"

namespace planner {

// `targets` has one date per dose, in order, within first..last; `allowed` says whether a day can take a dose.
// Consecutive doses are at least `min_gap` (>= 1) days apart. One date per dose, nullopt when unplaceable.
std::vector<std::optional<Date>> place_doses(Date first, Date last, const std::vector<Date>& targets, int min_gap,
                                             const std::function<bool(Date)>& allowed);

// The evenly spread targets of `count` doses over the `within` days from `first`.
std::vector<Date> spread_targets(Date first, int within, int count);

}  // namespace planner
