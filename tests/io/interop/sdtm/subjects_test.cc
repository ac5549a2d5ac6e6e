// `planner check` on the CDISC pilot SDTM data, against an independent recount from the raw CSV.
#include "planner/io/interop/sdtm/subjects.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <map>
#include <regex>
#include <sstream>

#include "planner/core/visit_check.h"
#include "planner/io/interop/sdtm/trial_design.h"
#include "planner/io/iso8601.h"
#include "planner/io/read/analysis_records.h"
#include "planner/io/read/csv.h"
#include "planner/io/read/protocol.h"
#include "planner/io/write/check_report.h"

namespace planner {
namespace {

const std::string kData = PLANNER_EXAMPLES "/cdiscpilot01/";

TEST(Sdtm, WeekTwoVerdictsMatchARecountFromTheRawData) {
  const Protocol p = load_protocol(PLANNER_PROTOCOLS "/cdiscpilot01-xanomeline-ad.toml");
  const SdtmRoster roster = load_sdtm_dm(kData + "dm.csv", p);
  EXPECT_EQ(roster.planned.size(), 254u);
  EXPECT_EQ(roster.unplanned.size(), 52u);  // ARMCD Scrnfail, no RFSTDTC
  std::map<std::string, std::vector<ActualVisit>> by_subject;
  for (ActualVisit& a : load_sdtm_sv(kData + "sv.csv", p, roster)) by_subject[a.subject].push_back(a);
  std::map<Verdict, int> planner_counts;
  for (const Subject& s : roster.planned)
    for (const VisitCheck& c : check_subject(p, s, by_subject[s.id], std::nullopt))
      if (c.visit == "WK2") ++planner_counts[c.verdict];

  // Recount: Week 2 (VISITNUM 4) is due 14 days after RFSTDTC, within 3 days either way.
  std::map<std::string, Date> day1;
  CsvReader dm{kData + "dm.csv"};
  dm.read_header({"USUBJID", "RFSTDTC"});
  while (dm.next())
    if (!dm.field(1).empty()) day1[std::string{dm.field(0)}] = *parse_date(dm.field(1).substr(0, 10)).value;
  int in = 0, early = 0, late = 0;
  CsvReader sv{kData + "sv.csv"};
  sv.read_header({"USUBJID", "VISITNUM", "SVSTDTC"});
  while (sv.next()) {
    if (sv.field(1) != "4") continue;
    const long deviation = (*parse_date(sv.field(2).substr(0, 10)).value - day1.at(std::string{sv.field(0)})).count() -
                           14;
    (deviation < -3 ? early : deviation > 3 ? late : in) += 1;
  }
  EXPECT_EQ(in + early + late, 254);
  EXPECT_EQ(planner_counts[Verdict::in_window], in);
  EXPECT_EQ(planner_counts[Verdict::early], early);
  EXPECT_EQ(planner_counts[Verdict::late], late);
}

}  // namespace
}  // namespace planner

