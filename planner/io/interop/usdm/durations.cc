#include "planner/io/interop/usdm/durations.h"

#include <cmath>

namespace planner::usdm {
namespace {

constexpr double kDaysPerYear = 365.2425;  // Gregorian averages, for fractions of years and months only
constexpr double kDaysPerMonth = kDaysPerYear / 12;
constexpr double kEpsilon = 1e-9;  // below a day's billionth, a fraction is rounding noise

}  // namespace

std::optional<PlannerDuration> to_planner(const FullDuration& d, Rounding rounding) {
  const double whole_years = std::floor(d.years), whole_months = std::floor(d.months);
  const double total = d.weeks * 7 + d.days + (d.years - whole_years) * kDaysPerYear +
                       (d.months - whole_months) * kDaysPerMonth +
                       (d.hours * 3600 + d.minutes * 60 + d.seconds) / 86400.0;
  const double rounded = rounding == Rounding::down ? std::floor(total + kEpsilon) : std::floor(total + 0.5);
  // checked before any conversion to int
  if (whole_years > kMaxDurationYears || whole_months > kMaxDurationMonths || rounded > kMaxDurationDays)
    return std::nullopt;
  PlannerDuration out;
  out.value.years = static_cast<int>(whole_years);
  out.value.months = static_cast<int>(whole_months);
  if (!d.fraction && !d.time_part() && d.weeks <= kMaxDurationWeeks) {  // as written: P2W stays P2W
    out.value.weeks = static_cast<int>(d.weeks);
    out.value.days = static_cast<int>(d.days);
  } else {
    out.value.days = static_cast<int>(rounded);
    out.approximated = std::fabs(total - rounded) > kEpsilon;
  }
  return out;
}

std::string planner_duration_limits() {
  return "at most " + std::to_string(kMaxDurationYears) + " years, " + std::to_string(kMaxDurationMonths) +
         " months or " + std::to_string(kMaxDurationDays) + " days";
}

double approximate_days(const Duration& d) {
  const double n = d.years * kDaysPerYear + d.months * kDaysPerMonth + d.weeks * 7 + d.days;
  return d.negative ? -n : n;
}

}  // namespace planner::usdm
