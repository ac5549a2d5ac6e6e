#include "planner/core/visit_check.h"

#include <algorithm>
#include <limits>
#include <map>
#include <string_view>
#include <unordered_map>

#include "planner/core/scheduler.h"

namespace planner {
namespace {

constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

// One subject's plan, and the checks of its records against it, step by step.
class SubjectCheck {
 public:
  SubjectCheck(const Protocol& p, const Subject& s, const std::map<std::size_t, Date>* events)
      : p_{p},
        s_{s},
        planned_{
            plan(p, PlanRequest{s.day1, s.arm, nullptr, Prefer::earlier, nullptr, nullptr, nullptr, nullptr, events})},
        position_(p.visits.size(), kNone),
        done_(p.visits.size(), false) {
    for (std::size_t i = 0; i < planned_.size(); ++i) position_[planned_[i].visit] = i;
    index_of_.reserve(p.visits.size());
    for (std::size_t i = 0; i < p.visits.size(); ++i) index_of_.emplace(p.visits[i].id, i);
  }

  std::vector<VisitCheck> run(const std::vector<ActualVisit>& actuals, std::optional<Date> as_of) {
    std::vector<VisitCheck> out = judge_records(actuals);
    flag_order_and_dose_gaps(out);
    flag_constraints(out);
    if (as_of) add_missed(*as_of, out);
    sort_in_plan_order(out);
    return out;
  }

 private:
  // Each record in log order, against its own visit's window.
  std::vector<VisitCheck> judge_records(const std::vector<ActualVisit>& actuals) {
    std::vector<const ActualVisit*> log;
    log.reserve(actuals.size());
    for (const ActualVisit& a : actuals) log.push_back(&a);
    std::stable_sort(log.begin(), log.end(),
                     [](const ActualVisit* a, const ActualVisit* b) { return a->line < b->line; });
    std::vector<VisitCheck> out;
    out.reserve(log.size());
    for (const ActualVisit* a : log) out.push_back(judge(*a));
    return out;
  }

  VisitCheck judge(const ActualVisit& a) {
    VisitCheck c{s_.id, a.visit, std::nullopt, a.date, {}, {}, {}, {}, Verdict::in_window, a.line, {}};
    if (a.unscheduled) {
      c.verdict = Verdict::unscheduled;
      return c;
    }
    const auto found = index_of_.find(a.visit);
    const std::size_t index = found == index_of_.end() ? kNone : found->second;
    if (index != kNone && position_[index] == kNone && p_.visits[index].on && p_.visits[index].applies_to(s_.arm)) {
      c.visit_index = index;  // a conditional visit whose event date is not known: no window to judge it by
      c.verdict = Verdict::conditional;
      return c;
    }
    if (index == kNone || position_[index] == kNone) {
      c.verdict = Verdict::not_in_protocol;
      return c;
    }
    const PlannedVisit& pv = planned_[position_[index]];
    c.visit_index = index;
    c.target = pv.target;
    c.earliest = pv.earliest;
    c.latest = pv.latest;
    c.deviation = a.date - pv.target;
    if (done_[index])
      c.verdict = Verdict::duplicate;
    else if (a.date < s_.day1 && pv.target >= s_.day1)
      c.verdict = Verdict::before_day1;
    else if (a.date < pv.earliest)
      c.verdict = Verdict::early;
    else if (a.date > pv.latest)
      c.verdict = Verdict::late;
    done_[index] = true;
    return c;
  }

  // Order and dose gaps, over the first record of each visit, in plan order: only a record otherwise in
  // window gets these verdicts.
  void flag_order_and_dose_gaps(std::vector<VisitCheck>& out) const {
    std::vector<VisitCheck*> firsts;
    for (VisitCheck& c : out)
      if (c.visit_index && c.verdict != Verdict::duplicate && c.verdict != Verdict::conditional) firsts.push_back(&c);
    std::sort(firsts.begin(), firsts.end(), [&](const VisitCheck* a, const VisitCheck* b) {
      return position_[*a->visit_index] < position_[*b->visit_index];
    });
    std::optional<Date> latest_so_far;
    for (VisitCheck* c : firsts) {
      if (latest_so_far && *c->actual < *latest_so_far && c->verdict == Verdict::in_window)
        c->verdict = Verdict::out_of_order;
      latest_so_far = latest_so_far ? std::max(*latest_so_far, *c->actual) : *c->actual;
    }
    flag_rule_gaps(firsts);
    const auto gap = p_.dosing.min_gap ? p_.dosing.min_gap->exact_days() : std::nullopt;
    if (!gap) return;
    std::vector<VisitCheck*> doses;
    for (VisitCheck* c : firsts)
      if (p_.is_dose_visit(p_.visits[*c->visit_index], s_.arm)) doses.push_back(c);
    std::stable_sort(doses.begin(), doses.end(),
                     [](const VisitCheck* a, const VisitCheck* b) { return *a->actual < *b->actual; });
    for (std::size_t i = 1; i < doses.size(); ++i)
      if (*doses[i]->actual - *doses[i - 1]->actual < *gap && doses[i]->verdict == Verdict::in_window)
        doses[i]->verdict = Verdict::dose_gap;
  }

