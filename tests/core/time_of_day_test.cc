// Times of day, visit lengths, opening hours, and capacity counted in minutes: the scheduler against a
// brute-force placement that checks each day's hours and sums the minutes booked on each day, on random site
// calendars shared by many subjects.
#include "planner/core/time_of_day.h"

#include <gtest/gtest.h>

#include <array>
#include <map>
#include <random>

#include "planner/core/lint.h"
#include "planner/core/scheduler.h"
#include "planner/io/iso8601.h"
#include "test_protocol.h"

namespace planner {
namespace {

using namespace date::literals;

constexpr TimeOfDay at(int h, int m) { return TimeOfDay{Minutes{h * 60 + m}}; }

TEST(TimeOfDay, HoursMinutesAndOrder) {
  static_assert(at(9, 30).hours() == 9 && at(9, 30).minutes() == 30);
  static_assert(at(9, 30) < at(10, 0));
  static_assert(at(23, 30) + Minutes{45} == Minutes{24 * 60 + 15});  // a length may pass midnight
  EXPECT_EQ(at(0, 0).since_midnight(), Minutes{0});
}

TEST(OpeningHours, AVisitFitsWhenItStartsAndEndsWithinThem) {
  const OpeningHours hours{at(9, 0), at(17, 0)};
  EXPECT_EQ(hours.length(), Minutes{480});
  EXPECT_TRUE(hours.fits(at(9, 0), Minutes{480}));
  EXPECT_TRUE(hours.fits(at(16, 15), Minutes{45}));
  EXPECT_FALSE(hours.fits(at(16, 30), Minutes{45}));  // ends 17:15
  EXPECT_FALSE(hours.fits(at(8, 59), Minutes{1}));
}

TEST(VisitLength, OwnDurationElseTheSumOfItsActivitiesForTheArm) {
  const Protocol p = testing::test_protocol(
      "[[activity]]\nid = \"SCORE\"\nkind = \"assessment\"\ninstrument = \"SCORAD\"\nduration = \"PT30M\"\n"
      "[[activity]]\nid = \"SHOT\"\nkind = \"dose\"\nproduct = \"serum\"\nroute = \"im\"\narms = [\"B\"]\n"
      "duration = \"PT15M\"\nsource = \"test\"\n" +
      testing::test_visit("OWN", "P0D", 0, 0, R"("SCORE")", "duration = \"PT1H\"\n") +
      testing::test_visit("SUM", "P1D", 0, 0, R"("SCORE", "SHOT")") +
      testing::test_visit("NONE", "P2D", 0, 0, R"("SCORE", "INJ")"));
  EXPECT_EQ(visit_length(p, *p.find_visit("OWN"), "A"), Minutes{60});
  EXPECT_EQ(visit_length(p, *p.find_visit("SUM"), "A"), Minutes{30});  // SHOT is arm B's
  EXPECT_EQ(visit_length(p, *p.find_visit("SUM"), "B"), Minutes{45});
  EXPECT_EQ(visit_length(p, *p.find_visit("NONE"), "A"), std::nullopt);  // INJ gives no duration
}

TEST(SiteLoad, MinutesCapacityCountsTheLengthsBooked) {
  const Date d = 2026_y / 1 / 5;
  SiteLoad load{std::nullopt, Minutes{480}};
  load.book(d, Minutes{300});
  EXPECT_TRUE(load.has_room(d, Minutes{180}));
  EXPECT_FALSE(load.has_room(d, Minutes{181}));
  EXPECT_TRUE(load.has_room(d - Days{1}, Minutes{480}));
  load.book(d - Days{3}, Minutes{10});  // before the first day booked
  EXPECT_EQ(load.booked_minutes(d), Minutes{300});
  EXPECT_EQ(load.booked_minutes(d - Days{3}), Minutes{10});
  EXPECT_EQ(load.booked(d), 1);
}

// lint's visit-hours: a timed visit that ends after midnight, or (given the site's hours) outside them; an untimed
// visit longer than the hours.
TEST(LintVisitHours, TimedVisitsMustFitTheDayAndTheOpeningHours) {
  const Protocol p = testing::test_protocol(
      testing::test_visit("EARLY", "P0D", 0, 0, R"("Q")", "time = \"07:30\"\nduration = \"PT1H\"\n") +
      testing::test_visit("LATE", "P1D", 0, 0, R"("Q")", "time = \"23:30\"\nduration = \"PT1H\"\n") +
      testing::test_visit("LONG", "P2D", 0, 0, R"("Q")", "duration = \"PT10H\"\n") +
      testing::test_visit("FITS", "P3D", 0, 0, R"("Q")", "time = \"09:00\"\nduration = \"PT8H\"\n"));
  const auto messages = [&](const LintOptions& options) {
    std::vector<std::string> out;
    for (const Finding& f : lint(p, options))
      if (f.rule == "visit-hours") out.push_back(f.visit + ": " + f.message);
    return out;
  };
  EXPECT_EQ(messages(LintOptions{}),
            (std::vector<std::string>{"LATE: LATE at 23:30 lasting 60 minutes ends at 24:30, after midnight"}));
  LintOptions site;
  site.hours = OpeningHours{at(8, 0), at(17, 0)};
  EXPECT_EQ(messages(site),
            (std::vector<std::string>{
                "EARLY: EARLY at 07:30 lasting 60 minutes ends at 08:30, outside the opening hours 08:00-17:00",
                "LATE: LATE at 23:30 lasting 60 minutes ends at 24:30, outside the opening hours 08:00-17:00",
                "LONG: LONG lasting 600 minutes is longer than the opening hours 08:00-17:00"}));
}

// Subjects of three protocols (visits of 40, 90 and 150 minutes, and one without a length), each a series of
// visits with a window, all at one site with random closures, a capacity in minutes and sometimes in visits too.
// The reference places each visit the slow way: every day of its window, the nearest open one whose booked
// minutes plus the visit's stay within the capacity (ties by preference); none: a conflict on its target.
TEST(MinutesCapacityAndOpeningHours, AgreeWithBruteForceOnRandomCalendars) {
  std::mt19937 random{20261130};
  const std::vector<std::string> lengths{"PT40M", "PT1H30M", "PT2H30M", ""};
  const std::vector<std::string> times{"", "08:30", "11:00", "15:45"};  // "": the site's visit_time, else none
  for (int round = 0; round < 30; ++round) {
    const int every = 1 + static_cast<int>(random() % 3), early = static_cast<int>(random() % 4),
              late = static_cast<int>(random() % 4);
    std::vector<Protocol> protocols;
    protocols.reserve(std::size(lengths));
    for (const std::string& length : lengths) {
      const std::string& time = times[random() % times.size()];
      protocols.push_back(testing::test_protocol(
          "[[series]]\nid = \"V{n}\"\nlabel = \"V{n}\"\nepoch = \"tx\"\nstart = \"P0D\"\nevery = \"P" +
          std::to_string(every) + "D\"\ncount = 40\nwindow = { early = \"P" + std::to_string(early) +
          "D\", late = \"P" + std::to_string(late) + "D\" }\nactivities = [\"Q\"]\nsource = \"test\"\n" +
          (length.empty() ? "" : "duration = \"" + length + "\"\n") +
          (time.empty() ? "" : "time = \"" + time + "\"\n")));
    }
    SiteCalendar cal;
    if (random() % 2) cal.close(date::Sunday);
    // Some weekdays have opening hours (a morning, a day, an afternoon); the site may book untimed visits at 09:00.
    const std::vector<OpeningHours> shapes{{at(8, 0), at(12, 0)}, {at(8, 0), at(17, 0)}, {at(13, 0), at(18, 0)}};
    std::array<std::optional<OpeningHours>, 7> hours{};
    for (unsigned d = 0; d < 7; ++d)
      if (random() % 2) cal.set_hours(date::weekday{d}, *(hours[d] = shapes[random() % shapes.size()]));
    if (random() % 2) cal.set_visit_time(at(9, 0));
    const Date start = Date{2027_y / 12 / 1} + Days{random() % 60};
    for (int h = 0; h < 20; ++h) cal.close(start + Days{random() % 200});
    const Minutes capacity{60 + static_cast<int>(random() % 420)};
    const std::optional<int> visits_a_day = random() % 3 == 0 ? std::optional<int>{1 + static_cast<int>(random() % 4)}
                                                              : std::nullopt;
    const Prefer prefer = random() % 2 ? Prefer::earlier : Prefer::later;
    SiteLoad load{visits_a_day, capacity};
    std::map<Date, std::pair<int, Minutes>> booked;  // the reference's bookings: visits and minutes a day
    for (int subject = 0; subject < 12; ++subject) {
      const std::size_t which = random() % protocols.size();
      const Protocol& p = protocols[which];
      const Date day1 = start + Days{random() % 30};
      const Minutes length = visit_length(p, p.visits.front(), "A").value_or(Minutes{0});
      const std::optional<TimeOfDay> time = p.visits.front().time ? p.visits.front().time : cal.visit_time();
      const auto in_hours = [&](Date d) {  // the day's hours, worked out here from the table above
        const auto& h = hours[date::weekday{d}.c_encoding()];
        if (!h) return true;
        const Minutes open = h->open.since_midnight(), close = h->close.since_midnight();
        return time ? time->since_midnight() >= open && time->since_midnight() + length <= close
                    : length <= close - open;
      };
      const auto visits = plan(p, PlanRequest{day1, "A", &cal, prefer, &load});
      std::vector<PlannedVisit> by_index = visits;
      std::sort(by_index.begin(), by_index.end(),
                [](const PlannedVisit& a, const PlannedVisit& b) { return a.visit < b.visit; });
      for (const PlannedVisit& pv : by_index) {
        const Date target = day1 + Days{static_cast<long>(pv.visit) * every};
        const auto fits = [&](Date d) {
          const auto& [count, minutes] = booked[d];
          return cal.is_open(d) && in_hours(d) && (!visits_a_day || count < *visits_a_day) &&
                 minutes + length <= capacity;
        };
        Date expected = target;
        VisitStatus status = VisitStatus::conflict;
        for (int k = 0; k <= std::max(early, late) && status == VisitStatus::conflict; ++k)
          for (const int sign : {prefer == Prefer::earlier ? -1 : 1, prefer == Prefer::earlier ? 1 : -1}) {
            if ((sign < 0 ? k > early : k > late) || (k == 0 && sign > 0 && prefer == Prefer::earlier) ||
                (k == 0 && sign < 0 && prefer == Prefer::later))
              continue;
            const Date d = target + Days{sign * k};
            if (!fits(d)) continue;
            expected = d;
            status = k == 0 ? VisitStatus::planned : VisitStatus::shifted;
            break;
          }
        ASSERT_EQ(pv.scheduled, expected) << "round " << round << " subject " << subject << " visit " << pv.visit;
        ASSERT_EQ(pv.status, status) << "round " << round << " subject " << subject << " visit " << pv.visit;
        booked[expected].first += 1;
        booked[expected].second += length;
      }
    }
    // The scheduler's load holds what the reference booked.
    for (const auto& [day, use] : booked) ASSERT_EQ(load.booked_minutes(day), use.second) << format_date(day);
  }
}

}  // namespace
}  // namespace planner
