// How many visits a site has booked on each day, against its capacity (the most visits it can see in a
// day). The scheduler books every visit it places; a day at capacity has no room for another.
//
//   SiteLoad load{2};                 // two visits a day
//   load.book(d); load.book(d);
//   load.has_room(d) == false
//   SiteLoad unlimited{std::nullopt};  // never full
//
// Bookkeeping is per day, not per visit: memory grows with the span of days booked, not with the cohort.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "planner/core/date.h"

namespace planner {

class SiteLoad {
 public:
  explicit SiteLoad(std::optional<int> capacity) : capacity_{capacity} {}

  bool has_room(Date day) const { return !capacity_ || booked(day) < *capacity_; }
  int booked(Date day) const;
  void book(Date day);
  const std::optional<int>& capacity() const { return capacity_; }

 private:
  std::optional<int> capacity_;
  Date first_{};                      // the day counts_[0] counts
  std::vector<std::int32_t> counts_;  // dense over the days booked so far
};

}  // namespace planner