namespace planner {
namespace {

// ADaM ADQSCIBC (CIBIC+ scores): planner's analysis windows reproduce AVISIT, ADY and ANL01FL of every record
// that is not derived (DTYPE LOCF), reading the file as it is.
TEST(AnalysisWindows, ReproduceAdqscibc) {
  const Protocol p = load_protocol(PLANNER_PROTOCOLS "/cdiscpilot01-xanomeline-ad.toml");
  const SdtmRoster roster = load_sdtm_dm(kData + "dm.csv", p);
  const RecordFile file = load_analysis_records(kData + "adqscibc.csv", roster.planned);
  const auto assigned = assign_analysis_windows(p.analysis_windows, file.records);

  CsvReader adam{kData + "adqscibc.csv"};
  adam.read_header({"AVISIT", "ADY", "ANL01FL", "DTYPE"});
  std::size_t i = 0, compared = 0;
  while (adam.next()) {
    ASSERT_LT(i, assigned.size());
    const AnalysisAssignment& a = assigned[i++];
    if (!adam.field(3).empty()) continue;  // LOCF rows are derived by the ADaM program, not records
    SCOPED_TRACE("adqscibc.csv line " + std::to_string(adam.line()));
    ASSERT_TRUE(a.window);
    EXPECT_EQ(p.analysis_windows[*a.window].name, adam.field(0));
    EXPECT_EQ(std::to_string(a.study_day.number()), adam.field(1));
    EXPECT_EQ(a.flagged ? "Y" : "", adam.field(2));
    ++compared;
  }
  EXPECT_EQ(compared, 562u);
}

TEST(AnalysisWindows, NearestToTargetTiesToTheLaterRecordUnlessTheWindowSaysEarlier) {
  using namespace date::literals;
  const Date day1 = 2026_y / 1 / 5;
  const auto day = [](int n) { return *StudyDay::from_number(n); };
  std::vector<AnalysisWindow> windows{{"Week 8", day(56), day(2), day(84), true},
                                      {"Week 24", day(168), day(141), std::nullopt, true}};
  const auto record = [&](int study_day) { return AnalysisRecord{"S1", "", day1 + Days{study_day - 1}, day1, false}; };
  // Days 54 and 58 are both 2 days from 56: the later wins; day 300 falls in the open Week 24 window;
  // day 1 is in no window.
  auto a = assign_analysis_windows(windows, {record(54), record(58), record(300), record(1)});
  EXPECT_FALSE(a[0].flagged);
  EXPECT_TRUE(a[1].flagged);
  EXPECT_EQ(a[2].window, std::optional<std::size_t>{1});
  EXPECT_TRUE(a[2].flagged);
  EXPECT_FALSE(a[3].window);
  windows[0].ties_later = false;
  a = assign_analysis_windows(windows, {record(54), record(58)});
  EXPECT_TRUE(a[0].flagged);
  EXPECT_FALSE(a[1].flagged);
}

// The whole pilot as `planner check` reports it (as of the latest SV date, the default): every subject's
// summary columns add up to its RECORDS (unscheduled and not-planned records included), and the RECORDS of
// all subjects to the 3,559 rows of SV.
TEST(Sdtm, PilotSummaryColumnsAddUpToRecordsForEverySubject) {
  const Protocol p = load_protocol(PLANNER_PROTOCOLS "/cdiscpilot01-xanomeline-ad.toml");
  const SdtmRoster roster = load_sdtm_dm(kData + "dm.csv", p);
  const std::vector<ActualVisit> log = load_sdtm_sv(kData + "sv.csv", p, roster);
  std::map<std::string, std::vector<ActualVisit>> by_subject;
  Date latest = log.front().date;
  for (const ActualVisit& a : log) {
    by_subject[a.subject].push_back(a);
    latest = std::max(latest, a.date);
  }
  std::vector<VisitCheck> rows;
  for (const Subject& s : roster.planned)
    for (VisitCheck& c : check_subject(p, s, by_subject[s.id], latest)) rows.push_back(std::move(c));
  for (const auto& [id, why] : roster.unplanned)
    for (const ActualVisit& a : by_subject[id])
      rows.push_back({id, a.visit, std::nullopt, a.date, {}, {}, {}, {}, Verdict::not_planned, a.line, {}});

  const std::string summary = check_summary(p, rows, AsOf{latest, true});
  std::istringstream table{summary.substr(summary.find("per subject\n"))};
  std::string line;
  std::getline(table, line);  // "per subject"
  std::getline(table, line);
  ASSERT_EQ(std::regex_replace(line, std::regex{" {2,}"}, "|"),
            "SUBJECT|RECORDS|IN WINDOW|EARLY|LATE|OTHER|UNSCHEDULED|NOT PLANNED|CONDITIONAL|MISSED");
  long subjects = 0, records = 0, unscheduled = 0, not_planned = 0, conditional = 0;
  while (std::getline(table, line) && !line.empty()) {
    std::istringstream cells{line};
    std::string id;
    long n = 0, in = 0, early = 0, late = 0, other = 0, unsched = 0, unplanned = 0, cond = 0, missed = 0;
    cells >> id >> n >> in >> early >> late >> other >> unsched >> unplanned >> cond >> missed;
    ASSERT_TRUE(cells) << line;
    EXPECT_EQ(in + early + late + other + unsched + unplanned + cond, n) << line;
    ++subjects, records += n, unscheduled += unsched, not_planned += unplanned, conditional += cond;
  }
  EXPECT_EQ(subjects, 306);  // 254 planned, 52 screen failures with records
  EXPECT_EQ(records, static_cast<long>(log.size()));
  EXPECT_EQ(log.size(), 3559u);
  EXPECT_GT(unscheduled, 0);
  EXPECT_GT(not_planned, 0);
  EXPECT_EQ(conditional, 112);  // 74 AE follow-up and 38 retrieval records: visits on the event DISC
}

// DM and SV as a spreadsheet may save them: lower-case names, ';' between fields.
TEST(Sdtm, ReadsLowerCaseSemicolonSeparatedDmAndSv) {
  const Protocol p = load_protocol(PLANNER_PROTOCOLS "/cdiscpilot01-xanomeline-ad.toml");
  const SdtmRoster roster = parse_sdtm_dm("usubjid;armcd;siteid;rfstdtc\n01-701-1015;Pbo;701;2014-01-02\n", "dm.csv",
                                          p);
  ASSERT_EQ(roster.planned.size(), 1u);
  EXPECT_EQ(roster.planned[0].site, "701");
  EXPECT_EQ(roster.planned[0].day1, *parse_date("2014-01-02").value);
  const auto sv = parse_sdtm_sv("usubjid;visitnum;visit;svstdtc\n01-701-1015;4;WEEK 2;2014-01-17\n", "sv.csv", p,
                                roster);
  ASSERT_EQ(sv.size(), 1u);
  EXPECT_EQ(sv[0].visit, "WK2");
  EXPECT_EQ(sv[0].date, *parse_date("2014-01-17").value);
}

// DM values a roster gives in extra columns (any case): a roster's `arm` is its ARMCD, never ARM; a roster
// without any such column gives none.
TEST(Sdtm, DmValuesComeFromARostersExtraColumns) {
  const DmValues given = parse_dm_values("subject,arm,site,day1,Sex,age\nS1,A,KR01,2026-01-05,F,63\n", "r.csv",
                                         "subject");
  ASSERT_EQ(given.count("S1"), 1u);
  const std::vector<std::string>& s1 = given.at("S1");
  std::map<std::string_view, std::string> named;
  for (std::size_t i = 0; i < kDmGiven.size(); ++i)
    if (!s1[i].empty()) named[kDmGiven[i]] = s1[i];
  EXPECT_EQ(named, (std::map<std::string_view, std::string>{{"AGE", "63"}, {"SEX", "F"}}));
  EXPECT_TRUE(parse_dm_values("subject,arm,site,day1\nS1,A,KR01,2026-01-05\n", "r.csv", "subject").empty());
  EXPECT_EQ(parse_dm_values("USUBJID,ARM\nX,Placebo\n", "dm.csv", "USUBJID").at("X")[14], "Placebo");
}

}  // namespace
}  // namespace planner
