#include "planner/core/timeline.h"

#include <algorithm>

namespace planner {
namespace {

// The offsets of all visits. A visit's offset is known once its reference's is: walk each chain up to a visit
// already known (or timed from Day 1), then back down, so every visit is visited a bounded number of times.
std::vector<std::optional<Days>> nominal_offsets(const Protocol& p) {
  const std::size_t n = p.visits.size();
  std::vector<std::optional<Days>> out(n);
  std::vector<bool> known(n, false);
  std::vector<std::size_t> chain;
  for (std::size_t start = 0; start < n; ++start) {
    // A valid protocol has no cycle; the bound guards against an invalid one anyway.
    for (std::size_t v = start; !known[v] && chain.size() <= n;) {
      chain.push_back(v);
      if (!p.visits[v].after) break;
      v = *p.visits[v].after;
    }
    for (std::size_t k = chain.size(); k-- > 0;) {  // from the visit whose reference is known
      const std::size_t v = chain[k];
      const Visit& visit = p.visits[v];
      const auto at = visit.at.exact_days();
      std::optional<Days> base = Days{0};
      if (visit.after)
        base = known[*visit.after] ? out[*visit.after] : std::nullopt;
      else if (visit.on)  // timed from its event's date: no offset from Day 1
        base = std::nullopt;
      out[v] = at && base ? std::optional<Days>{*base + *at} : std::nullopt;
      known[v] = true;
    }
    chain.clear();
  }
  return out;
}

}  // namespace

Timeline::Timeline(const Protocol& protocol)
    : offset_{nominal_offsets(protocol)}, order_(offset_.size()), rank_(offset_.size()) {
  for (std::size_t i = 0; i < order_.size(); ++i) order_[i] = i;
  std::stable_sort(order_.begin(), order_.end(), [&](std::size_t a, std::size_t b) {
    if (offset_[a].has_value() != offset_[b].has_value()) return offset_[a].has_value();
    return offset_[a] && *offset_[a] < *offset_[b];
  });
  for (std::size_t i = 0; i < order_.size(); ++i) rank_[order_[i]] = i;
}

std::optional<StudyDay> Timeline::study_day(std::size_t visit) const {
  if (!offset_[visit]) return std::nullopt;
  return StudyDay::from_offset(*offset_[visit]);
}

WeekAndDay week_of(Days offset) {
  const long n = offset.count();
  const long week = n >= 0 ? n / 7 : -((-n + 6) / 7);
  return {week, Days{n - 7 * week}};
}

}  // namespace planner
