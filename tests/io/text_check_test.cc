#include "planner/io/text_check.h"

#include <gtest/gtest.h>

#include "planner/io/source_text.h"

namespace planner {
namespace {

std::string problem(std::string_view text) {
  const auto p = check_text(text);
  return p ? std::to_string(p->offset) + "/" + std::to_string(p->column) + " " + p->what : "ok";
}

TEST(TextCheck, AcceptsUtf8Text) {
  EXPECT_EQ(problem(""), "ok");
  EXPECT_EQ(problem("S001 Week 4 (±3 days) 서울 €"), "ok");
  EXPECT_EQ(problem("\U0001F600 \u00A0 \uFFFD"), "ok");
}

TEST(TextCheck, RefusesControlCharacters) {
  EXPECT_EQ(problem("S\x1b[31m01"), "1/1 a control character (U+001B)");
  EXPECT_EQ(problem(std::string_view{"ab\0c", 4}), "2/2 a control character (U+0000)");
  EXPECT_EQ(problem("a\tb"), "1/1 a control character (U+0009)");
  EXPECT_EQ(problem("a\rb"), "1/1 a control character (U+000D)");
  EXPECT_EQ(problem("a\nb"), "1/1 a control character (U+000A)");
  EXPECT_EQ(problem("a\x7F"), "1/1 a control character (U+007F)");
  EXPECT_EQ(problem("서\u009Bx"), "3/1 a control character (U+009B)");  // C1 CSI
  EXPECT_EQ(problem("\uFEFFS01"), "0/0 a byte-order mark (U+FEFF)");
  EXPECT_EQ(problem("a\u202Eb"), "1/1 a bidirectional control character (U+202E)");
  EXPECT_EQ(problem("a\u2028"), "1/1 a line separator (U+2028)");
}

TEST(TextCheck, FreeTextMayHoldLineFeedsAndTabs) {
  EXPECT_FALSE(check_text("two\nlines\tand a tab", TextKind::multiline));
  EXPECT_EQ(check_text("a\r\nb", TextKind::multiline)->what, "a control character (U+000D)");
  EXPECT_EQ(check_text("a\x1b", TextKind::multiline)->offset, 1u);
  EXPECT_EQ(check_text("a\u202E", TextKind::multiline)->length, 3u);
}

TEST(TextCheck, RefusesInvalidUtf8) {
  EXPECT_EQ(problem("S\xFF"), "1/1 invalid UTF-8 (byte 0xFF)");
  EXPECT_EQ(problem("S\xC3"), "1/1 invalid UTF-8 (byte 0xC3)");             // truncated
  EXPECT_EQ(problem("\xC0\xAF"), "0/0 invalid UTF-8 (byte 0xC0)");          // overlong '/'
  EXPECT_EQ(problem("\xED\xA0\x80"), "0/0 invalid UTF-8 (byte 0xED)");      // a surrogate
  EXPECT_EQ(problem("\xF4\x90\x80\x80"), "0/0 invalid UTF-8 (byte 0xF4)");  // past U+10FFFF
  EXPECT_EQ(problem("ab\x80"), "2/2 invalid UTF-8 (byte 0x80)");            // a lone continuation byte
}

TEST(TextCheck, MessagesShowNothingItRefuses) {
  EXPECT_EQ(printable("S\x1b[31m\u202E01\uFEFF\u009B"), "S?[31m\uFFFD01\uFFFD??");
  EXPECT_EQ(printable("서울 ±"), "서울 ±");
  EXPECT_FALSE(check_text(printable("a\xFF\u2066b\u0085\x7F")));
}

}  // namespace
}  // namespace planner
