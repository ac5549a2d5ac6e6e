// What a protocol amounts to, per arm: how many doses, when the first and last dose and the last visit fall.
// Pure computations on a valid Protocol, shared by `planner protocols`, `planner show` and lint.
//
// Offsets are *nominal* (planner/core/timeline.h): days from Day 1 as the protocol writes them, before any
// site closure or dose gap moves a visit. A chained visit (`after = "W3"`, `at = "P7D"`) is nominal W3 + 7 days.
//
//   Choi 2024, arm ASIM: doses at W0, W1, W2, W3, W4         -> doses 5, first_dose 0, last_dose 28 days
//                        last visit FU8 at P8W               -> last_visit 56 days, week_of(56 days) == 8
//   Nahm 2023, arm SERUM: doses on study days 1, 4, ... 25    -> doses 8, dose_span 24 days
//   CDISC pilot, arm Pbo: a patch a day at home from BL to WK26 -> doses 0, home_doses 182
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
#include "planner/core/timeline.h"

namespace planner {

struct ArmSummary {
  std::string arm;
  int doses = 0;  // visits of the arm with a dose activity for the arm
  // Doses of the arm's dosing periods ([[dosing_period]]) between the nominal dates of their `from` and `to`
  // visits, every `every` days: at home (place = "home") and at the site. nullopt when a period's visit has no
  // nominal offset. The CDISC pilot's Xan_Hi: 14 + 154 + 14 daily patches at home, home_doses 182.
  std::optional<long> home_doses = 0;
  std::optional<long> site_period_doses = 0;
  std::optional<Days> first_dose;  // nominal offsets; nullopt when there is no dose or a dose visit
  std::optional<Days> last_dose;   // has no nominal offset
  std::optional<Days> last_visit;  // the latest nominal offset of the arm's visits; nullopt when one
  std::string last_visit_id;       // of them has no nominal offset (then last_visit_id is "")

  // last_dose - first_dose, when both are known.
  std::optional<Days> dose_span() const;
};

// Throws nothing; an arm the protocol does not have gets zero doses and no visits. `timeline` is the
// protocol's (the overload without it builds one).
ArmSummary summarize_arm(const Protocol& protocol, const Timeline& timeline, std::string_view arm);
ArmSummary summarize_arm(const Protocol& protocol, std::string_view arm);
// One summary per arm, in the protocol's arm order.
std::vector<ArmSummary> summarize(const Protocol& protocol);

}  // namespace planner
