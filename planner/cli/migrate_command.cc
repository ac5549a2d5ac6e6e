// planner migrate PROTOCOL [--output FILE]
#include <spdlog/spdlog.h>

#include "planner/cli/command.h"
#include "planner/cli/messages.h"
#include "planner/cli/options.h"
#include "planner/io/read/input_file.h"
#include "planner/io/read/protocol.h"

namespace planner::cli::migrate {

void options(OptionList& o) { o.protocol(); }

int run(const Args& args) {
  const std::string path = resolve_protocol(args.argument());
  const MigratedProtocol migrated = migrate_protocol(read_file(path), path);
  if (migrated.from >= 2) spdlog::warn(msg::already_format2(path));
  args.emit(migrated.text);
  return 0;
}

}  // namespace planner::cli::migrate
