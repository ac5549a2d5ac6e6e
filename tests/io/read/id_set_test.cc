#include "planner/io/read/id_set.h"

#include <gtest/gtest.h>
#include <string>

namespace planner {
namespace {

std::uint64_t same_hash(std::string_view) { return 42; }  // every id collides with every other

TEST(IdSet, SaysWhereAnIdWasFirst) {
  IdSet seen;
  EXPECT_EQ(seen.insert("S001", 2), 0);
  EXPECT_EQ(seen.insert("S002", 3), 0);
  EXPECT_EQ(seen.insert("S001", 9), 2);
  EXPECT_EQ(seen.size(), 2u);
}

TEST(IdSet, IdsSharingAHashAreStillDistinct) {
  IdSet seen{same_hash};
  EXPECT_EQ(seen.insert("A", 1), 0);
  EXPECT_EQ(seen.insert("B", 2), 0);
  EXPECT_EQ(seen.insert("", 3), 0);
  EXPECT_EQ(seen.insert("AB", 4), 0);
  EXPECT_EQ(seen.insert("B", 5), 2);
  EXPECT_EQ(seen.insert("AB", 6), 4);
  EXPECT_EQ(seen.size(), 4u);
}

TEST(IdSet, KeepsEveryIdThroughGrowth) {
  IdSet seen;
  for (int i = 0; i < 100000; ++i) ASSERT_EQ(seen.insert("S" + std::to_string(i), i + 2), 0) << i;
  for (int i = 0; i < 100000; i += 997) EXPECT_EQ(seen.insert("S" + std::to_string(i), 0), i + 2);
  IdSet colliding{same_hash};
  for (int i = 0; i < 2000; ++i) ASSERT_EQ(colliding.insert(std::to_string(i), i + 1), 0) << i;
  EXPECT_EQ(colliding.insert("1999", 0), 2000);
}

}  // namespace
}  // namespace planner
