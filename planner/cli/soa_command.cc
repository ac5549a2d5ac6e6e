// planner soa PROTOCOL [--arm ARM] [--format table|markdown|csv] [--output FILE]
#include "planner/cli/command.h"
#include "planner/cli/options.h"
#include "planner/io/write/soa.h"

namespace planner::cli::soa {

void options(OptionList& o) {
  o.protocol()
      .text("arm ARM", "show one arm only (default: every arm; arm-specific rows are labelled)")
      .format({"table", "markdown", "csv"}, "table", "table, markdown or csv")
      .csv_output();
}

int run(const Args& args) {
  const TableFormat format = args.table_format();
  const Protocol protocol = load_protocol_argument(args.argument());
  std::optional<std::string> arm;
  if (args.has("arm")) arm = choose_arm(protocol, args);
  args.emit(render(soa_table(protocol, arm), format, args.csv()));
  return 0;
}

}  // namespace planner::cli::soa
