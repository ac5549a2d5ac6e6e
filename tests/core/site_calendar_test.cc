// When a site is open: closed weekdays and closed dates, through SiteCalendar's public API. Weekdays of
// 2026 by hand: Thu 2026-01-01, so Sat 01-03, Sun 01-04, Mon 01-05; Sun 2026-03-01.
#include "planner/core/site_calendar.h"

#include <gtest/gtest.h>

#include <vector>

namespace planner {
namespace {

using namespace date::literals;

TEST(SiteCalendar, EveryDayIsOpenUntilSomethingIsClosed) {
  const SiteCalendar cal;
  for (Date d = 2026_y / 1 / 1; d <= Date{2026_y / 12 / 31}; d += Days{1}) ASSERT_TRUE(cal.is_open(d));
  EXPECT_TRUE(cal.closed_dates().empty());
  EXPECT_FALSE(cal.is_closed(date::Sunday));
}

TEST(SiteCalendar, ClosedWeekdaysCloseEveryDateOnThem) {
  SiteCalendar cal;
  cal.close(date::Saturday);
  cal.close(date::Sunday);
  EXPECT_FALSE(cal.is_open(2026_y / 1 / 3));  // Saturday
  EXPECT_FALSE(cal.is_open(2026_y / 1 / 4));  // Sunday
  EXPECT_TRUE(cal.is_open(2026_y / 1 / 5));   // Monday
  EXPECT_TRUE(cal.is_closed(date::Saturday));
  EXPECT_FALSE(cal.is_closed(date::Friday));
  EXPECT_TRUE(cal.closed_dates().empty());  // weekdays are not listed as dates
}

TEST(SiteCalendar, ClosedOnSundaysLeaves313OpenDaysIn2026) {
  // 2026 has 365 days; its Sundays run from 01-04 (day 4 of the year) to 12-27 (day 361): (361 - 4) / 7 + 1
  // = 52 of them, so 365 - 52 = 313 open days.
  SiteCalendar cal;
  cal.close(date::Sunday);
  int open = 0;
  for (Date d = 2026_y / 1 / 1; d <= Date{2026_y / 12 / 31}; d += Days{1}) open += cal.is_open(d) ? 1 : 0;
  EXPECT_EQ(open, 313);
}

TEST(SiteCalendar, ClosedDatesCloseThatDayOnly) {
  SiteCalendar cal;
  cal.close(Date{2026_y / 3 / 1});
  EXPECT_FALSE(cal.is_open(2026_y / 3 / 1));
  EXPECT_TRUE(cal.is_open(2026_y / 2 / 28));
  EXPECT_TRUE(cal.is_open(2026_y / 3 / 2));
  EXPECT_TRUE(cal.is_open(2027_y / 3 / 1));  // a date, not an anniversary
}

TEST(SiteCalendar, ClosedDatesAreKeptSortedAndUnique) {
  SiteCalendar cal;
  cal.close(Date{2026_y / 5 / 5});
  cal.close(std::vector<Date>{2026_y / 12 / 25, 2026_y / 1 / 1, 2026_y / 5 / 5, 2026_y / 1 / 1});
  cal.close(Date{2026_y / 3 / 1});
  cal.close(Date{2026_y / 3 / 1});
  EXPECT_EQ(cal.closed_dates(), (std::vector<Date>{2026_y / 1 / 1, 2026_y / 3 / 1, 2026_y / 5 / 5, 2026_y / 12 / 25}));
  for (const Date d : cal.closed_dates()) EXPECT_FALSE(cal.is_open(d));
}

TEST(SiteCalendar, ClosureSaysWhetherTheWeekdayOrTheDateIsClosedAndWhoClosedIt) {
  SiteCalendar cal;
  cal.close(date::Sunday);
  cal.close(std::vector<Date>{2026_y / 3 / 2, 2026_y / 3 / 1}, "holidays-kr-2026.txt");
  cal.close(std::vector<Date>{2026_y / 3 / 2, 2026_y / 5 / 5}, "sites.toml");  // 03-02 keeps its first source
  cal.close(Date{2026_y / 1 / 2});
  EXPECT_EQ(cal.closure(2026_y / 3 / 1), (Closure{Closure::Kind::weekday, ""}));  // a Sunday: the weekday first
  EXPECT_EQ(cal.closure(2026_y / 3 / 2), (Closure{Closure::Kind::date, "holidays-kr-2026.txt"}));
  EXPECT_EQ(cal.closure(2026_y / 5 / 5), (Closure{Closure::Kind::date, "sites.toml"}));
  EXPECT_EQ(cal.closure(2026_y / 1 / 2), (Closure{Closure::Kind::date, ""}));
  EXPECT_EQ(cal.closure(2026_y / 3 / 3), std::nullopt);
  EXPECT_EQ(cal.closed_dates(), (std::vector<Date>{2026_y / 1 / 2, 2026_y / 3 / 1, 2026_y / 3 / 2, 2026_y / 5 / 5}));
}

}  // namespace
}  // namespace planner
