#include "planner/core/duration.h"

#include <gtest/gtest.h>

namespace planner {
namespace {

using namespace date::literals;

Duration months(int n) { return Duration{n < 0, 0, n < 0 ? -n : n, 0, 0}; }

TEST(Duration, MonthEndClampsToTheLastDayOfTheMonth) {
  EXPECT_EQ(add(2026_y / 1 / 31, months(1), MonthEnd::clamp), Date{2026_y / 2 / 28});
  EXPECT_EQ(add(2028_y / 1 / 31, months(1), MonthEnd::clamp), Date{2028_y / 2 / 29});  // leap year
  EXPECT_EQ(add(2026_y / 3 / 31, months(-1), MonthEnd::clamp), Date{2026_y / 2 / 28});
  EXPECT_EQ(add(2026_y / 5 / 31, months(1), MonthEnd::clamp), Date{2026_y / 6 / 30});
  EXPECT_EQ(add(2026_y / 12 / 31, months(2), MonthEnd::clamp), Date{2027_y / 2 / 28});
  EXPECT_EQ(add(2028_y / 2 / 29, Duration{false, 1, 0, 0, 0}, MonthEnd::clamp), Date{2029_y / 2 / 28});
}

TEST(Duration, MonthEndRejectRefusesDaysTheMonthDoesNotHave) {
  EXPECT_EQ(add(2026_y / 1 / 31, months(1), MonthEnd::reject), std::nullopt);
  EXPECT_EQ(add(2026_y / 1 / 28, months(1), MonthEnd::reject), Date{2026_y / 2 / 28});
  EXPECT_EQ(add(2028_y / 1 / 31, months(1), MonthEnd::reject), std::nullopt);
}

TEST(Duration, MonthsAreAppliedBeforeDays) {
  // Jan 31 + P1M3D: Feb 28 (clamped) + 3 days = Mar 3, not Feb 31 + 3.
  EXPECT_EQ(add(2026_y / 1 / 31, Duration{false, 0, 1, 0, 3}, MonthEnd::clamp), Date{2026_y / 3 / 3});
}

TEST(Duration, WeeksAndDaysAreExact) {
  const Duration four_weeks{false, 0, 0, 4, 0};
  EXPECT_EQ(add(2026_y / 1 / 5, four_weeks, MonthEnd::reject), Date{2026_y / 2 / 2});
  EXPECT_EQ(four_weeks.exact_days(), Days{28});
  EXPECT_EQ(Duration::of_days(-28).exact_days(), Days{-28});
  EXPECT_EQ(add(2026_y / 1 / 5, Duration::of_days(-28), MonthEnd::clamp), Date{2025_y / 12 / 8});
  EXPECT_EQ(months(1).exact_days(), std::nullopt);
}

}  // namespace
}  // namespace planner
