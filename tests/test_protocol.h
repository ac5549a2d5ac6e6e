// Small protocols for tests, written in the protocol format (parse_protocol is the public way to build one):
// arms A and B, the epoch tx, a dose INJ and an assessment Q, plus whatever tables a test adds.
#pragma once

#include <string>

#include "planner/io/read/protocol.h"

namespace planner::testing {

inline Protocol test_protocol(const std::string& tables) {
  return parse_protocol(R"(format = 1
[study]
id = "t"
[anchor]
event = "first dose"
[[arm]]
id = "A"
source = "test"
[[arm]]
id = "B"
source = "test"
[[epoch]]
id = "tx"
[[activity]]
id = "INJ"
kind = "dose"
product = "serum"
route = "intramuscular"
source = "test"
[[activity]]
id = "Q"
kind = "assessment"
instrument = "EASI"
)" + tables,
                        "t.toml");
}

// A [[visit]] at `at` with a window of `early`/`late` days.
inline std::string test_visit(const std::string& id, const std::string& at, int early, int late,
                              const std::string& activities = R"("INJ")", const std::string& extra = "") {
  return "[[visit]]\nid = \"" + id + "\"\nlabel = \"" + id + "\"\nepoch = \"tx\"\nat = \"" + at +
         "\"\nwindow = { early = \"P" + std::to_string(early) + "D\", late = \"P" + std::to_string(late) +
         "D\" }\nactivities = [" + activities + "]\nsource = \"test\"\n" + extra;
}

}  // namespace planner::testing
