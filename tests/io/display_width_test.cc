// Display width is what a terminal draws, not what a string holds: bytes and code points both miscount
// Hangul (3 bytes, 2 columns), combining accents (2 bytes, 0 columns) and emoji (4 bytes, 2 columns).
#include "planner/io/display_width.h"

#include <gtest/gtest.h>

namespace planner {
namespace {

TEST(DisplayWidth, AsciiIsOneColumnACharacter) {
  EXPECT_EQ(display_width(""), 0U);
  EXPECT_EQ(display_width("Week 0 (baseline)"), 17U);
}

TEST(DisplayWidth, HangulSyllablesAreTwoColumns) {
  EXPECT_EQ(display_width("기저 방문"), 9U);  // 4 syllables of 2 and a space
  EXPECT_EQ(display_width("2주차"), 5U);
}

TEST(DisplayWidth, CombiningMarksAreZeroColumns) {
  EXPECT_EQ(display_width("e\u0301"), 1U);       // e + COMBINING ACUTE ACCENT
  EXPECT_EQ(display_width("Ame\u0301lie"), 6U);  // as wide as "Amélie" precomposed
  EXPECT_EQ(display_width("Amélie"), 6U);
}

TEST(DisplayWidth, EmojiAreTwoColumns) {
  EXPECT_EQ(display_width("\U0001F489"), 2U);  // SYRINGE
  EXPECT_EQ(display_width("a\U0001F489b"), 4U);
}

TEST(DisplayWidth, PlusMinusAndFullwidthForms) {
  EXPECT_EQ(display_width("±3 days"), 7U);
  EXPECT_EQ(display_width("\uFF21"), 2U);  // FULLWIDTH LATIN CAPITAL LETTER A
}

TEST(DisplayWidth, BytesThatAreNotUtf8AreOneColumnEach) {
  EXPECT_EQ(display_width("a\xFF"
                          "b"),
            3U);
  EXPECT_EQ(display_width("\xE2\x82"), 2U);  // a truncated three-byte sequence
}

TEST(DisplayWidth, PaddedFillsToTheColumnsAndNeverCuts) {
  EXPECT_EQ(padded("기저", 6), "기저  ");
  EXPECT_EQ(padded("e\u0301", 3), "e\u0301  ");
  EXPECT_EQ(padded("기저 방문", 4), "기저 방문");
  EXPECT_EQ(padding("\U0001F489", 3), " ");
}

}  // namespace
}  // namespace planner
