#include "planner/io/write/ical.h"

#include <boost/uuid/name_generator_sha1.hpp>
#include <boost/uuid/uuid_io.hpp>
#include <date/tz.h>
#include <filesystem>
#include <gtest/gtest.h>
#include <libical/ical.h>
#include <memory>
#include <optional>
#include <random>
#include <set>

#include "planner/core/error.h"
#include "planner/io/iso8601.h"
#include "planner/io/read/previous_calendar.h"
#include "planner/io/read/protocol.h"
#include "planner/io/write/ical_timezone.h"
#include "test_protocol.h"

namespace planner {
namespace {

struct ComponentFree {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using Component = std::unique_ptr<icalcomponent, ComponentFree>;

Component parse_ics(const std::string& text) {
  Component cal{icalparser_parse_string(text.c_str())};
  EXPECT_NE(cal, nullptr);
  EXPECT_EQ(icalcomponent_isa(cal.get()), ICAL_VCALENDAR_COMPONENT);
  return cal;
}

Date date_of(icaltimetype t) {
  return Date{date::year{t.year} / static_cast<unsigned>(t.month) / static_cast<unsigned>(t.day)};
}

std::vector<icalcomponent*> events(icalcomponent* cal) {
  std::vector<icalcomponent*> out;
  for (icalcomponent* e = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); e;
       e = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT))
    out.push_back(e);
  return out;
}

const Date kDay1{date::year{2026} / 1 / 5};

SiteCalendar weekends_closed() {
  SiteCalendar closed;
  closed.close(date::Saturday);
  closed.close(date::Sunday);
  return closed;
}

// Every visit comes back, parsed by libical: one all-day event on its scheduled date, with the window, the
// study day and the activities in its description, a stable UID and the given DTSTAMP and reminder.
TEST(CalendarIcs, ParsesBackToThePlan) {
  const Protocol p = load_protocol(PLANNER_PROTOCOLS "/nahm2023-autologous-serum-ad.toml");
  const Subject s{"S01", "SERUM", "KR01", kDay1};
  const SiteCalendar closed = weekends_closed();
  const auto visits = plan(p, PlanRequest{s.day1, s.arm, &closed, Prefer::earlier});
  const std::string text =
      calendar_ics(p, s, visits, IcsOptions{"2026-11-25T09:30:00Z", {"P1D", "PT18H"}, false, nullptr, nullptr, ""});
  const Component cal = parse_ics(text);
  const auto found = events(cal.get());
  ASSERT_EQ(found.size(), visits.size());
  std::set<std::string> uids;
  for (std::size_t i = 0; i < visits.size(); ++i) {
    icalcomponent* e = found[i];
    const Visit& v = p.visits[visits[i].visit];
    const icaltimetype start = icalcomponent_get_dtstart(e);
    EXPECT_TRUE(start.is_date);
    EXPECT_EQ(date_of(start), visits[i].scheduled) << v.id;
    EXPECT_EQ(date_of(icalcomponent_get_dtend(e)), visits[i].scheduled + Days{1});
    EXPECT_EQ(std::string{icalcomponent_get_summary(e)}, "S01: " + v.label + " (" + v.id + ")");
    const std::string description = icalcomponent_get_description(e);
    EXPECT_NE(description.find("Window: " + format_date(visits[i].earliest) + " to " + format_date(visits[i].latest)),
              std::string::npos)
        << description;
    EXPECT_NE(description.find("study day " + std::to_string(visits[i].study_day(s.day1).number())), std::string::npos);
    for (std::size_t a : activities_for(p, v, s.arm))
      EXPECT_NE(description.find(p.activities[a].label), std::string::npos) << p.activities[a].id;
    const icaltimetype stamp = icalcomponent_get_dtstamp(e);
    EXPECT_TRUE(icaltime_is_utc(stamp));
    EXPECT_EQ(std::tuple(stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute),
              std::tuple(2026, 11, 25, 9, 30));
    uids.insert(icalcomponent_get_uid(e));
    std::vector<std::string> triggers;
    for (icalcomponent* a = icalcomponent_get_first_component(e, ICAL_VALARM_COMPONENT); a;
         a = icalcomponent_get_next_component(e, ICAL_VALARM_COMPONENT)) {
      const icaltriggertype t = icalproperty_get_trigger(icalcomponent_get_first_property(a, ICAL_TRIGGER_PROPERTY));
      triggers.emplace_back(icaldurationtype_as_ical_string(t.duration));
    }
    EXPECT_EQ(triggers, (std::vector<std::string>{"-P1D", "-PT18H"}));
  }
  EXPECT_EQ(uids.size(), visits.size());  // one UID per visit
}

// The UID depends on protocol, subject and visit only: a re-planned calendar (other Day 1, other closures)
// has the same UIDs, so a calendar app updates its events; another subject has others.
TEST(CalendarIcs, UidIsStableAcrossReplanning) {
  const Protocol p = load_protocol(PLANNER_PROTOCOLS "/choi2024-autologous-serum-ad.toml");
  const SiteCalendar closed = weekends_closed();
  const auto uids_of = [&](const Subject& s, const SiteCalendar* calendar) {
    const auto visits = plan(p, PlanRequest{s.day1, s.arm, calendar, Prefer::earlier});
    const Component cal = parse_ics(calendar_ics(p, s, visits, {}));
    std::vector<std::string> out;
    for (icalcomponent* e : events(cal.get())) out.emplace_back(icalcomponent_get_uid(e));
    return out;
  };
  const auto first = uids_of(Subject{"S01", "ASIM", "", kDay1}, nullptr);
  EXPECT_EQ(first, uids_of(Subject{"S01", "ASIM", "", kDay1 + Days{3}}, &closed));
  const auto other = uids_of(Subject{"S02", "ASIM", "", kDay1}, nullptr);
  for (std::size_t i = 0; i < first.size(); ++i) EXPECT_NE(first[i], other[i]);
}

// RFC 5545 3.1: content lines are folded at 75 octets (CRLF, then a space) and TEXT escapes commas,
// semicolons, backslashes and newlines. Labels full of them, and long multi-byte UTF-8 text, come back intact.
TEST(CalendarIcs, FoldsAt75OctetsAndEscapesText) {
  const std::string label = "Week 2; visit, with \\ and a line\nbreak - 서울 피부과 방문 " + std::string(60, 'x') +
                            " 끝";
  const Protocol p = testing::test_protocol(
      "[[activity]]\nid = \"P\"\nkind = \"procedure\"\nlabel = \"Photos; front, back\"\n" +
      testing::test_visit("V1", "P0D", 0, 0, R"("P")") + "[[visit]]\nid = \"V2\"\nlabel = \'\'\'" + label +
      "\'\'\'\nepoch = \"tx\"\nat = \"P2W\"\nwindow = { early = \"P2D\", late = \"P2D\" }\nactivities = [\"P\", "
      "\"Q\"]\n"
      "source = \"test\"\n");
  const Subject s{"S;1,\\", "A", "", kDay1};
  const auto visits = plan(p, PlanRequest{s.day1, s.arm, nullptr, Prefer::earlier});
  const std::string text = calendar_ics(p, s, visits, {});

  std::size_t longest = 0;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t end = text.find("\r\n", at);
    ASSERT_NE(end, std::string::npos) << "every line ends with CRLF";
    longest = std::max(longest, end - at);
    EXPECT_LE(end - at, 75u) << text.substr(at, end - at);
    at = end + 2;
  }
  EXPECT_GT(longest, 70u);  // the long label was folded, not merely short
  EXPECT_EQ(text.find('\n', 0) - 1, text.find("\r\n"));
  EXPECT_NE(text.find("Week 2\\; visit\\, with \\\\ and a line\\nbreak"), std::string::npos) << text;
  // No folded line starts in the middle of a UTF-8 sequence.
  for (std::size_t at = text.find("\r\n "); at != std::string::npos; at = text.find("\r\n ", at + 1))
    EXPECT_NE(static_cast<unsigned char>(text[at + 3]) & 0xC0, 0x80u);

