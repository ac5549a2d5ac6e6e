// Micro-benchmarks of the hot path of a calendar: planning one subject and formatting its CSV rows.
// Run with `make bench` (release build). Protocol: Nahm 2023 (two arms, 11 visits per subject), weekends
// and the Korean 2026 holidays closed.
#include <benchmark/benchmark.h>

#include "planner/core/scheduler.h"
#include "planner/io/read/holidays.h"
#include "planner/io/read/protocol.h"
#include "planner/io/write/calendar.h"

namespace planner {
namespace {

struct Fixture {
  Protocol protocol = load_protocol(PLANNER_PROTOCOLS "/nahm2023-autologous-serum-ad.toml");
  SiteCalendar calendar = [] {
    SiteCalendar c;
    c.close(date::Saturday);
    c.close(date::Sunday);
    for (Date d : load_holidays(PLANNER_EXAMPLES "/holidays-kr-2026.txt")) c.close(d);
    return c;
  }();
};

const Fixture& fixture() {
  static const Fixture f;
  return f;
}

void BM_PlanOneSubject(benchmark::State& state) {
  const Fixture& f = fixture();
  Date day1 = Date{date::year{2026} / 1 / 5};
  for (auto _ : state) {
    auto visits = plan(f.protocol, PlanRequest{day1, "SERUM", &f.calendar, Prefer::earlier});
    benchmark::DoNotOptimize(visits);
    day1 += Days{1};  // a different weekday pattern each time
    if (day1 > Date{date::year{2026} / 12 / 1}) day1 = Date{date::year{2026} / 1 / 5};
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PlanOneSubject);

// The same with one Scheduler for every subject, as a cohort plans (what each arm shares worked out once).
void BM_PlanWithScheduler(benchmark::State& state) {
  const Fixture& f = fixture();
  const Scheduler scheduler{f.protocol};
  std::vector<PlannedVisit> visits;
  Date day1 = Date{date::year{2026} / 1 / 5};
  for (auto _ : state) {
    scheduler.plan(PlanRequest{day1, "SERUM", &f.calendar, Prefer::earlier}, visits);
    benchmark::DoNotOptimize(visits.data());
    day1 += Days{1};
    if (day1 > Date{date::year{2026} / 12 / 1}) day1 = Date{date::year{2026} / 1 / 5};
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PlanWithScheduler);

void BM_FormatCsvRows(benchmark::State& state) {
  const Fixture& f = fixture();
  const Subject subject{"S0001", "SERUM", "KR01", Date{date::year{2026} / 1 / 5}};
  const auto visits = plan(f.protocol, PlanRequest{subject.day1, subject.arm, &f.calendar, Prefer::earlier});
  const CalendarCsvWriter writer{f.protocol};
  std::string out;
  for (auto _ : state) {
    out.clear();
    writer.append(out, subject, visits);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(visits.size()));
  state.counters["rows"] = static_cast<double>(visits.size());
}
BENCHMARK(BM_FormatCsvRows);

// The rows of a subject alike one written before (CalendarMemo: a copy with the id put in), as a cohort writes most.
void BM_FormatCsvRowsAlike(benchmark::State& state) {
  const Fixture& f = fixture();
  Subject subject{"S0001", "SERUM", "KR01", Date{date::year{2026} / 1 / 5}};
  const auto visits = plan(f.protocol, PlanRequest{subject.day1, subject.arm, &f.calendar, Prefer::earlier});
  const CalendarCsvWriter writer{f.protocol};
  CalendarMemo memo;
  std::string out;
  int n = 0;
  for (auto _ : state) {
    subject.id[4] = static_cast<char>('0' + n++ % 10);
    out.clear();
    writer.append(out, subject, visits, memo);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(visits.size()));
}
BENCHMARK(BM_FormatCsvRowsAlike);

void BM_LoadProtocol(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(load_protocol(PLANNER_PROTOCOLS "/nahm2023-autologous-serum-ad.toml"));
}
BENCHMARK(BM_LoadProtocol);

}  // namespace
}  // namespace planner

BENCHMARK_MAIN();
