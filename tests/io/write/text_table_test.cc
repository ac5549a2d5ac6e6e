#include "planner/io/write/text_table.h"

#include <gtest/gtest.h>

namespace planner {
namespace {

const TextTable kTable{{"ID", "DOSES", "NOTE"}, {{"choi2024", "5", "a|b"}, {"x", "10", "5 mL, IM"}}, {false, true}};

TEST(TextTable, AlignedColumnsWithoutTrailingBlanks) {
  EXPECT_EQ(render(kTable, TableFormat::table),
            "ID        DOSES  NOTE\n"
            "choi2024      5  a|b\n"
            "x            10  5 mL, IM\n");
}

TEST(TextTable, MarkdownEscapesPipesAndMarksRightAlignment) {
  EXPECT_EQ(render(kTable, TableFormat::markdown),
            "| ID | DOSES | NOTE |\n"
            "|---|---:|---|\n"
            "| choi2024 | 5 | a\\|b |\n"
            "| x | 10 | 5 mL, IM |\n");
}

TEST(TextTable, CsvQuotesAsRfc4180) {
  EXPECT_EQ(render(kTable, TableFormat::csv), "ID,DOSES,NOTE\nchoi2024,5,a|b\nx,10,\"5 mL, IM\"\n");
}

TEST(TextTable, WidthsCountCharactersNotBytes) {
  const TextTable t{{"A", "B"}, {{"±1", "x"}, {"ab", "y"}}, {}};
  EXPECT_EQ(render(t, TableFormat::table), "A   B\n±1  x\nab  y\n");
}

TEST(TextTable, ParsesTheThreeFormatNames) {
  EXPECT_EQ(parse_table_format("table"), TableFormat::table);
  EXPECT_EQ(parse_table_format("markdown"), TableFormat::markdown);
  EXPECT_EQ(parse_table_format("csv"), TableFormat::csv);
  EXPECT_EQ(parse_table_format("md"), std::nullopt);
  EXPECT_EQ(parse_table_format("CSV"), std::nullopt);
}

}  // namespace
}  // namespace planner
