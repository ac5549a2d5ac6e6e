#include "planner/io/read/analysis_records.h"

#include <fstream>
#include <gtest/gtest.h>

#include "planner/core/error.h"

namespace planner {
namespace {

using namespace date::literals;

const std::vector<Subject> kRoster{{"S1", "A", "KR01", Date{2026_y / 1 / 5}},
                                   {"S2", "A", "KR01", Date{2026_y / 2 / 2}}};

// The message of reading `text` as records named r.csv against kRoster.
std::string error_of(const std::string& text) {
  try {
    parse_analysis_records(text, "r.csv", kRoster);
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(AnalysisRecords, ReadsSubjectDateGroupAndDtypeInFileOrder) {
  const RecordFile f =
      parse_analysis_records("subject,note,date,PARAMCD,DTYPE\nS2,x,2026-03-01,EASI,\n\nS1,,2026-01-05,PGA,LOCF\n",
                             "r.csv", kRoster);
  ASSERT_EQ(f.records.size(), 2u);
  EXPECT_EQ(f.lines, (std::vector<int>{2, 4}));  // the blank line 3 is skipped, not renumbered
  EXPECT_EQ(f.dtype, (std::vector<std::string>{"", "LOCF"}));
  EXPECT_EQ(f.records[0].subject, "S2");
  EXPECT_EQ(f.records[0].group, "EASI");
  EXPECT_EQ(f.records[0].date, Date{2026_y / 3 / 1});
  EXPECT_EQ(f.records[0].day1, Date{2026_y / 2 / 2});  // from the roster
  EXPECT_FALSE(f.records[0].derived);
  EXPECT_EQ(f.records[1].subject, "S1");
  EXPECT_EQ(f.records[1].day1, Date{2026_y / 1 / 5});
  EXPECT_TRUE(f.records[1].derived);  // a DTYPE marks an ADaM derived record
}

TEST(AnalysisRecords, ReadsTheAdamColumnNamesWithoutGroupOrDtype) {
  const RecordFile f = parse_analysis_records("USUBJID,ADT\nS1,2026-01-06\n", "adqs.csv", kRoster);
  ASSERT_EQ(f.records.size(), 1u);
  EXPECT_EQ(f.records[0].subject, "S1");
  EXPECT_EQ(f.records[0].date, Date{2026_y / 1 / 6});
  EXPECT_EQ(f.records[0].group, "");
  EXPECT_FALSE(f.records[0].derived);
}

TEST(AnalysisRecords, ReadsLowerCaseSemicolonSeparatedAdamNames) {
  const RecordFile f = parse_analysis_records("usubjid;adt;paramcd\nS1;2026-01-06;EASI\n", "adqs.csv", kRoster);
  ASSERT_EQ(f.records.size(), 1u);
  EXPECT_EQ(f.records[0].subject, "S1");
  EXPECT_EQ(f.records[0].date, Date{2026_y / 1 / 6});
  EXPECT_EQ(f.records[0].group, "EASI");
}

TEST(AnalysisRecords, RejectsMissingColumnsUnknownSubjectsAndBadDatesNamingFileLineAndColumn) {
  EXPECT_EQ(error_of("date\n2026-01-05\n"), "r.csv:1:1: error: the header has no column 'subject' (or 'USUBJID')");
  EXPECT_EQ(error_of("subject,PARAMCD\nS1,EASI\n"), "r.csv:1:1: error: the header has no column 'date' (or 'ADT')");
  // Column 1: the subject field starts the row.
  EXPECT_EQ(error_of("subject,date\nS1,2026-01-05\nS9,2026-01-05\n"),
            "r.csv:3:1: error: subject 'S9' is not in the roster");
  // Column 4: after "S1," (3 characters).
  EXPECT_EQ(error_of("subject,date\nS1,2026-02-30\n"),
            "r.csv:2:4: error: '2026-02-30' is not a calendar date (February 2026 has 28 days)");
}

TEST(AnalysisRecords, LoadsAFileNamedByItsPath) {
  const std::string path = testing::TempDir() + "analysis-records.csv";
  std::ofstream{path, std::ios::binary} << "subject,date\nS1,2026-01-05\nS1,2026-02-30\n";
  try {
    load_analysis_records(path, kRoster);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.what(), path + ":3:4: error: '2026-02-30' is not a calendar date (February 2026 has 28 days)");
  }
  EXPECT_THROW(load_analysis_records(testing::TempDir() + "no-such-records.csv", kRoster), IoError);
}

}  // namespace
}  // namespace planner
