#include "planner/core/site_load.h"

namespace planner {

int SiteLoad::booked(Date day) const {
  if (counts_.empty() || day < first_) return 0;
  const auto i = static_cast<std::size_t>((day - first_).count());
  return i < counts_.size() ? counts_[i] : 0;
}

Minutes SiteLoad::booked_minutes(Date day) const {
  if (counts_.empty() || day < first_) return Minutes{0};
  const auto i = static_cast<std::size_t>((day - first_).count());
  return Minutes{i < minutes_booked_.size() ? minutes_booked_[i] : 0};
}

void SiteLoad::book(Date day, Minutes length) {
  if (counts_.empty()) {
    first_ = day;
    counts_.assign(1, 0);
    minutes_booked_.assign(1, 0);
  } else if (day < first_) {
    const auto more = static_cast<std::size_t>((first_ - day).count());
    counts_.insert(counts_.begin(), more, 0);
    minutes_booked_.insert(minutes_booked_.begin(), more, 0);
    first_ = day;
  }
  const auto i = static_cast<std::size_t>((day - first_).count());
  if (i >= counts_.size()) {
    counts_.resize(i + 1, 0);
    minutes_booked_.resize(i + 1, 0);
  }
  ++counts_[i];
  minutes_booked_[i] += length.count();
}

}  // namespace planner
