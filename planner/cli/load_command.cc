// planner load PROTOCOL --roster CSV [--actuals CSV] [--sites TOML | --closed DAYS --holidays FILE...] [--by day|week]
//               [--threads N] [--format table|csv] [--output FILE]
#include <spdlog/spdlog.h>

#include "planner/cli/command.h"
#include "planner/cli/conflicts.h"
#include "planner/cli/messages.h"
#include "planner/cli/options.h"
#include "planner/cli/progress.h"
#include "planner/cli/roster_input.h"
#include "planner/cli/xlsx_output.h"
#include "planner/core/error.h"
#include "planner/core/workload.h"
#include "planner/io/pipeline/cohort.h"
#include "planner/io/write/workload.h"

namespace planner::cli::load {

void options(OptionList& o) {
  o.protocol()
      .choice("by", {"day", "week"}, "week", "period: day or week (ISO weeks, e.g. 2026-W02)")
      .text("actuals CSV", "visit log CSV (subject,visit,date): re-plan each subject around the visits that happened")
      .text("events CSV",
            "event dates CSV (subject,event,date): each subject's conditional visits (on = EVENT) are planned from "
            "them and counted")
      .text("roster-sdtm DM.csv", "SDTM DM as CSV (USUBJID, ARMCD, SITEID, RFSTDTC): the subjects, instead of --roster")
      .text("actuals-sdtm SV.csv", "SDTM SV as CSV (USUBJID, VISITNUM, VISIT, SVSTDTC): the visits of --roster-sdtm")
      .format({"table", "csv", "xlsx"}, "table", "table, csv or xlsx (Excel, needs --output)")
      .site_and_cohort()
      .csv_output();
}

// The workload of every subject of the roster, planned on --threads (re-planned around the actual visits
// with --actuals or --actuals-sdtm).
Workload plan_workload(const Args& args, const Cohort& cohort, Prefer prefer) {
  RosterInput roster{args, cohort};
  CohortPlanner planner{cohort.protocol, cohort.site_list(), &cohort.calendar, prefer, cohort.threads};
  roster.replan(planner);
  list_conflicts(args.has("verbose"), planner, cohort);
  std::vector<Workload> per_thread(cohort.threads, Workload{cohort.protocol});
  ProgressBar progress{"planning", roster.size()};
  planner.run(
      roster.next(), roster.path(),
      [&](unsigned thread, const PlannedSubject& s, std::string&) {
        per_thread[thread].add(s.site, s.subject, s.visits);
      },
      [](std::span<const std::string>) {}, [&](std::size_t) { progress.update(roster.bytes_read()); });
  progress.finish();
  roster.warn_unused();
  for (std::size_t t = 1; t < per_thread.size(); ++t) per_thread[0].merge(per_thread[t]);
  return std::move(per_thread[0]);
}

int run(const Args& args) {
  const std::string by = args.text("by");
  if (by != "day" && by != "week") throw InputError{msg::expected("--by", {"day", "week"}, by)};
  const bool xlsx = args.format() == "xlsx";
  std::optional<XlsxOutput> xlsx_out;  // made before the work: --output is checked first
  if (xlsx)
    xlsx_out.emplace(args, "load",
                     std::initializer_list<std::string_view>{"visits", "doses", "assessments", "conflicts", "capacity",
                                                             "busiest_day", "days_over_capacity"},
                     std::initializer_list<std::string_view>{"period"});
  const TableFormat format = xlsx ? TableFormat::csv : args.table_format();
  args.argument();  // checked here; cohort_from_flags loads it
  const Prefer prefer = prefer_from_flags(args);
  const Cohort cohort = cohort_from_flags(args);
  const Workload workload = plan_workload(args, cohort, prefer);
  const std::vector<Site> no_sites;
  const std::vector<Site>& sites = cohort.sites ? *cohort.sites : no_sites;
  const Period period = by == "day" ? Period::day : Period::week;
  if (xlsx_out) {
    xlsx_out->write(workload_csv(workload, sites, period, kCsvForXlsx));
    xlsx_out->commit();
    return 0;
  }
  args.emit(format == TableFormat::csv ? workload_csv(workload, sites, period, args.csv())
                                       : workload_table(workload, sites, period));
  return 0;
}

}  // namespace planner::cli::load
