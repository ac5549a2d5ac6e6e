#include "planner/io/write/soa.h"

#include <gtest/gtest.h>

#include "test_protocol.h"

namespace planner {
namespace {

using testing::test_protocol;
using testing::test_visit;
using Rows = std::vector<std::vector<std::string>>;

// Arms A and B; INJ for both (2 mL at W1, set by the visit), INJ_B for B only, Q at W0 and at FU (A only).
const Protocol& protocol() {
  static const Protocol p = test_protocol(
      "[[activity]]\nid = \"INJ_B\"\nkind = \"dose\"\nproduct = \"saline\"\nroute = \"intramuscular\"\n"
      "arms = [\"B\"]\nsource = \"test\"\n" +
      test_visit("FU", "P4W", 3, 3, R"("Q")", "arms = [\"A\"]\n") +  // defined first, planned last
      test_visit("W0", "P0D", 0, 0, R"("INJ", "INJ_B", "Q")") +
      test_visit("W1", "P1W", 1, 1, R"("INJ")", "amount = \"2 mL\"\n"));
  return p;
}

TEST(Soa, ShowsEveryArmWithArmSpecificRowsAndVisitsLabelled) {
  const TextTable t = soa_table(protocol(), std::nullopt);
  // Visits in planned order (day 1, 8, 29), not in the order of the file.
  EXPECT_EQ(t.header, (std::vector<std::string>{"ACTIVITY", "WHAT", "W0", "W1", "FU"}));
  EXPECT_EQ(t.rows, (Rows{{"study day", "", "1", "8", "29"},
                          {"week", "", "0", "1", "4"},
                          {"window", "", "±0d", "±1d", "±3d"},
                          {"arms", "", "all", "all", "A"},  // FU is for arm A only
                          {"INJ", "serum, amount set per visit, intramuscular", "X", "2 mL", ""},
                          {"Q", "EASI (secondary)", "X", "", "X"},
                          {"INJ_B [B]", "saline, amount not stated, intramuscular", "X", "", ""}}));
}

TEST(Soa, ShowsOneArmsVisitsAndActivitiesOnly) {
  const TextTable t = soa_table(protocol(), std::string{"B"});
  EXPECT_EQ(t.header, (std::vector<std::string>{"ACTIVITY", "WHAT", "W0", "W1"}));  // no FU
  EXPECT_EQ(t.rows, (Rows{{"study day", "", "1", "8"},
                          {"week", "", "0", "1"},
                          {"window", "", "±0d", "±1d"},  // no "arms" row for one arm
                          {"INJ", "serum, amount set per visit, intramuscular", "X", "2 mL"},
                          {"Q", "EASI (secondary)", "X", ""},
                          {"INJ_B", "saline, amount not stated, intramuscular", "X", ""}}));
  const TextTable a = soa_table(protocol(), std::string{"A"});
  ASSERT_EQ(a.rows.size(), 5u);  // three header rows, INJ and Q: INJ_B is not arm A's
  EXPECT_EQ(a.rows[4], (std::vector<std::string>{"Q", "EASI (secondary)", "X", "", "X"}));
}

}  // namespace
}  // namespace planner
