// USDM durations in planner's terms. USDM writes full ISO 8601 durations (parse_full_duration: hours,
// fractions); planner times visits in calendar years and months and whole days, within the bounds of
// iso8601.h (kMaxDurationYears...). to_planner() keeps what is written when it can (P2W stays P2W) and
// otherwise turns the whole into days, rounded down (windows: the imported window stays inside USDM's) or
// to the nearest day (offsets); `approximated` says whether that changed the value.
//
//   to_planner(P2W,       Rounding::nearest) == {P2W,  exact}
//   to_planner(PT36H,     Rounding::nearest) == {P2D,  approximated}   (1.5 days)
//   to_planner(P1DT12H,   Rounding::down)    == {P1D,  approximated}
//   to_planner(P1.5M,     Rounding::nearest) == {P1M15D, approximated} (half a Gregorian mean month)
//   to_planner(P400Y, ...)                   == nullopt (beyond planner's 300 years)
//   approximate_days(-P1M2D)                 == -32.436875             (for ordering visits only)
#pragma once

#include <optional>
#include <string>

#include "planner/core/duration.h"
#include "planner/io/iso8601.h"

namespace planner::usdm {

enum class Rounding { down, nearest };

struct PlannerDuration {
  Duration value;
  bool approximated = false;
};

// nullopt: beyond planner's bounds (planner_duration_limits() says what they are).
std::optional<PlannerDuration> to_planner(const FullDuration& d, Rounding rounding);

// "at most 300 years, 3600 months or 110000 days", from the bounds of iso8601.h.
std::string planner_duration_limits();

// Days from the start, months and years as Gregorian means: an order of visits, never a date.
double approximate_days(const Duration& d);

}  // namespace planner::usdm
