#include "planner/core/scheduler.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <tuple>

#include "planner/core/constraint.h"
#include "planner/core/error.h"
#include "planner/core/flexible_dosing.h"

namespace planner {
namespace {

std::string iso(Date d) { return date::format("%F", d); }

// A planning thread's working lists, kept from one subject to the next so that planning a cohort does not
// allocate them for every subject (each plan starts by clearing them).
struct Scratch {
  std::vector<std::tuple<Date, std::size_t>> ready;  // visits whose target is known: a min-heap
  std::vector<Date> doses;
  std::vector<std::optional<Date>> scheduled;
};

class Planner {
 public:
  Planner(const Protocol& protocol, const Scheduler::ArmVisits& arm, const PlanRequest& request, Scratch& scratch,
          std::vector<PlannedVisit>& out)
      : p_{protocol},
        a_{arm},
        r_{request},
        ready_{scratch.ready},
        doses_{scratch.doses},
        out_{out},
        scheduled_{scratch.scheduled} {
    if (const auto& gap = p_.dosing.min_gap) min_gap_ = *gap->exact_days();
    ready_.clear();
    doses_.clear();
    out_.clear();
    scheduled_.assign(p_.visits.size(), std::nullopt);
  }

  // Plans the subject's visits into `out` (given to the constructor).
  void run() {
    // Visits whose target is known wait in a queue ordered by (target, definition order); placing a
    // visit makes the targets of the visits chained to it known.
    auto& ready = ready_;
    const auto push = [&](Date target, std::size_t i) {
      ready.emplace_back(target, i);
      std::push_heap(ready.begin(), ready.end(), std::greater<>{});
    };
    for (std::size_t i = 0; i < p_.visits.size(); ++i) {
      const Visit& v = p_.visits[i];
      if (!a_.applies[i] || v.after) continue;
      if (const auto event = occurs(v)) push(advance(event->value_or(r_.day1), v.at, v), i);
    }

    std::vector<PlannedVisit>& out = out_;
    while (!ready.empty()) {
      std::pop_heap(ready.begin(), ready.end(), std::greater<>{});
      const auto [target, index] = ready.back();
      ready.pop_back();
      out.push_back(place(index, target));
      scheduled_[index] = out.back().scheduled;
      for (const std::size_t d : a_.chained[index])
        if (occurs(p_.visits[d])) push(advance(out.back().scheduled, p_.visits[d].at, p_.visits[d]), d);
    }
    // Stable: visits on the same day keep their placement order. An insertion sort: the visits come nearly in
    // order, and a subject has few (std::stable_sort would allocate a buffer for each subject).
    const auto before = [](const PlannedVisit& a, const PlannedVisit& b) {
      return std::tie(a.scheduled, a.target) < std::tie(b.scheduled, b.target);
    };
    for (auto it = out.begin(); it != out.end(); ++it)
      std::rotate(std::upper_bound(out.begin(), it, *it, before), it, it + 1);
  }

 private:
  // " (trial.toml:40:1)": where visit `v` is defined, when known.
  static std::string where(const Visit& v) {
    if (v.where.file.empty() || v.where.line <= 0) return {};
    return " (" + v.where.file + ":" + std::to_string(v.where.line) + ":" + std::to_string(v.where.column) + ")";
  }

  // Whether visit `v` is planned for this subject: nullopt when it is conditional (`on`) and its event did not
  // occur, else the event's date for a conditional visit (nullopt inside for the others).
  std::optional<std::optional<Date>> occurs(const Visit& v) const {
    if (!v.on) return std::optional<Date>{};
    if (!r_.events) return std::nullopt;
    const auto it = r_.events->find(*v.on);
    if (it == r_.events->end()) return std::nullopt;
    return std::optional<Date>{it->second};
  }

  // `from` moved by `by` for visit `v`; PlanError when the date does not exist or is out of range.
  Date advance(Date from, const Duration& by, const Visit& v) const {
    const auto to = by.is_exact() ? std::optional<Date>{from + *by.exact_days()}
                                  : add(from, by, p_.month_end.value_or(MonthEnd::clamp));
    if (!to)
      throw PlanError{"visit " + v.id + where(v) + ": " + iso(from) +
                      " moved by a calendar duration is not a calendar date, and the protocol's month_end "
                      "rule is \"reject\""};
    if (!in_supported_range(*to))  // say where the visit's timing is written: the cause may be its offset
      throw PlanError{"visit " + v.id + where(v) + " falls on " + iso(*to) +
                      ", outside the supported dates 1900-01-01..2200-12-31"};
    return *to;
  }

