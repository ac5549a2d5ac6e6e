// A site's bookings against its capacity, through SiteLoad's public API.
#include "planner/core/site_load.h"

#include <gtest/gtest.h>

namespace planner {
namespace {

using namespace date::literals;

constexpr Date kDay = 2026_y / 1 / 5;

TEST(SiteLoad, ADayAtCapacityHasNoRoom) {
  SiteLoad load{2};
  EXPECT_TRUE(load.has_room(kDay));
  load.book(kDay);
  EXPECT_TRUE(load.has_room(kDay));  // 1 of 2
  load.book(kDay);
  EXPECT_FALSE(load.has_room(kDay));  // 2 of 2
  EXPECT_EQ(load.booked(kDay), 2);
  EXPECT_TRUE(load.has_room(kDay + Days{1}));  // capacity is per day
  EXPECT_EQ(load.capacity(), std::optional<int>{2});
}

TEST(SiteLoad, WithoutCapacityEveryDayHasRoomAndBookingsAreStillCounted) {
  SiteLoad load{std::nullopt};
  for (int i = 0; i < 50; ++i) load.book(kDay);
  EXPECT_TRUE(load.has_room(kDay));
  EXPECT_EQ(load.booked(kDay), 50);
  EXPECT_EQ(load.capacity(), std::nullopt);
}

TEST(SiteLoad, ACapacityOfZeroNeverHasRoom) {
  const SiteLoad load{0};
  EXPECT_FALSE(load.has_room(kDay));
  EXPECT_EQ(load.booked(kDay), 0);
}

TEST(SiteLoad, BookingsBeforeAndAfterTheFirstDayAreCountedOnTheirOwnDays) {
  // Booked: Jan 5 once, Dec 26 (10 days earlier) twice, Jan 25 (20 days later) once; nothing in between.
  SiteLoad load{std::nullopt};
  load.book(kDay);
  load.book(kDay - Days{10});
  load.book(kDay - Days{10});
  load.book(kDay + Days{20});
  EXPECT_EQ(load.booked(kDay), 1);
  EXPECT_EQ(load.booked(2025_y / 12 / 26), 2);
  EXPECT_EQ(load.booked(2026_y / 1 / 25), 1);
  EXPECT_EQ(load.booked(kDay - Days{5}), 0);
  EXPECT_EQ(load.booked(kDay + Days{5}), 0);
  EXPECT_EQ(load.booked(kDay - Days{11}), 0);  // before every booking
  EXPECT_EQ(load.booked(kDay + Days{21}), 0);  // after every booking
}

TEST(SiteLoad, NothingBookedMeansZeroEverywhere) {
  const SiteLoad load{3};
  EXPECT_EQ(load.booked(1900_y / 1 / 1), 0);
  EXPECT_EQ(load.booked(2200_y / 12 / 31), 0);
  EXPECT_TRUE(load.has_room(kDay));
}

}  // namespace
}  // namespace planner
