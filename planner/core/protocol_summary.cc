#include "planner/core/protocol_summary.h"

namespace planner {

std::optional<Days> ArmSummary::dose_span() const {
  if (!first_dose || !last_dose) return std::nullopt;
  return *last_dose - *first_dose;
}

namespace {

// The doses of the arm's dosing periods, at home and at the site, from the nominal offsets of their visits.
void count_period_doses(const Protocol& protocol, const Timeline& timeline, std::string_view arm, ArmSummary& s) {
  for (const DosingPeriod& period : protocol.dosing_periods) {
    if (!period.applies_to(protocol, arm)) continue;
    std::optional<long>& count = period.place == DosingPeriod::Place::home ? s.home_doses : s.site_period_doses;
    const auto from = timeline.offset(period.from);
    const auto to = timeline.offset(period.to);
    if (!from || !to) count = std::nullopt;
    if (!count || !from || !to || *to <= *from) continue;
    *count += ((*to - *from).count() + period.every - 1) / period.every;  // from, from + every, ... before to
  }
}

}  // namespace

ArmSummary summarize_arm(const Protocol& protocol, const Timeline& timeline, std::string_view arm) {
  ArmSummary s;
  s.arm = std::string{arm};
  if (!protocol.find_arm(arm)) return s;
  bool doses_nominal = true, visits_nominal = true;  // false once one has no nominal offset
  for (std::size_t i = 0; i < protocol.visits.size(); ++i) {
    const Visit& v = protocol.visits[i];
    if (!v.applies_to(arm) || v.on) continue;  // the planned course: conditional visits are not part of it
    const auto offset = timeline.offset(i);
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
  count_period_doses(protocol, timeline, arm, s);
  if (!visits_nominal) {
    s.last_visit = std::nullopt;
    s.last_visit_id.clear();
  }
  return s;
}

ArmSummary summarize_arm(const Protocol& protocol, std::string_view arm) {
  return summarize_arm(protocol, Timeline{protocol}, arm);
}

std::vector<ArmSummary> summarize(const Protocol& protocol) {
  const Timeline timeline{protocol};
  std::vector<ArmSummary> out;
  for (const Arm& a : protocol.arms) out.push_back(summarize_arm(protocol, timeline, a.id));
  return out;
}

}  // namespace planner
