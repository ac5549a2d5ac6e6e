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

TEST(TextTable, CsvOpensWithTheByteOrderMarkOnce) {
  EXPECT_EQ(render(kTable, TableFormat::csv, {.bom = true}),
            "\xEF\xBB\xBFID,DOSES,NOTE\nchoi2024,5,a|b\nx,10,\"5 mL, IM\"\n");
  EXPECT_EQ(render(kTable, TableFormat::table, {.bom = true}), render(kTable, TableFormat::table));
}

TEST(TextTable, WidthsCountCharactersNotBytes) {
  const TextTable t{{"A", "B"}, {{"±1", "x"}, {"ab", "y"}}, {}};
  EXPECT_EQ(render(t, TableFormat::table), "A   B\n±1  x\nab  y\n");
}

TEST(TextTable, WideCharactersTakeTwoColumnsCombiningMarksNone) {
  // A Korean label (two columns a syllable), a combining accent (none) and an emoji (two): the next column
  // starts at the same terminal column on every line.
  const TextTable t{{"VISIT", "LABEL", "DAY"},
                    {{"V0", "기저 방문", "1"}, {"V1", "Re\u0301sume\u0301", "15"}, {"V2", "\U0001F489 dose", "29"}},
                    {false, false, true}};
  EXPECT_EQ(render(t, TableFormat::table),
            "VISIT  LABEL      DAY\n"
            "V0     기저 방문    1\n"
            "V1     Re\u0301sume\u0301      15\n"
            "V2     \U0001F489 dose     29\n");
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
