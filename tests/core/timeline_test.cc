// The timeline of a protocol: nominal offsets, planned study days and the planned order of visits, on small
// protocols whose expected values follow from their `at` durations by hand (1W = 7 days; the study day is
// offset + 1 from Day 1 on, and the offset itself before Day 1: there is no day 0).
#include "planner/core/timeline.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_protocol.h"

namespace planner {
namespace {

using testing::test_protocol;

std::string visit(const std::string& id, const std::string& at, const std::string& extra = "") {
  return testing::test_visit(id, at, 0, 0, R"("INJ")", extra);
}

std::string after(const std::string& id) { return "after = \"" + id + "\"\n"; }

const std::string kMonthEnd = "[schedule]\nmonth_end = \"clamp\"\n";

std::vector<std::string> ids(const Protocol& p, const std::vector<std::size_t>& visits) {
  std::vector<std::string> out;
  out.reserve(visits.size());
  for (std::size_t i : visits) out.push_back(p.visits[i].id);
  return out;
}

TEST(Timeline, ChainedVisitsAddTheirReferencesOffset) {
  // W3 = 3 weeks = 21 days; X = W3 + 10 = 31; Y = X + 2 = 33, study day 34.
  const Protocol p = test_protocol(visit("W0", "P0D") + visit("W3", "P3W") + visit("X", "P10D", after("W3")) +
                                   visit("Y", "P2D", after("X")));
  const Timeline t{p};
  EXPECT_EQ(t.offset(0), Days{0});
  EXPECT_EQ(t.offset(1), Days{21});
  EXPECT_EQ(t.offset(2), Days{31});
  EXPECT_EQ(t.offset(3), Days{33});
  EXPECT_EQ(t.study_day(3)->number(), 34);
}

TEST(Timeline, ChainsMayReferToVisitsDefinedLater) {
  // A is defined first but chained to C (-P1W = -7 days): C = 14, B = C + 1 = 15, A = C - 7 = 7.
  const Protocol p = test_protocol(visit("A", "-P1W", after("C")) + visit("B", "P1D", after("C")) + visit("C", "P2W"));
  const Timeline t{p};
  EXPECT_EQ(t.offset(0), Days{7});
  EXPECT_EQ(t.offset(1), Days{15});
  EXPECT_EQ(t.offset(2), Days{14});
  EXPECT_EQ(ids(p, t.planned_order()), (std::vector<std::string>{"A", "C", "B"}));
}

TEST(Timeline, StudyDaysSkipDayZero) {
  // Offsets -7, -1, 0, 6: study days -7, -1, 1, 7.
  const Protocol p = test_protocol(visit("S7", "-P1W") + visit("S1", "-P1D") + visit("D1", "P0D") + visit("D7", "P6D"));
  const Timeline t{p};
  EXPECT_EQ(t.study_day(0)->number(), -7);
  EXPECT_EQ(t.study_day(1)->number(), -1);
  EXPECT_EQ(t.study_day(2)->number(), 1);
  EXPECT_EQ(t.study_day(3)->number(), 7);
  EXPECT_EQ(*t.study_day(2) - *t.study_day(1), Days{1});  // the day before Day 1 is one day before it
}

TEST(Timeline, MonthDurationsAndTheirChainsHaveNoOffset) {
  const Protocol p = test_protocol(kMonthEnd + visit("W0", "P0D") + visit("M1", "P1M") +
                                   visit("F", "P7D", after("M1")));
  const Timeline t{p};
  EXPECT_EQ(t.offset(0), Days{0});
  EXPECT_EQ(t.offset(1), std::nullopt);
  EXPECT_EQ(t.offset(2), std::nullopt);
  EXPECT_EQ(t.study_day(2), std::nullopt);
}

TEST(Timeline, PlannedOrderIsOffsetThenDefinitionOrderThenNoOffset) {
  // Offsets: W2 14, SCR -7, W0 0, W0b 0, M1 none, X = SCR + 1 = -6. Ties (W0, W0b) keep definition order;
  // M1, without an offset, comes last.
  const Protocol p = test_protocol(kMonthEnd + visit("W2", "P2W") + visit("SCR", "-P1W") + visit("W0", "P0D") +
                                   visit("W0b", "P0D") + visit("M1", "P1M") + visit("X", "P1D", after("SCR")));
  const Timeline t{p};
  EXPECT_EQ(ids(p, t.planned_order()), (std::vector<std::string>{"SCR", "X", "W0", "W0b", "W2", "M1"}));
  const std::vector<std::size_t> expected_rank{4, 0, 2, 3, 5, 1};  // per visit, in definition order
  for (std::size_t v = 0; v < p.visits.size(); ++v) EXPECT_EQ(t.rank(v), expected_rank[v]) << p.visits[v].id;
}

TEST(Timeline, LongChainsAreWalkedOnce) {
  // V0 at Day 1, each next visit 1 day after the one before: visit k is at offset k.
  std::string visits = visit("V0", "P0D");
  constexpr int kVisits = 1000;
  for (int k = 1; k < kVisits; ++k) visits += visit("V" + std::to_string(k), "P1D", after("V" + std::to_string(k - 1)));
  const Protocol p = test_protocol(visits);
  const Timeline t{p};
  for (std::size_t k = 0; k < p.visits.size(); ++k) ASSERT_EQ(t.offset(k), Days{static_cast<int>(k)});
  EXPECT_EQ(t.rank(kVisits - 1), static_cast<std::size_t>(kVisits - 1));
}

TEST(Timeline, WeekOfFloorsTowardsEarlierWeeks) {
  // 0..6 days are week 0; 7 is week 1; 24 = 3 * 7 + 3; -1 is the last day of week -1; -28 = -4 * 7.
  EXPECT_EQ(week_of(Days{0}), (WeekAndDay{0, Days{0}}));
  EXPECT_EQ(week_of(Days{6}), (WeekAndDay{0, Days{6}}));
  EXPECT_EQ(week_of(Days{7}), (WeekAndDay{1, Days{0}}));
  EXPECT_EQ(week_of(Days{24}), (WeekAndDay{3, Days{3}}));
  EXPECT_EQ(week_of(Days{-1}), (WeekAndDay{-1, Days{6}}));
  EXPECT_EQ(week_of(Days{-7}), (WeekAndDay{-1, Days{0}}));
  EXPECT_EQ(week_of(Days{-28}), (WeekAndDay{-4, Days{0}}));
  for (int n = -400; n <= 400; ++n) {  // round trip
    const WeekAndDay w = week_of(Days{n});
    EXPECT_EQ(Days{7 * w.week} + w.day, Days{n});
    EXPECT_TRUE(Days{0} <= w.day && w.day < Days{7});
  }
}

}  // namespace
}  // namespace planner
