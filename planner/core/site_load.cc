#include "planner/core/site_load.h"

namespace planner {

int SiteLoad::booked(Date day) const {
  if (counts_.empty() || day < first_) return 0;
  const auto i = static_cast<std::size_t>((day - first_).count());
  return i < counts_.size() ? counts_[i] : 0;
}

void SiteLoad::book(Date day) {
  if (counts_.empty()) {
    first_ = day;
    counts_.assign(1, 0);
  } else if (day < first_) {
    counts_.insert(counts_.begin(), static_cast<std::size_t>((first_ - day).count()), 0);
    first_ = day;
  }
  const auto i = static_cast<std::size_t>((day - first_).count());
  if (i >= counts_.size()) counts_.resize(i + 1, 0);
  ++counts_[i];
}

}  // namespace planner
