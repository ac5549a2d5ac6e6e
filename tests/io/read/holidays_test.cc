#include "planner/io/read/holidays.h"

#include <gtest/gtest.h>

#include "planner/core/error.h"

namespace planner {
namespace {

using namespace date::literals;

std::string error_of(const std::string& text) {
  try {
    parse_holidays(text, "h.txt");
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(Holidays, ReadsOneDatePerLineWithCommentsBlankLinesCrlfAndBom) {
  const auto dates = parse_holidays("\xEF\xBB\xBF# Korea\r\n2026-01-01  # New Year\r\n\r\n  2026-03-01\n", "h.txt");
  EXPECT_EQ(dates, (std::vector<Date>{2026_y / 1 / 1, 2026_y / 3 / 1}));
  EXPECT_TRUE(parse_holidays("", "h.txt").empty());
}

TEST(Holidays, NamesLineAndColumnOfABadDate) {
  EXPECT_EQ(error_of("2026-01-01\n  2026-02-30\n"),
            "h.txt:2:3: error: '2026-02-30' is not a calendar date (February 2026 has 28 days)\n"
            " 2 |   2026-02-30\n"
            "   |   ^\n");
  EXPECT_EQ(error_of("2026-01-01 2026-01-02\n"),
            "h.txt:1:1: error: expected one date YYYY-MM-DD per line, got '2026-01-01 2026-01-02'\n"
            " 1 | 2026-01-01 2026-01-02\n"
            "   | ^\n");
}

TEST(Weekdays, ParsesShortAndLongNamesInAnyCase) {
  EXPECT_EQ(parse_weekdays("sat,sun", "--closed"), (std::vector<date::weekday>{date::Saturday, date::Sunday}));
  EXPECT_EQ(parse_weekdays("Friday,SAT", "--closed"), (std::vector<date::weekday>{date::Friday, date::Saturday}));
  EXPECT_TRUE(parse_weekdays("", "--closed").empty());
  EXPECT_THROW(parse_weekdays("sat,sunday,funday", "--closed"), InputError);
}

}  // namespace
}  // namespace planner
