// planner protocols [DIR] [--format table|markdown|csv] [--output FILE]
#include <spdlog/spdlog.h>

#include "planner/cli/command.h"
#include "planner/cli/options.h"
#include "planner/io/write/protocol_list.h"
#include "planner/io/read/protocol.h"

namespace planner::cli {
namespace {

constexpr std::string_view kUsage = "planner protocols [DIR] [--format table|markdown|csv] [--output FILE]";

}  // namespace

int run_protocols(const std::vector<std::string>& args) {
  po::options_description options{"Options"};
  options.add_options()
      ("dir", po::value<std::string>()->default_value(""),
       "directory of protocol files (default: the PROTOCOL lookup: $PLANNER_PROTOCOLS, ./protocols, bundled)")
      ("format", po::value<std::string>()->default_value("table"), "table, markdown or csv")
      ("output,o", po::value<std::string>()->default_value(""), "write to FILE (atomically) instead of stdout");
  po::positional_options_description positional;
  positional.add("dir", 1);
  po::variables_map vm;
  if (!parse_command_line(args, options, positional, kUsage, vm)) return 0;
  const TableFormat format = format_option(vm, {"table", "markdown", "csv"});

  std::vector<Protocol> protocols;
  for (const std::string& file : protocol_files(vm["dir"].as<std::string>())) {
    spdlog::info("reading {}", file);
    protocols.push_back(load_protocol(file));
  }
  std::vector<const Protocol*> list;
  for (const Protocol& p : protocols) list.push_back(&p);
  emit(vm["output"].as<std::string>(), render(protocols_table(list), format));
  return 0;
}

}  // namespace planner::cli
