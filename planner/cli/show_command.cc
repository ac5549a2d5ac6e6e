// planner show PROTOCOL [--output FILE]
#include "planner/cli/command.h"
#include "planner/cli/options.h"
#include "planner/io/write/protocol.h"

namespace planner::cli::show {

void options(OptionList& o) { o.protocol(); }

int run(const Args& args) {
  args.emit(show_text(load_protocol_argument(args.argument())));
  return 0;
}

}  // namespace planner::cli::show
