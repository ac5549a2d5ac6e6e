// Actual visits against the plan: for one subject, which visits were in window, early or late, which were
// missed, and what in the visit log cannot be right (a visit not in the protocol, a duplicate, visits out of
// order, doses closer than the minimum gap, a visit before Day 1 or after the last planned visit).
//
// The plan is the protocol's (no site closures): target = Day 1 + offset, window = [target - early,
// target + late]; deviation = actual - target in days (negative: early).
//
//   Nahm 2023, Day 1 2026-01-05, W8 (target 2026-03-02, window 02-27..03-05) done 2026-03-07:
//   verdict late, deviation +5.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "planner/core/protocol.h"
#include "planner/core/subject.h"

namespace planner {

struct ActualVisit {
  std::string subject;
  std::string visit;  // visit code as in the log
  Date date;
  int line = 0;             // in the visit log
  bool unscheduled = false;  // an unscheduled visit (SDTM VISITNUM with a fraction no visit has)
};

enum class Verdict {
  in_window,
  early,
  late,
  missed,           // no actual, window closed before the as-of date
  not_in_protocol,  // not a visit of the subject's arm
  duplicate,        // a second record of the same visit
  out_of_order,     // done before a visit planned earlier
  dose_gap,         // a dose closer to the previous dose than [dosing] min_gap
  before_day1,      // a visit planned on or after Day 1, done before it
  after_last_visit,  // done after the window of the subject's last planned visit (a late record of that
                     // last visit itself is simply late)
  unscheduled,       // an unscheduled visit: reported, not a deviation
  not_planned        // a record of a subject who has no Day 1 (a screen failure): reported, not a deviation
};
std::string_view to_string(Verdict v);
// True for the verdicts a monitor must look at.
constexpr bool is_deviation(Verdict v) {
  return v != Verdict::in_window && v != Verdict::unscheduled && v != Verdict::not_planned;
}

struct VisitCheck {
  std::string subject;
  std::string visit;
  std::optional<std::size_t> visit_index;  // into Protocol::visits, when the visit is in the protocol
  std::optional<Date> actual;
  std::optional<Date> target, earliest, latest;
  std::optional<long> deviation;  // actual - target, days
  Verdict verdict = Verdict::in_window;
  int line = 0;  // visit-log line, 0 for a missed visit
};

// Checks one subject's actual visits (in any order) against the plan. `as_of`: planned visits whose window
// closed before it and that have no actual are missed. Rows come in plan order, then the rest in log order.
std::vector<VisitCheck> check_subject(const Protocol& protocol, const Subject& subject,
                                      const std::vector<ActualVisit>& actuals, std::optional<Date> as_of);

}  // namespace planner
