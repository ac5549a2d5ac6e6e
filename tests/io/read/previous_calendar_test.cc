#include "planner/io/read/previous_calendar.h"

#include <gtest/gtest.h>

#include "planner/core/error.h"

namespace planner {
namespace {

using namespace date::literals;
using namespace std::chrono_literals;

std::string error_of(const std::string& text) {
  try {
    parse_previous_calendar(text, "old.ics");
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

// An event as planner writes it, folded and escaped, with LF line ends (CRLF is tested below).
const std::string kEvent =
    "BEGIN:VEVENT\n"
    "UID:c146a4b9-9cb6-5fed-a26a-b9f89f152c84\n"
    "DTSTAMP:20261125T090000Z\n"
    "SEQUENCE:2\n"
    "DTSTART;VALUE=DATE:20260119\n"
    "DTEND;VALUE=DATE:20260120\n"
    "SUMMARY:S01: Week 2\\, day 15 (W2)\n"
    "DESCRIPTION:Visit: W2 - Week 2\\nWindow: 2026-01-17 to 2026-01-21 (target 2026-01\n"
    " -19)\n"
    "LOCATION:Suwon\n"
    "STATUS:TENTATIVE\n"
    "BEGIN:VALARM\n"
    "ACTION:DISPLAY\n"
    "TRIGGER:-PT18H\n"
    "DESCRIPTION:S01: Week 2\n"
    "END:VALARM\n"
    "END:VEVENT\n";

std::string calendar(const std::string& events) {
  return "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//planner//planner 0.1.0//EN\n" + events + "END:VCALENDAR\n";
}

TEST(PreviousCalendar, ReadsRevisionAndWhatTheEventShows) {
  const PreviousCalendar cal = parse_previous_calendar(calendar(kEvent), "old.ics");
  ASSERT_EQ(cal.events.size(), 1u);
  const CalendarEvent& e = cal.events[0];
  EXPECT_EQ(e.uid, "c146a4b9-9cb6-5fed-a26a-b9f89f152c84");
  EXPECT_EQ(e.sequence, 2);
  EXPECT_EQ(e.stamp, date::sys_days{2026_y / 11 / 25} + 9h);
  EXPECT_EQ(e.start, 2026_y / 1 / 19);
  EXPECT_EQ(e.end, 2026_y / 1 / 20);
  EXPECT_EQ(e.summary, "S01: Week 2, day 15 (W2)");
  EXPECT_EQ(e.description, "Visit: W2 - Week 2\nWindow: 2026-01-17 to 2026-01-21 (target 2026-01-19)");
  EXPECT_EQ(e.location, "Suwon");
  EXPECT_EQ(e.status, "TENTATIVE");
  EXPECT_EQ(e.reminders, std::vector<std::string>{"-PT18H"});
  EXPECT_EQ(e.line, 4);
  EXPECT_EQ(cal.find(e.uid), &e);
  EXPECT_EQ(cal.find("other"), nullptr);
}

// CRLF line ends, a byte-order mark, no SEQUENCE (0) and no DTEND (the next day); other components are skipped.
TEST(PreviousCalendar, AcceptsCrlfBomAndDefaults) {
  const std::string text = "\xEF\xBB\xBF" + calendar(
                                                "BEGIN:VTIMEZONE\nTZID:Asia/Seoul\nEND:VTIMEZONE\n"
                                                "BEGIN:VEVENT\nUID:a\nDTSTAMP:20260105T000000Z\nDTSTART;VALUE=DATE:"
                                                "20260105\nEND:VEVENT\n");
  std::string crlf;
  for (const char c : text) crlf += c == '\n' ? std::string{"\r\n"} : std::string(1, c);
  const PreviousCalendar cal = parse_previous_calendar(crlf, "old.ics");
  ASSERT_EQ(cal.events.size(), 1u);
  EXPECT_EQ(cal.events[0].sequence, 0);
  EXPECT_EQ(cal.events[0].end, 2026_y / 1 / 6);
  EXPECT_EQ(cal.events[0].status, "");
}

TEST(PreviousCalendar, NamesLineAndColumnOfWhatItCannotRead) {
  EXPECT_EQ(error_of("subject,visit,date\n"),
            "old.ics:1:1: error: expected BEGIN:VCALENDAR (an iCalendar file, as calendar --format ics writes)\n"
            " 1 | subject,visit,date\n"
            "   | ^\n");
  EXPECT_EQ(error_of(""), "old.ics: error: expected an iCalendar file, got an empty file\n");
  std::string bad = kEvent;
  bad.replace(bad.find("SEQUENCE:2"), 10, "SEQUENCE:two");
  EXPECT_EQ(error_of(calendar(bad)),
            "old.ics:7:10: error: expected SEQUENCE as a number such as 2, got 'two'\n"
            " 7 | SEQUENCE:two\n"
            "   |          ^\n");
  bad = kEvent;
  bad.replace(bad.find("DTSTART;VALUE=DATE:20260119"), 27, "DTSTART:20260119T090000Z");  // UTC: not planner's
  EXPECT_EQ(error_of(calendar(bad)),
            "old.ics:8:9: error: expected an all-day date such as DTSTART;VALUE=DATE:20260119 or a local time such "
            "as DTSTART;TZID=Europe/Berlin:20260119T090000 (between 1900 and 2200)\n"
            " 8 | DTSTART:20260119T090000Z\n"
            "   |         ^\n");
  bad = kEvent;
  bad.replace(bad.find("DTSTAMP:20261125T090000Z"), 24, "DTSTAMP:20261125T090000");
  EXPECT_EQ(error_of(calendar(bad)),
            "old.ics:6:9: error: expected a UTC date and time such as DTSTAMP:20261125T090000Z\n"
            " 6 | DTSTAMP:20261125T090000\n"
            "   |         ^\n");
  bad = kEvent;
  bad.replace(bad.find("DTEND;VALUE=DATE:20260120"), 25, "DTEND;VALUE=DATE:2026012");
  EXPECT_EQ(error_of(calendar(bad)),
            "old.ics:9:1: error: cannot read this DTEND property\n"
            " 9 | DTEND;VALUE=DATE:2026012\n"
            "   | ^\n");
}

TEST(PreviousCalendar, RefusesBrokenStructureAndDuplicateUids) {
  EXPECT_EQ(error_of("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\n"),
            "old.ics:2:1: error: BEGIN:VEVENT has no END:VEVENT\n"
            " 2 | BEGIN:VEVENT\n"
            "   | ^\n");
  EXPECT_EQ(error_of("BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VALARM\nEND:VCALENDAR\n"),
            "old.ics:3:5: error: expected END:VEVENT (BEGIN:VEVENT is on line 2), got END:VALARM\n"
            " 3 | END:VALARM\n"
            "   |     ^\n");
  EXPECT_EQ(error_of(calendar("BEGIN:VEVENT\nUID:a\nDTSTART;VALUE=DATE:20260105\nEND:VEVENT\n")),
            "old.ics:4:1: error: this event (ending on line 7) has no DTSTAMP: expected the events of a calendar "
            "planner wrote\n"
            " 4 | BEGIN:VEVENT\n"
            "   | ^\n");
  EXPECT_EQ(error_of(calendar(kEvent + kEvent)),
            "old.ics:22:1: error: UID 'c146a4b9-9cb6-5fed-a26a-b9f89f152c84' is also the event on line 4: each "
            "event has its own UID\n"
            " 22 | UID:c146a4b9-9cb6-5fed-a26a-b9f89f152c84\n"
            "    | ^\n");
  EXPECT_EQ(error_of(calendar(kEvent) + "BEGIN:VCALENDAR\n"),
            "old.ics:22:1: error: nothing may follow END:VCALENDAR\n"
            " 22 | BEGIN:VCALENDAR\n"
            "    | ^\n");
}

}  // namespace
}  // namespace planner
