#include "planner/core/spelling.h"

#include <gtest/gtest.h>

namespace planner {
namespace {

TEST(Spelling, SuggestsTheNearestKnownWord) {
  const std::string_view keys[] = {"window", "label", "activities", "epoch"};
  EXPECT_EQ(closest_match("windw", keys), "window");
  EXPECT_EQ(closest_match("activites", keys), "activities");
  EXPECT_EQ(closest_match("epcoh", keys), "epoch");  // transposition
  EXPECT_EQ(closest_match("zzzzz", keys), "");
}

TEST(Spelling, EditDistanceCountsInsertionsDeletionsSubstitutionsAndSwaps) {
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("ab", "ba"), 1u);
  EXPECT_EQ(edit_distance("same", "same"), 0u);
}

}  // namespace
}  // namespace planner
