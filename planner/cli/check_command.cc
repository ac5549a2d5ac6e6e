// planner check PROTOCOL --roster CSV --actuals CSV [--as-of DATE] [--format table|csv] [--output FILE]
#include <algorithm>
#include <map>

#include "planner/cli/command.h"
#include "planner/cli/options.h"
#include "planner/core/error.h"
#include "planner/io/write/check_report.h"
#include "planner/io/iso8601.h"
#include "planner/io/read/roster.h"
#include "planner/io/interop/sdtm/subjects.h"
#include "planner/io/source_text.h"
#include "planner/io/read/visit_log.h"

namespace planner::cli {
namespace {

constexpr std::string_view kUsage =
    "planner check PROTOCOL (--roster CSV --actuals CSV | --roster-sdtm DM.csv --actuals-sdtm SV.csv)\n"
    "              [--as-of DATE] [--format table|csv|summary] [--output FILE]";

}  // namespace

int run_check(const std::vector<std::string>& args) {
  po::options_description options{"Options"};
  options.add_options()
      ("protocol", po::value<std::string>(), "protocol file, or the name of a bundled protocol")
      ("roster", po::value<std::string>(), "roster CSV: subject,arm,site,day1")
      ("actuals", po::value<std::string>(), "visit log CSV: subject,visit,date (extra columns ignored)")
      ("roster-sdtm", po::value<std::string>(), "SDTM DM as CSV: USUBJID, ARMCD, SITEID, RFSTDTC (Day 1)")
      ("actuals-sdtm", po::value<std::string>(), "SDTM SV as CSV: USUBJID, VISITNUM, VISIT, SVSTDTC")
      ("as-of", po::value<std::string>(), "planned visits whose window closed before DATE with no record are missed")
      ("format", po::value<std::string>()->default_value("table"), "table, csv, json, or summary (the summaries alone)")
      ("output,o", po::value<std::string>()->default_value(""), "write to FILE (atomically) instead of stdout");
  po::positional_options_description positional;
  positional.add("protocol", 1);
  po::variables_map vm;
  if (!parse_command_line(args, options, positional, kUsage, vm)) return 0;

  const std::string protocol_name = protocol_argument(vm, "check", kUsage);
  const std::string format = vm["format"].as<std::string>();
  if (format != "table" && format != "csv" && format != "json" && format != "summary")
    throw InputError{"planner: error: --format: expected table, csv, json or summary, got '" + format + "'"};
  const bool sdtm = vm.count("roster-sdtm") || vm.count("actuals-sdtm");
  if (sdtm && (vm.count("roster") || vm.count("actuals")))
    throw InputError{"planner: error: use --roster/--actuals or --roster-sdtm/--actuals-sdtm, not both"};
  const std::string roster_path = required(vm, sdtm ? "roster-sdtm" : "roster", "check");
  const std::string actuals_path = required(vm, sdtm ? "actuals-sdtm" : "actuals", "check");
  std::optional<Date> as_of;
  if (vm.count("as-of")) {
    const auto d = parse_date(vm["as-of"].as<std::string>());
    if (!d.value) throw InputError{"planner: error: --as-of: " + d.error};
    as_of = *d.value;
  }

  const Protocol protocol = load_protocol_argument(protocol_name);
  SdtmRoster roster;
  std::vector<ActualVisit> log;
  if (sdtm) {
    roster = load_sdtm_dm(roster_path, protocol);
    log = load_sdtm_sv(actuals_path, protocol, roster);
  } else {
    roster.planned = load_roster(roster_path, protocol);
    log = load_visit_log(actuals_path, &roster.planned);
  }
  std::map<std::string, std::vector<ActualVisit>> by_subject;
  for (ActualVisit& a : log) by_subject[a.subject].push_back(std::move(a));

  std::vector<VisitCheck> rows;
  bool deviations = false;
  for (const Subject& s : roster.planned) {
    std::vector<VisitCheck> checks;
    try {
      checks = check_subject(protocol, s, by_subject[s.id], as_of);
    } catch (const PlanError& e) {  // say whose plan it was (its Day 1 comes from the roster)
      throw InputError{roster_path + ": error: subject " + planner::quoted(s.id) + ": " + e.what()};
    }
    for (VisitCheck& c : checks) {
      const auto& tolerates = protocol.check_tolerates;
      const bool tolerated = std::find(tolerates.begin(), tolerates.end(), c.verdict) != tolerates.end();
      deviations = deviations || (is_deviation(c.verdict) && !tolerated);
      rows.push_back(std::move(c));
    }
  }
  for (const auto& [id, why] : roster.unplanned)  // screen failures: their records, reported as such
    for (const ActualVisit& a : by_subject[id])
      rows.push_back({id, a.visit, std::nullopt, a.date, {}, {}, {}, {}, Verdict::not_planned, a.line});
  const std::string out = format == "csv"       ? check_csv(rows, roster.planned)
                          : format == "json"    ? check_json(protocol, rows, roster.planned)
                          : format == "summary" ? check_summary(protocol, rows)
                                                : check_table(protocol, rows, roster.planned);
  emit(vm["output"].as<std::string>(), out);
  return static_cast<int>(deviations ? ExitCode::findings : ExitCode::ok);
}

}  // namespace planner::cli
