// planner protocols [DIR] [--format table|markdown|csv] [--output FILE]
#include <spdlog/spdlog.h>

#include "planner/cli/command.h"
#include "planner/cli/options.h"
#include "planner/io/read/protocol.h"
#include "planner/io/write/protocol_list.h"

namespace planner::cli::protocols {

void options(OptionList& o) {
  o.positional("dir", "DIR", "",
               "directory of protocol files (default: the PROTOCOL lookup: $PLANNER_PROTOCOLS, ./protocols, bundled)")
      .format({"table", "markdown", "csv"}, "table", "table, markdown or csv")
      .csv_output();
}

int run(const Args& args) {
  const TableFormat format = args.table_format();
  std::vector<Protocol> protocols;
  for (const std::string& file : protocol_files(args.text("dir"))) {
    spdlog::info("reading {}", file);
    protocols.push_back(load_protocol(file));
  }
  std::vector<const Protocol*> list;
  list.reserve(protocols.size());
  for (const Protocol& p : protocols) list.push_back(&p);
  args.emit(render(protocols_table(list), format, args.csv()));
  return 0;
}

}  // namespace planner::cli::protocols
