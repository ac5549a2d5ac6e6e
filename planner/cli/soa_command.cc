// planner soa PROTOCOL [--arm ARM] [--blind] [--format table|markdown|csv] [--output FILE]
#include "planner/cli/command.h"
#include "planner/cli/options.h"
#include "planner/io/write/soa.h"

namespace planner::cli::soa {

void options(OptionList& o) {
  o.protocol()
      .text("arm ARM", "show one arm only (default: every arm; arm-specific rows are labelled)")
      .flag("blind",
            "what participants are told (each activity's participant text): no arm, product or dose amount (for "
            "participants of a blinded trial, as calendar --blind)")
      .format({"table", "markdown", "csv"}, "table",
              "table, markdown or csv (table and markdown end with the protocol's constraints as footnotes)")
      .csv_output();
}

int run(const Args& args) {
  const TableFormat format = args.table_format();
  const Protocol protocol = load_protocol_argument(args.argument());
  std::optional<std::string> arm;
  if (args.has("arm")) arm = choose_arm(protocol, args);
  const bool blind = args.vm()["blind"].as<bool>();
  std::string out = render(soa_table(protocol, arm, blind), format, args.csv());
  if (const std::string notes = soa_footnotes(protocol, arm, blind); !notes.empty() && format != TableFormat::csv)
    out += "\n" + notes;
  args.emit(out);
  return 0;
}

}  // namespace planner::cli::soa
