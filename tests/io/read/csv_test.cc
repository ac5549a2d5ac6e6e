#include "planner/io/read/csv.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "planner/core/error.h"

using namespace std::string_literals;

namespace planner {
namespace {

std::vector<std::vector<std::string>> read_all(const std::string& text) {
  CsvReader csv{"t.csv", text};
  csv.read_header({"a", "b"}, {"c"});
  std::vector<std::vector<std::string>> rows;
  while (csv.next())
    rows.push_back(
        {std::string{csv.field(0)}, std::string{csv.field(1)}, std::string{csv.field(2)}, std::to_string(csv.line())});
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
  EXPECT_EQ(read_all("a,b,d\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\nz,w,q\n"),
            (Rows{{"x, y", "say \"hi\"", "", "2"}, {"z", "w", "", "4"}}));
  // A line break (or any control character) in a column asked for is an error; extra columns may have any.
  EXPECT_EQ(error_of("a,b\n\"two\nlines\",z\n"),
            "t.csv:2:1: error: the field has a control character (U+000A) at character 4; ids, codes and dates "
            "must be UTF-8 text without control characters");
}

TEST(CsvReader, AcceptsBomCrlfBlankLinesAnyColumnOrderAndExtraColumns) {
  EXPECT_EQ(read_all("\xEF\xBB\xBFx,b,a\r\n1,2,3\r\n\r\n4,5,6\r\n"), (Rows{{"3", "2", "", "2"}, {"6", "5", "", "4"}}));
  EXPECT_EQ(read_all("c,a,b\nC,A,B"), (Rows{{"A", "B", "C", "2"}}));  // no final line end
  EXPECT_EQ(read_all("a,b\n,\n"), (Rows{{"", "", "", "2"}}));
}

TEST(CsvReader, MatchesColumnNamesIgnoringAsciiCase) {
  EXPECT_EQ(read_all("B,A,C\n1,2,3\n"), (Rows{{"2", "1", "3", "2"}}));
  EXPECT_EQ(error_of("a,b,A\n"), "t.csv:1:5: error: the header has the column 'a' twice");
  EXPECT_EQ(error_of("\xC3\x84,b\n"), "t.csv:1:1: error: the header has no column 'a' (expected a,b)");  // Ä is not a
}

// A header with ';' and no ',' outside quotes makes ';' the delimiter of the whole file (and of quoting).
TEST(CsvReader, ReadsSemicolonSeparatedFilesDetectedFromTheHeader) {
  EXPECT_EQ(read_all("a;b;c\n1,5;\"x;y\";3\n"), (Rows{{"1,5", "x;y", "3", "2"}}));
  EXPECT_EQ(read_all("\xEF\xBB\xBF\n\"a,x\";a;b\r\n1;2;3\r\n"), (Rows{{"2", "3", "", "3"}}));
  EXPECT_EQ(read_all("a,b,c;d\n1,2;3,4\n"), (Rows{{"1", "2;3", "", "2"}}));  // a comma: comma-separated
  EXPECT_EQ(read_all("\"a;b\",a,b\n1,2,3\n"), (Rows{{"2", "3", "", "2"}}));
  EXPECT_EQ(error_of("a;b\n\"1\"x;2\n"),
            "t.csv:2:4: error: expected a semicolon or the end of the line after a closing quote");
  EXPECT_EQ(error_of("a;b\n1,2\n"), "t.csv:2:1: error: this row has 1 fields, the header 2");
}

// Through a file, the header line is looked at ahead of the reading even when it is longer than a block.
TEST(CsvReader, DetectsTheDelimiterOfAFileWhoseHeaderIsLongerThanABlock) {
  const std::string path = ::testing::TempDir() + "csv_test_semicolon.csv";
  {
    std::ofstream out{path, std::ios::binary};
    out << "a;" << std::string(100000, 'x') << ";b\n1;2;3\n4;5;6\n";
  }
  CsvReader csv{path};
  csv.read_header({"a", "b"});
  Rows rows;
  while (csv.next()) rows.push_back({std::string{csv.field(0)}, std::string{csv.field(1)}});
  std::filesystem::remove(path);
  EXPECT_EQ(rows, (Rows{{"1", "3"}, {"4", "6"}}));
}

TEST(CsvReader, ReportsMalformedCsvWithLineAndColumn) {
  EXPECT_EQ(error_of("a,b\n1,2,3\n"), "t.csv:2:5: error: this row has 3 fields, the header 2");
  EXPECT_EQ(error_of("a,b\n1\n"), "t.csv:2:1: error: this row has 1 fields, the header 2");
  EXPECT_EQ(error_of("a,b\n1,x\"y\n"), "t.csv:2:4: error: a quote inside an unquoted field (quote the whole field)");
  EXPECT_EQ(error_of("a,b\n\"1\"x,2\n"),
            "t.csv:2:4: error: expected a comma or the end of the line after a closing quote");
  EXPECT_EQ(error_of("a,b\n1,\"2\n3,4\n"), "t.csv:2:3: error: a quoted field is not closed before the end of the file");
  EXPECT_EQ(error_of("a,b,a\n"), "t.csv:1:5: error: the header has the column 'a' twice");
  EXPECT_EQ(error_of("b\n"), "t.csv:1:1: error: the header has no column 'a' (expected a,b)");
  EXPECT_EQ(error_of("\n\n"), "t.csv:1:1: error: the file is empty: expected a header row a,b");
  EXPECT_EQ(error_of("a,b\n" + std::string(2 << 20, 'x') + ",1\n"), "t.csv:2:1: error: a field is longer than 1 MiB");
}

TEST(CsvReader, RefusesWhatIsNotTextInTheFieldsAskedFor) {
  const std::string tail = "; ids, codes and dates must be UTF-8 text without control characters";
  EXPECT_EQ(error_of("a,b\n1,x\x1b[31my\n"),
            "t.csv:2:3: error: the field has a control character (U+001B) at character 2" + tail);
  EXPECT_EQ(error_of("a,b\n1,\"x\0y\"\n"s),
            "t.csv:2:3: error: the field has a control character (U+0000) at character 2" + tail);
  EXPECT_EQ(error_of("a,b\nS\xFF,2\n"),
            "t.csv:2:1: error: the field has invalid UTF-8 (byte 0xFF) at character 2" + tail);
  EXPECT_EQ(error_of("a,b\n1,2\n\xEF\xBB\xBFS1,2\n"),
            "t.csv:3:1: error: the field has a byte-order mark (U+FEFF) at character 1" + tail);
  EXPECT_EQ(read_all("a,b,d\n1,2,\x1b\xFF\n"), (Rows{{"1", "2", "", "2"}}));  // an extra column is not read
  EXPECT_EQ(error_of("a,b,\x1b[2J\n1,2,3\n"),
            "t.csv:1:5: error: the column name has a control character (U+001B) at character 1; column names must be "
            "UTF-8 text without control characters");
}

TEST(CsvReader, LinesEndInLfOrCrlf) {
  EXPECT_EQ(error_of("a,b\r1,2\r"),
            "t.csv:1:4: error: a carriage return not followed by a line feed: lines must end in LF or CRLF");
  EXPECT_EQ(error_of("a,b\n\"1\"\r2\n"),
            "t.csv:2:4: error: a carriage return not followed by a line feed: lines must end in LF or CRLF");
  EXPECT_EQ(error_of("a,b\n\r\r\n"),
            "t.csv:2:1: error: a carriage return not followed by a line feed: lines must end in LF or CRLF");
  EXPECT_EQ(read_all("a,b\r\n1,2\r"), (Rows{{"1", "2", "", "2"}}));
}

TEST(CsvReader, BoundsRowsAndFields) {
  EXPECT_EQ(error_of("a,b\n" + std::string(300000, ',') + "\n"),
            "t.csv:2:262145: error: a row with more than 262144 fields");
  std::string big = "a,b\n";
  for (int i = 0; i < 9; ++i) big += std::string((1 << 20) - 1, 'x') + ",";
  EXPECT_EQ(error_of(big + "\n"), "t.csv:2:1: error: a row is longer than 8 MiB");
}

TEST(CsvReader, AnEmptyLastFieldIsWhereTheLineEnds) {
  CsvReader csv{"t.csv", "a,b\n1,\n2,"};
  csv.read_header({"a", "b"});
  for (const std::string expected : {"t.csv:2:3: error: empty", "t.csv:3:3: error: empty"}) {
    ASSERT_TRUE(csv.next());
    try {
      csv.fail(1, "empty");
      FAIL();
    } catch (const InputError& e) {
      EXPECT_EQ(std::string{e.what()}, expected);
    }
  }
}

// Every byte at every place of a field (lines are read eight bytes at a time when they are plain): printable ASCII
// but the quote reads as it is, anything else is refused, at the line and column of the field, as byte by byte.
TEST(CsvReader, EveryByteAnywhereInAFieldReadsOrIsRefusedAsItShouldBe) {
  for (int byte = 1; byte < 256; ++byte) {
    const char c = static_cast<char>(byte);
    if (c == '\n' || c == ',') continue;
    for (std::size_t at = 0; at < 20; ++at) {
      std::string field(20, 'x');
      field[at] = c;
      const std::string text = "a,b\nfirst,1\n" + field + ",2\n";
      const bool plain = byte >= 0x20 && byte < 0x7F && c != '"';
      if (plain) {
        EXPECT_EQ(read_all(text), (Rows{{"first", "1", "", "2"}, {field, "2", "", "3"}})) << byte << " at " << at;
      } else {
        const std::string error = error_of(text);
        EXPECT_EQ(error.rfind("t.csv:3:", 0), 0u) << byte << " at " << at << ": " << error;
      }
    }
  }
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
