// Writes a synthetic roster for benchmarks: N subjects over S sites, alternating the two arms of Nahm 2023,
// Day 1 on the weekdays of 2026 (a deterministic spread; no randomness, so every run plans the same).
//   planner_gen_roster N [SITES] > roster.csv
#include <cstdio>
#include <cstdlib>
#include <date/date.h>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: planner_gen_roster N [SITES]\n");
    return 2;
  }
  const long n = std::atol(argv[1]);
  const long sites = argc > 2 ? std::atol(argv[2]) : 20;
  const date::sys_days first = date::year{2026} / 1 / 5;  // a Monday
  std::printf("subject,arm,site,day1\n");
  for (long i = 0; i < n; ++i) {
    const long weekday = (i * 7919) % 255;  // 255 weekdays from 2026-01-05
    const date::sys_days day1 = first + date::days{weekday / 5 * 7 + weekday % 5};
    const date::year_month_day ymd{day1};
    std::printf("S%07ld,%s,SITE%02ld,%d-%02u-%02u\n", i, i % 2 ? "SALINE" : "SERUM", i % sites, int{ymd.year()},
                unsigned{ymd.month()}, unsigned{ymd.day()});
  }
  return 0;
}