  const Component cal = parse_ics(text);
  const auto found = events(cal.get());
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(std::string{icalcomponent_get_summary(found[1])}, "S;1,\\: " + label + " (V2)");
  const std::string description = icalcomponent_get_description(found[1]);
  EXPECT_NE(description.find("Activities: Photos; front, back; Q"), std::string::npos) << description;
  EXPECT_NE(description.find("\nVisit: V2 - " + label + "\n"), std::string::npos) << description;
}

// --blind: the calendar of a placebo-controlled trial is the same text for either arm, and holds no arm,
// product, route, amount or dose label.
TEST(CalendarIcs, BlindCalendarDoesNotDependOnTheArm) {
  const Protocol p = load_protocol(PLANNER_PROTOCOLS "/nahm2023-autologous-serum-ad.toml");
  const IcsOptions blind{"", {"P1D"}, true, nullptr, nullptr, ""};
  const auto ics_of = [&](const std::string& arm) {
    const Subject s{"S01", arm, "KR01", kDay1};
    return calendar_ics(p, s, plan(p, PlanRequest{s.day1, s.arm, nullptr, Prefer::earlier}), blind);
  };
  const std::string serum = ics_of("SERUM");
  EXPECT_EQ(serum, ics_of("SALINE"));
  // All the text an app shows (unfolded, unescaped), less the labels every arm shares (the nahm2023 blood
  // draw "for autologous serum preparation" happens in both arms: it cannot tell them apart).
  const Component cal = parse_ics(serum);
  std::string shown = icalproperty_get_x(icalcomponent_get_first_property(cal.get(), ICAL_X_PROPERTY));
  for (icalcomponent* e : events(cal.get()))
    shown += std::string{"\n"} + icalcomponent_get_summary(e) + "\n" + icalcomponent_get_description(e);
  for (const Activity& a : p.activities)
    for (std::size_t at; a.kind != ActivityKind::dose && (at = shown.find(a.label)) != std::string::npos;)
      shown.erase(at, a.label.size());
  for (const Arm& arm : p.arms) {
    EXPECT_EQ(shown.find(arm.id), std::string::npos) << arm.id;
    EXPECT_EQ(shown.find(arm.label), std::string::npos) << arm.label;
  }
  for (const Activity& a : p.activities) {
    if (a.kind != ActivityKind::dose) continue;
    for (const std::string& text : {a.label, a.amount ? to_string(*a.amount) : "", a.route, a.product}) {
      ASSERT_FALSE(text.empty()) << a.id;
      EXPECT_EQ(shown.find(text), std::string::npos) << text;
    }
  }
  EXPECT_EQ(serum.find(p.study.id), std::string::npos);
  EXPECT_NE(serum.find("Study injection into a muscle"), std::string::npos);
  // Not blinded, the same calendar names the arm and the product.
  const Subject s{"S01", "SERUM", "KR01", kDay1};
  const std::string open = calendar_ics(p, s, plan(p, PlanRequest{s.day1, s.arm, nullptr, Prefer::earlier}), {});
  const Component open_cal = parse_ics(open);
  const std::string description = icalcomponent_get_description(events(open_cal.get())[1]);
  EXPECT_NE(description.find("\nArm: SERUM\n"), std::string::npos) << description;
  EXPECT_NE(description.find("Autologous serum IM injection 5 mL"), std::string::npos) << description;
}

