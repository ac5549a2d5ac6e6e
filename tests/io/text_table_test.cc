#include "planner/io/text_table.h"

#include <gtest/gtest.h>

namespace planner {
namespace {

TEST(TextTable, PadsColumnsToTheWidestCellAndAlignsNumbersRight) {
  TextTable t{{"VISIT", "DAY", "NOTE"}};
  t.right_align(1);
  t.add({"W0", "1", "baseline"});
  t.add({"FU8", "57", ""});
  EXPECT_EQ(t.render(),
            "VISIT  DAY  NOTE\n"
            "W0       1  baseline\n"
            "FU8     57\n");
}

TEST(TextTable, CountsCharactersNotBytes) {
  TextTable t{{"WINDOW", "X"}};
  t.add({"±2 d", "a"});
  t.add({"+2 d", "b"});
  EXPECT_EQ(t.render(), "WINDOW  X\n±2 d    a\n+2 d    b\n");
  EXPECT_EQ(display_width("±µ"), 2u);
}

}  // namespace
}  // namespace planner
