// What a protocol amounts to, per arm: how many doses, when the first and last dose and the last visit fall.
// Pure computations on a valid Protocol, shared by `planner protocols`, `planner show` and lint.
//
// Offsets are *nominal*: days from Day 1 as the protocol writes them, before any site closure or dose gap
// moves a visit. A chained visit (`after = "W3"`, `at = "P7D"`) is nominal W3 + 7 days.
//
//   Choi 2024, arm ASIM: doses at W0, W1, W2, W3, W4         -> doses 5, first_dose 0, last_dose 28 days
//                        last visit FU8 at P8W               -> last_visit 56 days, week_of(56 days) == 8
//   Nahm 2023, arm SERUM: doses on study days 1, 4, ... 25    -> doses 8, dose_span 24 days
//
// Published treatment durations count differently from trial to trial (Pittler: 5 weekly doses at weeks 0-4
// are "5 weeks", a span of 28 days; Nahm 2020: 8 weekly doses "over 7 weeks", a span of 49 days), so the
// summary reports the span between first and last dose and leaves the comparison to the caller.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "planner/core/date.h"
#include "planner/core/protocol.h"

namespace planner {

// The nominal offset of a visit from Day 1; nullopt when a duration on its chain counts months or years
// (its length then depends on the calendar date).
std::optional<Days> nominal_offset(const Protocol& protocol, std::size_t visit);

// Indices of the visits, all arms, in planned order: by nominal offset, then definition order; visits
// without a nominal offset (month durations) come last, in definition order.
std::vector<std::size_t> visits_in_planned_order(const Protocol& protocol);

// Week N of an offset: floor(offset / 7) (offset -1 day is week -1), and the days past it (0-6).
struct WeekAndDay {
  long week = 0;
  long day = 0;
  friend bool operator==(const WeekAndDay&, const WeekAndDay&) = default;
};
WeekAndDay week_of(Days offset);

struct ArmSummary {
  std::string arm;
  int doses = 0;                       // visits of the arm with a dose activity for the arm
  std::optional<Days> first_dose;      // nominal offsets; nullopt when there is no dose or a dose visit
  std::optional<Days> last_dose;       // has no nominal offset
  std::optional<Days> last_visit;      // the latest nominal offset of the arm's visits; nullopt when one
  std::string last_visit_id;           // of them has no nominal offset (then last_visit_id is "")

  // last_dose - first_dose, when both are known.
  std::optional<Days> dose_span() const;
};

// Throws nothing; an arm the protocol does not have gets zero doses and no visits.
ArmSummary summarize_arm(const Protocol& protocol, std::string_view arm);
// One summary per arm, in the protocol's arm order.
std::vector<ArmSummary> summarize(const Protocol& protocol);

}  // namespace planner
