// Home dosing: the days a dosing period gives its dose, and how much product each of its dispensing visits
// hands out. A period follows its visits: it starts on the date of its `from` visit and ends the day before
// its `to` visit, so the dose days move with the visits' scheduled (or actual) dates.
//
//   A patch daily from BL to WK2; BL scheduled Mon 2026-01-05, WK2 Mon 2026-01-19:
//   dose_days(2026-01-05, 2026-01-19, 1)  == 2026-01-05, 2026-01-06, ..., 2026-01-18   (14 days)
//   dose_days(2026-01-05, 2026-01-19, 3)  == 2026-01-05, 2026-01-08, ..., 2026-01-17   (5 days)
//
//   Arm Xan_Hi, period WK2 -> WK24 at 81 mg, dispensed at WK2, WK4, ..., WK20, all on their targets: WK2
//   hands out the doses until WK4 (14 x 81 mg = 1134 mg), ..., WK20 the 28 doses until WK24 (2268 mg).
//   dispensing(protocol, period, "Xan_Hi", visits) == {{WK2, 14 doses, 81 mg}, ..., {WK20, 28 doses, 81 mg}}
//
// A dispensing visit hands out the doses from its own date up to (not including) the date of the period's
// next dispensing visit, or of `to` for the last; doses before the first dispensing visit are handed out by
// it too.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "planner/core/date.h"
#include "planner/core/dose.h"
#include "planner/core/protocol.h"
#include "planner/core/scheduler.h"

namespace planner {

// from, from + every, from + 2 x every, ... while before `to` (none when `to` is not after `from`).
std::vector<Date> dose_days(Date from, Date to, int every);

// The dose days of the period for a subject of `arm` with these planned (or re-planned) visits: from the
// scheduled dates of its `from` and `to` visits. Empty when the period does not apply to the arm.
std::vector<Date> period_dose_days(const Protocol& protocol, const DosingPeriod& period, std::string_view arm,
                                   const std::vector<PlannedVisit>& visits);

// What one dispensing visit hands out for a period: `doses` doses of `amount` each (nullopt: unstated).
struct Dispensing {
  std::size_t visit = 0;  // index into Protocol::visits
  Date date;              // the visit's scheduled date
  long doses = 0;
  std::optional<Amount> amount;
};

// The period's dispensing visits of the arm, by date, each with the doses it hands out.
std::vector<Dispensing> dispensing(const Protocol& protocol, const DosingPeriod& period, std::string_view arm,
                                   const std::vector<PlannedVisit>& visits);

}  // namespace planner
