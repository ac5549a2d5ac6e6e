#include "planner/core/dose.h"

#include "planner/core/protocol.h"

namespace planner {

double Decimal::to_double() const {
  double divisor = 1;
  for (int i = 0; i < places; ++i) divisor *= 10;  // exact: 10^14 is a double
  return static_cast<double>(scaled) / divisor;    // both exact, so the quotient is correctly rounded
}

std::string to_string(const Decimal& d) {
  std::string digits = std::to_string(d.scaled);
  const auto places = static_cast<std::size_t>(d.places);
  if (places == 0) return digits;
  if (digits.size() <= places) digits.insert(0, places + 1 - digits.size(), '0');  // {5, 1} -> "05"
  digits.insert(digits.size() - places, 1, '.');
  return digits;
}

std::string to_string(const Amount& a) { return to_string(a.value) + " " + a.unit; }

std::optional<Amount> amount_of(const Visit& visit, const Activity& activity) {
  if (activity.kind != ActivityKind::dose) return std::nullopt;
  return visit.amount ? visit.amount : activity.amount;
}

}  // namespace planner
