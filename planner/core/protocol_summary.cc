#include "planner/core/protocol_summary.h"

#include <algorithm>

namespace planner {

std::optional<Days> nominal_offset(const Protocol& protocol, std::size_t visit) {
  Days total{0};
  // A valid protocol has no cycle; the bound guards against an invalid one anyway.
  for (std::size_t steps = 0; steps <= protocol.visits.size(); ++steps) {
    const Visit& v = protocol.visits[visit];
    const auto d = v.at.exact_days();
    if (!d) return std::nullopt;
    total += *d;
    if (!v.after) return total;
    visit = *v.after;
  }
  return std::nullopt;
}

std::vector<std::size_t> visits_in_planned_order(const Protocol& protocol) {
  std::vector<std::size_t> order(protocol.visits.size());
  std::vector<std::optional<Days>> offset(protocol.visits.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    order[i] = i;
    offset[i] = nominal_offset(protocol, i);
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (offset[a].has_value() != offset[b].has_value()) return offset[a].has_value();
    return offset[a] && *offset[a] < *offset[b];
  });
  return order;
}

WeekAndDay week_of(Days offset) {
  const long n = offset.count();
  const long week = n >= 0 ? n / 7 : -((-n + 6) / 7);
  return {week, n - 7 * week};
}

std::optional<Days> ArmSummary::dose_span() const {
  if (!first_dose || !last_dose) return std::nullopt;
  return *last_dose - *first_dose;
}

ArmSummary summarize_arm(const Protocol& protocol, std::string_view arm) {
  ArmSummary s;
  s.arm = std::string{arm};
  if (!protocol.find_arm(arm)) return s;
  bool doses_nominal = true, visits_nominal = true;  // false once one has no nominal offset
  for (std::size_t i = 0; i < protocol.visits.size(); ++i) {
    const Visit& v = protocol.visits[i];
    if (!v.applies_to(arm)) continue;
    const auto offset = nominal_offset(protocol, i);
    if (!offset) visits_nominal = false;
    if (offset && (!s.last_visit || *offset > *s.last_visit)) {
      s.last_visit = offset;
      s.last_visit_id = v.id;
    }
    if (!protocol.is_dose_visit(v, arm)) continue;
    ++s.doses;
    if (!offset) {
      doses_nominal = false;
      continue;
    }
    if (!s.first_dose || *offset < *s.first_dose) s.first_dose = offset;
    if (!s.last_dose || *offset > *s.last_dose) s.last_dose = offset;
  }
  if (!doses_nominal) s.first_dose = s.last_dose = std::nullopt;
  if (!visits_nominal) {
    s.last_visit = std::nullopt;
    s.last_visit_id.clear();
  }
  return s;
}

std::vector<ArmSummary> summarize(const Protocol& protocol) {
  std::vector<ArmSummary> out;
  for (const Arm& a : protocol.arms) out.push_back(summarize_arm(protocol, a.id));
  return out;
}

}  // namespace planner
