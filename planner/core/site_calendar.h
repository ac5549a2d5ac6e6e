// When a site is open: closed weekdays (a clinic closed on weekends) and closed dates (holidays).
//
//   SiteCalendar cal;
//   cal.close(date::Saturday);
//   cal.close(date::Sunday);
//   cal.close(Date{2026y / 3 / 1});           // Independence Movement Day (Korea)
//   cal.is_open(Date{2026y / 1 / 10})  == false   // a Saturday
#pragma once

#include <array>
#include <vector>

#include "planner/core/date.h"

namespace planner {

class SiteCalendar {
 public:
  void close(date::weekday day) { closed_weekdays_[day.c_encoding()] = true; }
  void close(Date day);
  void close(const std::vector<Date>& days);  // many at once, in any order: O((n + m) log(n + m))

  bool is_open(Date day) const;
  bool is_closed(date::weekday day) const { return closed_weekdays_[day.c_encoding()]; }
  const std::vector<Date>& closed_dates() const { return closed_dates_; }

 private:
  std::array<bool, 7> closed_weekdays_{};
  std::vector<Date> closed_dates_;  // sorted, unique
};

}  // namespace planner