// --blind needs no arm: for every bundled protocol --blind accepts, each arm is planned on the same dates, with
// closures and holidays (dose gaps included), so the calendar of any arm is the calendar of all.
TEST(CalendarIcs, BlindableArmsArePlannedOnTheSameDates) {
  SiteCalendar closed = weekends_closed();
  closed.close(std::vector<Date>{Date{date::year{2026} / 1 / 7}, Date{date::year{2026} / 1 / 19},
                                 Date{date::year{2026} / 3 / 2}});
  std::size_t blindable = 0;
  for (const auto& file : std::filesystem::directory_iterator{PLANNER_PROTOCOLS}) {
    if (file.path().extension() != ".toml") continue;
    const Protocol p = load_protocol(file.path().string());
    try {
      const IcsWriter writer{p, IcsOptions{"", {}, true, nullptr, nullptr, ""}};
    } catch (const InputError&) {
      continue;  // arms that differ: --blind refuses them
    }
    blindable += p.arms.size() > 1;
    const Subject s{"S01", p.arms.front().id, "", kDay1};
    const std::string first = calendar_ics(p, s, plan(p, PlanRequest{kDay1, s.arm, &closed}), {"", {}, true});
    for (const Arm& arm : p.arms) {
      const Subject other{"S01", arm.id, "", kDay1};
      EXPECT_EQ(calendar_ics(p, other, plan(p, PlanRequest{kDay1, arm.id, &closed}), {"", {}, true}), first)
          << file.path() << " " << arm.id;
    }
  }
  EXPECT_GE(blindable, 2u);  // placebo-controlled protocols with several arms were compared
}

// Arms whose visits differ cannot be blinded by hiding text: the writer refuses and names the visit.
TEST(CalendarIcs, BlindRefusesArmsWithDifferentVisits) {
  const Protocol p = testing::test_protocol(testing::test_visit("V1", "P0D", 0, 0) +
                                            testing::test_visit("V2", "P1W", 1, 1, R"("Q")", "arms = [\"B\"]\n"));
  try {
    const IcsWriter writer{p, IcsOptions{"", {}, true, nullptr, nullptr, ""}};  // the constructor throws
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string{e.what()},
              "planner: error: --blind: arms A and B of t differ at visit V2: a calendar without arm names would "
              "still reveal the arm");
  }
  // Differing only in which dose each arm gets is what blinding hides.
  const Protocol doses = testing::test_protocol(
      "[[activity]]\nid = \"ACT\"\nkind = \"dose\"\nproduct = \"serum\"\nroute = \"intramuscular\"\nsource = \"t\"\n"
      "arms = [\"A\"]\n"
      "[[activity]]\nid = \"PBO\"\nkind = \"dose\"\nproduct = \"saline\"\nroute = \"intramuscular\"\nsource = \"t\"\n"
      "arms = [\"B\"]\n" +
      testing::test_visit("V1", "P0D", 0, 0, R"("ACT", "PBO", "Q")"));
  EXPECT_NO_THROW((IcsWriter{doses, IcsOptions{"", {}, true, nullptr, nullptr, ""}}));
}

TEST(CalendarIcs, RejectsMalformedStampAndReminder) {
  const Protocol p = testing::test_protocol(testing::test_visit("V1", "P0D", 0, 0));
  for (const char* stamp : {"2026-11-25", "2026-11-25T09:00:00", "2026-11-25T25:00:00Z", "20261125T0900Z",
                            "2201-01-01T00:00:00Z", "2026-02-30T00:00:00Z"})
    EXPECT_THROW((IcsWriter{p, IcsOptions{stamp, {}, false, nullptr, nullptr, ""}}), InputError) << stamp;
  for (const char* remind : {"", "1D", "-P1D", "P", "PT0S", "P1X", "P1D ", "+P1D"})
    EXPECT_THROW((IcsWriter{p, IcsOptions{"", {remind}, false, nullptr, nullptr, ""}}), InputError) << remind;
  EXPECT_NO_THROW(
      (IcsWriter{p, IcsOptions{"20261125T090000Z", {"P1W", "P1DT12H", "PT30M"}, false, nullptr, nullptr, ""}}));
}

// Without --stamp, DTSTAMP is Day 1 at midnight UTC: the same inputs give the same bytes.
TEST(CalendarIcs, DefaultStampIsDay1) {
  const Protocol p = testing::test_protocol(testing::test_visit("V1", "P0D", 0, 0));
  const Subject s{"S01", "A", "", kDay1};
  const std::string text = calendar_ics(p, s, plan(p, PlanRequest{s.day1, s.arm, nullptr, Prefer::earlier}), {});
  EXPECT_NE(text.find("\r\nDTSTAMP:20260105T000000Z\r\n"), std::string::npos) << text;
}

