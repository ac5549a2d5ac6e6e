// planner show PROTOCOL [--output FILE]
#include "planner/cli/command.h"
#include "planner/cli/options.h"
#include "planner/core/error.h"
#include "planner/io/write/protocol.h"

namespace planner::cli {
namespace {

constexpr std::string_view kUsage = "planner show PROTOCOL [--output FILE]";

}  // namespace

int run_show(const std::vector<std::string>& args) {
  po::options_description options{"Options"};
  options.add_options()
      ("protocol", po::value<std::string>(), "protocol file, or the name of a bundled protocol")
      ("output,o", po::value<std::string>()->default_value(""), "write to FILE (atomically) instead of stdout");
  po::positional_options_description positional;
  positional.add("protocol", 1);
  po::variables_map vm;
  if (!parse_command_line(args, options, positional, kUsage, vm)) return 0;
  const std::string protocol_name = protocol_argument(vm, "show", kUsage);
  const Protocol protocol = load_protocol_argument(protocol_name);
  emit(vm["output"].as<std::string>(), show_text(protocol));
  return 0;
}

}  // namespace planner::cli
