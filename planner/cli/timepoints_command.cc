// planner timepoints PROTOCOL --day1 DATE [--arm ARM] [--format table|csv] [--output FILE]
#include "planner/cli/command.h"
#include "planner/cli/options.h"
#include "planner/core/error.h"
#include "planner/core/scheduler.h"
#include "planner/io/iso8601.h"
#include "planner/io/write/timepoints.h"

namespace planner::cli {
namespace {

constexpr std::string_view kUsage =
    "planner timepoints PROTOCOL --day1 DATE [--arm ARM] [--format table|csv] [--output FILE]";

}  // namespace

int run_timepoints(const std::vector<std::string>& args) {
  po::options_description options{"Options"};
  options.add_options()
      ("protocol", po::value<std::string>(), "protocol file, or the name of a bundled protocol")
      ("day1", po::value<std::string>(), "Day 1 (the anchor event) as YYYY-MM-DD")
      ("arm", po::value<std::string>(), "the arm (optional for single-arm protocols)")
      ("format", po::value<std::string>()->default_value("table"), "table or csv")
      ("output,o", po::value<std::string>()->default_value(""), "write to FILE (atomically) instead of stdout");
  po::positional_options_description positional;
  positional.add("protocol", 1);
  po::variables_map vm;
  if (!parse_command_line(args, options, positional, kUsage, vm)) return 0;
  const TableFormat format = format_option(vm, {"table", "csv"});
  const auto day1 = parse_date(required(vm, "day1", "timepoints"));
  if (!day1.value) throw InputError{"planner: error: --day1: " + day1.error};
  const std::string protocol_name = protocol_argument(vm, "timepoints", kUsage);
  const Protocol protocol = load_protocol_argument(protocol_name);
  const std::string arm = choose_arm(protocol, vm);
  // No site calendar: targets and windows as the protocol gives them.
  const std::vector<PlannedVisit> visits = plan(protocol, PlanRequest{*day1.value, arm, nullptr, Prefer::earlier});
  emit(vm["output"].as<std::string>(), timepoints_text(protocol, arm, *day1.value, visits, format));
  return 0;
}

}  // namespace planner::cli
