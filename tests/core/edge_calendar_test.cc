// Calendar edge cases, and the scheduler against an independent brute-force placement on random site
// calendars: leap days, Day 1 on 29 February, windows across a year end, holidays that close a whole
// window, capacity 0, a protocol of 1,000 visits.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "planner/core/error.h"
#include "planner/core/scheduler.h"
#include "test_protocol.h"

namespace planner {
namespace {

using namespace date::literals;

Protocol protocol(const std::string& tables) { return testing::test_protocol(tables); }
using testing::test_visit;

TEST(EdgeCalendar, DayOneOnTheTwentyNinthOfFebruary) {
  const Protocol clamp = protocol("[schedule]\nmonth_end = \"clamp\"\n" + test_visit("Y1", "P1Y", 0, 0));
  const auto visits = plan(clamp, PlanRequest{2028_y / 2 / 29, "A", nullptr, Prefer::earlier});
  EXPECT_EQ(visits[0].target, Date{2029_y / 2 / 28});
  EXPECT_EQ(visits[0].study_day(2028_y / 2 / 29).number(), 366);  // 2028-02-29 .. 2029-02-28 is 365 days
  const Protocol reject = protocol("[schedule]\nmonth_end = \"reject\"\n" + test_visit("Y1", "P1Y", 0, 0, R"("Q")"));
  EXPECT_THROW(plan(reject, PlanRequest{2028_y / 2 / 29, "A", nullptr, Prefer::earlier}), PlanError);
  EXPECT_EQ(plan(reject, PlanRequest{2028_y / 2 / 28, "A", nullptr, Prefer::earlier})[0].target, Date{2029_y / 2 / 28});
}

TEST(EdgeCalendar, WindowAcrossTheYearEnd) {
  const Protocol p = protocol(test_visit("V", "P1W", 3, 3));
  SiteCalendar cal;
  cal.close(Date{2026_y / 12 / 31});
  cal.close(Date{2027_y / 1 / 1});
  cal.close(Date{2026_y / 12 / 30});
  // Target 2026-12-31; Dec 30 and Jan 1 are closed too; Dec 29 and Jan 2 are two days away: earlier wins.
  const auto v = plan(p, PlanRequest{2026_y / 12 / 24, "A", &cal, Prefer::earlier})[0];
  EXPECT_EQ(v.target, Date{2026_y / 12 / 31});
  EXPECT_EQ(v.earliest, Date{2026_y / 12 / 28});
  EXPECT_EQ(v.latest, Date{2027_y / 1 / 3});
  EXPECT_EQ(v.scheduled, Date{2026_y / 12 / 29});
  EXPECT_EQ(plan(p, PlanRequest{2026_y / 12 / 24, "A", &cal, Prefer::later})[0].scheduled, Date{2027_y / 1 / 2});
}

// The placement rule, written the slow and obvious way: every day of the window, the valid ones, the
// nearest (ties by preference); none -> conflict on the target.
struct Expected {
  Date scheduled;
  VisitStatus status;
};
Expected brute_force(Date target, int early, int late, const SiteCalendar& cal, SiteLoad* load,
                     const std::vector<Date>& doses, int gap, Prefer prefer) {
  std::vector<Date> valid;
  for (int k = -early; k <= late; ++k) {
    const Date d = target + Days{k};
    bool ok = cal.is_open(d) && (!load || load->has_room(d));
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

TEST(EdgeCalendar, AThousandVisitsAgreeWithBruteForceOnRandomCalendars) {
  std::mt19937 random{20261125};
  for (int round = 0; round < 20; ++round) {
    const int every = 1 + static_cast<int>(random() % 4), early = static_cast<int>(random() % 4),
              late = static_cast<int>(random() % 4), gap = static_cast<int>(random() % 3);
    const Protocol p = protocol(
        "[[series]]\nid = \"V{n}\"\nlabel = \"V{n}\"\nepoch = \"tx\"\nstart = \"P0D\"\n"
        "every = \"P" +
        std::to_string(every) +
        "D\"\ncount = 1000\n"
        "window = { early = \"P" +
        std::to_string(early) + "D\", late = \"P" + std::to_string(late) +
        "D\" }\nactivities = [\"INJ\"]\nsource = \"test\"\n"
        "[dosing]\nmin_gap = \"P" +
        std::to_string(gap) + "D\"\nassumed = \"test\"\n");
    SiteCalendar cal;
    for (unsigned wd = 0; wd < 7; ++wd)
      if (random() % 5 == 0) cal.close(date::weekday{wd});
    const Date day1 = Date{2027_y / 12 / 1} + Days{random() % 120};  // across a year end, a leap February
    for (int h = 0; h < 300; ++h) cal.close(day1 + Days{random() % 4000});
    const std::optional<int> capacity = random() % 3 == 0 ? std::optional<int>{0} : std::nullopt;
    const Prefer prefer = random() % 2 ? Prefer::earlier : Prefer::later;

    SiteLoad load{capacity}, reference_load{capacity};
    const auto visits = plan(p, PlanRequest{day1, "A", &cal, prefer, &load});
    ASSERT_EQ(visits.size(), 1000u);
    // Replay in the order visits were placed (by target: all are anchored to Day 1).
    std::vector<PlannedVisit> by_target = visits;
    std::stable_sort(by_target.begin(), by_target.end(),
                     [](const PlannedVisit& a, const PlannedVisit& b) { return a.visit < b.visit; });
    std::vector<Date> doses;
    for (const PlannedVisit& pv : by_target) {
      const Date target = day1 + Days{static_cast<long>(pv.visit) * every};
      const Expected e = brute_force(target, early, late, cal, &reference_load, doses, gap, prefer);
      ASSERT_EQ(pv.target, target);
      ASSERT_EQ(pv.scheduled, e.scheduled) << "round " << round << " visit " << pv.visit;
      ASSERT_EQ(pv.status, e.status) << "round " << round << " visit " << pv.visit;
      doses.push_back(e.scheduled);
      reference_load.book(e.scheduled);
    }
    // Listed in date order.
    EXPECT_TRUE(std::is_sorted(visits.begin(), visits.end(),
                               [](const PlannedVisit& a, const PlannedVisit& b) { return a.scheduled < b.scheduled; }));
  }
}

}  // namespace
}  // namespace planner
