// planner export-usdm PROTOCOL [--output FILE]
#include "planner/cli/command.h"
#include "planner/cli/options.h"
#include "planner/io/interop/usdm/export.h"

namespace planner::cli::export_usdm {

void options(OptionList& o) { o.protocol(); }

int run(const Args& args) {
  const Protocol protocol = load_protocol_argument(args.argument());
  args.emit(planner::export_usdm(protocol));
  return 0;
}

}  // namespace planner::cli::export_usdm
