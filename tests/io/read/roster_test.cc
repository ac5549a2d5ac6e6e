#include "planner/io/read/roster.h"

#include <fstream>
#include <gtest/gtest.h>

#include "planner/core/error.h"
#include "planner/io/read/protocol.h"
#include "planner/io/read/sites.h"
#include "test_protocol.h"

namespace planner {
namespace {

using namespace date::literals;

const Protocol& nahm2023() {
  static const Protocol p = load_protocol(PLANNER_PROTOCOLS "/nahm2023-autologous-serum-ad.toml");
  return p;
}

// The message of reading `text` as a roster named roster.csv.
std::string error_of(const std::string& text, const std::vector<Site>* sites = nullptr) {
  try {
    parse_roster(text, "roster.csv", nahm2023(), sites);
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(Roster, ReadsRowsWithBomCrlfQuotesExtraColumnsAndAnyColumnOrder) {
  EXPECT_THROW(parse_roster("\xEF\xBB\xBFsite,subject,note,arm,day1\r\nKR01,S001,\"first, "
                            "enrolled\",SERUM,2026-01-05\r\n"
                            "KR02,\"S 002\",,SALINE,2026-02-29x\r\n",
                            "good.csv", nahm2023()),
               InputError);  // 2026-02-29x is not a date
  const auto roster = parse_roster(
      "\xEF\xBB\xBFsite,subject,note,arm,day1\r\nKR01,S001,\"first, enrolled\",SERUM,"
      "2026-01-05\r\nKR02,\"S 002\",,SALINE,2028-02-29\r\n",
      "ok.csv", nahm2023());
  ASSERT_EQ(roster.size(), 2u);
  EXPECT_EQ(roster[0].id, "S001");
  EXPECT_EQ(roster[0].arm, "SERUM");
  EXPECT_EQ(roster[0].site, "KR01");
  EXPECT_EQ(roster[0].day1, Date{2026_y / 1 / 5});
  EXPECT_EQ(roster[1].id, "S 002");
  EXPECT_EQ(roster[1].day1, Date{2028_y / 2 / 29});
}

// What a spreadsheet writes: capitalised column names, ';' between fields (a European Excel), a BOM.
TEST(Roster, ReadsCapitalisedAndSemicolonSeparatedHeaders) {
  const auto roster = parse_roster("\xEF\xBB\xBFSubject;Arm;Site;Day1\r\nS001;SERUM;\"KR;01\";2026-01-05\r\n",
                                   "excel.csv", nahm2023());
  ASSERT_EQ(roster.size(), 1u);
  EXPECT_EQ(roster[0].id, "S001");
  EXPECT_EQ(roster[0].arm, "SERUM");
  EXPECT_EQ(roster[0].site, "KR;01");
  EXPECT_EQ(roster[0].day1, Date{2026_y / 1 / 5});
  EXPECT_EQ(parse_roster("SUBJECT,ARM,SITE,DAY1\nS1,SALINE,KR02,2026-01-06\n", "upper.csv", nahm2023())[0].site,
            "KR02");
}

// Without a sites file the site is a label and may be left out; with one, every row needs its site.
TEST(Roster, SiteColumnIsOptionalWithoutASitesFile) {
  const auto roster = parse_roster("subject,arm,day1\nS1,SERUM,2026-01-05\n", "nosite.csv", nahm2023());
  ASSERT_EQ(roster.size(), 1u);
  EXPECT_EQ(roster[0].site, "");
  EXPECT_EQ(roster[0].day1, Date{2026_y / 1 / 5});
}

// A protocol with arms A and B and two strata: POS of arm A only, NEG of every arm.
const Protocol& stratified() {
  static const Protocol p = testing::test_protocol(
      testing::test_visit("W0", "P0D", 0, 0, R"("INJ")") +
      "[[stratum]]\nid = \"POS\"\narms = [\"A\"]\ncriterion = \"positive skin test\"\nsource = \"test\"\n"
      "[[stratum]]\nid = \"NEG\"\ncriterion = \"negative skin test\"\nsource = \"test\"\n");
  return p;
}

std::string stratum_error(const std::string& text) {
  try {
    parse_roster(text, "roster.csv", stratified());
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(Roster, ReadsAnOptionalStratumColumn) {
  const auto subjects =
      parse_roster("subject,arm,day1,Stratum\nS1,A,2026-01-05,POS\nS2,B,2026-01-06,NEG\nS3,A,2026-01-07,\n",
                   "roster.csv", stratified());
  ASSERT_EQ(subjects.size(), 3U);
  EXPECT_EQ(subjects[0].stratum, "POS");
  EXPECT_EQ(subjects[1].stratum, "NEG");
  EXPECT_EQ(subjects[2].stratum, "");  // none given
  RosterReader with{"r.csv", "subject,arm,day1,stratum\nS1,A,2026-01-05,POS\n", stratified(), nullptr};
  RosterReader without{"r.csv", "subject,arm,day1\nS1,A,2026-01-05\n", stratified(), nullptr};
  EXPECT_TRUE(with.has_stratum());
  EXPECT_FALSE(without.has_stratum());
}

TEST(Roster, RejectsAStratumTheProtocolDoesNotHaveOrTheArmIsNotIn) {
  EXPECT_EQ(stratum_error("subject,arm,day1,stratum\nS1,A,2026-01-05,PSO\n"),
            "roster.csv:2:17: error: unknown stratum 'PSO'; did you mean 'POS'?");
  EXPECT_EQ(stratum_error("subject,arm,day1,stratum\nS1,B,2026-01-05,POS\n"),
            "roster.csv:2:17: error: stratum 'POS' does not apply to arm 'B' (it applies to A)");
  EXPECT_EQ(error_of("subject,arm,day1,stratum\nS1,SERUM,2026-01-05,ASST_POS\n"),
            "roster.csv:2:21: error: unknown stratum 'ASST_POS' (protocol nahm2023-autologous-serum-ad has no "
            "[[stratum]])");
}

TEST(Roster, StreamsRowsAndReportsTheirLinesAndSites) {
  const auto sites = parse_sites("format = 1\n[[site]]\nid = \"KR01\"\n[[site]]\nid = \"KR02\"\n", "sites.toml");
  RosterReader reader{"stream.csv", "subject,arm,site,day1\nS1,SERUM,KR02,2026-01-05\n\nS2,SALINE,KR01,2026-01-06\n",
                      nahm2023(), &sites};
  Subject s;
  std::size_t site = 9;
  ASSERT_TRUE(reader.next(s, site));
  EXPECT_EQ(site, 1u);
  EXPECT_EQ(reader.line(), 2);
  ASSERT_TRUE(reader.next(s, site));
  EXPECT_EQ(s.id, "S2");
  EXPECT_EQ(site, 0u);
  EXPECT_EQ(reader.line(), 4);
  EXPECT_FALSE(reader.next(s, site));
}

TEST(Roster, RejectsBadRowsNamingFileAndLine) {
  const std::string header = "subject,arm,site,day1\n";
  EXPECT_EQ(error_of(header + "S1,SERUM,KR01,2026-01-05\nS2,PLACEBO,KR01,2026-01-05\n"),
            "roster.csv:3:4: error: unknown arm 'PLACEBO' (protocol nahm2023-autologous-serum-ad has SERUM, SALINE)");
  EXPECT_EQ(error_of(header + "S1,SERUM,KR01,2026-02-30\n"),
            "roster.csv:2:15: error: day1: '2026-02-30' is not a calendar date (February 2026 has 28 days)");
  EXPECT_EQ(error_of(header + "S1,SERUM,KR01,2026-01-05\nS2,SERUM,KR01,2026-01-05\nS1,SALINE,KR01,2026-01-07\n"),
            "roster.csv:4:1: error: subject 'S1' is listed twice (first at line 2)");
  EXPECT_EQ(error_of(header + ",SERUM,KR01,2026-01-05\n"), "roster.csv:2:1: error: empty subject id");
  EXPECT_EQ(error_of(header + "S1,SERUM,2026-01-05\n"), "roster.csv:2:10: error: this row has 3 fields, the header 4");
  EXPECT_EQ(error_of(header + "S1,\"SERUM,KR01,2026-01-05\n"),
            "roster.csv:2:4: error: a quoted field is not closed before the end of the file");
  EXPECT_EQ(error_of("subject,arm,site\nS1,SERUM,KR01\n"),
            "roster.csv:1:1: error: the header has no column 'day1' (expected subject,arm,day1)");
  EXPECT_EQ(error_of(""), "roster.csv:1:1: error: the file is empty: expected a header row subject,arm,day1");
  const auto sites = parse_sites("format = 1\n[[site]]\nid = \"KR01\"\n", "sites.toml");
  EXPECT_EQ(error_of("subject,arm,day1\nS1,SERUM,2026-01-05\n", &sites),
            "roster.csv:1:1: error: the header has no column 'site' (expected subject,arm,site,day1)");
  EXPECT_EQ(error_of(header + "S1,SERUM,KR09,2026-01-05\n", &sites),
            "roster.csv:2:10: error: unknown site 'KR09' (sites: KR01)");
}

TEST(Roster, LoadsAFileAsItParsesItsText) {
  const std::string text = "subject,arm,site,day1\nS1,SALINE,KR01,2026-01-05\n";
  const std::string path = ::testing::TempDir() + "roster-load.csv";
  std::ofstream{path, std::ios::binary} << text;
  const auto loaded = load_roster(path, nahm2023());
  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_EQ(loaded[0].id, "S1");
  EXPECT_EQ(loaded[0].arm, "SALINE");
  EXPECT_EQ(loaded[0].day1, Date{2026_y / 1 / 5});
  EXPECT_EQ(error_of("subject,arm,site,day1\nS1,SALINE,KR01,2026-13-05\n"),
            "roster.csv:2:16: error: day1: '2026-13-05' is not a calendar date (months are 01-12)");
}

TEST(Roster, MissingFileIsAnIoError) {
  EXPECT_THROW(load_roster(::testing::TempDir() + "no-such-roster.csv", nahm2023()), IoError);
}

}  // namespace
}  // namespace planner
