#include "planner/io/read/visit_log.h"

#include <fstream>
#include <gtest/gtest.h>

#include "planner/core/error.h"

namespace planner {
namespace {

using namespace date::literals;

const std::vector<Subject> kRoster{{"S1", "A", "KR01", Date{2026_y / 1 / 5}}};

// The message of reading `text` as a visit log named v.csv (against kRoster unless `roster` is null).
std::string error_of(const std::string& text, const std::vector<Subject>* roster = &kRoster) {
  try {
    parse_visit_log(text, "v.csv", roster);
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(VisitLog, ReadsRowsInAnyColumnOrderWithTheirLines) {
  const auto log = parse_visit_log("date,visit,subject,site\r\n2026-01-05,W0,S1,KR01\r\n2026-01-12,\"W1\",S1,\r\n",
                                   "v.csv", &kRoster);
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].subject, "S1");
  EXPECT_EQ(log[0].visit, "W0");
  EXPECT_EQ(log[0].date, Date{2026_y / 1 / 5});
  EXPECT_EQ(log[0].line, 2);
  EXPECT_EQ(log[1].visit, "W1");
  EXPECT_EQ(log[1].date, Date{2026_y / 1 / 12});
  EXPECT_EQ(log[1].line, 3);
}

TEST(VisitLog, ReadsCapitalisedAndSemicolonSeparatedHeaders) {
  const auto log = parse_visit_log("Subject;Visit;Date;Note\nS1;W0;2026-01-05;\"late; phoned\"\n", "v.csv", &kRoster);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].visit, "W0");
  EXPECT_EQ(log[0].date, Date{2026_y / 1 / 5});
  EXPECT_EQ(error_of("SUBJECT;VISIT;DATE\nS1;W0;05.01.2026\n"),
            "v.csv:2:7: error: date: expected a date YYYY-MM-DD, got '05.01.2026'");
}

TEST(VisitLog, AcceptsAnySubjectWithoutARoster) {
  const auto log = parse_visit_log("subject,visit,date\nS7,W0,2026-01-05\n", "v.csv", nullptr);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].subject, "S7");
  EXPECT_EQ(error_of("subject,visit,date\nS7,W0,2026-01-05\n"), "v.csv:2:1: error: subject 'S7' is not in the roster");
}

TEST(VisitLog, RejectsEmptyIdsBadDatesAndMissingColumnsNamingFileLineAndColumn) {
  EXPECT_EQ(error_of("subject,visit,date\n,W0,2026-01-05\n", nullptr), "v.csv:2:1: error: empty subject id");
  // Column 4: after "S1," (3 characters).
  EXPECT_EQ(error_of("subject,visit,date\nS1,,2026-01-05\n"), "v.csv:2:4: error: empty visit code");
  // Column 7: after "S1,W0," (6 characters).
  EXPECT_EQ(error_of("subject,visit,date\nS1,W0,2026-02-30\n"),
            "v.csv:2:7: error: date: '2026-02-30' is not a calendar date (February 2026 has 28 days)");
  EXPECT_EQ(error_of("subject,date\nS1,2026-01-05\n"),
            "v.csv:1:1: error: the header has no column 'visit' (expected subject,visit,date)");
}

TEST(VisitLog, LoadsAFileNamedByItsPath) {
  const std::string path = testing::TempDir() + "visit-log.csv";
  std::ofstream{path, std::ios::binary} << "subject,visit,date\nS1,W0,2026-01-05\n";
  const auto log = load_visit_log(path, &kRoster);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].visit, "W0");
  std::ofstream{path, std::ios::binary} << "subject,visit,date\nS2,W0,2026-01-05\n";
  try {
    load_visit_log(path, &kRoster);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.what(), path + ":2:1: error: subject 'S2' is not in the roster");
  }
}

}  // namespace
}  // namespace planner
