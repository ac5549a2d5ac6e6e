// planner import-usdm FILE.json [--timeline NAME] [--output FILE]
#include <filesystem>
#include <spdlog/spdlog.h>

#include "planner/cli/command.h"
#include "planner/cli/options.h"
#include "planner/core/error.h"
#include "planner/io/source_text.h"
#include "planner/io/interop/usdm/import.h"
#include "planner/io/read/input_file.h"

namespace planner::cli {
namespace {

constexpr std::string_view kUsage =
    "planner import-usdm FILE.json [--timeline NAME] [--output FILE]\n"
    "Writes the main timeline of a CDISC USDM 4.0 study as a protocol file (TOML, format 1); what planner cannot\n"
    "represent is printed as warnings and kept as '# not represented:' comments (docs/commands/import-usdm.md).\n"
    "example: planner import-usdm examples/usdm/CDISC_Pilot_Study.json > cdisc-usdm.toml";

}  // namespace

int run_import_usdm(const std::vector<std::string>& args) {
  po::options_description options{"Options"};
  options.add_options()
      ("usdm", po::value<std::string>(), "USDM 4.0 study file (JSON)")
      ("timeline", po::value<std::string>()->default_value(""),
       "the timeline to import, by id, name or label (default: the one with mainTimeline true)")
      ("output,o", po::value<std::string>()->default_value(""), "write to FILE (atomically) instead of stdout");
  po::positional_options_description positional;
  positional.add("usdm", 1);
  po::variables_map vm;
  if (!parse_command_line(args, options, positional, kUsage, vm)) return 0;

  if (!vm.count("usdm"))
    throw InputError{"planner: error: planner import-usdm needs a FILE.json\nusage: " + std::string{kUsage}};
  const std::string path = vm["usdm"].as<std::string>();
  const UsdmImport imported = import_usdm(read_file(path), path, vm["timeline"].as<std::string>());
  for (const std::string& w : imported.warnings) spdlog::warn("{}", w);
  emit(vm["output"].as<std::string>(), imported.toml);
  return 0;
}

}  // namespace planner::cli
