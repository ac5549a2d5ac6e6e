#include "planner/io/write/csv.h"

#include <gtest/gtest.h>

namespace planner {
namespace {

TEST(Csv, QuotesFieldsWithCommasQuotesAndLineBreaks) {
  EXPECT_EQ(csv_field("plain", {}), "plain");
  EXPECT_EQ(csv_field("5 mL, IM", {}), "\"5 mL, IM\"");
  EXPECT_EQ(csv_field("say \"hi\"", {}), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines", {}), "\"two\nlines\"");
  std::string row;
  append_csv_row(row, {"a", "", "b,c"}, {});
  EXPECT_EQ(row, "a,,\"b,c\"\n");
}

TEST(Csv, NeutralisesFormulasButNotNumbers) {
  EXPECT_EQ(csv_field("=HYPERLINK(\"http://x\")", {}), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(csv_field("+1+2", {}), "\"'+1+2\"");
  EXPECT_EQ(csv_field("-2+3", {}), "\"'-2+3\"");
  EXPECT_EQ(csv_field("@SUM(A1)", {}), "\"'@SUM(A1)\"");
  EXPECT_EQ(csv_field("\tx", {}), "\"'\tx\"");
  EXPECT_EQ(csv_field("\rx", {}), "\"'\rx\"");
  EXPECT_EQ(csv_field("-14", {}), "-14");
  EXPECT_EQ(csv_field("+1", {}), "+1");
  EXPECT_EQ(csv_field("-0.5", {}), "-0.5");
  EXPECT_EQ(csv_field("2026-01-05", {}), "2026-01-05");
  EXPECT_EQ(csv_field("-", {}), "\"'-\"");
}

TEST(Csv, WritesFormulasAsTheyAreWhenTheCallerTurnsTheGuardOff) {
  const CsvOptions raw{.formula_guard = false};
  EXPECT_EQ(csv_field("=1+2", raw), "=1+2");
  EXPECT_EQ(csv_field("=1,2", raw), "\"=1,2\"");
  EXPECT_EQ(csv_field("=1+2", {}), "\"'=1+2\"");  // the next call is not affected
}

TEST(Csv, StartsWithAByteOrderMarkOnlyWhenAskedTo) {
  EXPECT_EQ(csv_start({.bom = true}), "\xEF\xBB\xBF");
  EXPECT_EQ(csv_start({}), "");
  EXPECT_EQ(csv_field("±3", {.bom = true}), "±3");  // a field never carries the mark
}

TEST(Csv, RecordsReadBackWhatTheFieldsWrote) {
  std::string text{csv_start({.bom = true})};
  append_csv_row(text, {"S01", "5 mL, IM", "say \"hi\"", "", "two\nlines", "±3"}, {.formula_guard = false});
  append_csv_row(text, {"=1+2", "-14"}, {.formula_guard = false});
  const std::vector<std::vector<std::string>> expected{{"S01", "5 mL, IM", "say \"hi\"", "", "two\nlines", "±3"},
                                                       {"=1+2", "-14"}};
  EXPECT_EQ(csv_records(text), expected);
  EXPECT_TRUE(csv_records("").empty());
}

}  // namespace
}  // namespace planner
