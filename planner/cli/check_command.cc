// planner check PROTOCOL --roster CSV --actuals CSV [--as-of DATE] [--format table|csv] [--output FILE]
#include <map>

#include "planner/cli/command.h"
#include "planner/cli/options.h"
#include "planner/core/error.h"
#include "planner/io/check_report.h"
#include "planner/io/iso8601.h"
#include "planner/io/roster.h"
#include "planner/io/visit_log.h"

namespace planner::cli {
namespace {

constexpr std::string_view kUsage =
    "planner check PROTOCOL --roster CSV --actuals CSV [--as-of DATE] [--format table|csv] [--output FILE]";

}  // namespace

int run_check(const std::vector<std::string>& args) {
  po::options_description options{"Options"};
  options.add_options()
      ("protocol", po::value<std::string>(), "protocol file, or the name of a bundled protocol")
      ("roster", po::value<std::string>(), "roster CSV: subject,arm,site,day1")
      ("actuals", po::value<std::string>(), "visit log CSV: subject,visit,date (extra columns ignored)")
      ("as-of", po::value<std::string>(), "planned visits whose window closed before DATE with no record are missed")
      ("format", po::value<std::string>()->default_value("table"), "table or csv")
      ("output,o", po::value<std::string>()->default_value(""), "write to FILE (atomically) instead of stdout");
  po::positional_options_description positional;
  positional.add("protocol", 1);
  po::variables_map vm;
  if (!parse_command_line(args, options, positional, kUsage, vm)) return 0;

  const std::string protocol_name = protocol_argument(vm, "check", kUsage);
  const TableFormat format = format_option(vm, {"table", "csv"});
  const std::string roster_path = required(vm, "roster", "check");
  const std::string actuals_path = required(vm, "actuals", "check");
  std::optional<Date> as_of;
  if (vm.count("as-of")) {
    const auto d = parse_date(vm["as-of"].as<std::string>());
    if (!d.value) throw InputError{"planner: error: --as-of: " + d.error};
    as_of = *d.value;
  }

  const Protocol protocol = load_protocol_argument(protocol_name);
  const std::vector<Subject> roster = load_roster(roster_path, protocol);
  std::map<std::string, std::vector<ActualVisit>> by_subject;
  for (ActualVisit& a : load_visit_log(actuals_path, roster)) by_subject[a.subject].push_back(std::move(a));

  std::vector<VisitCheck> rows;
  bool deviations = false;
  for (const Subject& s : roster) {
    for (VisitCheck& c : check_subject(protocol, s, by_subject[s.id], as_of)) {
      deviations = deviations || is_deviation(c.verdict);
      rows.push_back(std::move(c));
    }
  }
  emit(vm["output"].as<std::string>(),
       format == TableFormat::csv ? check_csv(rows, roster) : check_table(protocol, rows, roster));
  return static_cast<int>(deviations ? ExitCode::findings : ExitCode::ok);
}

}  // namespace planner::cli