  PlannedVisit place(std::size_t index, Date target) {
    const Visit& v = p_.visits[index];
    Duration early = v.window.early;
    early.negative = !early.negative;
    PlannedVisit pv{index,
                    target,
                    advance(target, early, v),
                    advance(target, v.window.late, v),
                    target,
                    VisitStatus::planned};
    const bool dose = a_.dose[index] != 0;
    length_ = a_.length[index];
    start_ = v.time ? v.time : r_.calendar ? r_.calendar->visit_time() : std::nullopt;
    if (r_.actuals) {
      if (const auto it = r_.actuals->find(index); it != r_.actuals->end()) {
        pv.scheduled = it->second;
        pv.status = it->second < pv.earliest ? VisitStatus::early
                    : it->second > pv.latest ? VisitStatus::late
                                             : VisitStatus::done;
        record(dose, it->second);
        return pv;
      }
    }
    if (v.rule) return place_rule_dose(pv);
    const auto ok = [&](Date d) {
      return is_open(d) && fits_hours(d) && has_room(d) && (!dose || gap_holds(d)) && !breaks_constraint(index, d);
    };

    if (ok(target)) {
      record(dose, target);
      return pv;
    }
    const int sign = r_.prefer == Prefer::earlier ? -1 : 1;
    const auto reach = std::max(target - pv.earliest, pv.latest - target).count();
    for (long k = 1; k <= reach; ++k) {
      for (const Date d : {target + Days{sign * k}, target - Days{sign * k}}) {
        if (d < pv.earliest || d > pv.latest || !ok(d)) continue;
        pv.scheduled = d;
        pv.status = VisitStatus::shifted;
        if (r_.moves)
          r_.moves->push_back(explain(pv, std::min(target, d + Days{1}), std::max(target, d - Days{1}), dose));
        record(dose, d);
        return pv;
      }
    }
    pv.status = VisitStatus::conflict;
    if (r_.conflicts) r_.conflicts->push_back(explain(pv, pv.earliest, pv.latest, dose));
    record(dose, target);
    return pv;
  }

  // A dose of a [[dose_rule]]: the rule's doses are placed together when the first of them comes up (its window
  // is the rule's span), and booked then; each dose takes its date when it comes up.
  PlannedVisit place_rule_dose(PlannedVisit pv) {
    const std::size_t rule = *p_.visits[pv.visit].rule;
    if (!rule_dates_.count(rule)) place_rule(rule, pv.earliest, pv.latest);
    const std::optional<Date> day = rule_dates_[rule][pv.visit];
    if (!day) {
      pv.status = VisitStatus::conflict;
      if (r_.conflicts) r_.conflicts->push_back(explain_rule(pv, pv.earliest, pv.latest, rule));
      return pv;
    }
    pv.scheduled = *day;
    if (*day != pv.target) {
      pv.status = VisitStatus::shifted;
      if (r_.moves)
        r_.moves->push_back(
            explain_rule(pv, std::min(pv.target, *day + Days{1}), std::max(pv.target, *day - Days{1}), rule));
    }
    return pv;
  }

  // Places the doses of rule `rule` of the arm that have no actual date on first..last (after its last actual
  // dose, if any) by place_doses, and books them (an unplaceable dose is booked on its target).
  void place_rule(std::size_t rule, Date first, Date last) {
    const DoseRule& r = p_.dose_rules[rule];
    const Days gap = std::max(Days{r.min_gap}, min_gap_);
    std::vector<std::size_t> open;
    std::vector<Date> targets;
    Date from = first;
    for (std::size_t i = 0; i < p_.visits.size(); ++i) {
      const Visit& v = p_.visits[i];
      if (v.rule != rule || !a_.applies[i]) continue;
      if (const auto* actual = actual_of(i)) {
        from = std::max(from, *actual + gap);
        continue;
      }
      open.push_back(i);
      targets.push_back(first + *v.window.early.exact_days());
    }
    for (Date& t : targets) t = std::clamp(t, std::min(from, last), last);
    const auto allowed = [&](Date d) { return is_open(d) && fits_hours(d) && has_room(d) && gap_holds(d); };
    const std::vector<std::optional<Date>> days = from > last ? std::vector<std::optional<Date>>(open.size())
                                                              : place_doses(from, last, targets,
                                                                            static_cast<int>(gap.count()), allowed);
    auto& placed = rule_dates_[rule];
    for (std::size_t k = 0; k < open.size(); ++k) {
      placed[open[k]] = days[k];
      record(true, days[k].value_or(targets[k]));
    }
  }

