// The #workload section of report.h: its numbers are by_period's, the ones `planner load` prints.
#include <gtest/gtest.h>

#include "planner/io/write/report.h"
#include "planner/io/write/workload.h"
#include "test_protocol.h"

namespace planner {
namespace {

const Date kDay1{date::year{2026} / 1 / 5};  // a Monday

bool has(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

std::vector<Site> two_sites() {
  std::vector<Site> sites(2);
  sites[0].id = "KR01";
  sites[0].capacity = 2;
  sites[0].calendar.close(date::Saturday);
  sites[0].calendar.close(date::Sunday);
  sites[0].calendar.close(Date{date::year{2026} / 1 / 14});  // a Wednesday holiday in the second week
  sites[1].id = "KR02";
  return sites;
}

// Subjects alternating sites and arms, Day 1 on the weekdays of two weeks.
ReportInput cohort(const Protocol& p, const std::vector<Site>& sites) {
  ReportInput in;
  in.protocol = &p;
  in.sites = &sites;
  for (int i = 0; i < 8; ++i) {
    const Date day1 = kDay1 + Days{i % 5 + 7 * (i / 5)};
    const Site& site = sites[i % 2];
    const std::string arm = i % 3 ? "A" : "B";
    const Subject s{"S" + std::to_string(i), arm, site.id, day1};
    in.subjects.push_back({s, plan(p, PlanRequest{day1, arm, &site.calendar})});
  }
  return in;
}

TEST(ReportWorkload, WeeksAreThoseOfPlannerLoad) {
  const Protocol p = testing::test_two_dose_protocol();
  const std::vector<Site> sites = two_sites();
  const ReportInput in = cohort(p, sites);
  Workload w{p};  // as `planner load` counts: subject i at site i % 2
  for (std::size_t i = 0; i < in.subjects.size(); ++i) w.add(i % 2, in.subjects[i].subject, in.subjects[i].visits);
  const std::string section = workload_section(in);
  const std::vector<PeriodLoad> weeks = by_period(w, sites, Period::week);
  ASSERT_GE(weeks.size(), 4U);
  for (const PeriodLoad& week : weeks) {
    const std::string title = period_text(week.start, Period::week) + ": " + std::to_string(week.tally.visits) +
                              (week.tally.visits == 1 ? " visit, " : " visits, ") + std::to_string(week.tally.doses) +
                              (week.tally.doses == 1 ? " dose" : " doses");
    EXPECT_TRUE(has(section, "<title>" + title + (week.site == 0 ? "; capacity" : "</title>"))) << title;
  }
}

TEST(ReportWorkload, CapacityIsADayTimesOpenDays) {
  const Protocol p = testing::test_two_dose_protocol();
  const std::vector<Site> sites = two_sites();
  const std::string section = workload_section(cohort(p, sites));
  EXPECT_TRUE(has(section, "; capacity 10 (2 a day, 5 open days)</title>"));
  EXPECT_TRUE(has(section, "; capacity 8 (2 a day, 4 open days)</title>"));  // the week of the holiday
  EXPECT_TRUE(has(section, "<polyline class=\"capacity\""));
  EXPECT_EQ(section.find("<polyline"), section.rfind("<polyline"));  // KR02 has no capacity, so no line
}

TEST(ReportWorkload, BusiestDaysFirst) {
  const Protocol p = testing::test_two_dose_protocol();
  const std::vector<Site> sites = two_sites();
  ReportInput in = cohort(p, sites);
  in.subjects.push_back(in.subjects[0]);
  in.subjects.push_back(in.subjects[0]);
  in.subjects.push_back(in.subjects[0]);  // S0 thrice more: 4 visits at KR01 on 2026-01-05, over capacity
  const std::string section = workload_section(in);
  const std::size_t table = section.find("<caption>Site KR01 - busiest days</caption>");
  ASSERT_NE(table, std::string::npos) << section;
  // S0 is in arm B: two doses a visit (serum of unstated amount, saline 2.5 mL); W1 is on 2026-01-12.
  EXPECT_TRUE(has(section.substr(table),
                  "<tbody>\n<tr><th scope=\"row\">2026-01-05</th><td>4</td><td>2 <strong>(over)</strong></td><td>8</td>"
                  "<td>saline 10 mL; serum 4 doses</td></tr>\n<tr><th scope=\"row\">2026-01-12</th><td>4</td>"));
}

TEST(ReportWorkload, BlindCountsVisitsOnly) {
  const Protocol p = testing::test_two_dose_protocol();
  const std::vector<Site> sites = two_sites();
  ReportInput in = cohort(p, sites);
  in.blind = true;
  const std::string section = workload_section(in);
  EXPECT_TRUE(has(section, " visits; capacity 10"));
  for (const char* word : {"dose", "saline", "serum", "prepare"}) EXPECT_FALSE(has(section, word)) << word;
}

}  // namespace
}  // namespace planner
