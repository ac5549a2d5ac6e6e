// Workload counting, through the public API: subjects planned with plan(), added to a Workload, summed per
// day and per ISO week. Every expected number is derived by hand in the comments above it.
#include "planner/core/workload.h"

#include <gtest/gtest.h>
#include <sstream>

#include "test_protocol.h"

namespace planner {
namespace {

using namespace date::literals;

// testing::test_two_dose_protocol(): INJ (serum, no amount: counted as "doses") and Q on W0, with SAL, a 2.5 mL
// saline dose of arm B only; W1 a week later has both doses at 0.5 mL (the visit's amount overrides both
// activities': SAL's 2.5 mL and INJ's none). Windows are 0 days: a closed target day is a conflict.
Protocol protocol() { return testing::test_two_dose_protocol(); }

struct Enrolled {
  std::size_t site;
  Subject subject;
  const SiteCalendar* calendar = nullptr;
};

// Site 0 (capacity 1): S1 (arm A) and S2 (arm B) from Mon 2026-01-05, S4 (arm A) from Tue 2026-01-06.
// Site 1 (no capacity): S3 (arm B) from Wed 2026-01-07, a day the site is closed, so its W0 is a conflict.
std::vector<Enrolled> cohort(const SiteCalendar& site1) {
  return {{0, {"S1", "A", "KR01", 2026_y / 1 / 5}},
          {0, {"S2", "B", "KR01", 2026_y / 1 / 5}},
          {1, {"S3", "B", "KR02", 2026_y / 1 / 7}, &site1},
          {0, {"S4", "A", "KR01", 2026_y / 1 / 6}}};
}

void add(Workload& w, const Protocol& p, const Enrolled& e) {
  w.add(e.site, e.subject, plan(p, PlanRequest{e.subject.day1, e.subject.arm, e.calendar}));
}

std::vector<Site> sites() {
  std::vector<Site> out(2);
  out[0].id = "KR01";
  out[0].capacity = 1;
  out[1].id = "KR02";
  return out;
}

std::string text(const Tally& t) {
  std::ostringstream out;
  out << "visits " << t.visits << ", doses " << t.doses << ", assessments " << t.assessments << ", conflicts "
      << t.conflicts;
  for (const auto& [key, amount] : t.product) out << "; " << key.first << " " << amount << " " << key.second;
  return out.str();
}

std::vector<std::string> days(const Workload& w) {
  std::vector<std::string> out;
  for (const auto& [key, tally] : w.days())
    out.push_back(std::to_string(key.first) + " " + date::format("%F", key.second) + ": " + text(tally));
  return out;
}

std::vector<std::string> periods(const Workload& w, Period period) {
  std::vector<std::string> out;
  for (const PeriodLoad& l : by_period(w, sites(), period))
    out.push_back(std::to_string(l.site) + " " + date::format("%F", l.start) + ": " + text(l.tally) + "; busiest " +
                  std::to_string(l.busiest) + ", over " + std::to_string(l.days_over_capacity));
  return out;
}

SiteCalendar closed_on_2026_01_07() {
  SiteCalendar c;
  c.close(Date{2026_y / 1 / 7});
  return c;
}

TEST(Workload, CountsVisitsDosesAssessmentsConflictsAndProductPerSiteAndDay) {
  const Protocol p = protocol();
  const SiteCalendar site1 = closed_on_2026_01_07();
  Workload w{p};
  for (const Enrolled& e : cohort(site1)) add(w, p, e);
  // Arm A gets INJ and Q at W0, INJ at W1; arm B gets INJ, SAL and Q at W0, INJ and SAL at W1.
  // 01-05: S1 W0 (1 dose: serum without amount) + S2 W0 (2 doses: serum without amount, saline 2.5 mL).
  // 01-06: S4 W0. 01-12 and 01-13: the same subjects' W1, every dose 0.5 mL (serum 0.5 + 0.5 = 1 mL).
  // Site 1, 01-07: S3 W0 on its closed target day, a conflict; 01-14: its W1.
  EXPECT_EQ(days(w), (std::vector<std::string>{
                         "0 2026-01-05: visits 2, doses 3, assessments 2, conflicts 0; saline 2.5 mL; serum 2 doses",
                         "0 2026-01-06: visits 1, doses 1, assessments 1, conflicts 0; serum 1 doses",
                         "0 2026-01-12: visits 2, doses 3, assessments 0, conflicts 0; saline 0.5 mL; serum 1 mL",
                         "0 2026-01-13: visits 1, doses 1, assessments 0, conflicts 0; serum 0.5 mL",
                         "1 2026-01-07: visits 1, doses 2, assessments 1, conflicts 1; saline 2.5 mL; serum 1 doses",
                         "1 2026-01-14: visits 1, doses 2, assessments 0, conflicts 0; saline 0.5 mL; serum 0.5 mL",
                     }));
}

TEST(Workload, WeeksSumTheirDaysAndCountTheDaysOverCapacity) {
  const Protocol p = protocol();
  const SiteCalendar site1 = closed_on_2026_01_07();
  Workload w{p};
  for (const Enrolled& e : cohort(site1)) add(w, p, e);
  // Site 0, week of Mon 01-05: days 01-05 (2 visits) and 01-06 (1): 3 visits, 3 + 1 = 4 doses, 2 + 1 = 3
  // assessments, serum 2 + 1 = 3 doses; busiest 2; capacity 1: only 01-05 is over.
  // Week of 01-12: days 01-12 (2) and 01-13 (1): 3 visits, 4 doses, serum 1 + 0.5 = 1.5 mL; over 1.
  // Site 1 has no capacity: never over. Its week of 01-05 starts on that Monday, not on its first day.
  EXPECT_EQ(periods(w, Period::week),
            (std::vector<std::string>{
                "0 2026-01-05: visits 3, doses 4, assessments 3, conflicts 0; saline 2.5 mL; serum 3 doses; busiest 2, "
                "over 1",
                "0 2026-01-12: visits 3, doses 4, assessments 0, conflicts 0; saline 0.5 mL; serum 1.5 mL; busiest 2, "
                "over 1",
                "1 2026-01-05: visits 1, doses 2, assessments 1, conflicts 1; saline 2.5 mL; serum 1 doses; busiest 1, "
                "over 0",
                "1 2026-01-12: visits 1, doses 2, assessments 0, conflicts 0; saline 0.5 mL; serum 0.5 mL; busiest 1, "
                "over 0",
            }));
  // By day, a period is its day: six periods, the days above, over capacity where a day has 2 visits.
  const std::vector<std::string> by_day = periods(w, Period::day);
  ASSERT_EQ(by_day.size(), 6u);
  EXPECT_EQ(by_day[0],
            "0 2026-01-05: visits 2, doses 3, assessments 2, conflicts 0; saline 2.5 mL; serum 2 doses; busiest 2, "
            "over 1");
  EXPECT_EQ(by_day[1], "0 2026-01-06: visits 1, doses 1, assessments 1, conflicts 0; serum 1 doses; busiest 1, over 0");
}

TEST(Workload, MergedPartsEqualOneWorkloadOfEverySubject) {
  const Protocol p = protocol();
  const SiteCalendar site1 = closed_on_2026_01_07();
  const std::vector<Enrolled> all = cohort(site1);
  Workload whole{p}, first{p}, second{p};
  for (std::size_t i = 0; i < all.size(); ++i) {
    add(whole, p, all[i]);
    add(i % 2 == 0 ? first : second, p, all[i]);
  }
  first.merge(second);
  EXPECT_EQ(days(first), days(whole));
  EXPECT_EQ(days(first).size(), 6u);
}

TEST(PeriodStart, IsTheDayOrTheMondayOfItsIsoWeek) {
  EXPECT_EQ(period_start(2026_y / 1 / 11, Period::day), Date{2026_y / 1 / 11});
  EXPECT_EQ(period_start(2026_y / 1 / 11, Period::week), Date{2026_y / 1 / 5});   // a Sunday: its week's Monday
  EXPECT_EQ(period_start(2026_y / 1 / 5, Period::week), Date{2026_y / 1 / 5});    // a Monday: itself
  EXPECT_EQ(period_start(2027_y / 1 / 1, Period::week), Date{2026_y / 12 / 28});  // a Friday: 2026-W53
}

}  // namespace
}  // namespace planner