  // Why days first..last of a rule dose's span were refused: closed, full, or too near another dose (the
  // rule's own doses count with the rule's gap). Days no rule refuses are left out.
  Conflict explain_rule(const PlannedVisit& pv, Date first, Date last, std::size_t rule) const {
    const Days gap = std::max(Days{p_.dose_rules[rule].min_gap}, min_gap_);
    Conflict c{pv.visit, {}};
    for (Date d = first; d <= last; d += Days{1}) {
      Blocked b;
      b.day = d;
      if (!is_open(d)) {
        b.closure = *r_.calendar->closure(d);
      } else if (!fits_hours(d)) {
        refused_hours(b);
      } else if (!has_room(d) && !rule_dose_on(rule, d)) {
        b.why = Blocked::Why::full;
      } else if (const auto near = rule_dose_near(rule, pv.visit, d, gap)) {
        b.why = Blocked::Why::dose_gap;
        b.dose = near->second;
        b.dose_visit = near->first;
      } else if (!gap_holds(d) && !rule_dose_on(rule, d)) {
        b.why = Blocked::Why::dose_gap;
        b.dose = nearest_dose(d);
        b.dose_visit = dose_visit_on(b.dose);
      } else {
        continue;
      }
      c.days.push_back(b);
    }
    return c;
  }

  const Date* actual_of(std::size_t visit) const {
    if (!r_.actuals) return nullptr;
    const auto it = r_.actuals->find(visit);
    return it == r_.actuals->end() ? nullptr : &it->second;
  }

  bool rule_dose_on(std::size_t rule, Date d) const {
    const auto& placed = rule_dates_.at(rule);
    return std::any_of(placed.begin(), placed.end(), [&](const auto& x) { return x.second == d; });
  }

  // A placed dose of the rule (other than `self`) less than `gap` from `d`: its visit and date.
  std::optional<std::pair<std::size_t, Date>> rule_dose_near(std::size_t rule, std::size_t self, Date d,
                                                             Days gap) const {
    for (const auto& [visit, day] : rule_dates_.at(rule))
      if (visit != self && day && (*day > d ? *day - d : d - *day) < gap) return std::pair{visit, *day};
    return std::nullopt;
  }

  // Why each day first..last of `pv`'s window (refused) was refused: the first rule it fails, as ok() checks them.
  Conflict explain(const PlannedVisit& pv, Date first, Date last, bool dose) const {
    Conflict c{pv.visit, {}};
    for (Date d = first; d <= last; d += Days{1}) {
      Blocked b;
      b.day = d;
      if (!is_open(d)) {
        b.closure = *r_.calendar->closure(d);
      } else if (!fits_hours(d)) {
        refused_hours(b);
      } else if (!has_room(d)) {
        b.why = Blocked::Why::full;
      } else if (dose && !gap_holds(d)) {
        b.why = Blocked::Why::dose_gap;
        b.dose = nearest_dose(d);
        b.dose_visit = dose_visit_on(b.dose);
      } else if (const ConstraintPair* pair = breaks_constraint(pv.visit, d)) {
        b.why = Blocked::Why::constraint;
        b.constraint = pair->constraint;
        b.other_visit = pair->first == pv.visit ? pair->then : pair->first;
        b.dose = *scheduled_[b.other_visit];
      }
      c.days.push_back(b);
    }
    return c;
  }

  // The visit of the dose on `day` (placed before: it is in out_, or a rule dose booked ahead), 0 if none.
  std::size_t dose_visit_on(Date day) const {
    for (const PlannedVisit& other : out_)
      if (other.scheduled == day && a_.dose[other.visit]) return other.visit;
    for (const auto& [rule, placed] : rule_dates_)
      for (const auto& [visit, date] : placed)
        if (date == day) return visit;
    return 0;
  }

  // The dose nearest to `d` (the earlier of two equally near); there is one within min_gap when !gap_holds(d).
  Date nearest_dose(Date d) const {
    const auto after = std::lower_bound(doses_.begin(), doses_.end(), d);
    if (after == doses_.begin()) return *after;
    const Date before = *std::prev(after);
    return after != doses_.end() && *after - d < d - before ? *after : before;
  }

  bool is_open(Date d) const { return r_.calendar == nullptr || r_.calendar->is_open(d); }
  bool has_room(Date d) const { return r_.load == nullptr || r_.load->has_room(d, length_); }
  // The visit being placed fits the opening hours of `d` (at its appointment time, else anywhere in them).
  bool fits_hours(Date d) const { return r_.calendar == nullptr || r_.calendar->fits(d, start_, length_); }
  void refused_hours(Blocked& b) const {
    b.why = Blocked::Why::hours;
    b.hours = *r_.calendar->hours(date::weekday{b.day});
    b.start = start_;
    b.length = length_;
  }

  // No dose already placed is less than min_gap from `d`: the nearest one at or after d - min_gap + 1 day
  // is at least d + min_gap (a look-up in the ordered doses, not a walk over them).
  bool gap_holds(Date d) const {
    if (min_gap_ <= Days{0}) return true;
    const auto nearest = std::lower_bound(doses_.begin(), doses_.end(), d - min_gap_ + Days{1});
    return nearest == doses_.end() || *nearest >= d + min_gap_;
  }

