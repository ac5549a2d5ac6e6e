// planner import-usdm FILE.json [--timeline NAME] [--output FILE]
#include <spdlog/spdlog.h>

#include "planner/cli/command.h"
#include "planner/io/interop/usdm/import.h"
#include "planner/io/read/input_file.h"

namespace planner::cli {
namespace {

void options(OptionList& o) {
  o.positional("usdm", "FILE.json", nullptr, "USDM 4.0 study file (JSON)")
      .text("timeline", "", "the timeline to import, by id, name or label (default: the one with mainTimeline true)");
}

int run(const Args& args) {
  const std::string path = args.argument();
  const UsdmImport imported = import_usdm(read_file(path), path, args.text("timeline"));
  for (const std::string& w : imported.warnings) spdlog::warn("{}", w);
  args.emit(imported.toml);
  return 0;
}

}  // namespace

extern const Command import_usdm_command{
    "import-usdm", "a CDISC USDM 4.0 study (JSON) as a protocol file, reporting what cannot be represented",
    "planner import-usdm FILE.json [--timeline NAME] [--output FILE]\n"
    "Writes the main timeline of a CDISC USDM 4.0 study as a protocol file (TOML, format 1); what planner cannot\n"
    "represent is printed as warnings and kept as '# not represented:' comments (docs/commands/import-usdm.md).\n"
    "example: planner import-usdm examples/usdm/CDISC_Pilot_Study.json > cdisc-usdm.toml",
    options, run};

}  // namespace planner::cli