// libical's own iTIP restriction check passes (no METHOD: a plain calendar, so no ORGANIZER is required), for a
// first calendar and for an update with cancelled events.
TEST(CalendarIcs, PassesLibicalRestrictionCheck) {
  const Protocol p = load_protocol(PLANNER_PROTOCOLS "/nahm2023-autologous-serum-ad.toml");
  const Subject s{"S01", "SERUM", "KR01", kDay1};
  const auto visits = plan(p, PlanRequest{s.day1, s.arm, nullptr, Prefer::earlier});
  const std::string first = calendar_ics(p, s, visits, IcsOptions{"", {"P1D"}, false, nullptr, nullptr, ""});
  const PreviousCalendar previous = parse_previous_calendar(first, "old.ics");
  const std::vector<PlannedVisit> fewer(visits.begin(), visits.end() - 1);
  const std::string update = calendar_ics(p, s, fewer,
                                          IcsOptions{"2026-12-01T08:00:00Z", {"P1D"}, false, nullptr, &previous, ""});
  for (const std::string& text : {first, update}) {
    const Component cal = parse_ics(text);
    EXPECT_EQ(icalrestriction_check(cal.get()), 1) << text;
  }
  EXPECT_NE(update.find("STATUS:CANCELLED"), std::string::npos);
}

// An update (--previous): the event whose date moved gets SEQUENCE + 1 and the new DTSTAMP, the others keep
// theirs, and the visit no longer planned comes back cancelled (SEQUENCE + 1, its date kept, no reminder).
TEST(CalendarIcs, UpdateRaisesSequenceOfChangedEventsAndCancelsRemovedOnes) {
  const Protocol p = load_protocol(PLANNER_PROTOCOLS "/nahm2023-autologous-serum-ad.toml");
  const Subject s{"S01", "SERUM", "KR01", kDay1};
  const SiteCalendar closed = weekends_closed();
  const auto before = plan(p, PlanRequest{s.day1, s.arm, &closed, Prefer::earlier});
  const PreviousCalendar previous =
      parse_previous_calendar(calendar_ics(p, s, before,
                                           IcsOptions{"2026-11-25T09:00:00Z", {"P1D"}, false, nullptr, nullptr, ""}),
                              "old.ics");
  SiteCalendar holidays = weekends_closed();
  holidays.close(std::vector<Date>{Date{date::year{2026} / 3 / 2}});  // W8's target: moves to 3 March
  auto after = plan(p, PlanRequest{s.day1, s.arm, &holidays, Prefer::earlier});
  const PlannedVisit removed = after[1];  // W0 no longer planned
  after.erase(after.begin() + 1);
  const Component cal = parse_ics(
      calendar_ics(p, s, after, IcsOptions{"2026-12-01T08:00:00Z", {"P1D"}, false, nullptr, &previous, ""}));
  const auto found = events(cal.get());
  ASSERT_EQ(found.size(), before.size());  // the cancelled event comes last
  std::size_t changed = 0;
  for (std::size_t i = 0; i < found.size(); ++i) {
    icalcomponent* e = found[i];
    const icaltimetype stamp = icalcomponent_get_dtstamp(e);
    const int sequence = icalproperty_get_sequence(icalcomponent_get_first_property(e, ICAL_SEQUENCE_PROPERTY));
    if (i + 1 == found.size()) {
      EXPECT_EQ(icalcomponent_get_status(e), ICAL_STATUS_CANCELLED);
      EXPECT_EQ(sequence, 1);
      EXPECT_EQ(date_of(icalcomponent_get_dtstart(e)), removed.scheduled);
      EXPECT_EQ(std::string{icalcomponent_get_summary(e)}, "S01: " + p.visits[removed.visit].label + " (W0)");
      EXPECT_EQ(icalcomponent_get_first_component(e, ICAL_VALARM_COMPONENT), nullptr);
      EXPECT_EQ(std::tuple(stamp.month, stamp.day, stamp.hour), std::tuple(12, 1, 8));
      continue;
    }
    const bool moved = after[i].scheduled != before[i < 1 ? i : i + 1].scheduled;
    changed += moved;
    EXPECT_EQ(date_of(icalcomponent_get_dtstart(e)), after[i].scheduled);
    EXPECT_EQ(icalcomponent_get_status(e), ICAL_STATUS_CONFIRMED);
    EXPECT_EQ(sequence, moved ? 1 : 0) << p.visits[after[i].visit].id;
    EXPECT_EQ(std::tuple(stamp.month, stamp.day, stamp.hour), moved ? std::tuple(12, 1, 8) : std::tuple(11, 25, 9))
        << p.visits[after[i].visit].id;
  }
  EXPECT_EQ(changed, 1u);  // W8
}

