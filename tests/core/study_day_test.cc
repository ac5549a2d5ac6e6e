#include "planner/core/study_day.h"

#include <gtest/gtest.h>

#include "planner/io/iso8601.h"

namespace planner {
namespace {

using namespace date::literals;

// Days since 1970-01-01 by the Julian Day Number formula (Fliegel & Van Flandern), independent of the
// date library, so that the round-trip below checks planner's arithmetic against a second method.
long civil_days(int y, int m, int d) {
  const long a = (14 - m) / 12, yy = y + 4800 - a, mm = m + 12 * a - 3;
  const long jdn = d + (153 * mm + 2) / 5 + 365 * yy + yy / 4 - yy / 100 + yy / 400 - 32045;
  return jdn - 2440588;  // JDN of 1970-01-01
}

TEST(StudyDay, HasNoDayZero) {
  constexpr Date day1 = 2026_y / 1 / 5;
  EXPECT_EQ(study_day_of(day1, day1).number(), 1);
  EXPECT_EQ(study_day_of(day1, day1 - Days{1}).number(), -1);
  EXPECT_EQ(study_day_of(day1, day1 + Days{1}).number(), 2);
  EXPECT_FALSE(StudyDay::from_number(0).has_value());
  EXPECT_EQ(date_of(day1, *StudyDay::from_number(-1)), Date{2026_y / 1 / 4});
}

TEST(StudyDay, WeekNIsDayOnePlusSevenNDays) {
  constexpr Date day1 = 2026_y / 1 / 5;
  for (int week = -8; week <= 52; ++week) {
    const Date d = day1 + Days{7 * week};
    EXPECT_EQ(study_day_of(day1, d).number(), week >= 0 ? 7 * week + 1 : 7 * week) << "week " << week;
    EXPECT_EQ(date::weekday{d}, date::Monday);
  }
  EXPECT_EQ(study_day_of(day1, 2026_y / 2 / 2).number(), 29);  // Week 4
}

// Every date 1900-01-01..2200-12-31, against several anchors: the study day agrees with an independent
// day count, is never 0, and converts back to the same date; the ISO text round-trips too.
TEST(StudyDay, RoundTripsEveryDateFrom1900To2200) {
  const Date anchors[] = {kFirstDate, Date{2026_y / 1 / 5}, Date{2000_y / 2 / 29}, kLastDate};
  long checked = 0;
  for (Date d = kFirstDate; d <= kLastDate; d += Days{1}) {
    const date::year_month_day ymd{d};
    const long days = civil_days(int{ymd.year()}, static_cast<int>(unsigned{ymd.month()}),
                                 static_cast<int>(unsigned{ymd.day()}));
    ASSERT_EQ(d.time_since_epoch().count(), days);
    for (Date day1 : anchors) {
      const StudyDay sd = study_day_of(day1, d);
      const long offset = days - day1.time_since_epoch().count();
      ASSERT_NE(sd.number(), 0);
      ASSERT_EQ(sd.number(), offset >= 0 ? offset + 1 : offset);
      ASSERT_EQ(date_of(day1, sd), d);
    }
    ASSERT_EQ(parse_date(format_date(d)).value, d);
    ++checked;
  }
  EXPECT_EQ(checked, 109938);  // 301 years: 301 * 365 + 73 leap days (1904..2196, without 2100)
}

// Study-day arithmetic is date arithmetic: moving a study day by n days lands on the study day of the date
// n days later, and two study days are as many days apart as their dates (so days -1 and 1 are one day
// apart, not two).
TEST(StudyDay, ArithmeticFollowsTheDates) {
  constexpr Date day1 = 2026_y / 1 / 5;
  for (int a = -60; a <= 60; ++a) {
    const Date da = day1 + Days{a};
    const StudyDay sa = study_day_of(day1, da);
    for (int n = -60; n <= 60; ++n) {
      const Date db = da + Days{n};
      ASSERT_EQ(sa + Days{n}, study_day_of(day1, db)) << a << " + " << n;
      ASSERT_EQ(Days{n} + sa, study_day_of(day1, db));
      ASSERT_EQ(study_day_of(day1, db) - Days{n}, sa);
      ASSERT_EQ(study_day_of(day1, db) - sa, db - da);
    }
  }
}

TEST(StudyDay, CrossingDayOneSkipsDayZero) {
  const StudyDay minus1 = *StudyDay::from_number(-1), plus1 = *StudyDay::from_number(1);
  EXPECT_EQ((minus1 + Days{1}).number(), 1);
  EXPECT_EQ((plus1 - Days{1}).number(), -1);
  EXPECT_EQ(plus1 - minus1, Days{1});
  EXPECT_EQ((*StudyDay::from_number(-3) + Days{10}).number(), 8);  // offsets -3 + 10 = 7: day 8
  EXPECT_EQ(*StudyDay::from_number(29) - plus1, Days{28});         // "Week 4"
}

}  // namespace
}  // namespace planner
