// A dose amount: how much of a product one dose gives, a decimal number and a unit, kept exactly as the
// protocol writes it, so that every output shows the number the publication states.
//
//   Amount a{Decimal{5, 1}, "mL"};      // "0.5 mL": 5 with one digit after the point
//   to_string(a)                         // "0.5 mL"
//   to_string(Decimal{250, 2})           // "2.50": trailing zeros as written
//   a.value.to_double()                  // 0.5, for sums and numeric order
//
// Where an amount is stated: a dose activity has one (`amount = "5 mL"`); a visit may override it for its
// dose activities (Pittler 2003 escalates 1-2-3-2-1 mL over the same injection). amount_of(visit, activity)
// is the one place that rule is written:
//
//   activity INJ amount "1 mL", visit W2 amount "3 mL"  ->  amount_of(W2, INJ) == 3 mL
//   activity INJ amount "1 mL", visit W0 no amount      ->  amount_of(W0, INJ) == 1 mL
//   neither states one                                  ->  std::nullopt (a dose of unstated amount)
//
// The core never reads text: planner/io/read/protocol turns `"5 mL"` into an Amount (the spelling rule is in
// docs/protocol-format.md, "Conventions").
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace planner {

struct Activity;
struct Visit;

// A non-negative decimal number with the digits it was written with: 0.5 is {5, 1}, 2.50 is {250, 2},
// 100 is {100, 0}. Equality is of the written form (2.5 and 2.50 differ); to_double() compares values.
struct Decimal {
  static constexpr int kMaxDigits = 15;  // scaled < 10^15, so to_double() is exact up to the last digit
  std::int64_t scaled = 0;               // the digits without the point, 0 <= scaled < 10^kMaxDigits
  int places = 0;                        // digits after the point, 0 <= places < kMaxDigits

  double to_double() const;
  friend bool operator==(const Decimal&, const Decimal&) = default;
};

struct Amount {
  Decimal value;
  std::string unit;  // one word, not empty: "mL", "mg", "mg/kg", "U"
  friend bool operator==(const Amount&, const Amount&) = default;
};

std::string to_string(const Decimal& d);  // "0.5", "2.50", "100"
std::string to_string(const Amount& a);   // "0.5 mL": the number, one space, the unit

// The amount one dose of `activity` gives at `visit`: the visit's when it states one, else the activity's;
// nullopt when neither does, or when the activity is not a dose.
std::optional<Amount> amount_of(const Visit& visit, const Activity& activity);

}  // namespace planner