  // Constraints, over the first record of each visit: a record otherwise in window whose gap to the record it
  // is paired with breaks the constraint (the `then` record of the pair gets the verdict).
  void flag_constraints(std::vector<VisitCheck>& out) const {
    if (p_.constraints.empty()) return;
    std::map<std::size_t, Date> dates;
    std::map<std::size_t, VisitCheck*> record_of;
    for (VisitCheck& c : out)
      if (c.visit_index && c.verdict != Verdict::duplicate && record_of.emplace(*c.visit_index, &c).second)
        dates.emplace(*c.visit_index, *c.actual);
    for (const ConstraintBreach& b : broken_constraints(p_, s_.arm, dates)) {
      VisitCheck& c = *record_of.at(b.pair.then);
      if (c.verdict != Verdict::in_window) continue;
      c.verdict = Verdict::constraint;
      c.breach = b;
    }
  }

  // The doses of each [[dose_rule]], by actual date: one less than the rule's min_gap after the one before is a
  // dose gap (a dose outside the rule's span is early or late: its window is the span).
  void flag_rule_gaps(const std::vector<VisitCheck*>& firsts) const {
    for (std::size_t rule = 0; rule < p_.dose_rules.size(); ++rule) {
      std::vector<VisitCheck*> doses;
      for (VisitCheck* c : firsts)
        if (p_.visits[*c->visit_index].rule == rule) doses.push_back(c);
      std::stable_sort(doses.begin(), doses.end(),
                       [](const VisitCheck* a, const VisitCheck* b) { return *a->actual < *b->actual; });
      for (std::size_t i = 1; i < doses.size(); ++i)
        if (*doses[i]->actual - *doses[i - 1]->actual < Days{p_.dose_rules[rule].min_gap} &&
            doses[i]->verdict == Verdict::in_window)
          doses[i]->verdict = Verdict::dose_gap;
    }
  }

  // Missed: planned, no record, window closed before the as-of date.
  void add_missed(Date as_of, std::vector<VisitCheck>& out) const {
    for (const PlannedVisit& pv : planned_)
      if (!done_[pv.visit] && pv.latest < as_of)
        out.push_back({s_.id,
                       p_.visits[pv.visit].id,
                       pv.visit,
                       std::nullopt,
                       pv.target,
                       pv.earliest,
                       pv.latest,
                       std::nullopt,
                       Verdict::missed,
                       0,
                       {}});
  }

  // Plan order first (records of a visit by log line), then what is not in the protocol, by line.
  void sort_in_plan_order(std::vector<VisitCheck>& out) const {
    std::stable_sort(out.begin(), out.end(), [&](const VisitCheck& a, const VisitCheck& b) {
      const std::size_t pa = a.visit_index ? position_[*a.visit_index] : kNone;
      const std::size_t pb = b.visit_index ? position_[*b.visit_index] : kNone;
      if (pa != pb) return pa < pb;
      return a.line < b.line;
    });
  }

  const Protocol& p_;
  const Subject& s_;
  const std::vector<PlannedVisit> planned_;
  std::vector<std::size_t> position_;  // visit index -> place in the plan (kNone: not planned for the arm)
  std::unordered_map<std::string_view, std::size_t> index_of_;  // visit id -> index (ids are unique)
  std::vector<bool> done_;                                      // per visit: a first record has been judged
};

}  // namespace

std::vector<VisitCheck> check_subject(const Protocol& p, const Subject& s, const std::vector<ActualVisit>& actuals,
                                      std::optional<Date> as_of, const std::map<std::size_t, Date>* events) {
  return SubjectCheck{p, s, events}.run(actuals, as_of);
}

}  // namespace planner
