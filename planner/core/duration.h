// Protocol durations: ISO 8601 `PnYnMnWnD`, possibly negative ("-P4W" = four weeks before).
//
// Weeks and days are exact (1W = 7D). Years and months are calendar arithmetic, and a month end is an
// ambiguous question the caller answers with a MonthEnd policy:
//
//   add(2026-01-31, P1M, MonthEnd::clamp)   == 2026-02-28
//   add(2028-01-31, P1M, MonthEnd::clamp)   == 2028-02-29   (leap year)
//   add(2026-01-31, P1M, MonthEnd::reject)  == nullopt      (2026-02-31 does not exist)
//   add(2026-03-31, -P1M, MonthEnd::clamp)  == 2026-02-28
//   add(2026-01-05, P4W, any)               == 2026-02-02
//
// Calendar parts are applied first (years, then months), then weeks and days.
#pragma once

#include <compare>
#include <optional>

#include "planner/core/date.h"

namespace planner {

enum class MonthEnd { clamp, reject };

struct Duration {
  bool negative = false;
  int years = 0;  // each part >= 0; the sign is `negative`
  int months = 0;
  int weeks = 0;
  int days = 0;

  static constexpr Duration of_days(long n) {
    Duration d;
    d.negative = n < 0;
    d.days = static_cast<int>(n < 0 ? -n : n);
    return d;
  }

  constexpr bool is_exact() const { return years == 0 && months == 0; }
  // The length in days, for durations without years or months.
  constexpr std::optional<Days> exact_days() const {
    if (!is_exact()) return std::nullopt;
    const long n = 7L * weeks + days;
    return Days{negative ? -n : n};
  }
  constexpr bool is_zero() const { return years == 0 && months == 0 && weeks == 0 && days == 0; }

  friend constexpr bool operator==(const Duration&, const Duration&) = default;
};

// `d` moved by `dur`; nullopt when the policy is reject and the calendar part lands on a day the month
// does not have.
std::optional<Date> add(Date d, const Duration& dur, MonthEnd rule);

}  // namespace planner
