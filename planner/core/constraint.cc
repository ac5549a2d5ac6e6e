#include "planner/core/constraint.h"

#include <algorithm>
#include <string>

#include "planner/core/timeline.h"

namespace planner {
namespace {

bool has_activity(const Protocol& p, const Visit& v, std::size_t activity, std::string_view arm) {
  return v.applies_to(arm) && p.activities[activity].applies_to(arm) &&
         std::find(v.activities.begin(), v.activities.end(), activity) != v.activities.end();
}

std::string days_text(Days d) { return std::to_string(d.count()) + (d == Days{1} ? " day" : " days"); }

}  // namespace

std::vector<ConstraintPair> constraint_pairs(const Protocol& protocol, std::string_view arm) {
  std::vector<ConstraintPair> out;
  if (protocol.constraints.empty()) return out;
  const Timeline timeline{protocol};
  for (std::size_t ci = 0; ci < protocol.constraints.size(); ++ci) {
    const Constraint& c = protocol.constraints[ci];
    const bool same_activity = c.first == c.then;
    std::optional<std::size_t> latest_first;  // the latest occurrence of `first` so far in planned order
    for (const std::size_t vi : timeline.planned_order()) {
      const Visit& v = protocol.visits[vi];
      const bool is_first = has_activity(protocol, v, c.first, arm) && (!c.first_visit || *c.first_visit == vi);
      const bool is_then = has_activity(protocol, v, c.then, arm) && (!c.then_visit || *c.then_visit == vi);
      if (is_first && !same_activity) latest_first = vi;  // at or before: the same visit pairs with itself
      if (is_then && latest_first) out.push_back({ci, *latest_first, vi});
      if (is_first && same_activity) latest_first = vi;  // strictly before: the previous occurrence
    }
  }
  return out;
}

bool gap_keeps(const Constraint& c, Days gap) { return (!c.min || gap >= *c.min) && (!c.max || gap <= *c.max); }

std::optional<ConstraintBreach> judge_gap(const Constraint& c, const ConstraintPair& pair, Days gap) {
  if (c.min && gap < *c.min) return ConstraintBreach{pair, gap, *c.min - gap, true};
  if (c.max && gap > *c.max) return ConstraintBreach{pair, gap, gap - *c.max, false};
  return std::nullopt;
}

std::vector<ConstraintBreach> broken_constraints(const Protocol& protocol, std::string_view arm,
                                                 const std::map<std::size_t, Date>& dates) {
  std::vector<ConstraintBreach> out;
  for (const ConstraintPair& pair : constraint_pairs(protocol, arm)) {
    const auto first = dates.find(pair.first);
    const auto then = dates.find(pair.then);
    if (first == dates.end() || then == dates.end()) continue;
    if (auto b = judge_gap(protocol.constraints[pair.constraint], pair, then->second - first->second))
      out.push_back(*b);
  }
  return out;
}

std::string constraint_bounds(const Constraint& c) {
  if (c.min && c.max)
    return *c.min == *c.max ? "exactly " + days_text(*c.min)
                            : std::to_string(c.min->count()) + ".." + days_text(*c.max);
  if (c.min) return "at least " + days_text(*c.min);
  return "at most " + days_text(c.max.value_or(Days{0}));
}

}  // namespace planner
