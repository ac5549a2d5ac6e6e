// planner window PROTOCOL (--roster CSV | --roster-sdtm DM.csv) --records CSV [--output FILE]
#include "planner/cli/command.h"
#include "planner/cli/messages.h"
#include "planner/cli/options.h"
#include "planner/core/error.h"
#include "planner/io/interop/sdtm/subjects.h"
#include "planner/io/read/analysis_records.h"
#include "planner/io/read/roster.h"
#include "planner/io/write/analysis.h"

namespace planner::cli::window {

void options(OptionList& o) {
  o.protocol("protocol file (with [[analysis_window]] tables), or a bundled name")
      .text("roster CSV", "roster CSV: subject,arm,site,day1")
      .text("roster-sdtm DM.csv", "SDTM DM as CSV: Day 1 = RFSTDTC")
      .text("records CSV", "dated records: subject (or USUBJID), date (or ADT), PARAMCD, DTYPE")
      .csv_output();
}

int run(const Args& args) {
  const std::string protocol_name = args.argument();
  if (args.has("roster") == args.has("roster-sdtm")) throw InputError{msg::window_needs_roster(args.usage())};
  const std::string records_path = args.required("records");
  const Protocol protocol = load_protocol_argument(protocol_name);
  if (protocol.analysis_windows.empty()) throw InputError{msg::no_analysis_windows(protocol.study.id)};
  const std::vector<Subject> roster = args.has("roster") ? load_roster(args.text("roster"), protocol)
                                                         : load_sdtm_dm(args.text("roster-sdtm"), protocol).planned;
  const RecordFile file = load_analysis_records(records_path, roster);
  args.emit(analysis_csv(protocol.analysis_windows, file,
                         assign_analysis_windows(protocol.analysis_windows, file.records), args.csv()));
  return 0;
}

}  // namespace planner::cli::window
