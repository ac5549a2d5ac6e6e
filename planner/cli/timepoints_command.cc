// planner timepoints PROTOCOL --day1 DATE [--arm ARM] [--format table|csv] [--output FILE]
#include "planner/cli/command.h"
#include "planner/cli/messages.h"
#include "planner/cli/options.h"
#include "planner/core/error.h"
#include "planner/core/scheduler.h"
#include "planner/io/iso8601.h"
#include "planner/io/write/timepoints.h"

namespace planner::cli::timepoints {

void options(OptionList& o) {
  o.protocol()
      .text("day1 DATE", "Day 1 (the anchor event) as YYYY-MM-DD")
      .text("arm ARM", "the arm (optional for single-arm protocols)")
      .format({"table", "csv"}, "table", "table or csv")
      .csv_output();
}

int run(const Args& args) {
  const TableFormat format = args.table_format();
  const Date day1 = args.required_date("day1");
  const Protocol protocol = load_protocol_argument(args.argument());
  const std::string arm = choose_arm(protocol, args);
  // No site calendar: targets and windows as the protocol gives them.
  const std::vector<PlannedVisit> visits = plan(protocol, PlanRequest{day1, arm, nullptr, Prefer::earlier});
  args.emit(timepoints_text(protocol, arm, day1, visits, format, args.csv()));
  return 0;
}

}  // namespace planner::cli::timepoints
