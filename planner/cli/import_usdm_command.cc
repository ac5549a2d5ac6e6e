// planner import-usdm FILE.json [--timeline NAME] [--output FILE]
#include <spdlog/spdlog.h>

#include "planner/cli/command.h"
#include "planner/io/interop/usdm/import.h"
#include "planner/io/read/input_file.h"

namespace planner::cli::import_usdm {

void options(OptionList& o) {
  o.positional("usdm", "FILE.json", nullptr, "USDM 4.0 study file (JSON)")
      .text("timeline NAME", "",
            "the timeline to import, by id, name or label (default: the one with mainTimeline true)");
}

int run(const Args& args) {
  const std::string path = args.argument();
  const UsdmImport imported = planner::import_usdm(read_file(path), path, args.text("timeline"));
  for (const std::string& w : imported.warnings) spdlog::warn("{}", w);
  args.emit(imported.toml);
  return 0;
}

}  // namespace planner::cli::import_usdm
