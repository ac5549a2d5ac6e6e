#include "planner/core/flexible_dosing.h"

#include <algorithm>

namespace planner {
namespace {

// The earliest allowed day of lo..hi, if any.
std::optional<Date> earliest(Date lo, Date hi, const std::function<bool(Date)>& allowed) {
  for (Date d = lo; d <= hi; d += Days{1})
    if (allowed(d)) return d;
  return std::nullopt;
}

// The latest allowed day of lo..hi, if any.
std::optional<Date> latest(Date lo, Date hi, const std::function<bool(Date)>& allowed) {
  for (Date d = hi; d >= lo; d -= Days{1})
    if (allowed(d)) return d;
  return std::nullopt;
}

// The allowed day of lo..hi nearest to `target` (the earlier on a tie), if any.
std::optional<Date> nearest(Date lo, Date hi, Date target, const std::function<bool(Date)>& allowed) {
  const Date t = std::clamp(target, lo, hi);
  for (long k = 0; t - Days{k} >= lo || t + Days{k} <= hi; ++k) {
    if (t - Days{k} >= lo && allowed(t - Days{k})) return t - Days{k};
    if (t + Days{k} <= hi && allowed(t + Days{k})) return t + Days{k};
  }
  return std::nullopt;
}

}  // namespace

std::vector<Date> spread_targets(Date first, int within, int count) {
  std::vector<Date> out;
  out.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) out.push_back(first + Days{static_cast<long>(i) * within / count});
  return out;
}

std::vector<std::optional<Date>> place_doses(Date first, Date last, const std::vector<Date>& targets, int min_gap,
                                             const std::function<bool(Date)>& allowed) {
  const std::size_t n = targets.size();
  const Days gap{min_gap};
  // The earliest placement: each dose on the first allowed day min_gap after the one before. It places the most
  // doses any placement can, so the doses fit exactly when it places them all.
  std::vector<std::optional<Date>> early(n);
  for (std::size_t i = 0; i < n; ++i) {
    early[i] = earliest(i == 0 ? first : *early[i - 1] + gap, last, allowed);
    if (!early[i]) return early;
  }
  // The latest day each dose can take and still leave room for the doses after it.
  std::vector<Date> late(n);
  for (std::size_t i = n; i-- > 0;) late[i] = *latest(first, i + 1 == n ? last : late[i + 1] - gap, allowed);
  std::vector<std::optional<Date>> out(n);
  for (std::size_t i = 0; i < n; ++i)  // lo <= late[i], and late[i] is allowed: a day is always found
    out[i] = nearest(i == 0 ? first : *out[i - 1] + gap, late[i], targets[i], allowed);
  return out;
}

}  // namespace planner
