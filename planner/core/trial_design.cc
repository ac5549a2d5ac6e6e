#include "planner/core/trial_design.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace planner {
namespace {

std::optional<long> offset_of(const Protocol& p, std::size_t v, std::vector<std::optional<std::optional<long>>>& memo) {
  if (memo[v]) return *memo[v];
  const Visit& visit = p.visits[v];
  std::optional<long> out;
  if (const auto days = visit.at.exact_days()) {
    if (!visit.after)
      out = days->count();
    else if (const auto base = offset_of(p, *visit.after, memo))  // chains have no cycles (checked on load)
      out = *base + days->count();
  }
  memo[v] = out;
  return out;
}

// Upper-case letters, digits and '_' of `text`, at most 8.
std::string code_of(const std::string& text) {
  std::string out;
  for (char c : text)
    if (out.size() < 8 && (std::isalnum(static_cast<unsigned char>(c)) || c == '_'))
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out.empty() ? "E" : out;
}

// `code`, or, when taken, its first 7 characters and a digit (2..9), then 6 and two digits...
std::string unique_code(const std::string& code, std::set<std::string>& taken) {
  std::string out = code;
  for (int n = 2; !taken.insert(out).second; ++n) {
    const std::string suffix = std::to_string(n);
    out = code.substr(0, 8 - suffix.size()) + suffix;
  }
  return out;
}

}  // namespace

std::string days_as_duration(long days) {
  const std::string sign = days < 0 ? "-" : "";
  const long n = days < 0 ? -days : days;
  return sign + (n % 7 == 0 && n > 0 ? "P" + std::to_string(n / 7) + "W" : "P" + std::to_string(n) + "D");
}

TrialDesign trial_design(const Protocol& p) {
  TrialDesign out;
  std::vector<std::optional<std::optional<long>>> memo(p.visits.size());
  for (std::size_t v = 0; v < p.visits.size(); ++v) out.offset.push_back(offset_of(p, v, memo));

  // Visits in time order (visits without a fixed offset after those with one, in protocol order).
  std::vector<std::size_t> order(p.visits.size());
  for (std::size_t v = 0; v < order.size(); ++v) order[v] = v;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const auto& x = out.offset[a];
    const auto& y = out.offset[b];
    if (x.has_value() != y.has_value()) return x.has_value();
    return x && *x < *y;
  });
  std::vector<std::size_t> rank_of(order.size());  // position of each visit in time order
  for (std::size_t i = 0; i < order.size(); ++i) rank_of[order[i]] = i;
  const auto rank = [&](std::size_t v) { return rank_of[v]; };

  const auto given = std::count_if(p.visits.begin(), p.visits.end(), [](const Visit& v) { return v.visitnum.has_value(); });
  if (given == static_cast<long>(p.visits.size())) {
    for (const Visit& v : p.visits) out.visitnum.push_back(*v.visitnum);
  } else if (given == 0) {
    out.visitnum.resize(p.visits.size());
    for (std::size_t i = 0; i < order.size(); ++i) out.visitnum[order[i]] = static_cast<double>(i + 1);
  }

  // Per epoch and arm: the arm's visits there and the doses at them.
  struct Part {
    std::vector<std::size_t> visits;  // time order
    std::set<std::size_t> doses;
  };
  std::map<std::pair<std::size_t, std::size_t>, Part> parts;  // (epoch, arm) -> part
  for (std::size_t v : order)
    for (std::size_t a = 0; a < p.arms.size(); ++a) {
      const Visit& visit = p.visits[v];
      if (!visit.applies_to(p.arms[a].id)) continue;
      Part& part = parts[{visit.epoch, a}];
      part.visits.push_back(v);
      for (std::size_t act : activities_for(p, visit, p.arms[a].id))
        if (p.activities[act].kind == ActivityKind::dose) part.doses.insert(act);
    }

  // Group the arms of each epoch by their doses: one element per group.
  std::set<std::string> taken;
  std::map<std::pair<std::size_t, std::size_t>, std::size_t> element_of;  // (epoch, arm) -> element
  for (std::size_t e = 0; e < p.epochs.size(); ++e) {
    std::vector<std::pair<std::set<std::size_t>, std::vector<std::size_t>>> groups;  // doses -> arms
    std::size_t with_visits = 0;
    for (std::size_t a = 0; a < p.arms.size(); ++a) {
      const auto it = parts.find({e, a});
      if (it == parts.end()) continue;
      ++with_visits;
      auto g = std::find_if(groups.begin(), groups.end(), [&](const auto& x) { return x.first == it->second.doses; });
      if (g == groups.end()) groups.push_back({it->second.doses, {a}});
      else g->second.push_back(a);
    }
    const bool shared = groups.size() == 1 && with_visits == p.arms.size();
    for (const auto& [doses, arms] : groups) {
      Element el;
      el.epoch = e;
      el.doses.assign(doses.begin(), doses.end());
      std::string arm_labels;
      for (std::size_t a : arms) {
        el.arms.push_back(p.arms[a].id);
        arm_labels += (arm_labels.empty() ? "" : " / ") + (p.arms[a].label.empty() ? p.arms[a].id : p.arms[a].label);
      }
      el.code = unique_code(code_of(shared ? p.epochs[e].id : p.arms[arms.front()].id), taken);
      const std::string& epoch_label = p.epochs[e].label.empty() ? p.epochs[e].id : p.epochs[e].label;
      el.label = shared ? epoch_label : arm_labels + ", " + epoch_label;
      // First and last visit over the element's arms.
      std::vector<std::size_t> visits;
      for (std::size_t a : arms) {
        const Part& part = parts.at({e, a});
        visits.insert(visits.end(), part.visits.begin(), part.visits.end());
      }
      const auto [lo, hi] = std::minmax_element(visits.begin(), visits.end(),
                                                [&](std::size_t x, std::size_t y) { return rank(x) < rank(y); });
      el.first_visit = *lo;
      el.last_visit = *hi;
      for (std::size_t a : arms) element_of[{e, a}] = out.elements.size();
      out.elements.push_back(std::move(el));
    }
  }

  // Each arm's path: its elements in the order of their first visits.
  for (std::size_t a = 0; a < p.arms.size(); ++a) {
    std::vector<std::size_t>& path = out.arm_path.emplace_back();
    for (std::size_t e = 0; e < p.epochs.size(); ++e)
      if (const auto it = element_of.find({e, a}); it != element_of.end()) path.push_back(it->second);
    std::stable_sort(path.begin(), path.end(), [&](std::size_t x, std::size_t y) {
      return rank(out.elements[x].first_visit) < rank(out.elements[y].first_visit);
    });
  }
  std::vector<std::size_t> by_time(out.elements.size());
  for (std::size_t i = 0; i < by_time.size(); ++i) by_time[i] = i;
  std::stable_sort(by_time.begin(), by_time.end(), [&](std::size_t x, std::size_t y) {
    return rank(out.elements[x].first_visit) < rank(out.elements[y].first_visit);
  });
  // Renumber elements in time order.
  std::vector<std::size_t> new_index(by_time.size());
  std::vector<Element> sorted;
  for (std::size_t i = 0; i < by_time.size(); ++i) {
    new_index[by_time[i]] = i;
    sorted.push_back(std::move(out.elements[by_time[i]]));
  }
  out.elements = std::move(sorted);
  for (auto& path : out.arm_path)
    for (std::size_t& e : path) e = new_index[e];
  return out;
}

}  // namespace planner
