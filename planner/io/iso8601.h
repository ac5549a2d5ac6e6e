// ISO 8601 text <-> planner types: calendar dates `YYYY-MM-DD` and durations `PnYnMnWnD`.
//
// Parsing is strict (nothing is normalised): `2026-02-30`, `2026-13-01`, `26-1-5`, `P-1W`, `P1.5D`, `PT4H`
// are errors whose text says what was expected. Dates must lie in 1900-01-01..2200-12-31, and each part of
// a duration is bounded (at most 300 years, 3600 months, 15715 weeks, 110000 days).
//
//   parse_date("2026-01-05").value     == 2026-01-05
//   parse_date("2026-02-30").error     == "2026-02-30 is not a calendar date (February 2026 has 28 days)"
//   parse_duration("-P4W").value       == Duration{negative, weeks = 4}
//   format_duration(Duration{weeks=4}) == "P4W"
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "planner/core/date.h"
#include "planner/core/duration.h"

namespace planner {

// A parsed value, or why the text is not one (`error`, a phrase without location).
template <typename T>
struct Parsed {
  std::optional<T> value;
  std::string error;
};

Parsed<Date> parse_date(std::string_view text);
Parsed<Duration> parse_duration(std::string_view text);

std::string format_date(Date d);           // 2026-01-05
std::string format_duration(const Duration& d);  // P4W, -P28D, P1M2D, P0D

}  // namespace planner