  // The first constraint pair of visit `visit` whose other visit is placed and that `d` would break.
  const ConstraintPair* breaks_constraint(std::size_t visit, Date d) const {
    for (const ConstraintPair& pair : a_.pairs_of[visit]) {
      const bool is_then = pair.then == visit;
      const auto& other = scheduled_[is_then ? pair.first : pair.then];
      if (!other) continue;
      const Days gap = is_then ? d - *other : *other - d;
      if (!gap_keeps(p_.constraints[pair.constraint], gap)) return &pair;
    }
    return nullptr;
  }

  // A visit placed on `d` (a conflict is booked on its target: it still has to happen somewhere).
  void record(bool dose, Date d) {
    if (dose) doses_.insert(std::upper_bound(doses_.begin(), doses_.end(), d), d);
    if (r_.load) r_.load->book(d, length_);
  }

  const Protocol& p_;
  const Scheduler::ArmVisits& a_;
  const PlanRequest& r_;
  Days min_gap_{0};
  std::vector<std::tuple<Date, std::size_t>>& ready_;  // the visits whose target is known: a min-heap
  std::vector<Date>& doses_;                           // the days of the doses placed so far, in date order
  std::vector<PlannedVisit>& out_;                     // the visits placed so far, in placement order
  std::vector<std::optional<Date>>& scheduled_;        // per visit: its scheduled date once placed
  Minutes length_{0};               // the length of the visit being placed (0 when it has none), for minutes capacity
  std::optional<TimeOfDay> start_;  // its appointment time (its own, else the site's), for opening hours
  std::map<std::size_t, std::map<std::size_t, std::optional<Date>>> rule_dates_;  // rule -> visit -> its day
};

}  // namespace

std::string_view to_string(VisitStatus status) {
  switch (status) {
    case VisitStatus::planned: return "planned";
    case VisitStatus::shifted: return "shifted";
    case VisitStatus::conflict: return "conflict";
    case VisitStatus::done: return "done";
    case VisitStatus::early: return "early";
    case VisitStatus::late: return "late";
  }
  return "?";
}

Scheduler::Scheduler(const Protocol& protocol) : protocol_{protocol} {
  const std::size_t n = protocol.visits.size();
  for (const Arm& arm : protocol.arms) {
    ArmVisits a{std::vector<char>(n), std::vector<char>(n), std::vector<Minutes>(n),
                std::vector<std::vector<std::size_t>>(n), std::vector<std::vector<ConstraintPair>>(n)};
    for (std::size_t i = 0; i < n; ++i) {
      const Visit& v = protocol.visits[i];
      a.applies[i] = v.applies_to(arm.id);
      if (!a.applies[i]) continue;
      a.dose[i] = protocol.is_dose_visit(v, arm.id);
      a.length[i] = visit_length(protocol, v, arm.id).value_or(Minutes{0});
      if (v.after) a.chained[*v.after].push_back(i);
    }
    for (const ConstraintPair& pair : constraint_pairs(protocol, arm.id)) {
      if (pair.first == pair.then) continue;  // a visit with both activities: 0 days whatever its date
      a.pairs_of[pair.first].push_back(pair);
      a.pairs_of[pair.then].push_back(pair);
    }
    arms_.push_back(std::move(a));
  }
}

std::vector<PlannedVisit> Scheduler::plan(const PlanRequest& request) const {
  std::vector<PlannedVisit> out;
  plan(request, out);
  return out;
}

void Scheduler::plan(const PlanRequest& request, std::vector<PlannedVisit>& out) const {
  if (!in_supported_range(request.day1))
    throw PlanError{"Day 1 " + iso(request.day1) + " is outside the supported dates 1900-01-01..2200-12-31"};
  const Arm* arm = protocol_.find_arm(request.arm);
  if (!arm) throw PlanError{"protocol " + protocol_.study.id + " has no arm '" + request.arm + "'"};
  thread_local Scratch scratch;
  Planner{protocol_, arms_[static_cast<std::size_t>(arm - protocol_.arms.data())], request, scratch, out}.run();
}

std::vector<PlannedVisit> plan(const Protocol& protocol, const PlanRequest& request) {
  return Scheduler{protocol}.plan(request);
}

std::vector<std::size_t> activities_for(const Protocol& protocol, const Visit& visit, std::string_view arm) {
  std::vector<std::size_t> out;
  for (std::size_t a : visit.activities)
    if (protocol.activities[a].applies_to(arm)) out.push_back(a);
  return out;
}

}  // namespace planner
