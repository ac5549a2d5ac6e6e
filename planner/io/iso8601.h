// ISO 8601 text <-> planner types: calendar dates `YYYY-MM-DD` and durations `PnYnMnWnD`.
//
// Parsing is strict (nothing is normalised): `2026-02-30`, `2026-13-01`, `26-1-5`, `P-1W`, `P1.5D`, `PT4H`
// are errors whose text says what was expected. Dates must lie in 1900-01-01..2200-12-31, and each part of
// a duration is bounded (kMaxDurationYears..kMaxDurationDays: at most 300 years, 3600 months, 15715 weeks,
// 110000 days).
//
//   parse_date("2026-01-05").value     == 2026-01-05
//   parse_date("2026-02-30").error     == "2026-02-30 is not a calendar date (February 2026 has 28 days)"
//   parse_duration("-P4W").value       == Duration{negative, weeks = 4}
//   format_duration(Duration{weeks=4}) == "P4W"
//
// Other tools (USDM) write durations in the full ISO 8601 form, with times of day and fractions; those are
// read, leniently and under their own name, by parse_full_duration, and never in planner's own files:
//   parse_full_duration("P1DT12H")     == FullDuration{days = 1, hours = 12}
//   parse_full_duration("P1.5W")       == FullDuration{weeks = 1.5, fraction}
//   parse_full_duration("-P2W")        == nullopt (no sign: the text around it says the direction)
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "planner/core/date.h"
#include "planner/core/duration.h"
#include "planner/core/time_of_day.h"

namespace planner {

// The largest value of each part of a planner Duration (parse_duration refuses more; importers check the
// durations they convert against the same bounds). With them every Duration stays far inside `int` days.
inline constexpr int kMaxDurationYears = 300;
inline constexpr int kMaxDurationMonths = 3600;
inline constexpr int kMaxDurationWeeks = 15715;
inline constexpr int kMaxDurationDays = 110000;

// A parsed value, or why the text is not one (`error`, a phrase without location).
template <typename T>
struct Parsed {
  std::optional<T> value;
  std::string error;
};

Parsed<Date> parse_date(std::string_view text);
Parsed<Duration> parse_duration(std::string_view text);

// Times of day and time durations (protocol format 2, sites files): `HH:MM` on the 24-hour clock, two digits
// each (00:00..23:59), and `PTnHnM` (hours and/or minutes, in that order, more than zero, at most PT24H):
//   parse_time_of_day("09:30").value     == TimeOfDay{570 min}
//   parse_time_of_day("9:30").error      == "expected a time of day HH:MM (24-hour clock, e.g. …), got '9:30'"
//   parse_time_duration("PT1H30M").value == Minutes{90}
//   parse_opening_hours("08:00-17:00")   == OpeningHours{08:00, 17:00}
Parsed<TimeOfDay> parse_time_of_day(std::string_view text);
Parsed<Minutes> parse_time_duration(std::string_view text);
Parsed<OpeningHours> parse_opening_hours(std::string_view text);
std::string format_time_of_day(TimeOfDay t);  // 09:30
std::string format_time_duration(Minutes m);  // PT1H30M, PT45M, PT2H

// A duration in the full ISO 8601 form PnYnMnWnDTnHnMnS: each part optional (at least one), in this order,
// at most 9 digits, a decimal fraction ('.' or ',') on the last part only, no sign. Values are not bounded
// here: converting one to a Duration (whole days, planner's limits) is the caller's policy.
struct FullDuration {
  double years = 0, months = 0, weeks = 0, days = 0, hours = 0, minutes = 0, seconds = 0;
  bool fraction = false;  // the last part has a decimal fraction
  bool time_part() const { return hours != 0 || minutes != 0 || seconds != 0; }
};

std::optional<FullDuration> parse_full_duration(std::string_view s);

// A UTC date and time, "2026-11-25T09:00:00Z" or "20261125T090000Z" (the --stamp of iCalendar updates and
// SDTM exports), between 1900 and 2200.
Parsed<date::sys_seconds> parse_utc_time(std::string_view text);

std::string format_date(Date d);                 // 2026-01-05
std::string format_duration(const Duration& d);  // P4W, -P28D, P1M2D, P0D

}  // namespace planner
