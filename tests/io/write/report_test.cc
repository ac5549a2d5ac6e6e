#include "planner/io/write/report.h"

#include <gtest/gtest.h>

#include "planner/core/error.h"
#include "planner/io/read/protocol.h"
#include "test_protocol.h"

namespace planner {
namespace {

const Date kDay1{date::year{2026} / 1 / 5};

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

ReportInput one_subject(const Protocol& p, const std::string& arm, const SiteCalendar* calendar = nullptr) {
  ReportInput in;
  in.protocol = &p;
  in.calendar = calendar;
  const Subject s{"S01", arm, "", kDay1};
  in.subjects.push_back({s, plan(p, PlanRequest{kDay1, arm, calendar})});
  return in;
}

Protocol hostile() { return load_protocol(PLANNER_TESTDATA "/report/hostile.toml"); }

TEST(Report, OneVisitMarkPerPlannedVisit) {
  const Protocol p = load_protocol(PLANNER_PROTOCOLS "/nahm2023-autologous-serum-ad.toml");
  SiteCalendar closed;
  closed.close(date::Saturday);
  closed.close(date::Sunday);
  const ReportInput in = one_subject(p, "SERUM", &closed);
  ASSERT_GT(in.subjects[0].visits.size(), 5U);
  EXPECT_EQ(count(timeline_section(in), "class=\"visit-mark "), in.subjects[0].visits.size());
  EXPECT_EQ(count(report_html(in), "class=\"visit-mark "), in.subjects[0].visits.size());
}

// A roster's stratum is named next to the arm, and like the arm left out when blinded (a stratum of one arm would
// tell it).
TEST(Report, SubjectHeadingNamesTheStratumUnlessBlinded) {
  const Protocol p = load_protocol(PLANNER_PROTOCOLS "/bajaj2008-autologous-serum-cu.toml");
  ReportInput in = one_subject(p, "AST");
  Subject s{"B01", "AST", "IN01", kDay1, "ASST_POS"};
  EXPECT_EQ(subject_heading(in, s), "Subject B01, arm AST, stratum ASST_POS, site IN01, Day 1 2026-01-05");
  s.stratum.clear();
  EXPECT_EQ(subject_heading(in, s), "Subject B01, arm AST, site IN01, Day 1 2026-01-05");
  s.stratum = "ASST_POS";
  in.blind = true;
  EXPECT_EQ(subject_heading(in, s), "Subject B01, site IN01, Day 1 2026-01-05");
}

TEST(Report, TimelinesStopAtTheLimit) {
  const Protocol p = testing::test_protocol(testing::test_visit("W0", "P0D", 0, 0));
  ReportInput in = one_subject(p, "A");
  in.subjects.resize(kReportSubjectLimit + 3, in.subjects.front());
  const std::string timeline = timeline_section(in);
  EXPECT_EQ(count(timeline, "class=\"visit-mark "), kReportSubjectLimit);
  EXPECT_NE(timeline.find("3 more subjects are not drawn"), std::string::npos);
  const std::string months = months_section(in);  // the calendars count everyone, listing six a day
  EXPECT_NE(months.find("(53 visits)"), std::string::npos);
  EXPECT_EQ(count(months, "<li>S01 W0</li>"), 6U);
  EXPECT_NE(months.find("<li>and 47 more</li>"), std::string::npos);
}

TEST(Report, SectionsInTheContents) {
  const Protocol p = testing::test_protocol(testing::test_visit("W0", "P0D", 0, 0));
  const std::string html = report_html(one_subject(p, "A"));
  for (const char* id : {"timeline", "months", "soa", "card"}) {
    EXPECT_NE(html.find("<section id=\"" + std::string{id} + "\">"), std::string::npos) << id;
    EXPECT_NE(html.find("<a href=\"#" + std::string{id} + "\">"), std::string::npos) << id;
  }
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(html.find("content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\""), std::string::npos);
}

TEST(Report, ForecastSectionAfterTheWorkloadAndInTheContents) {
  const Protocol p = testing::test_protocol(testing::test_visit("W0", "P0D", 0, 0));
  ReportInput in = one_subject(p, "A");
  EXPECT_EQ(report_html(in).find("#forecast"), std::string::npos);  // none without ReportInput::forecast_section
  in.forecast_section = "<section id=\"forecast\">\n<h2>Enrolment forecast</h2>\n</section>\n";
  const std::string html = report_html(in);
  EXPECT_NE(html.find("<li><a href=\"#forecast\">Enrolment forecast</a></li>"), std::string::npos);
  const std::size_t at = html.find(in.forecast_section);
  ASSERT_NE(at, std::string::npos);
  EXPECT_LT(html.find("<section id=\"workload\">"), at);
  EXPECT_EQ(html.find("<section id=\"soa\">"), at + in.forecast_section.size());
}

TEST(Report, PaperSizeOfThePrintStyle) {
  EXPECT_NE(report_page("t", "").find("@page { size: A4; margin: 15mm; }"), std::string::npos);
  const std::string letter = report_page("t", "", Paper::letter);
  EXPECT_NE(letter.find("@page { size: letter; margin: 0.5in; }"), std::string::npos);
  EXPECT_EQ(letter.find("size: A4"), std::string::npos);
}

TEST(Report, ClosedDaysShadedWithTheirReason) {
  const Protocol p = testing::test_protocol(testing::test_visit("W0", "P0D", 0, 0));
  SiteCalendar calendar;
  calendar.close(date::Sunday);
  calendar.close(Date{date::year{2026} / 1 / 7});
  const std::string months = months_section(one_subject(p, "A", &calendar));
  EXPECT_EQ(count(months, "closed on Sundays"), 4U);  // January 2026 has four Sundays
  EXPECT_EQ(count(months, "closed: holiday"), 1U);
  ReportInput on_6th = one_subject(p, "A", &calendar);
  on_6th.as_of = kDay1 + Days{1};
  EXPECT_NE(months_section(on_6th).find("<td class=\"today\"><span class=\"day\">6</span> <strong>today</strong></td>"),
            std::string::npos);
  EXPECT_NE(months.find("<td><span class=\"day\">5</span><ul class=\"entries\"><li>S01 W0</li></ul></td>"),
            std::string::npos);
}

TEST(Report, ConflictsMarkedInMonthAndTimeline) {
  const Protocol p = testing::test_protocol(testing::test_visit("W0", "P0D", 0, 0));
  SiteCalendar calendar;
  calendar.close(kDay1);  // W0 has no other day: kept on its closed target, in conflict
  const ReportInput in = one_subject(p, "A", &calendar);
  EXPECT_NE(months_section(in).find("<td class=\"closed\"><span class=\"day\">5</span><span class=\"reason\">closed: "
                                    "holiday</span><ul class=\"entries\"><li>S01 W0 <strong>(conflict)</strong></li>"),
            std::string::npos);
  const std::string timeline = timeline_section(in);
  EXPECT_NE(timeline.find("class=\"visit-mark conflict\""), std::string::npos);
  EXPECT_NE(timeline.find(">conflict: no open day</text>"), std::string::npos);
}

TEST(Report, ShiftedVisitSaysWhyItMoved) {
  const Protocol p = testing::test_protocol(testing::test_visit("W0", "P0D", 0, 2));
  SiteCalendar calendar;
  calendar.close(std::vector<Date>{kDay1}, "holidays.txt");
  ReportInput in = one_subject(p, "A", &calendar);
  std::vector<Conflict> moves;
  in.subjects[0].visits = plan(p,
                               PlanRequest{kDay1, "A", &calendar, Prefer::earlier, nullptr, nullptr, nullptr, &moves});
  const std::string without_why = timeline_section(in);
  EXPECT_NE(without_why.find(">moved +1 d</text>"), std::string::npos);
  EXPECT_EQ(without_why.find("holidays.txt"), std::string::npos);
  in.subjects[0].why = moves;
  const std::string timeline = timeline_section(in);
  EXPECT_NE(timeline.find("(shifted from target 2026-01-05; 2026-01-05 closed (holiday in holidays.txt))"),
            std::string::npos);  // the mark's <title>
  EXPECT_NE(timeline.find("<caption>Why visits moved</caption>"), std::string::npos);
  EXPECT_NE(timeline.find("<td>moved +1 d</td><td>2026-01-05 closed (holiday in holidays.txt)</td>"),
            std::string::npos);
}

TEST(Report, CheckResultsAsCheckCountsThem) {
  const Protocol p = testing::test_protocol(testing::test_visit("W0", "P0D", 0, 0) +
                                            testing::test_visit("W1", "P7D", 1, 1) +
                                            testing::test_visit("W2", "P14D", 1, 1));
  ReportInput in = one_subject(p, "A");
  const std::vector<ActualVisit> log{{"S01", "W0", kDay1, 2},
                                     {"S01", "W1", kDay1 + Days{9}, 3},
                                     {"S01", "X9", kDay1 + Days{3}, 4}};
  const std::vector<VisitCheck> rows = check_subject(p, in.subjects[0].subject, log, kDay1 + Days{20});
  in.checks = &rows;
  in.check_as_of = AsOf{kDay1 + Days{20}};
  const std::string timeline = timeline_section(in);
  EXPECT_EQ(count(timeline, "class=\"actual-mark "), 4U);  // three records and a missed visit
  EXPECT_NE(timeline.find("class=\"actual-mark verdict-late\""), std::string::npos);
  EXPECT_NE(timeline.find(">late +2 d</text>"), std::string::npos);
  EXPECT_NE(timeline.find(">missed</text>"), std::string::npos);
  EXPECT_NE(timeline.find(">not in protocol</text>"), std::string::npos);
  EXPECT_EQ(count(timeline, "class=\"visit-mark "), 3U);  // the plan's marks are unchanged
  const std::string check = check_section(in);
  EXPECT_NE(check.find("4 rows: 1 <span class=\"verdict verdict-in-window\">in-window</span>, 1 <span "
                       "class=\"verdict verdict-late\">late</span>, 1 <span class=\"verdict verdict-missed\">"
                       "missed</span>, 1 <span class=\"verdict verdict-not-in-protocol\">not-in-protocol</span>"),
            std::string::npos);
  EXPECT_NE(check.find("<tr><th scope=\"row\">W1</th><td class=\"num\">1</td><td class=\"num\">0</td><td "
                       "class=\"num\">0</td><td class=\"num dev\">1</td>"),
            std::string::npos);
  EXPECT_NE(check.find("<caption>Deviations (3)</caption>"), std::string::npos);
  EXPECT_NE(report_html(in).find("<a href=\"#check\">Check results</a>"), std::string::npos);
  in.checks = nullptr;
  EXPECT_EQ(check_section(in), "");
  EXPECT_EQ(report_html(in).find("#check"), std::string::npos);
}

TEST(Report, BlindCardHasNoArmOrProduct) {
  const Protocol p = testing::test_protocol(testing::test_dose("SAL", "saline", "2.5 mL") +
                                            testing::test_visit("W0", "P0D", 0, 0, R"("SAL", "Q")"));
  ReportInput in = one_subject(p, "A");
  in.blind = true;
  const std::string html = report_html(in);
  EXPECT_NE(html.find("study treatment"), std::string::npos);
  for (const char* word : {"arm", "saline", "SAL", "2.5 mL", "serum", "Schedule of Activities of"})
    EXPECT_EQ(html.find(word), std::string::npos) << word;
  in.blind = false;
  EXPECT_NE(report_html(in).find("SAL 2.5 mL"), std::string::npos);
}

TEST(Report, BlindRefusesArmsThatDiffer) {
  const Protocol p = testing::test_protocol(testing::test_visit("W0", "P0D", 0, 0) +
                                            testing::test_visit("W1", "P1W", 0, 0, R"("Q")", "arms = [\"B\"]\n"));
  ReportInput in = one_subject(p, "A");
  in.blind = true;
  EXPECT_THROW(report_html(in), InputError);
}

TEST(Report, HostileTextOnlyEscaped) {
  const Protocol p = hostile();
  ReportInput in = one_subject(p, "A");
  in.as_of = kDay1 + Days{7};
  in.subjects[0].subject.id = "S\x07<01>\x1b";  // readers refuse control characters; the writer must not trust that
  const std::string html = report_html(in);
  for (const char* raw : {"<script", "<img", "<b>", "<i>", "<01>", "\x07", "\x1b"})
    EXPECT_EQ(html.find(raw), std::string::npos) << raw;
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"), std::string::npos);
  EXPECT_NE(html.find("S\uFFFD&lt;01&gt;\uFFFD W1"), std::string::npos);  // a month calendar entry
  EXPECT_NE(html.find("Q &amp;amp; A &lt;i&gt;itch&lt;/i&gt;"), std::string::npos);
  EXPECT_EQ(html.find("href=\"javascript"), std::string::npos);
  EXPECT_EQ(count(html, "class=\"visit-mark "), 3U);
}

}  // namespace
}  // namespace planner
