#include "planner/core/duration.h"

namespace planner {

std::optional<Date> add(Date d, const Duration& dur, MonthEnd rule) {
  const int sign = dur.negative ? -1 : 1;
  if (!dur.is_exact()) {
    const date::year_month_day ymd{d};
    const date::year_month ym = date::year_month{ymd.year(), ymd.month()} +
                                date::months{sign * (12 * dur.years + dur.months)};
    date::year_month_day moved = ym / ymd.day();
    if (!moved.ok()) {
      if (rule == MonthEnd::reject) return std::nullopt;
      moved = date::year_month_day{ym / date::last};
    }
    d = Date{moved};
  }
  return d + Days{sign * (7L * dur.weeks + dur.days)};
}

}  // namespace planner
