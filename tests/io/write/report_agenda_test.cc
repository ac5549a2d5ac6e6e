// The #agenda section of report.h, and the scale rule's aggregation (agenda and month calendars).
#include <gtest/gtest.h>

#include "planner/io/write/report.h"
#include "test_protocol.h"

namespace planner {
namespace {

const Date kDay1{date::year{2026} / 1 / 5};  // a Monday

// Two subjects with the same Day 1, one per arm, of test_two_dose_protocol.
ReportInput two_subjects(const Protocol& p) {
  ReportInput in;
  in.protocol = &p;
  for (const char* arm : {"A", "B"}) {
    const Subject s{std::string{"S"} + arm, arm, "", kDay1};
    in.subjects.push_back({s, plan(p, PlanRequest{kDay1, arm, nullptr})});
  }
  return in;
}

bool has(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

TEST(ReportAgenda, ADayTableWithTheProductsSummed) {
  const Protocol p = testing::test_two_dose_protocol();
  const std::string agenda = agenda_section(two_subjects(p));
  EXPECT_TRUE(has(agenda, "<caption>All subjects - Monday 2026-01-05 (2 visits)</caption>"));
  EXPECT_TRUE(has(agenda, "<tr><th scope=\"row\">SA</th><td>A</td><td>W0</td><td>INJ; Q</td></tr>")) << agenda;
  EXPECT_TRUE(has(agenda, "<tr><th scope=\"row\">SB</th><td>B</td><td>W0</td><td>INJ; SAL 2.5 mL; Q</td></tr>"));
  // W0: serum has no amount (one dose each), saline 2.5 mL for B; W1: the visit's 0.5 mL for every dose.
  EXPECT_TRUE(has(agenda, "<th scope=\"row\">To prepare</th><td colspan=\"3\">saline 2.5 mL; serum 2 doses</td>"));
  EXPECT_TRUE(has(agenda, "<th scope=\"row\">To prepare</th><td colspan=\"3\">saline 0.5 mL; serum 1 mL</td>"));
  EXPECT_TRUE(has(agenda, "<caption>All subjects - Monday 2026-01-12 (2 visits)</caption>"));
}

TEST(ReportAgenda, BlindNamesNoArmOrProduct) {
  const Protocol p = testing::test_two_dose_protocol();
  ReportInput in = two_subjects(p);
  in.blind = true;
  const std::string agenda = agenda_section(in);
  EXPECT_TRUE(has(agenda, "<tr><th scope=\"row\">SB</th><td>W0</td><td>study treatment; study treatment; Q</td></tr>"))
      << agenda;
  for (const char* word : {"To prepare", "saline", "serum", "SAL", "mL", "Arm"})
    EXPECT_FALSE(has(agenda, word)) << word;
}

TEST(ReportAgenda, ClosedDayOfAConflictSaysSo) {
  const Protocol p = testing::test_two_dose_protocol();
  SiteCalendar calendar;
  calendar.close(kDay1);
  ReportInput in = two_subjects(p);
  in.calendar = &calendar;
  for (ReportSubject& rs : in.subjects) rs.visits = plan(p, PlanRequest{kDay1, rs.subject.arm, &calendar});
  const std::string agenda = agenda_section(in);
  EXPECT_TRUE(has(agenda, "Monday 2026-01-05 (2 visits), <strong>site closed</strong></caption>"));
  EXPECT_TRUE(has(agenda, "<td>W0 <strong>(conflict)</strong></td>"));
}

TEST(ReportAgenda, PerSiteInFileOrder) {
  const Protocol p = testing::test_two_dose_protocol();
  std::vector<Site> sites(3);
  sites[0].id = "KR01";
  sites[1].id = "KR02";
  sites[1].name = "Busan";
  sites[2].id = "KR03";
  ReportInput in = two_subjects(p);
  in.sites = &sites;
  in.subjects[0].subject.site = "KR02";
  in.subjects[1].subject.site = "KR01";
  for (const std::size_t limit : {std::size_t{1000}, std::size_t{1}}) {  // named, then aggregated
    in.named_limit = limit;
    const std::string agenda = agenda_section(in);
    const std::size_t kr01 = agenda.find("<h3>Site KR01</h3>\n<table");
    const std::size_t kr02 = agenda.find("<h3>Site KR02: Busan</h3>\n<table");
    EXPECT_LT(kr01, kr02) << agenda;
    EXPECT_NE(kr02, std::string::npos) << agenda;
    EXPECT_TRUE(has(agenda, "<h3>Site KR03</h3>\n<p>No visits.</p>")) << agenda;
  }
  in.named_limit = 1000;
  EXPECT_TRUE(has(agenda_section(in), "<caption>Site KR02: Busan - Monday 2026-01-05 (1 visit)</caption>"));
}

TEST(ReportScaleRule, AboveTheLimitDaysAreCounted) {
  const Protocol p = testing::test_two_dose_protocol();
  ReportInput in = two_subjects(p);
  EXPECT_FALSE(in.aggregated());
  in.named_limit = 1;
  ASSERT_TRUE(in.aggregated());
  const std::string agenda = agenda_section(in);
  EXPECT_FALSE(has(agenda, "SA"));
  EXPECT_TRUE(has(agenda,
                  "<tr><th scope=\"row\">Monday 2026-01-05</th><td>2</td><td>W0 2</td>"
                  "<td>saline 2.5 mL; serum 2 doses</td></tr>"))
      << agenda;
  const std::string months = months_section(in);
  EXPECT_FALSE(has(months, "SA W0"));
  EXPECT_TRUE(has(months, "<span class=\"day\">5</span> (2 visits)<ul class=\"entries\"><li>W0: 2</li></ul>"))
      << months;
  in.named_limit = 2;
  EXPECT_TRUE(has(months_section(in), "<li>SA W0</li><li>SB W0</li>"));
}

// The rule's point: above the limit the report grows with days, not subjects.
TEST(ReportScaleRule, AggregatedSizeDoesNotGrowWithSubjects) {
  const Protocol p = testing::test_two_dose_protocol();
  ReportInput in = two_subjects(p);
  in.named_limit = 10;
  in.subjects.resize(kReportSubjectLimit + 10, in.subjects.back());  // timelines and cards at their limit
  const std::size_t before = report_html(in).size();
  in.subjects.resize(400, in.subjects.back());
  EXPECT_LT(report_html(in).size(), before + 200);  // only counts got longer
  in.named_limit = 1000;
  EXPECT_GT(report_html(in).size(), before + 10000);  // named: a row per visit
}

}  // namespace
}  // namespace planner
