// Writes a synthetic roster for benchmarks: N subjects over S sites, alternating the two arms of Nahm 2023,
// Day 1 on the weekdays of 2026 (a deterministic spread; no randomness, so every run plans the same). Rows come
// in the order of that spread (consecutive subjects months apart), or with `enrolment` the same subjects in
// the order they enrolled: by Day 1 (then as before), numbered in that order.
//   planner_gen_roster N [SITES [enrolment]] > roster.csv
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <date/date.h>
#include <vector>

namespace {

constexpr long kWeekdays = 255;  // from 2026-01-05

long weekday_of(long i) { return (i * 7919) % kWeekdays; }

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: planner_gen_roster N [SITES [enrolment]]\n");
    return 2;
  }
  const long n = std::atol(argv[1]);
  const long sites = argc > 2 ? std::atol(argv[2]) : 20;
  const bool enrolment = argc > 3 && std::strcmp(argv[3], "enrolment") == 0;
  std::vector<long> order(static_cast<std::size_t>(n));  // the spread's subjects in roster order
  if (enrolment) {  // by Day 1 (a counting sort over the weekdays), then as they were
    std::vector<std::size_t> at(kWeekdays + 1, 0);
    for (long i = 0; i < n; ++i) ++at[static_cast<std::size_t>(weekday_of(i)) + 1];
    for (std::size_t d = 1; d < at.size(); ++d) at[d] += at[d - 1];
    for (long i = 0; i < n; ++i) order[at[static_cast<std::size_t>(weekday_of(i))]++] = i;
  } else {
    for (long i = 0; i < n; ++i) order[static_cast<std::size_t>(i)] = i;
  }
  const date::sys_days first = date::year{2026} / 1 / 5;  // a Monday
  std::printf("subject,arm,site,day1\n");
  for (std::size_t row = 0; row < order.size(); ++row) {
    const long i = order[row];
    const long weekday = weekday_of(i);
    const date::sys_days day1 = first + date::days{weekday / 5 * 7 + weekday % 5};
    const date::year_month_day ymd{day1};
    std::printf("S%07zu,%s,SITE%02ld,%d-%02u-%02u\n", row, i % 2 ? "SALINE" : "SERUM", i % sites, int{ymd.year()},
                unsigned{ymd.month()}, unsigned{ymd.day()});
  }
  return 0;
}
