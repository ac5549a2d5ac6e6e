// Text inside HTML: the one function every string from a protocol, roster, sites or holiday file goes through
// before it is written into a report (element content and quoted attribute values alike).
//
//   html_escape("<b>S01 & \"x\"</b>")  == "&lt;b&gt;S01 &amp; &quot;x&quot;&lt;/b&gt;"
//   html_escape("it's")                == "it&#39;s"
//   html_escape("a\x01b")              == "a\uFFFDb"   (U+FFFD REPLACEMENT CHARACTER, as UTF-8)
//
// & < > " ' become character references, so no text can open a tag, close an attribute or start an entity.
// Control characters U+0000..U+001F other than tab and newline (and DEL, U+007F) become U+FFFD: HTML parsers
// treat most of them as errors and a NUL can truncate text in other tools. Everything else, UTF-8 included,
// is copied unchanged (the readers have already checked the input is valid UTF-8).
#pragma once

#include <string>
#include <string_view>

namespace planner {

std::string html_escape(std::string_view text);

// An SVG coordinate or length with one decimal, the same bytes on every machine ("%.1f", C locale):
//   svg_number(12.345) == "12.3"     svg_number(-0.04) == "-0.0"     svg_number(200) == "200.0"
std::string svg_number(double x);

}  // namespace planner
