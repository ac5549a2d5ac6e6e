#include "planner/io/iso8601.h"

#include <gtest/gtest.h>

namespace planner {
namespace {

using namespace date::literals;

TEST(Iso8601, ParsesCalendarDates) {
  EXPECT_EQ(parse_date("2026-01-05").value, Date{2026_y / 1 / 5});
  EXPECT_EQ(parse_date("2028-02-29").value, Date{2028_y / 2 / 29});
  EXPECT_EQ(parse_date("1900-01-01").value, kFirstDate);
  EXPECT_EQ(parse_date("2200-12-31").value, kLastDate);
}

TEST(Iso8601, RejectsDatesThatDoNotExistOrAreOutOfRange) {
  EXPECT_EQ(parse_date("2026-02-30").error, "'2026-02-30' is not a calendar date (February 2026 has 28 days)");
  EXPECT_EQ(parse_date("2026-13-01").error, "'2026-13-01' is not a calendar date (months are 01-12)");
  EXPECT_EQ(parse_date("2100-02-29").error, "'2100-02-29' is not a calendar date (February 2100 has 28 days)");
  EXPECT_EQ(parse_date("0000-01-01").error, "'0000-01-01' is outside the supported dates 1900-01-01..2200-12-31");
  EXPECT_EQ(parse_date("2201-01-01").error, "'2201-01-01' is outside the supported dates 1900-01-01..2200-12-31");
  EXPECT_EQ(parse_date("2026-1-5").error, "expected a date YYYY-MM-DD, got '2026-1-5'");
  EXPECT_EQ(parse_date("").error, "expected a date YYYY-MM-DD, got ''");
  EXPECT_EQ(parse_date("2026-01-05T10:00").error, "expected a date YYYY-MM-DD, got '2026-01-05T10:00'");
}

TEST(Iso8601, ParsesDurations) {
  EXPECT_EQ(parse_duration("P4W").value, (Duration{false, 0, 0, 4, 0}));
  EXPECT_EQ(parse_duration("-P4W").value, (Duration{true, 0, 0, 4, 0}));
  EXPECT_EQ(parse_duration("P1Y2M3W4D").value, (Duration{false, 1, 2, 3, 4}));
  EXPECT_EQ(parse_duration("P0D").value, Duration{});
  EXPECT_EQ(parse_duration("-P0D").value, Duration{});  // no negative zero
}

TEST(Iso8601, RejectsMalformedDurationsSayingWhy) {
  const std::string prefix = "expected an ISO 8601 duration such as P2W, P3D, -P4W or P1M, got ";
  EXPECT_EQ(parse_duration("P-1W").error, prefix + "'P-1W': a sign goes before the P, as in -P1W");
  EXPECT_EQ(parse_duration("PT4H").error, prefix + "'PT4H': times of day (PT…) are not supported; use days");
  EXPECT_EQ(parse_duration("4W").error, prefix + "'4W': it must start with P (or -P)");
  EXPECT_EQ(parse_duration("P").error, prefix + "'P': no number of days, weeks, months or years follows P");
  EXPECT_EQ(parse_duration("P1.5D").error, prefix + "'P1.5D': fractions are not supported");
  EXPECT_EQ(parse_duration("P3").error, prefix + "'P3': the number 3 has no unit (Y, M, W or D)");
  EXPECT_EQ(parse_duration("P1D2W").error, prefix + "'P1D2W': units must appear once each, in the order Y, M, W, D");
  EXPECT_EQ(parse_duration("P2X").error, prefix + "'P2X': unknown unit 'X' (expected Y, M, W or D)");
  EXPECT_EQ(parse_duration("P99999999D").error, prefix + "'P99999999D': 99999999D is too large (at most 110000D)");
}

TEST(Iso8601, FormatsCanonically) {
  EXPECT_EQ(format_date(2026_y / 1 / 5), "2026-01-05");
  EXPECT_EQ(format_duration(Duration{false, 0, 0, 4, 0}), "P4W");
  EXPECT_EQ(format_duration(Duration{true, 0, 0, 0, 28}), "-P28D");
  EXPECT_EQ(format_duration(Duration{false, 0, 1, 0, 2}), "P1M2D");
  EXPECT_EQ(format_duration(Duration{}), "P0D");
  for (const char* text : {"P4W", "-P28D", "P1Y2M3W4D", "P0D", "P1M"})
    EXPECT_EQ(format_duration(*parse_duration(text).value), text);
}

}  // namespace
}  // namespace planner
