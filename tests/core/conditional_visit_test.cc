// Conditional visits (`on = "EVENT"`): left out of the plan until their event has a date, then placed by the
// same rules as every other visit; checked against the scheduler's rules by a brute-force placement on
// random site calendars.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <tuple>

#include "planner/core/scheduler.h"
#include "planner/core/visit_check.h"
#include "test_protocol.h"

namespace planner {
namespace {

using namespace date::literals;
using testing::test_protocol;
using testing::test_visit;

const std::string kEvents =
    "[[event]]\nid = \"AE\"\nlabel = \"Adverse event\"\nsource = \"test\"\n"
    "[[event]]\nid = \"DISC\"\nlabel = \"Early discontinuation\"\nsource = \"test\"\n";

std::vector<std::string> ids(const Protocol& p, const std::vector<PlannedVisit>& planned) {
  std::vector<std::string> out;
  out.reserve(planned.size());
  for (const PlannedVisit& pv : planned) out.push_back(p.visits[pv.visit].id + " " + date::format("%F", pv.scheduled));
  return out;
}

TEST(ConditionalVisit, ReadsTheEventItHappensOn) {
  const Protocol p = test_protocol(kEvents + test_visit("W0", "P0D", 0, 0) +
                                   test_visit("AEFU", "P14D", 2, 2, R"("Q")", "on = \"AE\"\n") +
                                   test_visit("RET", "P24W", 0, 7, R"("Q")", "on = \"DISC\"\nafter = \"W0\"\n"));
  ASSERT_EQ(p.events.size(), 2u);
  EXPECT_EQ(p.events[1].id, "DISC");
  EXPECT_EQ(p.events[1].label, "Early discontinuation");
  EXPECT_EQ(p.find_event("AE"), &p.events[0]);
  EXPECT_EQ(p.visits[0].on, std::nullopt);
  EXPECT_EQ(p.visits[1].on, std::optional<std::size_t>{0});
  EXPECT_EQ(p.visits[2].on, std::optional<std::size_t>{1});
  EXPECT_EQ(p.visits[2].after, std::optional<std::size_t>{0});
}

TEST(ConditionalVisit, IsLeftOutWithoutItsEventAndTimedFromTheEventWithIt) {
  const Protocol p = test_protocol(kEvents + test_visit("W0", "P0D", 0, 0) + test_visit("W4", "P4W", 3, 3) +
                                   test_visit("AEFU", "P14D", 2, 2, R"("Q")", "on = \"AE\"\n") +
                                   test_visit("RET", "P24W", 0, 7, R"("Q")", "on = \"DISC\"\nafter = \"W0\"\n"));
  const Date day1 = 2026_y / 1 / 5;
  EXPECT_EQ(ids(p, plan(p, PlanRequest{day1, "A"})), (std::vector<std::string>{"W0 2026-01-05", "W4 2026-02-02"}));
  const std::map<std::size_t, Date> none;
  EXPECT_EQ(plan(p, PlanRequest{day1, "A", nullptr, Prefer::earlier, nullptr, nullptr, nullptr, nullptr, &none}).size(),
            2u);
  // An AE on 2026-01-20: follow-up 14 days later. Discontinuation: retrieval at week 24 from W0.
  const std::map<std::size_t, Date> events{{0, 2026_y / 1 / 20}, {1, 2026_y / 3 / 1}};
  const auto planned = plan(p, PlanRequest{day1, "A", nullptr, Prefer::earlier, nullptr, nullptr, nullptr, nullptr,
                                           &events});
  EXPECT_EQ(ids(p, planned),
            (std::vector<std::string>{"W0 2026-01-05", "W4 2026-02-02", "AEFU 2026-02-03", "RET 2026-06-22"}));
  EXPECT_EQ(planned[2].earliest, Date{2026_y / 2 / 1});
  EXPECT_EQ(planned[2].latest, Date{2026_y / 2 / 5});
}

// The placement rule the slow and obvious way (as tests/core/edge_calendar_test.cc): every day of the
// window, the valid ones, the nearest (ties by preference); none -> conflict on the target.
struct Expected {
  Date scheduled;
  VisitStatus status;
};
Expected brute_force(Date target, int early, int late, const SiteCalendar& cal, SiteLoad& load,
                     const std::vector<Date>& doses, int gap, Prefer prefer) {
  std::vector<Date> valid;
  for (int k = -early; k <= late; ++k) {
    const Date d = target + Days{k};
    bool ok = cal.is_open(d) && load.has_room(d);
    for (Date other : doses) ok = ok && std::abs((d - other).count()) >= gap;
    if (ok) valid.push_back(d);
  }
  if (valid.empty()) return {target, VisitStatus::conflict};
  std::stable_sort(valid.begin(), valid.end(), [&](Date a, Date b) {
    const auto da = std::abs((a - target).count()), db = std::abs((b - target).count());
    if (da != db) return da < db;
    return prefer == Prefer::earlier ? a < b : a > b;
  });
  return {valid.front(), valid.front() == target ? VisitStatus::planned : VisitStatus::shifted};
}

// A random protocol: `n` dose visits every `every` days from Day 1, then `conditional` dose visits on AE at
// random offsets from the event, each with a random window (both kinds). Returns it and, per visit, its offset
// and window (early, late).
struct RandomProtocol {
  std::string unconditional, conditional;
  std::vector<std::tuple<int, int, int>> timing;  // per visit: offset (from Day 1 or the event), early, late
};
RandomProtocol random_protocol(std::mt19937& random, int n, int conditional) {
  RandomProtocol out;
  const int every = 1 + static_cast<int>(random() % 5);
  for (int i = 0; i < n + conditional; ++i) {
    const int early = static_cast<int>(random() % 4), late = static_cast<int>(random() % 4);
    const bool on = i >= n;
    const int at = on ? static_cast<int>(random() % 30) : i * every;
    out.timing.emplace_back(at, early, late);
    (on ? out.conditional : out.unconditional) += test_visit("V" + std::to_string(i), "P" + std::to_string(at) + "D",
                                                             early, late, R"("INJ")", on ? "on = \"AE\"\n" : "");
  }
  return out;
}

TEST(ConditionalVisit, PlacedFromTheEventDateByTheRulesOfEveryVisitOnRandomCalendars) {
  std::mt19937 random{20261130};
  for (int round = 0; round < 200; ++round) {
    const int n = 20, conditional = 1 + static_cast<int>(random() % 6), gap = static_cast<int>(random() % 3);
    const RandomProtocol r = random_protocol(random, n, conditional);
    const Protocol p = test_protocol(kEvents + r.unconditional + r.conditional + "[dosing]\nmin_gap = \"P" +
                                     std::to_string(gap) + "D\"\nassumed = \"test\"\n");
    SiteCalendar cal;
    for (unsigned wd = 0; wd < 7; ++wd)
      if (random() % 6 == 0) cal.close(date::weekday{wd});
    const Date day1 = Date{2027_y / 12 / 1} + Days{random() % 120};
    for (int h = 0; h < 40; ++h) cal.close(day1 + Days{random() % 150});
    const std::optional<int> capacity = random() % 3 == 0 ? std::optional<int>{1} : std::nullopt;
    const Prefer prefer = random() % 2 ? Prefer::earlier : Prefer::later;
    const Date event = day1 + Days{random() % 100};
    const std::map<std::size_t, Date> events{{0, event}};

    SiteLoad load{capacity}, reference_load{capacity};
    const auto visits = plan(p, PlanRequest{day1, "A", &cal, prefer, &load, nullptr, nullptr, nullptr, &events});
    ASSERT_EQ(visits.size(), static_cast<std::size_t>(n + conditional));
    // The reference places the visits by (target, definition order): Day 1 + offset, or the event + offset.
    std::vector<std::pair<Date, std::size_t>> order;
    for (std::size_t i = 0; i < r.timing.size(); ++i)
      order.emplace_back((i < static_cast<std::size_t>(n) ? day1 : event) + Days{std::get<0>(r.timing[i])}, i);
    std::sort(order.begin(), order.end());
    std::map<std::size_t, Expected> expected;
    std::vector<Date> doses;
    for (const auto& [target, i] : order) {
      const auto& [at, early, late] = r.timing[i];
      const Expected e = brute_force(target, early, late, cal, reference_load, doses, gap, prefer);
      expected.emplace(i, e);
      doses.push_back(e.scheduled);
      reference_load.book(e.scheduled);
    }
    for (const PlannedVisit& pv : visits) {
      const std::size_t i = pv.visit;
      const Date target = (i < static_cast<std::size_t>(n) ? day1 : event) + Days{std::get<0>(r.timing[i])};
      ASSERT_EQ(pv.target, target) << "round " << round << " visit " << i;
      ASSERT_EQ(pv.earliest, target - Days{std::get<1>(r.timing[i])});
      ASSERT_EQ(pv.latest, target + Days{std::get<2>(r.timing[i])});
      ASSERT_EQ(pv.scheduled, expected.at(i).scheduled) << "round " << round << " visit " << i;
      ASSERT_EQ(pv.status, expected.at(i).status) << "round " << round << " visit " << i;
    }
  }
}

TEST(ConditionalVisit, WithoutEventsTheCalendarIsTheProtocolsWithoutConditionalVisits) {
  std::mt19937 random{15};
  for (int round = 0; round < 200; ++round) {
    const RandomProtocol r = random_protocol(random, 15, 1 + static_cast<int>(random() % 5));
    const std::string dosing = "[dosing]\nmin_gap = \"P" + std::to_string(random() % 3) + "D\"\nassumed = \"t\"\n";
    const Protocol with = test_protocol(
        std::string{kEvents}.append(r.unconditional).append(r.conditional).append(dosing));
    const Protocol without = test_protocol(r.unconditional + dosing);
    SiteCalendar cal;
    const Date day1 = Date{2026_y / 1 / 1} + Days{random() % 365};
    for (int h = 0; h < 30; ++h) cal.close(day1 + Days{random() % 100});
    SiteLoad load_with{1}, load_without{1};
    const std::map<std::size_t, Date> other_event{{1, day1}};  // DISC: no visit of this protocol is on it
    const auto a = plan(with, PlanRequest{day1, "A", &cal, Prefer::later, &load_with, nullptr, nullptr, nullptr,
                                          round % 2 ? &other_event : nullptr});
    const auto b = plan(without, PlanRequest{day1, "A", &cal, Prefer::later, &load_without});
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(a[i].visit, b[i].visit);
      EXPECT_EQ(a[i].scheduled, b[i].scheduled);
      EXPECT_EQ(a[i].status, b[i].status);
    }
  }
}

TEST(ConditionalVisit, CheckRecognisesItsRecords) {
  const Protocol p = test_protocol(kEvents + test_visit("W0", "P0D", 0, 0) +
                                   test_visit("AEFU", "P14D", 2, 2, R"("Q")", "on = \"AE\"\n"));
  const Subject s{"S1", "A", "", 2026_y / 1 / 5};
  const std::vector<ActualVisit> log{{"S1", "W0", 2026_y / 1 / 5, 2},
                                     {"S1", "AEFU", 2026_y / 2 / 10, 3},
                                     {"S1", "AEFU", 2026_y / 3 / 10, 4},
                                     {"S1", "XX", 2026_y / 3 / 11, 5}};
  const auto verdicts = [](const std::vector<VisitCheck>& rows) {
    std::vector<std::string> out;
    out.reserve(rows.size());
    for (const VisitCheck& c : rows) out.push_back(c.visit + " " + std::string{to_string(c.verdict)});
    return out;
  };
  EXPECT_EQ(verdicts(check_subject(p, s, log, std::nullopt)),
            (std::vector<std::string>{"W0 in-window", "AEFU conditional", "AEFU conditional", "XX not-in-protocol"}));
  // The AE's date known (2026-01-20): follow-up target 2026-02-03, window 02-01..02-05, so 02-10 is late.
  const std::map<std::size_t, Date> events{{0, 2026_y / 1 / 20}};
  const auto rows = check_subject(p, s, log, std::nullopt, &events);
  EXPECT_EQ(verdicts(rows),
            (std::vector<std::string>{"W0 in-window", "AEFU late", "AEFU duplicate", "XX not-in-protocol"}));
  EXPECT_EQ(rows[1].deviation, Days{7});
  EXPECT_FALSE(is_deviation(Verdict::conditional));
}

}  // namespace
}  // namespace planner
