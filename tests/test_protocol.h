// Small protocols for tests, written in the protocol format (parse_protocol is the public way to build one):
// arms A and B, the epoch tx, a dose INJ and an assessment Q, plus whatever tables a test adds.
#pragma once

#include <string>

#include "planner/io/read/protocol.h"

namespace planner::testing {

inline Protocol test_protocol(const std::string& tables) {
  return parse_protocol(R"(format = 2
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

// A dose [[activity]] of `product` (intramuscular), with `amount` when not empty, for `arms` (a TOML list,
// empty: every arm).
inline std::string test_dose(const std::string& id, const std::string& product, const std::string& amount,
                             const std::string& arms = "") {
  return "[[activity]]\nid = \"" + id + "\"\nkind = \"dose\"\nproduct = \"" + product +
         "\"\nroute = \"intramuscular\"\n" + (amount.empty() ? "" : "amount = \"" + amount + "\"\n") +
         (arms.empty() ? "" : "arms = [" + arms + "]\n") + "source = \"test\"\n";
}

// Two doses, for counting tests: INJ (serum, no amount) and Q on W0, SAL (saline 2.5 mL, arm B only) on W0
// too; W1 a week later has INJ and SAL at the visit's 0.5 mL. Windows of 0 days.
inline Protocol test_two_dose_protocol() {
  return test_protocol(test_dose("SAL", "saline", "2.5 mL", R"("B")") +
                       test_visit("W0", "P0D", 0, 0, R"("INJ", "SAL", "Q")") +
                       test_visit("W1", "P1W", 0, 0, R"("INJ", "SAL")", "amount = \"0.5 mL\"\n"));
}

}  // namespace planner::testing
