// Times of day and short durations: when an appointment starts and how long it takes (protocol format 2).
//
// A TimeOfDay is local wall-clock time at the site, 00:00..23:59, to the minute; a visit with one starts then on
// its scheduled date in the site's time zone (Site::time_zone). Minutes is a length of time (a visit's or an
// activity's duration, a day's capacity in minutes). Text becomes these types only in planner/io ("09:30",
// "PT45M": io/iso8601.h).
//
//   TimeOfDay t{Minutes{9 * 60 + 30}};   // 09:30
//   t.hours() == 9, t.minutes() == 30
//   t + Minutes{45}                       // 10:15 as Minutes since midnight (may pass 24:00: it is a length)
//   OpeningHours{09:00, 17:00}.fits(16:30, Minutes{45}) == false   // the visit ends at 17:15
#pragma once

#include <chrono>
#include <compare>

namespace planner {

using Minutes = std::chrono::minutes;

class TimeOfDay {
 public:
  constexpr TimeOfDay() = default;
  // 0 <= since_midnight < 24 h (the readers check it).
  explicit constexpr TimeOfDay(Minutes since_midnight) : since_midnight_{since_midnight} {}

  constexpr Minutes since_midnight() const { return since_midnight_; }
  constexpr int hours() const { return static_cast<int>(since_midnight_.count() / 60); }
  constexpr int minutes() const { return static_cast<int>(since_midnight_.count() % 60); }

  friend constexpr Minutes operator+(TimeOfDay t, Minutes m) { return t.since_midnight_ + m; }
  // NOLINTNEXTLINE(modernize-use-nullptr): a false finding of clang-tidy 14 on a defaulted <=>
  friend constexpr auto operator<=>(const TimeOfDay&, const TimeOfDay&) = default;

 private:
  Minutes since_midnight_{0};
};

// When a site sees visits on an open day: from `open` up to `close` (close after open).
struct OpeningHours {
  TimeOfDay open;
  TimeOfDay close;

  constexpr Minutes length() const { return close.since_midnight() - open.since_midnight(); }
  // A visit starting at `start` and lasting `length` begins and ends within the hours.
  constexpr bool fits(TimeOfDay start, Minutes length) const {
    return start >= open && start + length <= close.since_midnight();
  }
  friend constexpr bool operator==(const OpeningHours&, const OpeningHours&) = default;
};

}  // namespace planner
