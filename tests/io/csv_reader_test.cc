#include "planner/io/csv_reader.h"

#include <gtest/gtest.h>

#include "planner/core/error.h"

namespace planner {
namespace {

std::vector<std::vector<std::string>> read_all(const std::string& text) {
  CsvReader csv{"t.csv", text};
  csv.read_header({"a", "b"}, {"c"});
  std::vector<std::vector<std::string>> rows;
  while (csv.next())
    rows.push_back({std::string{csv.field(0)}, std::string{csv.field(1)}, std::string{csv.field(2)},
                    std::to_string(csv.line())});
  return rows;
}

std::string error_of(const std::string& text) {
  try {
    read_all(text);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

using Rows = std::vector<std::vector<std::string>>;

TEST(CsvReader, ReadsQuotedFieldsWithCommasQuotesAndLineBreaks) {
  EXPECT_EQ(read_all("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",z\n"),
            (Rows{{"x, y", "say \"hi\"", "", "2"}, {"two\nlines", "z", "", "3"}}));
}

TEST(CsvReader, AcceptsBomCrlfBlankLinesAnyColumnOrderAndExtraColumns) {
  EXPECT_EQ(read_all("\xEF\xBB\xBFx,b,a\r\n1,2,3\r\n\r\n4,5,6\r\n"), (Rows{{"3", "2", "", "2"}, {"6", "5", "", "4"}}));
  EXPECT_EQ(read_all("c,a,b\nC,A,B"), (Rows{{"A", "B", "C", "2"}}));  // no final line end
  EXPECT_EQ(read_all("a,b\n,\n"), (Rows{{"", "", "", "2"}}));
}

TEST(CsvReader, ReportsMalformedCsvWithLineAndColumn) {
  EXPECT_EQ(error_of("a,b\n1,2,3\n"), "t.csv:2:5: error: this row has 3 fields, the header 2");
  EXPECT_EQ(error_of("a,b\n1\n"), "t.csv:2:1: error: this row has 1 fields, the header 2");
  EXPECT_EQ(error_of("a,b\n1,x\"y\n"), "t.csv:2:4: error: a quote inside an unquoted field (quote the whole field)");
  EXPECT_EQ(error_of("a,b\n\"1\"x,2\n"), "t.csv:2:4: error: expected a comma or the end of the line after a closing quote");
  EXPECT_EQ(error_of("a,b\n1,\"2\n3,4\n"), "t.csv:2:3: error: a quoted field is not closed before the end of the file");
  EXPECT_EQ(error_of("a,b,a\n"), "t.csv:1:5: error: the header has the column 'a' twice");
  EXPECT_EQ(error_of("b\n"), "t.csv:1:1: error: the header has no column 'a' (expected a,b)");
  EXPECT_EQ(error_of("\n\n"), "t.csv:1:1: error: the file is empty: expected a header row a,b");
  EXPECT_EQ(error_of("a,b\n" + std::string(2 << 20, 'x') + ",1\n"), "t.csv:2:1: error: a field is longer than 1 MiB");
}

TEST(CsvReader, ColumnsCountCharactersNotBytes) {
  CsvReader csv{"t.csv", "a,b\n\xC2\xB1\xC2\xB1,bad\n"};  // "±±,bad"
  csv.read_header({"a", "b"});
  ASSERT_TRUE(csv.next());
  try {
    csv.fail(1, "bad value");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(std::string{e.what()}, "t.csv:2:4: error: bad value");
  }
}

}  // namespace
}  // namespace planner
