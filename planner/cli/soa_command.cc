// planner soa PROTOCOL [--arm ARM] [--format table|markdown|csv] [--output FILE]
#include "planner/cli/command.h"
#include "planner/cli/options.h"
#include "planner/core/error.h"
#include "planner/io/write/soa.h"

namespace planner::cli {
namespace {

constexpr std::string_view kUsage = "planner soa PROTOCOL [--arm ARM] [--format table|markdown|csv] [--output FILE]";

}  // namespace

int run_soa(const std::vector<std::string>& args) {
  po::options_description options{"Options"};
  options.add_options()
      ("protocol", po::value<std::string>(), "protocol file, or the name of a bundled protocol")
      ("arm", po::value<std::string>(), "show one arm only (default: every arm; arm-specific rows are labelled)")
      ("format", po::value<std::string>()->default_value("table"), "table, markdown or csv")
      ("output,o", po::value<std::string>()->default_value(""), "write to FILE (atomically) instead of stdout");
  po::positional_options_description positional;
  positional.add("protocol", 1);
  po::variables_map vm;
  if (!parse_command_line(args, options, positional, kUsage, vm)) return 0;
  const TableFormat format = format_option(vm, {"table", "markdown", "csv"});
  const std::string protocol_name = protocol_argument(vm, "soa", kUsage);
  const Protocol protocol = load_protocol_argument(protocol_name);
  std::optional<std::string> arm;
  if (vm.count("arm")) arm = choose_arm(protocol, vm);
  emit(vm["output"].as<std::string>(), render(soa_table(protocol, arm), format));
  return 0;
}

}  // namespace planner::cli
