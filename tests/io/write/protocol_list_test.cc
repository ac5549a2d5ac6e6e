#include "planner/io/write/protocol_list.h"

#include <gtest/gtest.h>

#include "test_protocol.h"

namespace planner {
namespace {

using testing::test_protocol;
using testing::test_visit;
using Rows = std::vector<std::vector<std::string>>;

Protocol named(Protocol p, const std::string& id, const std::string& condition) {
  p.study.id = id;
  p.study.condition = condition;
  return p;
}

TEST(ProtocolList, SortsByIdAndCountsDosesAndTheLastVisitPerArm) {
  // Arms A and B: doses at W0 and W4 for both; FU at week 8 for A only, so the last visits differ.
  const Protocol differ = named(test_protocol(test_visit("W0", "P0D", 0, 0) + test_visit("W4", "P4W", 1, 1) +
                                              test_visit("FU", "P8W", 3, 3, R"("Q")", "arms = [\"A\"]\n")),
                                "t", "atopic dermatitis");
  // The same last visit for both arms is shown once.
  const Protocol same = named(test_protocol(test_visit("W0", "P0D", 0, 0) + test_visit("W4", "P4W", 1, 1, R"("Q")")),
                              "a-first", "psoriasis");
  // A month has no fixed number of days: the last visit's week is unknown.
  const Protocol months = named(test_protocol(test_visit("W0", "P0D", 0, 0) + test_visit("M1", "P1M", 1, 1) +
                                              "[schedule]\nmonth_end = \"clamp\"\n"),
                                "m", "");
  const TextTable t = protocols_table({&differ, &same, &months});
  EXPECT_EQ(t.header, (std::vector<std::string>{"ID", "CONDITION", "ARMS", "DOSES", "LAST VISIT"}));
  EXPECT_EQ(t.right_aligned, (std::vector<bool>{false, false, false, true, false}));
  EXPECT_EQ(t.rows, (Rows{{"a-first", "psoriasis", "A/B", "1/1", "week 4"},
                          {"m", "", "A/B", "2/2", "?"},
                          {"t", "atopic dermatitis", "A/B", "2/2", "week 8/week 4"}}));
}

TEST(ProtocolList, IsEmptyWithoutProtocols) { EXPECT_EQ(protocols_table({}).rows, Rows{}); }

}  // namespace
}  // namespace planner
