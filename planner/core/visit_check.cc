#include "planner/core/visit_check.h"

#include <algorithm>
#include <limits>
#include <string_view>
#include <unordered_map>

#include "planner/core/scheduler.h"

namespace planner {

std::string_view to_string(Verdict v) {
  switch (v) {
    case Verdict::in_window: return "in-window";
    case Verdict::early: return "early";
    case Verdict::late: return "late";
    case Verdict::missed: return "missed";
    case Verdict::not_in_protocol: return "not-in-protocol";
    case Verdict::duplicate: return "duplicate";
    case Verdict::out_of_order: return "out-of-order";
    case Verdict::dose_gap: return "dose-gap";
    case Verdict::before_day1: return "before-day1";
    case Verdict::after_last_visit: return "after-last-visit";
    case Verdict::unscheduled: return "unscheduled";
    case Verdict::not_planned: return "not-planned";
  }
  return "?";
}

std::vector<VisitCheck> check_subject(const Protocol& p, const Subject& s, const std::vector<ActualVisit>& actuals,
                                      std::optional<Date> as_of) {
  const std::vector<PlannedVisit> planned = plan(p, PlanRequest{s.day1, s.arm, nullptr, Prefer::earlier});
  constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
  std::vector<std::size_t> position(p.visits.size(), kNone);  // visit index -> place in the plan
  for (std::size_t i = 0; i < planned.size(); ++i) position[planned[i].visit] = i;
  // The last planned visit: a record of another visit after its window is after the schedule ended.
  std::size_t last_visit = kNone;
  Date last = s.day1;
  for (const PlannedVisit& pv : planned)
    if (pv.latest >= last) {
      last = pv.latest;
      last_visit = pv.visit;
    }

  std::vector<const ActualVisit*> log;
  for (const ActualVisit& a : actuals) log.push_back(&a);
  std::stable_sort(log.begin(), log.end(), [](const ActualVisit* a, const ActualVisit* b) { return a->line < b->line; });

  std::unordered_map<std::string_view, std::size_t> index_of;  // visit id -> index (ids are unique)
  index_of.reserve(p.visits.size());
  for (std::size_t i = 0; i < p.visits.size(); ++i) index_of.emplace(p.visits[i].id, i);
  std::vector<VisitCheck> out;
  std::vector<bool> done(p.visits.size(), false);
  for (const ActualVisit* a : log) {
    VisitCheck c{s.id, a->visit, std::nullopt, a->date, {}, {}, {}, {}, Verdict::in_window, a->line};
    if (a->unscheduled) {
      c.verdict = Verdict::unscheduled;
      out.push_back(c);
      continue;
    }
    const auto found = index_of.find(a->visit);
    const std::size_t index = found == index_of.end() ? kNone : found->second;
    if (index == kNone || position[index] == kNone) {
      c.verdict = Verdict::not_in_protocol;
      out.push_back(c);
      continue;
    }
    const PlannedVisit& pv = planned[position[index]];
    c.visit_index = index;
    c.target = pv.target;
    c.earliest = pv.earliest;
    c.latest = pv.latest;
    c.deviation = (a->date - pv.target).count();
    if (done[index])
      c.verdict = Verdict::duplicate;
    else if (a->date < s.day1 && pv.target >= s.day1)
      c.verdict = Verdict::before_day1;
    else if (a->date > last && index != last_visit)
      c.verdict = Verdict::after_last_visit;
    else if (a->date < pv.earliest)
      c.verdict = Verdict::early;
    else if (a->date > pv.latest)
      c.verdict = Verdict::late;
    done[index] = true;
    out.push_back(c);
  }

  // Order and dose gaps, over the first record of each visit, in plan order.
  std::vector<VisitCheck*> firsts;
  for (VisitCheck& c : out)
    if (c.visit_index && c.verdict != Verdict::duplicate) firsts.push_back(&c);
  std::sort(firsts.begin(), firsts.end(),
            [&](const VisitCheck* a, const VisitCheck* b) { return position[*a->visit_index] < position[*b->visit_index]; });
  std::optional<Date> latest_so_far;
  for (VisitCheck* c : firsts) {
    if (latest_so_far && *c->actual < *latest_so_far && c->verdict == Verdict::in_window) c->verdict = Verdict::out_of_order;
    latest_so_far = latest_so_far ? std::max(*latest_so_far, *c->actual) : *c->actual;
  }
  if (const auto gap = p.dosing.min_gap ? p.dosing.min_gap->exact_days() : std::nullopt) {
    std::vector<VisitCheck*> doses;
    for (VisitCheck* c : firsts)
      if (p.is_dose_visit(p.visits[*c->visit_index], s.arm)) doses.push_back(c);
    std::stable_sort(doses.begin(), doses.end(), [](const VisitCheck* a, const VisitCheck* b) { return *a->actual < *b->actual; });
    for (std::size_t i = 1; i < doses.size(); ++i)
      if (*doses[i]->actual - *doses[i - 1]->actual < *gap && doses[i]->verdict == Verdict::in_window)
        doses[i]->verdict = Verdict::dose_gap;
  }

  // Missed: planned, no record, window closed before the as-of date.
  if (as_of)
    for (const PlannedVisit& pv : planned)
      if (!done[pv.visit] && pv.latest < *as_of)
        out.push_back({s.id, p.visits[pv.visit].id, pv.visit, std::nullopt, pv.target, pv.earliest, pv.latest,
                       std::nullopt, Verdict::missed, 0});

  // Plan order first (records of a visit by log line), then what is not in the protocol, by line.
  std::stable_sort(out.begin(), out.end(), [&](const VisitCheck& a, const VisitCheck& b) {
    const std::size_t pa = a.visit_index ? position[*a.visit_index] : kNone;
    const std::size_t pb = b.visit_index ? position[*b.visit_index] : kNone;
    if (pa != pb) return pa < pb;
    return a.line < b.line;
  });
  return out;
}

}  // namespace planner
