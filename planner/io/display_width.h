// How many terminal columns a UTF-8 string takes: the one measure every aligned output uses (text tables,
// the caret under an error's column, help lists). Each code point counts as Unicode says it is drawn
// (utf8proc_charwidth): East Asian wide and fullwidth characters and emoji take 2 columns, combining marks
// and other zero-width characters 0, everything else 1. A byte that is not valid UTF-8 counts as 1 column.
//
//   display_width("Week 0")       == 6
//   display_width("기저 방문")     == 9     four Hangul syllables (2 each) and a space
//   display_width("e\u0301")      == 1     e + COMBINING ACUTE ACCENT
//   display_width("\U0001F489")   == 2     SYRINGE (an emoji)
//   padded("기저", 6)              == "기저  "
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace planner {

std::size_t display_width(std::string_view utf8);

// `text` followed by spaces up to `width` columns (unchanged when it is as wide already).
std::string padded(std::string_view text, std::size_t width);

// The spaces that bring `text` to `width` columns (none when it is as wide already).
std::string padding(std::string_view text, std::size_t width);

}  // namespace planner
