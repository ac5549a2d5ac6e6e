// Calendar dates for planner: the one header that includes Howard Hinnant's date library.
//
// A Date is a day on the civil calendar (`date::sys_days`); a difference of dates is `Days`.
// Every API of planner speaks in these two types; text becomes a Date only in planner/io.
//
//   Date d = date::year{2026} / 1 / 5;   // Monday 2026-01-05
//   d + Days{28}                          // 2026-02-02
#pragma once

#include <date/date.h>

namespace planner {

using Date = date::sys_days;
using Days = date::days;

// The dates planner accepts anywhere, inputs and results alike.
inline constexpr Date kFirstDate = Date{date::year{1900} / 1 / 1};
inline constexpr Date kLastDate = Date{date::year{2200} / 12 / 31};

constexpr bool in_supported_range(Date d) { return kFirstDate <= d && d <= kLastDate; }

}  // namespace planner
