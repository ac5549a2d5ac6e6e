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

// Ids in increasing order need no table until one comes out of order; from then on every id before is found.
TEST(IdSet, IdsInOrderUntilOneIsNot) {
  IdSet seen{same_hash};  // (a table of colliding ids, once built: every look-up compares in full)
  for (int i = 0; i < 3000; ++i) ASSERT_EQ(seen.insert("S" + std::to_string(10000 + i), i + 2), 0) << i;
  EXPECT_TRUE(seen.in_order());
  EXPECT_EQ(seen.insert("S12999", 9000), 3001);  // the last one again: found without a table
  EXPECT_TRUE(seen.in_order());
  EXPECT_EQ(seen.insert("S10000", 9001), 2);  // the first one again: out of order
  EXPECT_FALSE(seen.in_order());
  EXPECT_EQ(seen.insert("S11500", 9002), 1502);
  EXPECT_EQ(seen.insert("S00001", 9003), 0);
  EXPECT_EQ(seen.insert("S99999", 9004), 0);
  EXPECT_EQ(seen.insert("S00001", 9005), 9003);
  EXPECT_EQ(seen.size(), 3002u);
}

TEST(IdSet, ReservedRoomKeepsEveryId) {
  for (const std::size_t reserved : {0, 10, 100000}) {
    IdSet seen;
    seen.reserve(reserved, 6);
    for (int i = 0; i < 5000; ++i) ASSERT_EQ(seen.insert(std::to_string((i * 7919) % 5000), i + 1), 0) << i;
    for (int i = 0; i < 5000; i += 7) EXPECT_EQ(seen.insert(std::to_string((i * 7919) % 5000), 0), i + 1);
  }
}

}  // namespace
}  // namespace planner
