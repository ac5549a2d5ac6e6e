// A small protocol and roster shared by the fuzz targets of the inputs read against a protocol (visit log,
// SDTM DM/SV, analysis records): two arms, a dose gap, visitnums with a fraction, an analysis window.
#pragma once

#include <vector>

#include "../test_protocol.h"
#include "planner/core/date.h"
#include "planner/core/subject.h"

namespace planner::fuzzing {

// The tables added to the shared test protocol (tests/test_protocol.h: arms A and B, epoch tx, the dose INJ,
// the assessment Q).
inline constexpr const char* kTables = R"([dosing]
min_gap = "P5D"
source = "fuzz"
[[visit]]
id = "SCR"
label = "Screening"
epoch = "tx"
at = "-P14D"
window = { early = "P7D", late = "P0D" }
activities = ["Q"]
visitnum = 1
source = "fuzz"
[[visit]]
id = "D1"
label = "Day 1"
epoch = "tx"
at = "P0D"
window = { early = "P0D", late = "P0D" }
activities = ["INJ", "Q"]
visitnum = 2
source = "fuzz"
[[visit]]
id = "W1"
label = "Week 1"
epoch = "tx"
after = "D1"
at = "P1W"
window = { early = "P2D", late = "P2D" }
activities = ["INJ"]
arms = ["A"]
visitnum = 3
source = "fuzz"
[[visit]]
id = "W4"
label = "Week 4"
epoch = "tx"
at = "P4W"
window = { early = "P3D", late = "P3D" }
activities = ["Q"]
visitnum = 4.5
source = "fuzz"
[[analysis_window]]
name = "Week 4"
target = 29
lower = 20
upper = 40
source = "fuzz"
)";

inline Protocol protocol() { return testing::test_protocol(kTables); }

inline std::vector<Subject> roster() {
  return {Subject{"S01", "A", "KR01", Date{date::year{2026} / 1 / 5}},
          Subject{"S02", "B", "KR01", Date{date::year{2026} / 2 / 28}},
          Subject{"01-701-1015", "A", "701", Date{date::year{2014} / 1 / 2}}};
}

}  // namespace planner::fuzzing
