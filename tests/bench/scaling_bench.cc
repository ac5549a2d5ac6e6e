// Scaling benchmarks: time against n (10^3, 10^4, 10^5) for every path that walks visits, instances or
// columns, with Google Benchmark's complexity fit (the BigO line of each family; docs/scaling.md records a
// run). Run with `make bench` (release build). Inputs come from scaling_inputs.h.
#include <benchmark/benchmark.h>

#include "planner/core/lint.h"
#include "planner/core/scheduler.h"
#include "planner/io/interop/usdm/import.h"
#include "planner/io/read/csv.h"
#include "planner/io/read/protocol.h"
#include "planner/io/write/lint_report.h"
#include "scaling_inputs.h"

namespace planner {
namespace {

const Date kDay1{date::year{2026} / 1 / 5};

// Loading a protocol whose visits form one chain (resolving `after`, checking for cycles).
void BM_ChainLoad(benchmark::State& state) {
  const std::string text = bench::chain_protocol(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(parse_protocol(text, "chain.toml"));
  state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_ChainLoad)
    ->RangeMultiplier(10)
    ->Range(1000, 100000)
    ->Unit(benchmark::kMillisecond)
    ->Complexity(benchmark::oNLogN);

// Planning one subject on that chain, every day open.
void BM_ChainPlan(benchmark::State& state) {
  const Protocol p = parse_protocol(bench::chain_protocol(state.range(0)), "chain.toml");
  for (auto _ : state) benchmark::DoNotOptimize(plan(p, PlanRequest{kDay1, "A", nullptr, Prefer::earlier}));
  state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_ChainPlan)
    ->RangeMultiplier(10)
    ->Range(1000, 100000)
    ->Unit(benchmark::kMillisecond)
    ->Complexity(benchmark::oNLogN);

// Planning one subject on the flat protocol (doses with a minimum gap) with weekends closed.
void BM_FlatPlanClosedWeekends(benchmark::State& state) {
  const Protocol p = parse_protocol(bench::flat_protocol(state.range(0)), "flat.toml");
  SiteCalendar calendar;
  calendar.close(date::Saturday);
  calendar.close(date::Sunday);
  for (auto _ : state) benchmark::DoNotOptimize(plan(p, PlanRequest{kDay1, "A", &calendar, Prefer::earlier}));
  state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_FlatPlanClosedWeekends)
    ->RangeMultiplier(10)
    ->Range(1000, 100000)
    ->Unit(benchmark::kMillisecond)
    ->Complexity(benchmark::oNLogN);

// `planner import-usdm` of a chain of instances, each After the one before.
void BM_UsdmChain(benchmark::State& state) {
  const std::string json = bench::usdm_chain(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(import_usdm(json, "chain.json"));
  state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_UsdmChain)
    ->RangeMultiplier(10)
    ->Range(1000, 100000)
    ->Unit(benchmark::kMillisecond)
    ->Complexity(benchmark::oNLogN);

// `planner import-usdm` of instances that all share one encounter; counts the bytes written per instance.
void BM_UsdmSharedEncounter(benchmark::State& state) {
  const std::string json = bench::usdm_shared(state.range(0));
  std::size_t bytes = 0;
  for (auto _ : state) {
    const UsdmImport out = import_usdm(json, "shared.json");
    bytes = out.toml.size();
    benchmark::DoNotOptimize(out);
  }
  state.SetComplexityN(state.range(0));
  state.counters["out_bytes_per_instance"] = static_cast<double>(bytes) / static_cast<double>(state.range(0));
}
BENCHMARK(BM_UsdmSharedEncounter)
    ->RangeMultiplier(10)
    ->Range(1000, 100000)
    ->Unit(benchmark::kMillisecond)
    ->Complexity(benchmark::oNLogN);

// A roster header with n extra columns (the duplicate-column check) and one row.
void BM_CsvWideHeader(benchmark::State& state) {
  const std::string text = bench::wide_csv(state.range(0));
  for (auto _ : state) {
    CsvReader csv{"wide.csv", text};
    csv.read_header({"subject", "arm"}, {"site", "day1"});
    while (csv.next()) benchmark::DoNotOptimize(csv.field(0));
  }
  state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_CsvWideHeader)
    ->RangeMultiplier(10)
    ->Range(1000, 100000)
    ->Unit(benchmark::kMillisecond)
    ->Complexity(benchmark::oNLogN);

// `planner lint` of n visits whose windows all overlap their neighbours (n findings), closed on weekends:
// loading, the checks and the text report.
void BM_LintFlat(benchmark::State& state) {
  const std::string text = bench::flat_protocol(state.range(0));
  LintOptions options;
  options.calendar.close(date::Saturday);
  options.calendar.close(date::Sunday);
  std::size_t findings = 0;
  for (auto _ : state) {
    const Protocol protocol = parse_protocol(text, "flat.toml");
    const LintReport report{protocol.study.id, "flat.toml", lint(protocol, options)};
    findings = report.findings.size();
    benchmark::DoNotOptimize(lint_text({report}));
  }
  state.SetComplexityN(state.range(0));
  state.counters["findings"] = static_cast<double>(findings);
}
BENCHMARK(BM_LintFlat)
    ->RangeMultiplier(10)
    ->Range(1000, 100000)
    ->Unit(benchmark::kMillisecond)
    ->Complexity(benchmark::oNLogN);

}  // namespace
}  // namespace planner

BENCHMARK_MAIN();
