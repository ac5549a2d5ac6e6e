// planner ids from USDM names: sanitized, cut, unique.
#include "planner/io/interop/usdm/ids.h"

#include <gtest/gtest.h>

namespace planner::usdm {
namespace {

TEST(UsdmIds, NamesBecomeIdCharacters) {
  EXPECT_EQ(sanitize_id("Vital signs / Temperature", 32), "Vital_signs_Temperature");
  EXPECT_EQ(sanitize_id("CDISC PILOT - LZZT", 64), "CDISC_PILOT-LZZT");
  EXPECT_EQ(sanitize_id("CIBIC+", 32), "CIBIC");
  EXPECT_EQ(sanitize_id("NPI-X", 32), "NPI-X");
  EXPECT_EQ(sanitize_id("a.b_c", 32), "a.b_c");
  EXPECT_EQ(sanitize_id("__x__", 32), "x");
  EXPECT_EQ(sanitize_id("++", 32), "");
  EXPECT_EQ(sanitize_id("\xc3\xa9t\xc3\xa9", 32), "t");  // non-ASCII letters are not id characters
}

TEST(UsdmIds, LongNamesAreCutAndTrimmed) {
  EXPECT_EQ(sanitize_id("abcd efgh", 5), "abcd");  // "abcd_" cut, then trimmed
  EXPECT_EQ(sanitize_id(std::string(40, 'x'), 32), std::string(32, 'x'));
}

TEST(UsdmIds, TakenIdsGetTheFirstFreeSuffix) {
  IdMaker ids;
  EXPECT_EQ(ids.make("Visit / 1", "I1"), "Visit_1");
  EXPECT_EQ(ids.make("Visit 1", "I2"), "Visit_1_2");
  EXPECT_EQ(ids.make("Visit_1_2", "I3"), "Visit_1_2_2");
  EXPECT_EQ(ids.make("Visit 1", "I4"), "Visit_1_3");
  EXPECT_EQ(ids.make("", "I5"), "I5");
  EXPECT_EQ(ids.make("+", "+"), "X");
  EXPECT_EQ(ids.make("", ""), "X_2");
}

TEST(UsdmIds, SuffixesKeepTheMaximumLength) {
  IdMaker ids{4};
  EXPECT_EQ(ids.make("abcdef", ""), "abcd");
  EXPECT_EQ(ids.make("abcdef", ""), "ab_2");
}

}  // namespace
}  // namespace planner::usdm
