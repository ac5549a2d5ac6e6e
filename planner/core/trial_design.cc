#include "planner/core/trial_design.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace planner {
namespace {

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

// The protocol's visitnums when every visit has one; 1, 2, 3... in time order when none has; else empty.
std::vector<double> visit_numbers(const Protocol& p, const Timeline& timeline) {
  std::vector<double> out;
  const auto given = std::count_if(p.visits.begin(), p.visits.end(),
                                   [](const Visit& v) { return v.visitnum.has_value(); });
  if (given == static_cast<long>(p.visits.size())) {
    for (const Visit& v : p.visits) out.push_back(*v.visitnum);
  } else if (given == 0) {
    out.resize(p.visits.size());
    for (std::size_t v = 0; v < p.visits.size(); ++v) out[v] = static_cast<double>(timeline.rank(v) + 1);
  }
  return out;
}

// What one arm gets in one epoch: its visits there and the doses at them.
struct Part {
  std::vector<std::size_t> visits;  // time order
  std::set<std::size_t> doses;
};
using Parts = std::map<std::pair<std::size_t, std::size_t>, Part>;  // (epoch, arm) -> part

Parts parts_of(const Protocol& p, const Timeline& timeline) {
  Parts parts;
  for (std::size_t v : timeline.planned_order())
    for (std::size_t a = 0; a < p.arms.size(); ++a) {
      const Visit& visit = p.visits[v];
      if (!visit.applies_to(p.arms[a].id) || visit.on) continue;  // elements: the planned course of each arm
      Part& part = parts[{visit.epoch, a}];
      part.visits.push_back(v);
      for (std::size_t act : activities_for(p, visit, p.arms[a].id))
        if (p.activities[act].kind == ActivityKind::dose) part.doses.insert(act);
    }
  return parts;
}

// The arms of epoch `e` grouped by the doses they get there (groups in order of their first arm), and whether
// one group holds every arm (the element is then shared).
struct EpochGroups {
  std::vector<std::pair<std::set<std::size_t>, std::vector<std::size_t>>> groups;  // doses -> arms
  bool shared = false;
};

EpochGroups group_arms(const Protocol& p, const Parts& parts, std::size_t e) {
  EpochGroups out;
  std::size_t with_visits = 0;
  for (std::size_t a = 0; a < p.arms.size(); ++a) {
    const auto it = parts.find({e, a});
    if (it == parts.end()) continue;
    ++with_visits;
    auto g = std::find_if(out.groups.begin(), out.groups.end(),
                          [&](const auto& x) { return x.first == it->second.doses; });
    if (g == out.groups.end())
      out.groups.push_back({it->second.doses, {a}});
    else
      g->second.push_back(a);
  }
  out.shared = out.groups.size() == 1 && with_visits == p.arms.size();
  return out;
}

// The element of epoch `e` for the arms `arms` that get `doses` there; its code is not yet unique.
Element element_of_group(const Protocol& p, const Parts& parts, const Timeline& timeline, std::size_t e,
                         const std::set<std::size_t>& doses, const std::vector<std::size_t>& arms, bool shared) {
  Element el;
  el.epoch = e;
  el.doses.assign(doses.begin(), doses.end());
  std::string arm_labels;
  for (std::size_t a : arms) {
    el.arms.push_back(p.arms[a].id);
    arm_labels += (arm_labels.empty() ? "" : " / ") + (p.arms[a].label.empty() ? p.arms[a].id : p.arms[a].label);
  }
  el.code = code_of(shared ? p.epochs[e].id : p.arms[arms.front()].id);
  const std::string& epoch_label = p.epochs[e].label.empty() ? p.epochs[e].id : p.epochs[e].label;
  el.label = shared ? epoch_label : arm_labels + ", " + epoch_label;
  // First and last visit over the element's arms.
  std::vector<std::size_t> visits;
  for (std::size_t a : arms) {
    const Part& part = parts.at({e, a});
    visits.insert(visits.end(), part.visits.begin(), part.visits.end());
  }
  const auto [lo, hi] = std::minmax_element(visits.begin(), visits.end(), [&](std::size_t x, std::size_t y) {
    return timeline.rank(x) < timeline.rank(y);
  });
  el.first_visit = *lo;
  el.last_visit = *hi;
  return el;
}

// Elements in order of their first visits, each arm's path renumbered to match.
void sort_elements_in_time_order(TrialDesign& d) {
  const auto earlier = [&](std::size_t x, std::size_t y) {
    return d.timeline.rank(d.elements[x].first_visit) < d.timeline.rank(d.elements[y].first_visit);
  };
  for (auto& path : d.arm_path) std::stable_sort(path.begin(), path.end(), earlier);
  std::vector<std::size_t> by_time(d.elements.size());
  for (std::size_t i = 0; i < by_time.size(); ++i) by_time[i] = i;
  std::stable_sort(by_time.begin(), by_time.end(), earlier);
  std::vector<std::size_t> new_index(by_time.size());
  std::vector<Element> sorted;
  for (std::size_t i = 0; i < by_time.size(); ++i) {
    new_index[by_time[i]] = i;
    sorted.push_back(std::move(d.elements[by_time[i]]));
  }
  d.elements = std::move(sorted);
  for (auto& path : d.arm_path)
    for (std::size_t& e : path) e = new_index[e];
}

}  // namespace

std::string days_as_duration(Days days) {
  const std::string sign = days < Days{0} ? "-" : "";
  const long n = days < Days{0} ? -days.count() : days.count();
  return sign + (n % 7 == 0 && n > 0 ? "P" + std::to_string(n / 7) + "W" : "P" + std::to_string(n) + "D");
}

TrialDesign trial_design(const Protocol& p) {
  TrialDesign out{Timeline{p}, {}, {}, {}};
  out.visitnum = visit_numbers(p, out.timeline);
  const Parts parts = parts_of(p, out.timeline);

  // One element per epoch and group of arms that get the same doses there.
  std::set<std::string> taken;
  std::map<std::pair<std::size_t, std::size_t>, std::size_t> element_of;  // (epoch, arm) -> element
  for (std::size_t e = 0; e < p.epochs.size(); ++e) {
    const EpochGroups g = group_arms(p, parts, e);
    for (const auto& [doses, arms] : g.groups) {
      Element el = element_of_group(p, parts, out.timeline, e, doses, arms, g.shared);
      el.code = unique_code(el.code, taken);
      for (std::size_t a : arms) element_of[{e, a}] = out.elements.size();
      out.elements.push_back(std::move(el));
    }
  }

  // Each arm's path: its elements, put in time order below with the elements themselves.
  for (std::size_t a = 0; a < p.arms.size(); ++a) {
    std::vector<std::size_t>& path = out.arm_path.emplace_back();
    for (std::size_t e = 0; e < p.epochs.size(); ++e)
      if (const auto it = element_of.find({e, a}); it != element_of.end()) path.push_back(it->second);
  }
  sort_elements_in_time_order(out);
  return out;
}

}  // namespace planner
