// Dose amounts: the number as written (Decimal), its text, and the one rule of which amount a dose gives.
#include "planner/core/dose.h"

#include <gtest/gtest.h>
#include <string>

#include "planner/core/protocol.h"

namespace planner {
namespace {

TEST(Decimal, PrintsTheDigitsAsWritten) {
  EXPECT_EQ(to_string(Decimal{5, 0}), "5");
  EXPECT_EQ(to_string(Decimal{100, 0}), "100");
  EXPECT_EQ(to_string(Decimal{0, 0}), "0");
  EXPECT_EQ(to_string(Decimal{5, 1}), "0.5");
  EXPECT_EQ(to_string(Decimal{25, 1}), "2.5");
  EXPECT_EQ(to_string(Decimal{250, 2}), "2.50");  // a trailing zero stays: the publication wrote it
  EXPECT_EQ(to_string(Decimal{5, 3}), "0.005");
  EXPECT_EQ(to_string(Decimal{0, 2}), "0.00");
  EXPECT_EQ(to_string(Decimal{999'999'999'999'999, 14}), "9.99999999999999");
}

// Reads a decimal back from its text the way a person would: the digits without the point, and how many
// come after it.
Decimal read_back(const std::string& text) {
  Decimal d;
  const auto point = text.find('.');
  d.places = point == std::string::npos ? 0 : static_cast<int>(text.size() - point - 1);
  std::string digits = text;
  if (point != std::string::npos) digits.erase(point, 1);
  d.scaled = std::stoll(digits);
  return d;
}

// Every number of up to five digits with up to four after the point prints as it reads back, and its
// double is the correctly rounded value of that text (strtod's).
TEST(Decimal, TextRoundTripsAndToDoubleIsTheTextsValue) {
  for (int places = 0; places <= 4; ++places)
    for (std::int64_t scaled = 0; scaled < 100'000; ++scaled) {
      const Decimal d{scaled, places};
      const std::string text = to_string(d);
      ASSERT_EQ(read_back(text), d) << text;
      ASSERT_EQ(text.find('.') == std::string::npos, places == 0) << text;
      ASSERT_NE(text.front(), '.') << text;
      ASSERT_EQ(d.to_double(), std::stod(text)) << text;
    }
}

TEST(Decimal, EqualityIsOfTheWrittenForm) {
  EXPECT_EQ((Decimal{25, 1}), (Decimal{25, 1}));
  EXPECT_NE((Decimal{25, 1}), (Decimal{250, 2}));  // 2.5 and 2.50: the same value, written differently
  EXPECT_EQ((Decimal{25, 1}).to_double(), (Decimal{250, 2}).to_double());
}

TEST(Amount, PrintsNumberSpaceUnit) {
  EXPECT_EQ(to_string(Amount{Decimal{5, 1}, "mL"}), "0.5 mL");
  EXPECT_EQ(to_string(Amount{Decimal{25, 1}, "mg/kg"}), "2.5 mg/kg");
  EXPECT_EQ(to_string(Amount{Decimal{100, 0}, "U"}), "100 U");
}

const Amount kOneMl{Decimal{1, 0}, "mL"};
const Amount kThreeMl{Decimal{3, 0}, "mL"};

Activity dose(std::optional<Amount> amount) {
  Activity a;
  a.id = "INJ";
  a.kind = ActivityKind::dose;
  a.amount = std::move(amount);
  return a;
}

Visit visit(std::optional<Amount> amount) {
  Visit v;
  v.id = "W2";
  v.amount = std::move(amount);
  return v;
}

std::string text(const std::optional<Amount>& a) { return a ? to_string(*a) : "none"; }

// Pittler 2003 escalates the same injection 1-2-3-2-1 mL: the visit's amount wins over the activity's.
TEST(AmountOf, TheVisitsAmountOverridesTheActivitys) {
  EXPECT_EQ(text(amount_of(visit(kThreeMl), dose(kOneMl))), "3 mL");
}

TEST(AmountOf, TheActivitysAmountWhenTheVisitStatesNone) {
  EXPECT_EQ(text(amount_of(visit(std::nullopt), dose(kOneMl))), "1 mL");
  EXPECT_EQ(text(amount_of(visit(kThreeMl), dose(std::nullopt))), "3 mL");  // a visit may state one alone
}

TEST(AmountOf, NoneWhenNeitherStatesOne) {
  EXPECT_EQ(text(amount_of(visit(std::nullopt), dose(std::nullopt))), "none");
}

TEST(AmountOf, OnlyDosesHaveAnAmount) {
  for (ActivityKind kind : {ActivityKind::assessment, ActivityKind::procedure, ActivityKind::sample}) {
    Activity a = dose(std::nullopt);
    a.kind = kind;
    EXPECT_EQ(text(amount_of(visit(kThreeMl), a)), "none") << to_string(kind);
  }
}

}  // namespace
}  // namespace planner
