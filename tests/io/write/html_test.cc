#include "planner/io/write/html.h"

#include <gtest/gtest.h>

namespace planner {
namespace {

TEST(HtmlEscape, MarkupCharactersBecomeReferences) {
  EXPECT_EQ(html_escape("<b>S01 & \"x\"</b>"), "&lt;b&gt;S01 &amp; &quot;x&quot;&lt;/b&gt;");
  EXPECT_EQ(html_escape("it's"), "it&#39;s");
  EXPECT_EQ(html_escape("&amp;"), "&amp;amp;");  // an entity in the input is text, not markup
}

TEST(HtmlEscape, HostileLabelsAreInert) {
  EXPECT_EQ(html_escape("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
  EXPECT_EQ(html_escape("\"><img src=x onerror=alert(1)>"), "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
  // Text is never put into an href or src, so javascript: stays plain text.
  EXPECT_EQ(html_escape("javascript:alert(1)"), "javascript:alert(1)");
}

TEST(HtmlEscape, ControlCharactersBecomeReplacementCharacter) {
  EXPECT_EQ(html_escape(std::string_view{"a\0b", 3}), "a\uFFFDb");
  EXPECT_EQ(html_escape("a\x01\x1b\x1f\x7f"
                        "b"),
            "a\uFFFD\uFFFD\uFFFD\uFFFDb");
  EXPECT_EQ(html_escape("\r"), "\uFFFD");
}

TEST(HtmlEscape, TabNewlineAndUtf8Unchanged) {
  EXPECT_EQ(html_escape("a\tb\nc"), "a\tb\nc");
  EXPECT_EQ(html_escape("Suwon \xEC\x88\x98\xEC\x9B\x90 \xC2\xB1"
                        "3d"),
            "Suwon \xEC\x88\x98\xEC\x9B\x90 \xC2\xB1"
            "3d");
  EXPECT_EQ(html_escape(""), "");
}

TEST(SvgNumber, OneDecimalWhateverTheValue) {
  EXPECT_EQ(svg_number(12.345), "12.3");
  EXPECT_EQ(svg_number(200), "200.0");
  EXPECT_EQ(svg_number(0.05), "0.1");
  EXPECT_EQ(svg_number(-3.25), "-3.2");
}

}  // namespace
}  // namespace planner
