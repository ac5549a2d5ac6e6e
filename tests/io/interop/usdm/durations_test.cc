// USDM durations in planner's terms: kept as written when whole, else days rounded down or to the nearest.
#include "planner/io/interop/usdm/durations.h"

#include <gtest/gtest.h>

namespace planner::usdm {
namespace {

// "P2W" or "P2D~" (approximated) or "none"
std::string converted(std::string_view text, Rounding rounding) {
  const auto full = parse_full_duration(text);
  if (!full) return "not a duration";
  const auto d = to_planner(*full, rounding);
  if (!d) return "none";
  return format_duration(d->value) + (d->approximated ? "~" : "");
}

TEST(UsdmDurations, WholeDurationsStayAsWritten) {
  EXPECT_EQ(converted("P2W", Rounding::nearest), "P2W");
  EXPECT_EQ(converted("P1Y2M3W4D", Rounding::nearest), "P1Y2M3W4D");
  EXPECT_EQ(converted("P0D", Rounding::down), "P0D");
  EXPECT_EQ(converted("PT48H", Rounding::nearest), "P2D");  // exactly two days: not approximated
}

TEST(UsdmDurations, TimesAndFractionsBecomeDays) {
  EXPECT_EQ(converted("PT36H", Rounding::nearest), "P2D~");
  EXPECT_EQ(converted("PT36H", Rounding::down), "P1D~");
  EXPECT_EQ(converted("P1DT12H", Rounding::down), "P1D~");
  EXPECT_EQ(converted("PT4H", Rounding::down), "P0D~");
  EXPECT_EQ(converted("P1.5W", Rounding::nearest), "P11D~");     // 10.5 days, rounded half up
  EXPECT_EQ(converted("P1.5M", Rounding::nearest), "P1M15D~");   // half of 30.436875 days
  EXPECT_EQ(converted("P1.5Y", Rounding::nearest), "P1Y183D~");  // half of 365.2425 days
}

TEST(UsdmDurations, PlannerBoundsAreTheNamedLimits) {
  const auto n = [](int v) { return std::to_string(v); };
  EXPECT_EQ(converted("P" + n(kMaxDurationYears) + "Y", Rounding::nearest), "P" + n(kMaxDurationYears) + "Y");
  EXPECT_EQ(converted("P" + n(kMaxDurationYears + 1) + "Y", Rounding::nearest), "none");
  EXPECT_EQ(converted("P" + n(kMaxDurationMonths + 1) + "M", Rounding::nearest), "none");
  EXPECT_EQ(converted("P" + n(kMaxDurationDays) + "D", Rounding::nearest), "P" + n(kMaxDurationDays) + "D");
  EXPECT_EQ(converted("P" + n(kMaxDurationDays + 1) + "D", Rounding::nearest), "none");
  EXPECT_EQ(converted("PT" + n(kMaxDurationDays * 24 + 12) + "H", Rounding::nearest), "none");  // rounds up past
  // weeks count against the bound on days (planner's own P15715W is beyond it)
  EXPECT_EQ(converted("P" + n(kMaxDurationDays / 7) + "W", Rounding::nearest), "P" + n(kMaxDurationDays / 7) + "W");
  EXPECT_EQ(converted("P" + n(kMaxDurationDays / 7 + 1) + "W", Rounding::nearest), "none");
  EXPECT_EQ(planner_duration_limits(), "at most 300 years, 3600 months or 110000 days");
}

TEST(UsdmDurations, ApproximateDaysOrderVisits) {
  EXPECT_DOUBLE_EQ(approximate_days(Duration{false, 0, 0, 2, 1}), 15);
  EXPECT_DOUBLE_EQ(approximate_days(Duration{true, 0, 1, 0, 2}), -32.436875);
  EXPECT_DOUBLE_EQ(approximate_days(Duration{false, 1, 0, 0, 0}), 365.2425);
}

}  // namespace
}  // namespace planner::usdm
