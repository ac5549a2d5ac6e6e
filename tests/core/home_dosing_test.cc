// Home dosing periods: their dose days follow the scheduled dates of their visits, and each dispensing visit
// hands out the doses until the next one. The quantities are checked against an independent day-by-day count.
#include "planner/core/home_dosing.h"

#include <gtest/gtest.h>
#include <map>
#include <random>

#include "planner/core/protocol_summary.h"
#include "planner/core/workload.h"
#include "test_protocol.h"

namespace planner {
namespace {

using namespace date::literals;

// A patch daily from V0 to V6 (six weeks); arm A at 81 mg (the period's amount), arm B at the activity's
// 54 mg; dispensed at V0, V2 and V4. Windows of ±3 days, so closed days move the dispensing visits.
Protocol titration_protocol(const std::string& every = "P1D") {
  return testing::test_protocol(
      testing::test_dose("PATCH", "xanomeline", "54 mg") + testing::test_visit("V0", "P0D", 0, 0, R"("Q")") +
      testing::test_visit("V2", "P2W", 3, 3, R"("Q")") + testing::test_visit("V4", "P4W", 3, 3, R"("Q")") +
      testing::test_visit("V6", "P6W", 3, 3, R"("Q")") +
      "[[dosing_period]]\nid = \"P\"\nactivity = \"PATCH\"\nfrom = \"V0\"\nto = \"V6\"\nevery = \"" + every +
      "\"\nwhere = \"home\"\namounts = { A = \"81 mg\" }\ndispense = [\"V0\", \"V2\", \"V4\"]\nsource = \"test\"\n");
}

std::vector<std::string> text(const std::vector<Date>& days) {
  std::vector<std::string> out;
  out.reserve(days.size());
  for (Date d : days) out.push_back(date::format("%F", d));
  return out;
}

TEST(DoseDays, AreEveryNDaysFromTheStartUpToTheEndExclusive) {
  EXPECT_EQ(text(dose_days(2026_y / 1 / 5, 2026_y / 1 / 8, 1)),
            (std::vector<std::string>{"2026-01-05", "2026-01-06", "2026-01-07"}));
  EXPECT_EQ(text(dose_days(2026_y / 1 / 5, 2026_y / 1 / 19, 3)),
            (std::vector<std::string>{"2026-01-05", "2026-01-08", "2026-01-11", "2026-01-14", "2026-01-17"}));
  EXPECT_TRUE(dose_days(2026_y / 1 / 5, 2026_y / 1 / 5, 1).empty());
  EXPECT_TRUE(dose_days(2026_y / 1 / 8, 2026_y / 1 / 5, 1).empty());
}

TEST(DosingPeriod, ReadsItsVisitsAmountsAndDispensingVisits) {
  const Protocol p = titration_protocol("P2D");
  ASSERT_EQ(p.dosing_periods.size(), 1u);
  const DosingPeriod& d = p.dosing_periods[0];
  EXPECT_EQ(p.activities[d.activity].id, "PATCH");
  EXPECT_EQ(p.visits[d.from].id, "V0");
  EXPECT_EQ(p.visits[d.to].id, "V6");
  EXPECT_EQ(d.every, 2);
  EXPECT_EQ(d.place, DosingPeriod::Place::home);
  EXPECT_EQ(to_string(*d.amount_for(p, "A")), "81 mg");
  EXPECT_EQ(to_string(*d.amount_for(p, "B")), "54 mg");  // not in amounts: the activity's
  ASSERT_EQ(d.dispense.size(), 3u);
  EXPECT_EQ(p.visits[d.dispense[2]].id, "V4");
}

TEST(DosingPeriod, DispensingDefaultsToTheFromVisit) {
  const Protocol p = testing::test_protocol(
      testing::test_visit("V0", "P0D", 0, 0) + testing::test_visit("V1", "P1W", 0, 0) +
      "[[dosing_period]]\nid = \"P\"\nactivity = \"INJ\"\nfrom = \"V0\"\nto = \"V1\"\nassumed = \"test\"\n");
  ASSERT_EQ(p.dosing_periods[0].dispense.size(), 1u);
  EXPECT_EQ(p.dosing_periods[0].dispense[0], p.dosing_periods[0].from);
  EXPECT_EQ(p.dosing_periods[0].every, 1);
}

TEST(PeriodDoseDays, FollowTheScheduledDatesOfTheVisits) {
  const Protocol p = titration_protocol();
  // Day 1 Mon 2026-01-05; V6 targets Mon 2026-02-16. A site closed on that Monday moves V6 to Tue 02-17 (the
  // nearest open day, later on a tie-free window): the period then has 43 doses, not 42.
  const std::vector<PlannedVisit> open = plan(p, PlanRequest{2026_y / 1 / 5, "A"});
  EXPECT_EQ(period_dose_days(p, p.dosing_periods[0], "A", open).size(), 42u);
  SiteCalendar c;
  c.close(Date{2026_y / 2 / 16});
  c.close(Date{2026_y / 2 / 13});
  c.close(Date{2026_y / 2 / 14});
  c.close(Date{2026_y / 2 / 15});
  const std::vector<PlannedVisit> moved = plan(p, PlanRequest{2026_y / 1 / 5, "A", &c});
  const std::vector<Date> days = period_dose_days(p, p.dosing_periods[0], "A", moved);
  EXPECT_EQ(days.size(), 43u);
  EXPECT_EQ(date::format("%F", days.back()), "2026-02-16");
}

// The doses a dispensing visit hands out, counted day by day: each dose day belongs to the latest dispensing
// visit on or before it (the first visit for days before it).
std::map<std::string, long> count_by_day(const Protocol& p, const std::string& arm,
                                         const std::vector<PlannedVisit>& visits) {
  const DosingPeriod& d = p.dosing_periods[0];
  std::map<std::size_t, Date> at;
  for (const PlannedVisit& v : visits) at[v.visit] = v.scheduled;
  std::map<std::string, long> out;
  for (Date day = at[d.from]; day < at[d.to]; day += Days{d.every}) {
    std::size_t owner = d.dispense[0];
    for (std::size_t v : d.dispense)
      if (at[v] <= day && at[v] >= at[owner]) owner = v;
    ++out[p.visits[owner].id];
  }
  return out;
}

TEST(Dispensing, HandsOutTheDosesUntilTheNextDispensingVisitOnRandomCalendars) {
  std::mt19937 rng{15};
  for (const std::string every : {"P1D", "P2D", "P3D"}) {
    const Protocol p = titration_protocol(every);
    for (int round = 0; round < 50; ++round) {
      SiteCalendar c;
      const Date day1 = Date{2026_y / 1 / 5} + Days{static_cast<int>(rng() % 14)};
      for (int i = 0; i < 60; ++i)
        if (rng() % 3 == 0) c.close(day1 + Days{static_cast<int>(rng() % 50)});
      for (const std::string arm : {"A", "B"}) {
        const std::vector<PlannedVisit> visits = plan(p, PlanRequest{day1, arm, &c});
        std::map<std::string, long> got;
        for (const Dispensing& x : dispensing(p, p.dosing_periods[0], arm, visits)) {
          got[p.visits[x.visit].id] = x.doses;
          EXPECT_EQ(to_string(*x.amount), arm == "A" ? "81 mg" : "54 mg");
        }
        EXPECT_EQ(got, count_by_day(p, arm, visits)) << every << " round " << round << " arm " << arm;
      }
    }
  }
}

TEST(Workload, CountsDispensedProductOnTheDispensingDaysAndNoHomeDoses) {
  const Protocol p = titration_protocol();
  Workload w{p};
  const Subject a{"S1", "A", "KR01", 2026_y / 1 / 5};
  w.add(0, a, plan(p, PlanRequest{a.day1, a.arm}));
  // Every visit on its target (no calendar): V0, V2, V4 each hand out 14 daily doses of 81 mg = 1134 mg; the
  // home doses are not site doses (the test protocol's Q is the only activity of the visits).
  std::vector<std::string> got;
  for (const auto& [key, t] : w.days()) {
    std::string line = date::format("%F", key.second) + " doses " + std::to_string(t.doses);
    for (const auto& [product, amount] : t.product)
      line += " " + product.first + " " + std::to_string(static_cast<long>(amount)) + " " + product.second;
    got.push_back(line);
  }
  EXPECT_EQ(got,
            (std::vector<std::string>{"2026-01-05 doses 0 xanomeline 1134 mg", "2026-01-19 doses 0 xanomeline 1134 mg",
                                      "2026-02-02 doses 0 xanomeline 1134 mg", "2026-02-16 doses 0"}));
}

TEST(Workload, CountsSiteDosingPeriodsAsSiteDoses) {
  const Protocol p = testing::test_protocol(
      testing::test_visit("V0", "P0D", 0, 0, R"("Q")") + testing::test_visit("V1", "P4D", 0, 0, R"("Q")") +
      "[[dosing_period]]\nid = \"P\"\nactivity = \"INJ\"\nfrom = \"V0\"\nto = \"V1\"\nevery = \"P2D\"\n"
      "where = \"site\"\nassumed = \"test\"\n");
  Workload w{p};
  const Subject a{"S1", "A", "KR01", 2026_y / 1 / 5};
  w.add(0, a, plan(p, PlanRequest{a.day1, a.arm}));
  // Doses on 01-05 and 01-07 at the site; the 2 doses of serum (no amount) are dispensed at V0.
  EXPECT_EQ(w.days().at({0, 2026_y / 1 / 5}).doses, 1);
  EXPECT_EQ(w.days().at({0, 2026_y / 1 / 7}).doses, 1);
  EXPECT_EQ(w.days().at({0, 2026_y / 1 / 7}).visits, 0);
  EXPECT_EQ(w.days().at({0, 2026_y / 1 / 5}).product.at({"serum", "doses"}), 2.0);
}

// `planner protocols` counts a period's doses at home: as many as its dose days between the nominal dates of its
// visits (dose_days), for every cadence; a protocol's site visits are counted apart.
TEST(ProtocolSummary, CountsTheHomeDosesOfADosingPeriodAsItsDoseDays) {
  const Date day1 = 2026_y / 1 / 5;
  for (int every = 1; every <= 10; ++every) {
    const Protocol p = titration_protocol("P" + std::to_string(every) + "D");
    const ArmSummary s = summarize_arm(p, "A");
    EXPECT_EQ(s.doses, 0) << every;
    EXPECT_EQ(s.home_doses, static_cast<long>(dose_days(day1, day1 + Days{42}, every).size())) << every;
    EXPECT_EQ(s.site_period_doses, 0L) << every;
  }
  EXPECT_EQ(summarize_arm(titration_protocol(), "A").home_doses, 42L);
  EXPECT_EQ(summarize_arm(titration_protocol("P4D"), "A").home_doses, 11L);  // days 0, 4, ..., 40
}

}  // namespace
}  // namespace planner
