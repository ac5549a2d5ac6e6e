#include "planner/core/scheduler.h"

#include <algorithm>
#include <iterator>
#include <set>
#include <tuple>

#include "planner/core/error.h"

namespace planner {
namespace {

std::string iso(Date d) { return date::format("%F", d); }

class Planner {
 public:
  Planner(const Protocol& protocol, const PlanRequest& request) : p_{protocol}, r_{request} {
    if (const auto& gap = p_.dosing.min_gap) min_gap_ = *gap->exact_days();
  }

  std::vector<PlannedVisit> run() {
    if (!in_supported_range(r_.day1))
      throw PlanError{"Day 1 " + iso(r_.day1) + " is outside the supported dates 1900-01-01..2200-12-31"};
    if (!p_.find_arm(r_.arm)) throw PlanError{"protocol " + p_.study.id + " has no arm '" + r_.arm + "'"};

    // Visits whose target is known wait in a queue ordered by (target, definition order); placing a
    // visit makes the targets of the visits chained to it known.
    using Ready = std::tuple<Date, std::size_t>;
    std::vector<Ready> ready;  // a min-heap
    ready.reserve(p_.visits.size());
    const auto push = [&](Date target, std::size_t i) {
      ready.emplace_back(target, i);
      std::push_heap(ready.begin(), ready.end(), std::greater<>{});
    };
    // The visits of the arm chained to each visit, in definition order (an adjacency list: one pass).
    std::vector<std::vector<std::size_t>> chained(p_.visits.size());
    for (std::size_t i = 0; i < p_.visits.size(); ++i) {
      const Visit& v = p_.visits[i];
      if (!v.applies_to(r_.arm)) continue;
      std::optional<Date> event;
      if (v.on) {  // a conditional visit: planned only when its event occurred
        if (!r_.events) continue;
        const auto it = r_.events->find(*v.on);
        if (it == r_.events->end()) continue;
        event = it->second;
      }
      if (v.after)
        chained[*v.after].push_back(i);
      else
        push(advance(event.value_or(r_.day1), v.at, v), i);
    }

    std::vector<PlannedVisit>& out = out_;
    out.reserve(p_.visits.size());
    while (!ready.empty()) {
      std::pop_heap(ready.begin(), ready.end(), std::greater<>{});
      const auto [target, index] = ready.back();
      ready.pop_back();
      out.push_back(place(index, target));
      for (const std::size_t d : chained[index]) push(advance(out.back().scheduled, p_.visits[d].at, p_.visits[d]), d);
    }
    // Stable: visits on the same day keep their placement order.
    std::stable_sort(out.begin(), out.end(), [](const PlannedVisit& a, const PlannedVisit& b) {
      return std::tie(a.scheduled, a.target) < std::tie(b.scheduled, b.target);
    });
    return std::move(out);
  }

 private:
  // " (trial.toml:40:1)": where visit `v` is defined, when known.
  static std::string where(const Visit& v) {
    if (v.where.file.empty() || v.where.line <= 0) return {};
    return " (" + v.where.file + ":" + std::to_string(v.where.line) + ":" + std::to_string(v.where.column) + ")";
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
    const bool dose = p_.is_dose_visit(v, r_.arm);
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
    const auto ok = [&](Date d) { return is_open(d) && has_room(d) && (!dose || gap_holds(d)); };

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

  // Why each day first..last of `pv`'s window (refused) was refused: the first rule it fails, as ok() checks them.
  Conflict explain(const PlannedVisit& pv, Date first, Date last, bool dose) const {
    Conflict c{pv.visit, {}};
    for (Date d = first; d <= last; d += Days{1}) {
      Blocked b;
      b.day = d;
      if (!is_open(d)) {
        b.closure = *r_.calendar->closure(d);
      } else if (!has_room(d)) {
        b.why = Blocked::Why::full;
      } else if (dose) {
        b.why = Blocked::Why::dose_gap;
        b.dose = nearest_dose(d);
        for (const PlannedVisit& other : out_)  // the visit of that dose (placed before: it is in out_)
          if (other.scheduled == b.dose && p_.is_dose_visit(p_.visits[other.visit], r_.arm)) {
            b.dose_visit = other.visit;
            break;
          }
      }
      c.days.push_back(b);
    }
    return c;
  }

  // The dose nearest to `d` (the earlier of two equally near); there is one within min_gap when !gap_holds(d).
  Date nearest_dose(Date d) const {
    const auto after = doses_.lower_bound(d);
    if (after == doses_.begin()) return *after;
    const Date before = *std::prev(after);
    return after != doses_.end() && *after - d < d - before ? *after : before;
  }

  bool is_open(Date d) const { return r_.calendar == nullptr || r_.calendar->is_open(d); }
  bool has_room(Date d) const { return r_.load == nullptr || r_.load->has_room(d); }

  // No dose already placed is less than min_gap from `d`: the nearest one at or after d - min_gap + 1 day
  // is at least d + min_gap (a look-up in the ordered doses, not a walk over them).
  bool gap_holds(Date d) const {
    if (min_gap_ <= Days{0}) return true;
    const auto nearest = doses_.lower_bound(d - min_gap_ + Days{1});
    return nearest == doses_.end() || *nearest >= d + min_gap_;
  }

  // A visit placed on `d` (a conflict is booked on its target: it still has to happen somewhere).
  void record(bool dose, Date d) {
    if (dose) doses_.insert(d);
    if (r_.load) r_.load->book(d);
  }

  const Protocol& p_;
  const PlanRequest& r_;
  Days min_gap_{0};
  std::multiset<Date> doses_;      // the days of the doses placed so far
  std::vector<PlannedVisit> out_;  // the visits placed so far, in placement order
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

std::vector<PlannedVisit> plan(const Protocol& protocol, const PlanRequest& request) {
  return Planner{protocol, request}.run();
}

std::vector<std::size_t> activities_for(const Protocol& protocol, const Visit& visit, std::string_view arm) {
  std::vector<std::size_t> out;
  for (std::size_t a : visit.activities)
    if (protocol.activities[a].applies_to(arm)) out.push_back(a);
  return out;
}

}  // namespace planner
