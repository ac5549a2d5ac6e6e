#include "planner/core/verdict.h"

namespace planner {
namespace {

// Indexed by the enum's value: kNames[static_cast<std::size_t>(v)] names v.
constexpr std::array<std::string_view, kVerdicts.size()>
    kNames{"in-window",        "early",        "late",        "missed",     "not-in-protocol",
           "duplicate",        "out-of-order", "dose-gap",    "constraint", "before-day1",
           "after-last-visit", "unscheduled",  "not-planned", "conditional"};

constexpr bool declaration_order() {
  for (std::size_t i = 0; i < kVerdicts.size(); ++i)
    if (static_cast<std::size_t>(kVerdicts[i]) != i) return false;
  return true;
}
static_assert(declaration_order(), "kVerdicts lists the verdicts in declaration order, one name each");

}  // namespace

std::string_view to_string(Verdict v) {
  const auto i = static_cast<std::size_t>(v);
  return i < kNames.size() ? kNames[i] : "?";
}

std::optional<Verdict> parse_verdict(std::string_view name) {
  for (const Verdict v : kVerdicts)
    if (to_string(v) == name) return v;
  return std::nullopt;
}

}  // namespace planner
