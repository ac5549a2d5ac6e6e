#include "planner/io/read/sites.h"

#include <gtest/gtest.h>

#include "planner/core/error.h"

namespace planner {
namespace {

using namespace date::literals;

std::string error_of(const std::string& text) {
  try {
    parse_sites(text, "sites.toml");
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(Sites, ReadsClosuresHolidaysTimeZoneAndCapacity) {
  const auto sites = parse_sites(R"(format = 1
[[site]]
id = "KR01"
name = "Suwon"
time_zone = "Asia/Seoul"
closed = ["sat", "Sunday"]
holidays = ["2026-03-02"]
capacity = 6
[[site]]
id = "KR02"
)",
                                 "sites.toml");
  ASSERT_EQ(sites.size(), 2u);
  EXPECT_EQ(sites[0].id, "KR01");
  EXPECT_EQ(sites[0].time_zone, "Asia/Seoul");
  EXPECT_EQ(sites[0].capacity, 6);
  EXPECT_FALSE(sites[0].calendar.is_open(2026_y / 1 / 10));  // Saturday
  EXPECT_FALSE(sites[0].calendar.is_open(2026_y / 1 / 11));  // Sunday
  EXPECT_FALSE(sites[0].calendar.is_open(2026_y / 3 / 2));   // holiday
  EXPECT_TRUE(sites[0].calendar.is_open(2026_y / 3 / 3));
  EXPECT_EQ(sites[1].name, "KR02");
  EXPECT_EQ(sites[1].capacity, std::nullopt);
  EXPECT_TRUE(sites[1].calendar.is_open(2026_y / 1 / 10));
}

TEST(Sites, ReadsHolidayFilesRelativeToTheSitesFile) {
  const auto sites = load_sites(PLANNER_EXAMPLES "/sites.toml");
  ASSERT_EQ(sites.size(), 3u);
  EXPECT_FALSE(sites[0].calendar.is_open(2026_y / 2 / 17));  // Seollal, from holidays-kr-2026.txt
}

// Opening hours for every day, or a table with each weekday's hours or "closed"; the appointment time of
// visits without their own.
TEST(Sites, ReadsOpeningHoursForEveryDayOrEachWeekday) {
  const auto sites = parse_sites(R"(format = 1
[[site]]
id = "KR01"
hours = "08:00-17:00"
visit_time = "09:30"
[[site]]
id = "DE01"
closed = ["sun"]
[site.hours]
mon = "08:00-17:00"
tue = "08:00-17:00"
wed = "08:00-12:00"
thu = "08:00-17:00"
fri = "08:00-17:00"
sat = "closed"
sun = "closed"
)",
                                 "sites.toml");
  ASSERT_EQ(sites.size(), 2u);
  const OpeningHours day{TimeOfDay{Minutes{8 * 60}}, TimeOfDay{Minutes{17 * 60}}};
  for (unsigned d = 0; d < 7; ++d) EXPECT_EQ(sites[0].calendar.hours(date::weekday{d}), day);
  EXPECT_EQ(sites[0].calendar.visit_time(), TimeOfDay{Minutes{9 * 60 + 30}});
  EXPECT_EQ(sites[1].calendar.hours(date::Wednesday),
            (OpeningHours{TimeOfDay{Minutes{8 * 60}}, TimeOfDay{Minutes{12 * 60}}}));
  EXPECT_EQ(sites[1].calendar.visit_time(), std::nullopt);
  EXPECT_FALSE(sites[1].calendar.is_open(2026_y / 1 / 10));  // Saturday: "closed" in hours
  EXPECT_TRUE(sites[1].calendar.is_open(2026_y / 1 / 7));    // Wednesday morning
  EXPECT_FALSE(sites[1].calendar.fits(2026_y / 1 / 7, TimeOfDay{Minutes{12 * 60}}, Minutes{30}));
  EXPECT_TRUE(sites[1].calendar.fits(2026_y / 1 / 8, TimeOfDay{Minutes{12 * 60}}, Minutes{30}));
}

TEST(Sites, RejectsWeeklyHoursThatLeaveADayOutOrContradictClosed) {
  EXPECT_EQ(error_of("format = 1\n[[site]]\nid = \"A\"\nhours = { mon = \"08:00-17:00\" }\n"),
            "sites.toml:4:9: error: 'hours' has no entry for sun: give every weekday its hours (\"08:00-17:00\") or "
            "\"closed\"\n"
            " 4 | hours = { mon = \"08:00-17:00\" }\n"
            "   |         ^\n");
  EXPECT_EQ(error_of("format = 1\n[[site]]\nid = \"A\"\nclosed = [\"mon\"]\nhours = { mon = \"08:00-17:00\" }\n"),
            "sites.toml:5:17: error: 'hours' of mon: the day is in 'closed' (write \"closed\" here, or take it out of "
            "'closed')\n"
            " 5 | hours = { mon = \"08:00-17:00\" }\n"
            "   |                 ^\n");
  EXPECT_EQ(error_of("format = 1\n[[site]]\nid = \"A\"\nhours = { mondy = \"08:00-17:00\" }\n"),
            "sites.toml:4:19: error: unknown weekday 'mondy' in 'hours': expected mon, tue, wed, thu, fri, sat or sun\n"
            " 4 | hours = { mondy = \"08:00-17:00\" }\n"
            "   |                   ^\n");
  EXPECT_EQ(error_of("format = 1\n[[site]]\nid = \"A\"\nhours = { mon = 8 }\n"),
            "sites.toml:4:17: error: 'hours' of mon must be a string such as \"08:00-17:00\", got an integer\n"
            " 4 | hours = { mon = 8 }\n"
            "   |                 ^\n");
}

TEST(Sites, RejectsBadInputNamingLineAndColumn) {
  EXPECT_EQ(error_of("format = 1\n[[site]]\nid = \"A\"\ntime_zone = \"Asia/Suwon\"\n"),
            "sites.toml:4:13: error: unknown time zone 'Asia/Suwon': expected an IANA name such as \"Asia/Seoul\"\n"
            " 4 | time_zone = \"Asia/Suwon\"\n"
            "   |             ^\n");
  EXPECT_EQ(error_of("format = 1\n[[site]]\nid = \"A\"\ncapacity = -1\n"),
            "sites.toml:4:12: error: 'capacity' must be between 0 and 100000 visits a day\n"
            " 4 | capacity = -1\n"
            "   |            ^\n");
  EXPECT_EQ(error_of("format = 1\n[[site]]\nid = \"A\"\nclosed = [\"sat\", \"sonday\"]\n"),
            "sites.toml:4:18: error: unknown weekday 'sonday': expected mon, tue, wed, thu, fri, sat or sun\n"
            " 4 | closed = [\"sat\", \"sonday\"]\n"
            "   |                  ^\n");
  EXPECT_EQ(error_of("format = 1\n[[site]]\nid = \"A\"\ncapacty = 3\n"),
            "sites.toml:4:1: error: unknown key 'capacty' in [[site]]; did you mean 'capacity'?\n"
            " 4 | capacty = 3\n"
            "   | ^\n");
  EXPECT_EQ(error_of("format = 1\n[[site]]\nid = \"A\"\n[[site]]\nid = \"A\"\n"),
            "sites.toml:5:6: error: duplicate site id 'A' (first defined at line 2)\n"
            " 5 | id = \"A\"\n"
            "   |      ^\n");
  EXPECT_EQ(error_of("format = 1\n[[site]]\nid = \"A\"\nholidays = [\"2026-02-30\"]\n"),
            "sites.toml:4:13: error: '2026-02-30' is not a calendar date (February 2026 has 28 days)\n"
            " 4 | holidays = [\"2026-02-30\"]\n"
            "   |             ^\n");
  EXPECT_EQ(error_of("[[site]]\nid = \"A\"\n"),
            "sites.toml:1:1: error: missing 'format = 1' at the top of the sites file\n"
            " 1 | [[site]]\n"
            "   | ^\n");
  EXPECT_EQ(error_of("format = 1\n[[site]]\nid = \"A\"\nholiday_files = [\"no-such.txt\"]\n"),
            "sites.toml:4:18: error: cannot read the holiday file 'no-such.txt': cannot open: No such file or "
            "directory (paths are relative to the sites file)\n"
            " 4 | holiday_files = [\"no-such.txt\"]\n"
            "   |                  ^\n");
}

}  // namespace
}  // namespace planner
