#include "planner/core/protocol.h"

#include <algorithm>

namespace planner {
namespace {

bool contains_or_empty(const std::vector<std::string>& arms, std::string_view arm) {
  return arms.empty() || std::find(arms.begin(), arms.end(), arm) != arms.end();
}

template <typename T>
const T* find_by_id(const std::vector<T>& items, std::string_view id) {
  const auto it = std::find_if(items.begin(), items.end(), [&](const T& t) { return t.id == id; });
  return it == items.end() ? nullptr : &*it;
}

}  // namespace

bool Activity::applies_to(std::string_view arm) const { return contains_or_empty(arms, arm); }
bool Visit::applies_to(std::string_view arm) const { return contains_or_empty(arms, arm); }
bool Stratum::applies_to(std::string_view arm) const { return contains_or_empty(arms, arm); }

const std::string& Activity::site_label(std::string_view arm) const {
  for (const auto& [arm_id, text] : arm_labels)
    if (arm_id == arm) return text;
  return label;
}

const Arm* Protocol::find_arm(std::string_view id) const { return find_by_id(arms, id); }
const Stratum* Protocol::find_stratum(std::string_view id) const { return find_by_id(strata, id); }
const Visit* Protocol::find_visit(std::string_view id) const { return find_by_id(visits, id); }
const Activity* Protocol::find_activity(std::string_view id) const { return find_by_id(activities, id); }
const Event* Protocol::find_event(std::string_view id) const { return find_by_id(events, id); }

const Endpoint* Protocol::endpoint_at(std::size_t visit, std::size_t activity) const {
  for (const Endpoint& e : endpoints)
    if (e.visit == visit && e.activity == activity) return &e;
  return nullptr;
}

bool Protocol::is_dose_visit(const Visit& visit, std::string_view arm) const {
  return std::any_of(visit.activities.begin(), visit.activities.end(), [&](std::size_t a) {
    return activities[a].kind == ActivityKind::dose && activities[a].applies_to(arm);
  });
}

std::optional<Minutes> visit_length(const Protocol& protocol, const Visit& visit, std::string_view arm) {
  if (visit.duration) return visit.duration;
  Minutes sum{0};
  bool any = false;
  for (const std::size_t a : visit.activities) {
    const Activity& activity = protocol.activities[a];
    if (!activity.applies_to(arm)) continue;
    if (!activity.duration) return std::nullopt;
    sum += *activity.duration;
    any = true;
  }
  return any ? std::optional<Minutes>{sum} : std::nullopt;
}

bool has_times(const Protocol& protocol) {
  return std::any_of(protocol.visits.begin(), protocol.visits.end(), [&](const Visit& v) {
    return v.time || std::any_of(protocol.arms.begin(), protocol.arms.end(),
                                 [&](const Arm& arm) { return visit_length(protocol, v, arm.id).has_value(); });
  });
}

std::string_view to_string(ActivityKind kind) {
  switch (kind) {
    case ActivityKind::dose: return "dose";
    case ActivityKind::assessment: return "assessment";
    case ActivityKind::procedure: return "procedure";
    case ActivityKind::sample: return "sample";
  }
  return "?";
}

std::string_view to_string(EndpointRole role) {
  switch (role) {
    case EndpointRole::primary: return "primary";
    case EndpointRole::secondary: return "secondary";
    case EndpointRole::exploratory: return "exploratory";
  }
  return "?";
}

std::string_view to_string(ConstraintKind kind) {
  switch (kind) {
    case ConstraintKind::washout: return "washout";
    case ConstraintKind::storage: return "storage";
    case ConstraintKind::gap: return "gap";
  }
  return "?";
}

std::string_view to_string(DesignModel model) {
  switch (model) {
    case DesignModel::parallel: return "parallel";
    case DesignModel::crossover: return "crossover";
    case DesignModel::single_group: return "single-group";
    case DesignModel::factorial: return "factorial";
    case DesignModel::sequential: return "sequential";
  }
  return "?";
}

std::string_view to_string(Allocation allocation) {
  return allocation == Allocation::randomised ? "randomised" : "non-randomised";
}

}  // namespace planner
