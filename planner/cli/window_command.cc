// planner window PROTOCOL (--roster CSV | --roster-sdtm DM.csv) --records CSV [--output FILE]
#include "planner/cli/command.h"
#include "planner/cli/options.h"
#include "planner/core/error.h"
#include "planner/io/read/analysis_records.h"
#include "planner/io/write/analysis.h"
#include "planner/io/read/roster.h"
#include "planner/io/interop/sdtm/subjects.h"

namespace planner::cli {
namespace {

constexpr std::string_view kUsage =
    "planner window PROTOCOL (--roster CSV | --roster-sdtm DM.csv) --records CSV [--output FILE]";

}  // namespace

int run_window(const std::vector<std::string>& args) {
  po::options_description options{"Options"};
  options.add_options()
      ("protocol", po::value<std::string>(), "protocol file (with [[analysis_window]] tables), or a bundled name")
      ("roster", po::value<std::string>(), "roster CSV: subject,arm,site,day1")
      ("roster-sdtm", po::value<std::string>(), "SDTM DM as CSV: Day 1 = RFSTDTC")
      ("records", po::value<std::string>(), "dated records: subject (or USUBJID), date (or ADT), PARAMCD, DTYPE")
      ("output,o", po::value<std::string>()->default_value(""), "write to FILE (atomically) instead of stdout");
  po::positional_options_description positional;
  positional.add("protocol", 1);
  po::variables_map vm;
  if (!parse_command_line(args, options, positional, kUsage, vm)) return 0;

  const std::string protocol_name = protocol_argument(vm, "window", kUsage);
  if (vm.count("roster") == vm.count("roster-sdtm"))
    throw InputError{"planner: error: planner window needs one of --roster and --roster-sdtm\nusage: " +
                     std::string{kUsage}};
  const std::string records_path = required(vm, "records", "window");
  const Protocol protocol = load_protocol_argument(protocol_name);
  if (protocol.analysis_windows.empty())
    throw InputError{"planner: error: protocol " + protocol.study.id + " has no [[analysis_window]]"};
  const std::vector<Subject> roster = vm.count("roster")
                                          ? load_roster(vm["roster"].as<std::string>(), protocol)
                                          : load_sdtm_dm(vm["roster-sdtm"].as<std::string>(), protocol).planned;
  const RecordFile file = load_analysis_records(records_path, roster);
  emit(vm["output"].as<std::string>(),
       analysis_csv(protocol.analysis_windows, file, assign_analysis_windows(protocol.analysis_windows, file.records)));
  return 0;
}

}  // namespace planner::cli