// The reference for append_ics_event: the event built as libical objects and serialised by libical (the
// writer's code before it wrote the text itself).
std::string libical_event_text(const CalendarEvent& shown) {
  const auto ical_date = [](Date d) {
    const date::year_month_day ymd{d};
    icaltimetype t = icaltime_null_date();
    t.year = static_cast<int>(ymd.year());
    t.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
    t.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
    return t;
  };
  const Date day = date::floor<date::days>(shown.stamp);
  const date::hh_mm_ss hms{shown.stamp - day};
  icaltimetype stamp = ical_date(day);
  stamp.is_date = 0;
  stamp.hour = static_cast<int>(hms.hours().count());
  stamp.minute = static_cast<int>(hms.minutes().count());
  stamp.second = static_cast<int>(hms.seconds().count());
  stamp.zone = icaltimezone_get_utc_timezone();
  const Component event{icalcomponent_new_vevent()};
  icalcomponent* e = event.get();
  icalcomponent_add_property(e, icalproperty_new_uid(shown.uid.c_str()));
  icalcomponent_add_property(e, icalproperty_new_dtstamp(stamp));
  icalcomponent_add_property(e, icalproperty_new_sequence(shown.sequence));
  const auto when = [&](Date d, const std::optional<TimeOfDay>& time) {
    icaltimetype t = ical_date(d);
    if (time) {
      t.is_date = 0;
      t.hour = time->hours();
      t.minute = time->minutes();
      t.second = 0;
    }
    return t;
  };
  const auto zoned = [&](icalproperty* property) {
    if (!shown.zone.empty()) icalproperty_add_parameter(property, icalparameter_new_tzid(shown.zone.c_str()));
    return property;
  };
  if (shown.start_time) {
    icalcomponent_add_property(e, zoned(icalproperty_new_dtstart(when(shown.start, shown.start_time))));
    if (shown.end_time) icalcomponent_add_property(e, zoned(icalproperty_new_dtend(when(shown.end, shown.end_time))));
  } else {
    icalcomponent_add_property(e, icalproperty_new_dtstart(ical_date(shown.start)));
    icalcomponent_add_property(e, icalproperty_new_dtend(ical_date(shown.end)));
  }
  icalcomponent_add_property(e, icalproperty_new_summary(shown.summary.c_str()));
  if (!shown.description.empty())
    icalcomponent_add_property(e, icalproperty_new_description(shown.description.c_str()));
  if (!shown.location.empty()) icalcomponent_add_property(e, icalproperty_new_location(shown.location.c_str()));
  icalcomponent_add_property(e, icalproperty_new_status(icalproperty_string_to_status(shown.status.c_str())));
  icalcomponent_add_property(e, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
  for (const std::string& r : shown.reminders) {
    const icaltriggertype trigger{icaltime_null_time(), icaldurationtype_from_string(r.c_str())};
    icalcomponent_add_component(e,
                                icalcomponent_vanew(ICAL_VALARM_COMPONENT, icalproperty_new_action(ICAL_ACTION_DISPLAY),
                                                    icalproperty_new_trigger(trigger),
                                                    icalproperty_new_description(shown.summary.c_str()), nullptr));
  }
  char* text = icalcomponent_as_ical_string_r(e);
  std::string out{text};
  icalmemory_free_buffer(text);
  return out;
}

std::string direct_event_text(const CalendarEvent& event) {
  std::string out;
  append_ics_event(out, event);
  return out;
}

// The events of every bundled protocol's calendars (each arm, blinded or not, with reminders, a site name
// and an update's cancelled event) come out as libical writes them.
TEST(IcsEvent, SameBytesAsLibicalForTheBundledProtocols) {
  std::size_t compared = 0;
  for (const auto& entry : std::filesystem::directory_iterator{PLANNER_PROTOCOLS}) {
    if (entry.path().extension() != ".toml") continue;
    const Protocol p = load_protocol(entry.path().string());
    for (const Arm& arm : p.arms) {
      const Subject s{"S-01; \"Kim\", J.", arm.id, "Seoul, Gangnam", kDay1};
      const auto visits = plan(p, PlanRequest{s.day1, s.arm, nullptr, Prefer::earlier});
      const std::string ics =
          calendar_ics(p, s, visits, IcsOptions{"2026-11-25T09:00:00Z", {"P1D", "PT18H"}, false, nullptr, nullptr, ""});
      std::string events;  // the calendar's events as libical writes them, to find in the calendar
      for (const CalendarEvent& e : parse_previous_calendar(ics, "x.ics").events) {
        EXPECT_EQ(direct_event_text(e), libical_event_text(e)) << e.summary;
        events += libical_event_text(e);
        ++compared;
      }
      EXPECT_TRUE(ics.ends_with(events + "END:VCALENDAR\r\n")) << p.study.id << " " << arm.id;
    }
  }
  EXPECT_GT(compared, 100u);
}

// Random texts full of what libical escapes, drops or folds at (';', ',', '\\', newlines, CR, tabs, spaces,
// colons, multi-byte UTF-8, a NUL), of every length around the 75-octet fold.
TEST(IcsEvent, SameBytesAsLibicalForRandomText) {
  std::mt19937 random{20261129};
  const std::vector<std::string> pieces{"a",
                                        "Z",
                                        "0",
                                        ";",
                                        ",",
                                        "\\",
                                        "\n",
                                        "\r",
                                        "\t",
                                        " ",
                                        ":",
                                        "\"",
                                        "\b",
                                        "\f",
                                        "\xC3\xA9",
                                        "\xED\x95\x9C",
                                        "\xF0\x9F\x92\x89",
                                        std::string(1, '\0')};
  const auto text = [&](std::size_t most) {
    std::string out;
    const std::size_t n = random() % (most + 1);
    const bool plain = random() % 3 == 0;  // long runs without break characters
    for (std::size_t i = 0; i < n; ++i) out += plain ? pieces[random() % 3] : pieces[random() % pieces.size()];
    return out;
  };
  const std::vector<std::string> statuses{"CONFIRMED", "TENTATIVE", "CANCELLED"};
  const std::vector<std::string> reminders{"-P1D", "-PT18H", "-P1DT12H", "-P2W", "-PT15M", "-PT30S"};
  const std::vector<std::string> zones{"", "Europe/Berlin", "America/New_York", "Asia/Seoul",
                                       "America/Argentina/ComodRivadavia"};
  for (int i = 0; i < 5000; ++i) {
    CalendarEvent e;
    e.uid = text(90);
    e.sequence = static_cast<int>(random() % 1000);
    e.stamp = date::sys_seconds{std::chrono::seconds{static_cast<long>(random() % 4'000'000'000U)}};
    e.start = kFirstDate + Days{static_cast<int>(random() % 100'000)};
    e.end = e.start + Days{1 + static_cast<int>(random() % 3)};
    e.summary = text(160);
    e.description = text(400);
    e.location = text(90);
    e.status = statuses[random() % statuses.size()];
    if (random() % 3 == 0) {  // a timed event: local time in a zone (or floating), with or without DTEND
      e.start_time = TimeOfDay{Minutes{random() % (24L * 60)}};
      if (random() % 3 != 0) e.end_time = TimeOfDay{Minutes{random() % (24L * 60)}};
      e.zone = zones[random() % zones.size()];
    }
    for (std::size_t r = random() % 3; r > 0; --r) e.reminders.push_back(reminders[random() % reminders.size()]);
    ASSERT_EQ(direct_event_text(e), libical_event_text(e)) << "case " << i;
  }
}

// ics_uid against boost's name-based UUID generator (RFC 4122 version 5, the UIDs' reference): names of every
// length around SHA-1's 64-octet blocks, split anywhere between study, subject and visit.
TEST(IcsUid, SameAsBoostNameGeneratorSha1) {
  const boost::uuids::uuid planner_namespace{
      {0x9b, 0x1d, 0x3a, 0x54, 0x60, 0x2f, 0x5e, 0x8c, 0xa4, 0x17, 0x0e, 0x63, 0x2b, 0xd5, 0x71, 0xc9}};
  const boost::uuids::name_generator_sha1 boost_uuid{planner_namespace};
  std::mt19937 random{20261130};
  const auto text = [&](std::size_t most) {
    std::string out(random() % (most + 1), ' ');
    for (char& c : out) c = static_cast<char>(random() % 256);
    return out;
  };
  for (int i = 0; i < 20000; ++i) {
    const std::string study = text(140), subject = text(i % 2 ? 10 : 140), visit = text(i % 3 ? 6 : 140);
    std::string name = study;
    name.append(1, '\x1f').append(subject).append(1, '\x1f').append(visit);
    ASSERT_EQ(ics_uid(study, subject, visit), boost::uuids::to_string(boost_uuid(name))) << "case " << i;
  }
  EXPECT_EQ(ics_uid("nahm2023-autologous-serum-ad", "S0000000", "SCR"), "8c7e72ae-3f11-5e61-83ae-287f3e28617e");
}

// Variant 0..3 of a site: with a name full of what is escaped and long enough to fold (0, 2), without (1, 3); its
// visits all day (0, 1), at 09:30 floating (2) or at 09:30 in Asia/Seoul (3).
Site site_variant(std::string id, int variant) {
  Site site;
  site.id = std::move(id);
  site.name = variant % 2 ? "" : "Seoul; \"East\", Gangnam\nBuilding 2 with a name long enough to fold";
  if (variant >= 2) site.calendar.set_visit_time(TimeOfDay{Minutes{9 * 60 + 30}});
  if (variant == 3) site.time_zone = "Asia/Seoul";
  return site;
}

// The writer escapes a calendar's text once per protocol and subject (IcsWriter::append); with --previous it
// builds each event's text and escapes it whole (append_ics_event, the same bytes as libical). An empty previous
// calendar changes no event, so both must give the same calendar: every bundled protocol and arm, blinded or
// not, with reminders, subject ids and site names full of what is escaped, timed visits in a zone and floating.
TEST(CalendarIcs, EscapedOnceSameAsEscapedPerEvent) {
  const PreviousCalendar nothing;
  std::size_t compared = 0;
  for (const auto& entry : std::filesystem::directory_iterator{PLANNER_PROTOCOLS}) {
    if (entry.path().extension() != ".toml") continue;
    const Protocol p = load_protocol(entry.path().string());
    for (int variant = 0; variant < 4; ++variant) {
      const std::vector<Site> sites{site_variant("Seoul, \\Gangnam", variant)};
      for (const Arm& arm : p.arms) {
        const Subject s{variant == 1 ? "" : "S-01; \"Kim\", J.\\", arm.id, sites[0].id, kDay1};
        const auto visits = plan(p, PlanRequest{s.day1, s.arm, nullptr, Prefer::earlier});
        for (const bool blind : {false, true}) {
          IcsOptions options{"2026-11-25T09:00:00Z", {"P1D", "PT18H"}, blind, &sites, nullptr, ""};
          std::string once;
          try {
            once = calendar_ics(p, s, visits, options);
          } catch (const InputError&) {  // arms that differ cannot be blinded
            continue;
          }
          options.previous = &nothing;
          EXPECT_EQ(once, calendar_ics(p, s, visits, options)) << p.study.id << " " << arm.id << " " << variant;
          ++compared;
        }
      }
    }
  }
  EXPECT_GT(compared, 50u);
}

// Through a CalendarMemo, each subject's events are exactly those written without one, whatever the subjects
// before it: every bundled protocol and arm, blinded or not, with and without reminders, at a site with a name to
// fold and timed visits in a zone or without; ids plain (shared) of several lengths, one a fold splits, and ids
// that are not plain (escaped, folded at, non-ASCII: written without the memo); subjects alike and not.
TEST(CalendarIcs, TextThroughTheMemoIsTheTextWrittenWithoutIt) {
  const std::vector<std::string> ids{"S1",
                                     "S0000002",
                                     "S0000003",
                                     "SUBJ-04",
                                     "S;5",
                                     "Kim J",
                                     std::string{"\xC3\xA9"} + "7",
                                     "S:8",
                                     "S-" + std::string(90, '9')};
  std::size_t shared = 0;
  for (const auto& entry : std::filesystem::directory_iterator{PLANNER_PROTOCOLS}) {
    if (entry.path().extension() != ".toml") continue;
    const Protocol p = load_protocol(entry.path().string());
    for (int variant = 0; variant < 4; ++variant) {
      std::vector<Site> sites{site_variant("KR01", variant), Site{}};
      sites[1].id = "KR02";
      sites[1].calendar.close(date::Saturday);
      const bool blind = variant == 1;
      const IcsOptions options{variant == 2 ? "" : "2026-11-25T09:00:00Z",
                               variant % 2 ? std::vector<std::string>{} : std::vector<std::string>{"P1D", "PT18H"},
                               blind,
                               &sites,
                               nullptr,
                               ""};
      std::optional<IcsWriter> ics;
      try {
        ics.emplace(p, options);
      } catch (const InputError&) {  // arms that differ cannot be blinded
        continue;
      }
      CalendarMemo memo;
      for (int i = 0; i < 60; ++i) {
        const Site& site = sites[static_cast<std::size_t>(i % 2)];
        const Arm& arm = p.arms[static_cast<std::size_t>(i / 2) % p.arms.size()];
        const Subject s{ids[static_cast<std::size_t>(i) % ids.size()], arm.id, site.id, kDay1 + Days{i % 3}};
        const auto visits = plan(p, PlanRequest{s.day1, s.arm, &site.calendar, Prefer::earlier});
        // As a cohort says subjects are alike (the same site, arm, Day 1 and plan), or not (every fifth).
        const std::uint64_t alike = i % 5 == 0 ? 0
                                               : (std::uint64_t{1} << 63) | (std::uint64_t(i % 2) << 40) |
                                                     (std::uint64_t(i / 2 % p.arms.size()) << 32) |
                                                     static_cast<std::uint32_t>(s.day1.time_since_epoch().count());
        std::string plain, through;
        ics->append(plain, s, visits);
        ics->append(through, s, visits, memo, alike);
        ASSERT_EQ(through, plain) << p.study.id << " " << variant << " " << i;
        // A plain id leaves its text in the memo, to be shared.
        if (s.id.find_first_of(";: \xC3") != std::string::npos) continue;
        const CalendarMemo::Entry* e = memo.find(s, visits, nullptr, alike);
        EXPECT_TRUE(e && e->id_size == s.id.size()) << p.study.id << " " << s.id;
        ++shared;
      }
    }
  }
  EXPECT_GT(shared, 500u);
}

// The memo marks where an id goes with bytes 0x01. Readers refuse control characters, but a protocol made in code
// may have one: the text then has more of them than ids, and is written subject by subject instead of shared.
TEST(CalendarIcs, ATextWithTheMemosStandInByteIsNotShared) {
  Protocol p = load_protocol(PLANNER_PROTOCOLS "/nahm2023-autologous-serum-ad.toml");
  p.visits[1].label += "\x01";
  const IcsWriter ics{p, {}};
  CalendarMemo memo;
  for (const std::string id : {"S01", "S02", "S03"}) {
    const Subject s{id, "SERUM", "KR01", kDay1};
    const auto visits = plan(p, PlanRequest{s.day1, s.arm});
    std::string plain, through;
    ics.append(plain, s, visits);
    ics.append(through, s, visits, memo);
    EXPECT_EQ(through, plain);
    const CalendarMemo::Entry* e = memo.find(s, visits);
    EXPECT_TRUE(!e || e->id_size != s.id.size());
  }
}

}  // namespace
}  // namespace planner

namespace planner {
namespace {

using namespace date::literals;

// A visit at 09:00 local time, one a week later, at a site in `zone`, as libical reads them back: each DTSTART
// carries the site's TZID and the VTIMEZONE the calendar holds turns it into the UTC instant the tz database
// gives for 09:00 local on that day.
std::vector<date::sys_seconds> utc_starts(const std::string& zone, Date day1) {
  const Protocol p = testing::test_protocol(
      testing::test_visit("V0", "P0D", 0, 0, R"("INJ")", "time = \"09:00\"\nduration = \"PT45M\"\n") +
      testing::test_visit("V1", "P1W", 0, 0, R"("INJ")", "time = \"09:00\"\nduration = \"PT45M\"\n"));
  std::vector<Site> sites(1);
  sites[0].id = "X";
  sites[0].time_zone = zone;
  const Subject s{"S1", "A", "X", day1};
  const auto visits = plan(p, PlanRequest{day1, "A", nullptr, Prefer::earlier});
  IcsOptions options;
  options.sites = &sites;
  const std::string ics = calendar_ics(p, s, visits, options);
  const Component cal = parse_ics(ics);
  std::vector<date::sys_seconds> out;
  for (icalcomponent* e : events(cal.get())) {
    icalproperty* start = icalcomponent_get_first_property(e, ICAL_DTSTART_PROPERTY);
    const icalparameter* tzid = icalproperty_get_first_parameter(start, ICAL_TZID_PARAMETER);
    EXPECT_NE(tzid, nullptr);
    if (!tzid) continue;
    EXPECT_EQ(std::string{icalparameter_get_tzid(tzid)}, zone);
    icaltimezone* vtimezone = icalcomponent_get_timezone(cal.get(), icalparameter_get_tzid(tzid));
    EXPECT_NE(vtimezone, nullptr) << "no VTIMEZONE for " << zone;
    if (!vtimezone) continue;
    const icaltimetype local = icalproperty_get_dtstart(start);
    EXPECT_EQ(local.hour, 9);
    EXPECT_EQ(local.minute, 0);
    const icaltimetype end = icalproperty_get_dtend(icalcomponent_get_first_property(e, ICAL_DTEND_PROPERTY));
    EXPECT_EQ(end.hour * 60 + end.minute, 9 * 60 + 45);
    const date::sys_seconds utc{std::chrono::seconds{icaltime_as_timet_with_zone(local, vtimezone)}};
    const date::zoned_seconds expected{zone,
                                       date::local_days{date_of(local).time_since_epoch()} + std::chrono::hours{9}};
    EXPECT_EQ(utc, expected.get_sys_time()) << zone << " " << format_date(date_of(local));
    out.push_back(utc);
  }
  return out;
}

TEST(IcsTimedEvent, NineOClockLocalStaysNineOClockAcrossDaylightSaving) {
  // Europe/Berlin goes to summer time on 2026-03-29: 09:00 is 08:00Z before, 07:00Z after.
  EXPECT_EQ(utc_starts("Europe/Berlin", 2026_y / 3 / 25),
            (std::vector<date::sys_seconds>{date::sys_days{2026_y / 3 / 25} + std::chrono::hours{8},
                                            date::sys_days{2026_y / 4 / 1} + std::chrono::hours{7}}));
  // ... and back on 2026-10-25: 07:00Z, then 08:00Z.
  EXPECT_EQ(utc_starts("Europe/Berlin", 2026_y / 10 / 21),
            (std::vector<date::sys_seconds>{date::sys_days{2026_y / 10 / 21} + std::chrono::hours{7},
                                            date::sys_days{2026_y / 10 / 28} + std::chrono::hours{8}}));
  // America/New_York on 2026-03-08: 14:00Z, then 13:00Z.
  EXPECT_EQ(utc_starts("America/New_York", 2026_y / 3 / 4),
            (std::vector<date::sys_seconds>{date::sys_days{2026_y / 3 / 4} + std::chrono::hours{14},
                                            date::sys_days{2026_y / 3 / 11} + std::chrono::hours{13}}));
  // Asia/Seoul keeps +09:00 all year: 00:00Z both weeks, over the days Berlin and New York change.
  EXPECT_EQ(utc_starts("Asia/Seoul", 2026_y / 3 / 25),
            (std::vector<date::sys_seconds>{date::sys_days{2026_y / 3 / 25}, date::sys_days{2026_y / 4 / 1}}));
}

// One VTIMEZONE per zone, after the events, covering the days of the calendar.
TEST(IcsTimedEvent, VtimezoneOfBerlinOverASpringHasItsTwoObservances) {
  std::string out;
  append_vtimezone(out, "Europe/Berlin", 2026_y / 3 / 1, 2026_y / 4 / 30);
  EXPECT_EQ(out,
            "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n"
            "BEGIN:STANDARD\r\nDTSTART:20251026T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\n"
            "END:STANDARD\r\n"
            "BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\n"
            "END:DAYLIGHT\r\n"
            "END:VTIMEZONE\r\n");
  out.clear();
  append_vtimezone(out, "Asia/Seoul", 2026_y / 1 / 1, 2027_y / 12 / 31);
  EXPECT_EQ(out,
            "BEGIN:VTIMEZONE\r\nTZID:Asia/Seoul\r\n"
            "BEGIN:STANDARD\r\nDTSTART:19881009T030000\r\nTZOFFSETFROM:+1000\r\nTZOFFSETTO:+0900\r\nTZNAME:KST\r\n"
            "END:STANDARD\r\nEND:VTIMEZONE\r\n");
}

// Visits without a time stay all-day events; a site's visit_time times them; without a zone the time floats.
TEST(IcsTimedEvent, AllDayWithoutTimeSiteDefaultAndFloating) {
  const Protocol p = testing::test_protocol(testing::test_visit("V0", "P0D", 0, 0) +
                                            testing::test_visit("V1", "P1W", 0, 0, R"("INJ")", "time = \"10:30\"\n"));
  const Subject s{"S1", "A", "X", kDay1};
  const auto visits = plan(p, PlanRequest{kDay1, "A", nullptr, Prefer::earlier});
  const std::string floating = calendar_ics(p, s, visits, IcsOptions{});
  EXPECT_NE(floating.find("DTSTART;VALUE=DATE:20260105\r\nDTEND;VALUE=DATE:20260106\r\n"), std::string::npos);
  EXPECT_NE(floating.find("DTSTART:20260112T103000\r\nSUMMARY"), std::string::npos);  // no length: no DTEND
  EXPECT_EQ(floating.find("VTIMEZONE"), std::string::npos);
  std::vector<Site> sites(1);
  sites[0].id = "X";
  sites[0].time_zone = "Asia/Seoul";
  sites[0].calendar.set_visit_time(TimeOfDay{Minutes{8 * 60}});
  IcsOptions options;
  options.sites = &sites;
  const std::string zoned = calendar_ics(p, s, visits, options);
  EXPECT_NE(zoned.find("DTSTART;TZID=Asia/Seoul:20260105T080000\r\nSUMMARY"), std::string::npos);
  EXPECT_NE(zoned.find("DTSTART;TZID=Asia/Seoul:20260112T103000\r\nSUMMARY"), std::string::npos);
  EXPECT_NE(zoned.find("TZID:Asia/Seoul\r\n"), std::string::npos);
}

}  // namespace
}  // namespace planner
