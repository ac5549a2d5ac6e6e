// "Did you mean …?": the closest of a set of known words to a misspelt one.
//
//   closest_match("windw", {"window", "label"})   == "window"
//   closest_match("zzz",   {"window", "label"})   == ""        (nothing close enough)
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace planner {

// Optimal-string-alignment edit distance (insertions, deletions, substitutions, transpositions).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest to `word`, if it is within a third of the word's length (at least 1, at most 3
// edits); "" otherwise. Ties go to the earlier candidate.
std::string closest_match(std::string_view word, std::span<const std::string_view> candidates);

}  // namespace planner
