// The scheduler: one subject's visit calendar from a protocol, an arm, Day 1 and a site calendar. Each
// visit gets a target and a window, and a scheduled (proposed) date: the target when the site is open, has
// room and the dose gap holds, else the nearest such day in the window (`shifted`), else the target
// (`conflict`). The rules -- chained visits, ties, placement and output order, capacity, re-planning with
// actual dates -- are written once, in docs/scheduling.md; this file and scheduler.cc implement them.
//
//   Nahm 2023, arm SERUM, Day 1 = Mon 2026-01-05, weekends and Korean holidays closed: W8 targets
//   Mon 2026-03-02 (a substitute holiday), window 2026-02-27..2026-03-05; Tue 2026-03-03 is the nearest
//   open day, so W8 is scheduled then, status shifted, shift +1.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "planner/core/constraint.h"
#include "planner/core/date.h"
#include "planner/core/protocol.h"
#include "planner/core/site_calendar.h"
#include "planner/core/site_load.h"
#include "planner/core/study_day.h"

namespace planner {

enum class Prefer { earlier, later };
// planned/shifted/conflict: a proposed date. done/early/late: the visit happened (an actual date was given)
// in, before or after its window.
enum class VisitStatus { planned, shifted, conflict, done, early, late };

std::string_view to_string(VisitStatus status);

// Why a day of a visit's window could not take the visit (the first reason, in the order of the rules: open,
// opening hours, room, dose gap, constraint).
struct Blocked {
  enum class Why { closed, hours, full, dose_gap, constraint };
  Date day;
  Why why = Why::closed;
  Closure closure;             // closed: the closed weekday, or the closed date and its source
  Date dose;                   // dose_gap: the dose the day is too close to (less than [dosing] min_gap away)
  std::size_t dose_visit = 0;  // dose_gap: that dose's visit (index into Protocol::visits)
  // constraint: the [[constraint]] the day would break (index into Protocol::constraints), and the visit
  // already placed it is paired with, on `dose` (planner/core/constraint.h)
  std::size_t constraint = 0;
  std::size_t other_visit = 0;
  // hours: the day's opening hours, which the visit (at `start`, else any time, lasting `length`) does not fit
  OpeningHours hours;
  std::optional<TimeOfDay> start;
  Minutes length{0};

  bool operator==(const Blocked&) const = default;
};

// A visit in conflict and why: every day of its window, in date order, with the reason it was refused (for a
// shifted visit, PlanRequest::moves: the days between its target and its scheduled date).
//
//   Twice-weekly doses on days 1 and 4 (min_gap 3 days), no window, site closed on weekends, Day 1 Wednesday
//   2026-01-07: D4 targets Saturday 2026-01-10 ->
//   Conflict{visit D4, {Blocked{2026-01-10, closed, Closure{weekday}}}}
struct Conflict {
  std::size_t visit = 0;  // index into Protocol::visits
  std::vector<Blocked> days;
};

struct PlanRequest {
  Date day1;
  std::string arm;
  const SiteCalendar* calendar = nullptr;  // null: every day open
  Prefer prefer = Prefer::earlier;
  SiteLoad* load = nullptr;  // null: no capacity limit; otherwise full days are avoided and visits booked
  // Visits that already happened (index into Protocol::visits -> actual date). Their scheduled date is the
  // actual date; visits chained to them (`after`) follow that date, visits timed from Day 1 stay, and a
  // reference with no actual date keeps its planned date. The remaining visits are placed as usual, keeping
  // the dose gap to the actual doses.
  const std::map<std::size_t, Date>* actuals = nullptr;
  // When given, a Conflict is appended for every visit in conflict, in placement order (the reasons are only
  // worked out for conflicts: planning without conflicts costs nothing more).
  std::vector<Conflict>* conflicts = nullptr;
  // When given, the same for every shifted visit: the days from its target up to (not including) its
  // scheduled date, each with the reason it was refused, in date order (the report says why a visit moved:
  // W8 "2026-03-02 closed (holiday)").
  std::vector<Conflict>* moves = nullptr;
  // The dates of the events that occurred (index into Protocol::events -> date). A conditional visit (`on`) is
  // planned only when its event is here: its target is the event's date + `at` (or its `after` visit's
  // scheduled date + `at`), and it is placed like any other visit (window, closures, capacity, dose gap).
  // Null or without the event: the visit is left out of the plan.
  const std::map<std::size_t, Date>* events = nullptr;
};

struct PlannedVisit {
  std::size_t visit = 0;  // index into Protocol::visits
  Date target;
  Date earliest;
  Date latest;
  Date scheduled;
  VisitStatus status = VisitStatus::planned;

  StudyDay study_day(Date day1) const { return study_day_of(day1, target); }
  Days shift() const { return scheduled - target; }
};

// A protocol made ready to plan many subjects. What a plan needs that is the same for every subject of an arm --
// which visits apply, which are chained to which, which give a dose, how long each lasts, which constraint pairs
// each is in -- is worked out once per arm here, not once per subject (a cohort plans a million subjects of a
// few arms). plan() is const and keeps no state: one Scheduler serves every planning thread.
//
//   const Scheduler scheduler{protocol};
//   for (const Subject& s : subjects) show(scheduler.plan({s.day1, s.arm, &site.calendar}));
class Scheduler {
 public:
  explicit Scheduler(const Protocol& protocol);

  // Throws PlanError when the arm is unknown, a date falls outside 1900-01-01..2200-12-31, or a month-end
  // date is rejected by the protocol's policy.
  std::vector<PlannedVisit> plan(const PlanRequest& request) const;
  // The same into `out` (its contents replaced), reusing its room: a cohort's subjects need no new list each.
  void plan(const PlanRequest& request, std::vector<PlannedVisit>& out) const;

  const Protocol& protocol() const { return protocol_; }

  // One arm's share of the protocol, per visit (indices into Protocol::visits).
  struct ArmVisits {
    std::vector<char> applies;                          // the visit is the arm's
    std::vector<char> dose;                             // it gives the arm a dose (Protocol::is_dose_visit)
    std::vector<Minutes> length;                        // its length for the arm (visit_length; 0 when none)
    std::vector<std::vector<std::size_t>> chained;      // the arm's visits `after` it, in definition order
    std::vector<std::vector<ConstraintPair>> pairs_of;  // the constraint pairs it is in (constraint_pairs)
  };

 private:
  const Protocol& protocol_;
  std::vector<ArmVisits> arms_;  // parallel to protocol.arms
};

// One subject's plan: Scheduler{protocol}.plan(request). Planning many subjects, keep one Scheduler.
std::vector<PlannedVisit> plan(const Protocol& protocol, const PlanRequest& request);

// The activities of a visit that apply to the arm, in the visit's order (indices into activities).
std::vector<std::size_t> activities_for(const Protocol& protocol, const Visit& visit, std::string_view arm);

}  // namespace planner
