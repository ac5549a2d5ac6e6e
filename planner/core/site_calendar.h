// When a site is open: closed weekdays (a clinic closed on weekends) and closed dates (holidays), each date
// with the name of where it came from (a holiday file, a sites file), so that a refused day can say why; and,
// for visits with a time of day or a length (protocol format 2), its opening hours on each weekday and the
// appointment time of visits that give none.
//
//   SiteCalendar cal;
//   cal.close(date::Saturday);
//   cal.close(date::Sunday);
//   cal.close({Date{2026y / 3 / 1}, Date{2026y / 3 / 2}}, "holidays-kr-2026.txt");  // 1 March and its substitute
//   cal.is_open(Date{2026y / 1 / 10})  == false                   // a Saturday
//   cal.closure(Date{2026y / 3 / 2})   == Closure{Closure::Kind::date, "holidays-kr-2026.txt"}
//   cal.closure(Date{2026y / 3 / 3})   == std::nullopt            // open
//
//   cal.set_hours(date::Friday, {08:00, 12:00});                  // Friday mornings only; other days all day
//   cal.fits(Fri 2026-01-09, 09:00, Minutes{45})  == true
//   cal.fits(Fri 2026-01-09, 11:30, Minutes{45})  == false        // would end at 12:15
//   cal.fits(Fri 2026-01-09, nullopt, Minutes{300}) == false      // no time: it must fit the 4 hours
//   cal.fits(Thu 2026-01-08, 11:30, Minutes{45})  == true         // no hours on Thursdays
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "planner/core/date.h"
#include "planner/core/time_of_day.h"

namespace planner {

// Why a day is closed: its weekday is closed, or the date itself is (a holiday), closed by `source`.
struct Closure {
  enum class Kind { weekday, date };
  Kind kind = Kind::weekday;
  std::string source;  // Kind::date: the file that closed the date (the first one, when several did); may be ""

  bool operator==(const Closure&) const = default;
};

class SiteCalendar {
 public:
  void close(date::weekday day) { closed_weekdays_[day.c_encoding()] = true; }
  void close(Date day, const std::string& source = {});
  // Many at once, in any order: O((n + m) log(n + m)). A date already closed keeps its first source.
  void close(const std::vector<Date>& days, const std::string& source = {});

  bool is_open(Date day) const;
  bool is_closed(date::weekday day) const { return closed_weekdays_[day.c_encoding()]; }
  const std::vector<Date>& closed_dates() const { return closed_dates_; }
  // Why `day` is closed (a closed weekday first), or nullopt when it is open.
  std::optional<Closure> closure(Date day) const;

  // Opening hours of a weekday (none: the site sees visits at any time of an open day).
  void set_hours(date::weekday day, OpeningHours hours) { hours_[day.c_encoding()] = hours; }
  std::optional<OpeningHours> hours(date::weekday day) const { return hours_[day.c_encoding()]; }
  // Whether a visit starting at `start` and lasting `length` fits the opening hours of `day` (a visit with no
  // time fits when it is no longer than the hours). Says nothing of whether the day is open (is_open).
  bool fits(Date day, std::optional<TimeOfDay> start, Minutes length) const;
  // The appointment time of visits that give none (nullopt: they are all-day visits).
  void set_visit_time(TimeOfDay time) { visit_time_ = time; }
  std::optional<TimeOfDay> visit_time() const { return visit_time_; }

 private:
  std::array<bool, 7> closed_weekdays_{};
  std::vector<Date> closed_dates_;           // sorted, unique
  std::vector<std::uint64_t> closed_bits_;   // bit i: closed_dates_.front() + i days is closed (is_open in O(1))
  std::vector<std::uint32_t> date_sources_;  // parallel to closed_dates_: index into sources_
  std::vector<std::string> sources_;
  std::array<std::optional<OpeningHours>, 7> hours_{};
  std::optional<TimeOfDay> visit_time_;
};

}  // namespace planner
