#include "planner/core/home_dosing.h"

#include <algorithm>

namespace planner {
namespace {

const PlannedVisit* find(const std::vector<PlannedVisit>& visits, std::size_t visit) {
  const auto it = std::find_if(visits.begin(), visits.end(), [&](const PlannedVisit& v) { return v.visit == visit; });
  return it == visits.end() ? nullptr : &*it;
}

}  // namespace

bool DosingPeriod::applies_to(const Protocol& protocol, std::string_view arm) const {
  return protocol.activities[activity].applies_to(arm);
}

std::optional<Amount> DosingPeriod::amount_for(const Protocol& protocol, std::string_view arm) const {
  for (const auto& [arm_id, amount] : amounts)
    if (arm_id == arm) return amount;
  return protocol.activities[activity].amount;
}

std::vector<Date> dose_days(Date from, Date to, int every) {
  std::vector<Date> out;
  for (Date d = from; d < to; d += Days{every}) out.push_back(d);
  return out;
}

std::vector<Date> period_dose_days(const Protocol& protocol, const DosingPeriod& period, std::string_view arm,
                                   const std::vector<PlannedVisit>& visits) {
  if (!period.applies_to(protocol, arm)) return {};
  const PlannedVisit* from = find(visits, period.from);
  const PlannedVisit* to = find(visits, period.to);
  if (!from || !to) return {};
  return dose_days(from->scheduled, to->scheduled, period.every);
}

std::vector<Dispensing> dispensing(const Protocol& protocol, const DosingPeriod& period, std::string_view arm,
                                   const std::vector<PlannedVisit>& visits) {
  std::vector<Dispensing> out;
  const std::vector<Date> days = period_dose_days(protocol, period, arm, visits);
  if (days.empty()) return out;
  for (std::size_t v : period.dispense)
    if (const PlannedVisit* pv = find(visits, v); pv && protocol.visits[v].applies_to(arm))
      out.push_back({v, pv->scheduled, 0, period.amount_for(protocol, arm)});
  std::stable_sort(out.begin(), out.end(), [](const Dispensing& a, const Dispensing& b) { return a.date < b.date; });
  for (std::size_t i = 0; i < out.size(); ++i) {
    const bool first = i == 0, last = i + 1 == out.size();
    out[i].doses = std::count_if(days.begin(), days.end(),
                                 [&](Date d) { return (first || d >= out[i].date) && (last || d < out[i + 1].date); });
  }
  return out;
}

}  // namespace planner
