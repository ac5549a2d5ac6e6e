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

}  // namespace
}  // namespace planner
