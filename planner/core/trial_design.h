// A protocol seen as a CDISC trial design: the planned offset of every visit, and the elements (a planned
// period of one treatment, or none) each arm passes through.
//
// Protocol files have arms, epochs and visits but no elements, so elements are derived:
//   - an arm's element in an epoch is what the arm gets there: the epoch's visits it has and the dose
//     activities at them;
//   - arms that get the same doses in an epoch (screening, follow-up, a single-arm treatment) share one element,
//     coded from the epoch id; arms that differ (active and placebo) get one element each, coded from the arm id.
//   nahm2023 (SERUM, SALINE): SCREENIN (shared) -> SERUM | SALINE -> FOLLOWUP (shared).
//
// Visit offsets are the protocol's timeline (planner/core/timeline.h): days from Day 1 (Week 2 = 14 days,
// study day 15). A visit timed in months or years, or chained to one, has no fixed offset (its study day
// depends on Day 1): `timeline.offset(v)` is nullopt.
#pragma once

#include <string>
#include <vector>

#include "planner/core/protocol.h"
#include "planner/core/scheduler.h"
#include "planner/core/timeline.h"

namespace planner {

struct Element {
  std::string code;                // ETCD: up to 8 characters, unique
  std::string label;               // ELEMENT
  std::size_t epoch = 0;           // index into Protocol::epochs
  std::vector<std::string> arms;   // the arms that pass through it, in protocol order
  std::vector<std::size_t> doses;  // dose activities given in it (indices into Protocol::activities)
  std::size_t first_visit = 0;     // its earliest and latest visits (indices into Protocol::visits)
  std::size_t last_visit = 0;
};

struct TrialDesign {
  Timeline timeline;  // per visit: days from Day 1 of its target; time order
  // Per visit: its SDTM VISITNUM, the protocol's `visitnum` when every visit has one, else 1, 2, 3... in time
  // order (visits without an offset last). Empty when only some visits have a visitnum (ambiguous).
  std::vector<double> visitnum;
  std::vector<Element> elements;                   // in order of first visit
  std::vector<std::vector<std::size_t>> arm_path;  // per arm (protocol order): element indices, in time order
};

TrialDesign trial_design(const Protocol& protocol);

// "P2W" for 14 days, "P10D" for 10 (weeks when the days divide by 7).
std::string days_as_duration(Days days);

}  // namespace planner
