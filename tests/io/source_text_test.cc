// Error messages quote the offending line with a caret: the caret stays within what is shown, whatever bytes
// the line holds (both cases were found by fuzzing the TOML and holiday readers with ASan).
#include "planner/io/source_text.h"

#include <gtest/gtest.h>

namespace planner {
namespace {

TEST(SourceText, CaretPastTheEndOfTheLineIsSpaces) {
  // The column of a carriage return that ends the text: line() drops it, the caret still points after "ab".
  const SourceText src{"f.toml", "ab\r"};
  EXPECT_EQ(src.error(1, 3, "a carriage return"), "f.toml:1:3: error: a carriage return\n 1 | ab\n   |   ^\n");
}

TEST(SourceText, AFourByteSequencePastU10FFFFKeepsTheLineLength) {
  // F5 80 80 80 would be a code point past U+10FFFF: shown as four '?', so "x" after it keeps its caret.
  const SourceText src{"f.toml", "\xF5\x80\x80\x80x"};
  EXPECT_EQ(src.error(1, 2, "here"), "f.toml:1:2: error: here\n 1 | ????x\n   |     ^\n");
}

TEST(SourceText, CaretUnderWideCharactersCountsTheirColumns) {
  // "기저" takes four terminal columns, so the caret under the "=" after it stands five columns in.
  const SourceText src{"f.toml", "기저 = 1"};
  EXPECT_EQ(src.error(1, 4, "here"), "f.toml:1:4: error: here\n 1 | 기저 = 1\n   |      ^\n");
  const SourceText accent{"f.toml", "e\u0301\tx"};  // a combining accent takes none; a tab stays a tab
  EXPECT_EQ(accent.error(1, 4, "here"), "f.toml:1:4: error: here\n 1 | e\u0301\tx\n   |  \t^\n");
}

TEST(LocatedError, NamesTheFileLineAndColumnThatAreKnown) {
  EXPECT_EQ(located_error("holidays.txt", 3, 1, "expected a date"), "holidays.txt:3:1: error: expected a date");
  EXPECT_EQ(located_error("visits.csv", 3, 0, "visit WK4 is recorded twice"),
            "visits.csv:3: error: visit WK4 is recorded twice");
  EXPECT_EQ(located_error("sites.toml", 0, 0, "cannot read"), "sites.toml: error: cannot read");
  EXPECT_EQ(located_error("sites.toml", 0, 7, "cannot read"), "sites.toml: error: cannot read");  // no line, no column
}

TEST(LocatedError, IsTheFirstLineOfSourceTextError) {
  const SourceText src{"f.toml", "a = 1\nb = ?\n"};
  const std::string full = src.error(2, 5, "expected a value");
  EXPECT_EQ(full.substr(0, full.find('\n')), located_error("f.toml", 2, 5, "expected a value"));
  EXPECT_EQ(src.error(0, 0, "empty"), located_error("f.toml", 0, 0, "empty") + "\n");
}

}  // namespace
}  // namespace planner
