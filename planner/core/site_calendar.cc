#include "planner/core/site_calendar.h"

#include <algorithm>

namespace planner {

void SiteCalendar::close(Date day) {
  const auto it = std::lower_bound(closed_dates_.begin(), closed_dates_.end(), day);
  if (it == closed_dates_.end() || *it != day) closed_dates_.insert(it, day);
}

void SiteCalendar::close(const std::vector<Date>& days) {
  closed_dates_.insert(closed_dates_.end(), days.begin(), days.end());
  std::sort(closed_dates_.begin(), closed_dates_.end());
  closed_dates_.erase(std::unique(closed_dates_.begin(), closed_dates_.end()), closed_dates_.end());
}

bool SiteCalendar::is_open(Date day) const {
  return !is_closed(date::weekday{day}) && !std::binary_search(closed_dates_.begin(), closed_dates_.end(), day);
}

}  // namespace planner
