// How many visits a site has booked on each day, against its capacity (the most visits it can see in a
// day). The scheduler books every visit it places; a day at capacity has no room for another.
//
//   SiteLoad load{2};                 // two visits a day
//   load.book(d); load.book(d);
//   load.has_room(d) == false
//   SiteLoad unlimited{std::nullopt};  // never full
//
// Capacity may also be counted in minutes (a sites file's capacity_minutes, for protocols that give visits a
// length): a day has room for a visit when the minutes booked plus the visit's length stay within it.
//
//   SiteLoad load{std::nullopt, Minutes{480}};
//   load.book(d, Minutes{300});
//   load.has_room(d, Minutes{180}) == true    // 480 exactly
//   load.has_room(d, Minutes{181}) == false
//
// Bookkeeping is per day, not per visit: memory grows with the span of days booked, not with the cohort.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "planner/core/date.h"
#include "planner/core/time_of_day.h"

namespace planner {

class SiteLoad {
 public:
  explicit SiteLoad(std::optional<int> capacity, std::optional<Minutes> minutes = std::nullopt)
      : capacity_{capacity}, minutes_{minutes} {}

  // Room for one more visit lasting `length` (0: a visit without a length).
  bool has_room(Date day, Minutes length = Minutes{0}) const {
    return (!capacity_ || booked(day) < *capacity_) && (!minutes_ || booked_minutes(day) + length <= *minutes_);
  }
  int booked(Date day) const;
  Minutes booked_minutes(Date day) const;
  void book(Date day, Minutes length = Minutes{0});
  const std::optional<int>& capacity() const { return capacity_; }
  const std::optional<Minutes>& capacity_minutes() const { return minutes_; }

 private:
  std::optional<int> capacity_;
  std::optional<Minutes> minutes_;
  Date first_{};                              // the day counts_[0] counts
  std::vector<std::int32_t> counts_;          // dense over the days booked so far
  std::vector<std::int64_t> minutes_booked_;  // parallel to counts_
};

}  // namespace planner
