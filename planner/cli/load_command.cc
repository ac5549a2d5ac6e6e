// planner load PROTOCOL --roster CSV [--sites TOML | --closed DAYS --holidays FILE...] [--by day|week]
//               [--threads N] [--format table|csv] [--output FILE]
#include <spdlog/spdlog.h>

#include "planner/cli/command.h"
#include "planner/cli/options.h"
#include "planner/cli/progress.h"
#include "planner/core/error.h"
#include "planner/core/workload.h"
#include "planner/io/pipeline/cohort.h"
#include "planner/io/write/workload.h"

namespace planner::cli {
namespace {

constexpr std::string_view kUsage =
    "planner load PROTOCOL --roster CSV [--sites TOML | --closed DAYS --holidays FILE...] [--by day|week]\n"
    "             [--threads N] [--prefer earlier|later] [--format table|csv] [--output FILE]";

}  // namespace

int run_load(const std::vector<std::string>& args) {
  po::options_description options{"Options"};
  options.add_options()
      ("protocol", po::value<std::string>(), "protocol file, or the name of a bundled protocol")
      ("by", po::value<std::string>()->default_value("week"), "period: day or week (ISO weeks, e.g. 2026-W02)")
      ("format", po::value<std::string>()->default_value("table"), "table or csv")
      ("output,o", po::value<std::string>()->default_value(""), "write to FILE (atomically) instead of stdout");
  options.add(site_options()).add(cohort_options());
  po::positional_options_description positional;
  positional.add("protocol", 1);
  po::variables_map vm;
  if (!parse_command_line(args, options, positional, kUsage, vm)) return 0;

  const std::string by = vm["by"].as<std::string>();
  if (by != "day" && by != "week") throw InputError{"planner: error: --by: expected day or week, got '" + by + "'"};
  const TableFormat format = format_option(vm, {"table", "csv"});
  protocol_argument(vm, "load", kUsage);  // checked here; cohort_from_flags loads it
  const Prefer prefer = prefer_from_flags(vm);
  const Cohort cohort = cohort_from_flags(vm);

  RosterReader roster{cohort.roster, cohort.protocol, cohort.site_list()};
  CohortPlanner planner{cohort.protocol, cohort.site_list(), &cohort.calendar, prefer, cohort.threads};
  std::vector<Workload> per_thread(cohort.threads, Workload{cohort.protocol});
  ProgressBar progress{"planning", roster.size()};
  planner.run(
      roster,
      [&](unsigned thread, const PlannedSubject& s, std::string&) { per_thread[thread].add(s.site, s.subject, s.visits); },
      [](std::string_view) {}, [&](std::size_t) { progress.update(roster.bytes_read()); });
  progress.finish();
  for (std::size_t t = 1; t < per_thread.size(); ++t) per_thread[0].merge(per_thread[t]);

  const std::vector<Site> no_sites;
  const std::vector<Site>& sites = cohort.sites ? *cohort.sites : no_sites;
  const Period period = by == "day" ? Period::day : Period::week;
  emit(vm["output"].as<std::string>(),
       format == TableFormat::csv ? workload_csv(per_thread[0], sites, period) : workload_table(per_thread[0], sites, period));
  return 0;
}

}  // namespace planner::cli
