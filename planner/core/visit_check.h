// Actual visits against the plan: for one subject, which visits were in window, early or late, which were
// missed, and what in the visit log cannot be right (a visit not in the protocol, a duplicate, visits out of
// order, doses closer than the minimum gap, a [[constraint]] broken, a visit before Day 1).
//
// The plan is the protocol's (no site closures): target = Day 1 + offset, window = [target - early,
// target + late]; deviation = actual - target in days (negative: early). A record of a protocol visit is
// judged by that visit's own window, however far outside it lies:
//
//   Nahm 2023, Day 1 2026-01-05, W8 (target 2026-03-02, window 02-27..03-05) done 2026-03-07:
//   verdict late, deviation +5.
//   The same W8 done 2026-09-01, after the window of the last visit: still late (+183), counted in W8's
//   late records.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "planner/core/constraint.h"
#include "planner/core/protocol.h"
#include "planner/core/subject.h"
#include "planner/core/verdict.h"

namespace planner {

struct ActualVisit {
  std::string subject;
  std::string visit;  // visit code as in the log
  Date date;
  int line = 0;              // in the visit log
  bool unscheduled = false;  // an unscheduled visit (SDTM VISITNUM with a fraction no visit has)
};

struct VisitCheck {
  std::string subject;
  std::string visit;
  std::optional<std::size_t> visit_index;  // into Protocol::visits, when the visit is in the protocol
  std::optional<Date> actual;
  std::optional<Date> target, earliest, latest;
  std::optional<Days> deviation;  // actual - target (negative: early)
  Verdict verdict = Verdict::in_window;
  int line = 0;                            // visit-log line, 0 for a missed visit
  std::optional<ConstraintBreach> breach;  // verdict constraint: the pair (this record is its `then`) and gap
};

// Checks one subject's actual visits (in any order) against the plan. `as_of`: planned visits whose window
// closed before it and that have no actual are missed. Rows come in plan order, then the rest in log order.
// `events`: the dates of the subject's events (index into Protocol::events), as PlanRequest::events. A record
// of a conditional visit whose event is there is judged by the window planned from the event's date (and is
// missed like any visit); without the event it gets the verdict `conditional` (every record of it: an event
// such as an AE may recur), never `not-in-protocol`.
std::vector<VisitCheck> check_subject(const Protocol& protocol, const Subject& subject,
                                      const std::vector<ActualVisit>& actuals, std::optional<Date> as_of,
                                      const std::map<std::size_t, Date>* events = nullptr);

}  // namespace planner
