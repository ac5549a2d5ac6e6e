#include "planner/io/iso8601.h"

#include <gtest/gtest.h>
#include <string>

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

TEST(Iso8601, DurationPartsAreBoundedByTheNamedLimits) {
  const auto at = [](int n, char unit) { return "P" + std::to_string(n) + unit; };
  EXPECT_TRUE(parse_duration(at(kMaxDurationYears, 'Y')).value);
  EXPECT_TRUE(parse_duration(at(kMaxDurationMonths, 'M')).value);
  EXPECT_TRUE(parse_duration(at(kMaxDurationWeeks, 'W')).value);
  EXPECT_TRUE(parse_duration(at(kMaxDurationDays, 'D')).value);
  EXPECT_FALSE(parse_duration(at(kMaxDurationYears + 1, 'Y')).value);
  EXPECT_FALSE(parse_duration(at(kMaxDurationMonths + 1, 'M')).value);
  EXPECT_FALSE(parse_duration(at(kMaxDurationWeeks + 1, 'W')).value);
  EXPECT_FALSE(parse_duration(at(kMaxDurationDays + 1, 'D')).value);
}

TEST(Iso8601, FullDurationsHaveTimesAndFractions) {
  const auto full = [](std::string_view text) {
    const auto d = parse_full_duration(text);
    if (!d) return std::string{"none"};
    std::string out;
    for (const double v : {d->years, d->months, d->weeks, d->days, d->hours, d->minutes, d->seconds})
      out += std::to_string(v).substr(0, std::to_string(v).find('.') + 2) + " ";
    return out + (d->fraction ? "fraction" : "whole");
  };
  EXPECT_EQ(full("P1Y2M3W4D"), "1.0 2.0 3.0 4.0 0.0 0.0 0.0 whole");
  EXPECT_EQ(full("P1DT12H"), "0.0 0.0 0.0 1.0 12.0 0.0 0.0 whole");
  EXPECT_EQ(full("PT1H30M15S"), "0.0 0.0 0.0 0.0 1.0 30.0 15.0 whole");
  EXPECT_EQ(full("P1.5W"), "0.0 0.0 1.5 0.0 0.0 0.0 0.0 fraction");
  EXPECT_EQ(full("PT0,5H"), "0.0 0.0 0.0 0.0 0.5 0.0 0.0 fraction");
  EXPECT_TRUE(parse_full_duration("PT4H")->time_part());
  EXPECT_FALSE(parse_full_duration("P4D")->time_part());
}

TEST(Iso8601, FullDurationsStillRefuseWhatIsNotOne) {
  for (const char* bad : {"", "x", "P", "PT", "P1", "2W", "-P2W", "P1.5W2D", "P1D2W", "P1DT", "P1H", "P1234567890D",
                          "PT1H2H", "P1DTT1H", "P1.D", "P.5D", "P1.1234567890D"})
    EXPECT_FALSE(parse_full_duration(bad)) << bad;
}

}  // namespace
}  // namespace planner

namespace planner {
namespace {

TEST(TimeOfDayText, ParsesTwentyFourHourClockStrictly) {
  EXPECT_EQ(parse_time_of_day("09:30").value, TimeOfDay{Minutes{570}});
  EXPECT_EQ(parse_time_of_day("00:00").value, TimeOfDay{Minutes{0}});
  EXPECT_EQ(parse_time_of_day("23:59").value, TimeOfDay{Minutes{1439}});
  EXPECT_EQ(parse_time_of_day("9:30").error,
            "expected a time of day HH:MM (24-hour clock, e.g. \"09:30\"), got '9:30'");
  EXPECT_EQ(parse_time_of_day("25:00").error, "'25:00' is not a time of day (hours are 00-23, minutes 00-59)");
  EXPECT_EQ(parse_time_of_day("12:60").error, "'12:60' is not a time of day (hours are 00-23, minutes 00-59)");
  for (const char* bad : {"", "09:30:00", "0930", "09.30", "+9:30", "09:3a", "24:00"})
    EXPECT_FALSE(parse_time_of_day(bad).value) << bad;
  for (int m = 0; m < 24 * 60; ++m)  // every minute of the day round-trips
    ASSERT_EQ(parse_time_of_day(format_time_of_day(TimeOfDay{Minutes{m}})).value, TimeOfDay{Minutes{m}});
}

TEST(TimeDurationText, HoursThenMinutesMoreThanZeroAtMostADay) {
  EXPECT_EQ(parse_time_duration("PT45M").value, Minutes{45});
  EXPECT_EQ(parse_time_duration("PT1H30M").value, Minutes{90});
  EXPECT_EQ(parse_time_duration("PT2H").value, Minutes{120});
  EXPECT_EQ(parse_time_duration("PT90M").value, Minutes{90});
  EXPECT_EQ(parse_time_duration("45M").error,
            "expected a duration of hours and minutes such as PT45M or PT1H30M, got '45M': it must start with PT");
  EXPECT_EQ(parse_time_duration("PT30M1H").error,
            "expected a duration of hours and minutes such as PT45M or PT1H30M, got 'PT30M1H': hours come before "
            "minutes, once each");
  EXPECT_EQ(parse_time_duration("PT0M").error,
            "expected a duration of hours and minutes such as PT45M or PT1H30M, got 'PT0M': it must be more than zero");
  EXPECT_EQ(parse_time_duration("PT25H").error,
            "expected a duration of hours and minutes such as PT45M or PT1H30M, got 'PT25H': it must be at most PT24H");
  for (const char* bad : {"", "PT", "P1D", "PT1S", "PT1.5H", "PT-5M", "PT5", "-PT5M", "PT1H1H"})
    EXPECT_FALSE(parse_time_duration(bad).value) << bad;
  for (int m = 1; m <= 24 * 60; ++m) ASSERT_EQ(parse_time_duration(format_time_duration(Minutes{m})).value, Minutes{m});
  EXPECT_EQ(format_time_duration(Minutes{90}), "PT1H30M");
}

TEST(OpeningHoursText, StartThenEndAfterIt) {
  EXPECT_EQ(parse_opening_hours("08:00-17:00").value,
            (OpeningHours{TimeOfDay{Minutes{480}}, TimeOfDay{Minutes{1020}}}));
  EXPECT_EQ(parse_opening_hours("17:00-08:00").error,
            "expected opening hours HH:MM-HH:MM such as \"08:00-17:00\", got '17:00-08:00': they must end after "
            "they start");
  EXPECT_EQ(parse_opening_hours("8:00-17:00").error,
            "expected opening hours HH:MM-HH:MM such as \"08:00-17:00\", got '8:00-17:00': expected a time of day "
            "HH:MM (24-hour clock, e.g. \"09:30\"), got '8:00'");
  EXPECT_FALSE(parse_opening_hours("08:00").value);
}

}  // namespace
}  // namespace planner
