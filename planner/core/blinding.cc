#include "planner/core/blinding.h"

#include <algorithm>
#include <array>

#include "planner/core/scheduler.h"

namespace planner {
namespace {

constexpr std::array<std::pair<MaskedRole, std::string_view>, 4> kRoles{
    {{MaskedRole::participant, "participant"},
     {MaskedRole::investigator, "investigator"},
     {MaskedRole::outcome_assessor, "outcome assessor"},
     {MaskedRole::care_provider, "care provider"}}};

}  // namespace

std::string_view to_string(MaskedRole role) {
  for (const auto& [r, name] : kRoles)
    if (r == role) return name;
  return "?";
}

std::optional<MaskedRole> parse_masked_role(std::string_view text) {
  for (const auto& [r, name] : kRoles)
    if (name == text) return r;
  return std::nullopt;
}

std::vector<std::string_view> masked_role_names() {
  std::vector<std::string_view> out;
  out.reserve(std::size(kRoles));
  for (const auto& role : kRoles) out.push_back(role.second);
  return out;
}

bool Blinding::masks(MaskedRole role) const { return std::find(masking.begin(), masking.end(), role) != masking.end(); }

bool participant_masked(const Protocol& protocol) {
  return protocol.blinding && protocol.blinding->masks(MaskedRole::participant);
}

std::string blinding_schema(const Protocol& protocol) {
  if (!protocol.blinding) return "";
  switch (protocol.blinding->masking.size()) {
    case 0: return "OPEN LABEL";
    case 1: return "SINGLE BLIND";
    default: return "DOUBLE BLIND";
  }
}

std::string participant_text(const Activity& a) {
  if (!a.participant_label.empty()) return a.participant_label;
  if (a.kind == ActivityKind::dose) return "study treatment";
  return a.label;
}

std::string participant_visit_text(const Protocol& protocol, const Visit& v, std::string_view arm) {
  std::string out;
  for (std::size_t i : activities_for(protocol, v, arm))
    out += (out.empty() ? "" : "; ") + participant_text(protocol.activities[i]);
  return out;
}

}  // namespace planner
