// Options and helpers every subcommand shares: logging flags, the protocol argument, output files.
#pragma once

#include <boost/program_options.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "planner/core/protocol.h"
#include "planner/core/scheduler.h"
#include "planner/core/site.h"
#include "planner/core/site_calendar.h"
#include "planner/io/write/text_table.h"

namespace planner::cli {

namespace po = boost::program_options;

// -v/--verbose, -q/--quiet, -h/--help.
po::options_description common_options();

// Parses `args` against `options` (plus the common options) and `positional`; throws InputError with
// "did you mean" for unknown options. Applies the logging flags. Returns false when --help was given
// (after printing `usage` and the options to stdout).
bool parse_command_line(const std::vector<std::string>& args, const po::options_description& options,
                        const po::positional_options_description& positional, std::string_view usage,
                        po::variables_map& vm);

// --output, checked once the options are parsed and before anything is read (parse_command_line calls it):
// an explicit empty name is an InputError, and so is an output that is the same file as any input option
// (same device and inode: through symbolic and hard links too), and an output that cannot be written
// (OutputFile::check: exit 3). Guards the output against the files those inputs name in turn (see
// planner/io/output_guard.h).
void check_output_option(const po::variables_map& vm);

// A protocol given as a path, or as a name looked up in $PLANNER_PROTOCOLS, ./protocols and the
// protocols bundled with planner ("did you mean" when none matches).
std::string resolve_protocol(const std::string& name_or_path);
Protocol load_protocol_argument(const std::string& name_or_path);

// The protocol files `planner protocols` lists: the *.toml files of `dir`, or, when dir is empty, those the
// PROTOCOL lookup finds ($PLANNER_PROTOCOLS, ./protocols, the bundled protocols; the first of a name wins).
// Sorted by path. IoError when `dir` cannot be read.
std::vector<std::string> protocol_files(const std::string& dir);

// The arm given with --arm (InputError when the protocol has none such), else the only arm; InputError when
// the protocol has several and none was chosen.
std::string choose_arm(const Protocol& protocol, const po::variables_map& vm);

// The value of --format, checked against `allowed` ("table", "markdown", "csv").
// The PROTOCOL positional argument; InputError with the usage when it is missing.
std::string protocol_argument(const po::variables_map& vm, std::string_view command, std::string_view usage);

TableFormat format_option(const po::variables_map& vm, std::initializer_list<std::string_view> allowed);

// Writes `content` to `path` atomically, or to stdout when path is empty or "-".
void emit(const std::string& path, const std::string& content);

// The site calendar of --closed DAYS and --holidays FILE... (every day open when neither is given).
SiteCalendar calendar_from_flags(const po::variables_map& vm);

// What planning a roster needs, from --roster, --sites (or --closed/--holidays for every subject) and
// --threads, checked together; the PROTOCOL argument is loaded too.
struct Cohort {
  Protocol protocol;
  std::string roster;
  std::optional<std::vector<Site>> sites;
  SiteCalendar calendar;  // from --closed/--holidays, when there is no sites file
  unsigned threads = 1;
  const std::vector<Site>* site_list() const { return sites ? &*sites : nullptr; }
};
// --closed, --holidays, --prefer: the site calendar of commands that plan.
po::options_description site_options();
// --roster, --sites, --threads: planning a whole roster.
po::options_description cohort_options();
Prefer prefer_from_flags(const po::variables_map& vm);
Cohort cohort_from_flags(const po::variables_map& vm);

// A required option's value; InputError naming the option when absent.
std::string required(const po::variables_map& vm, const std::string& option, std::string_view command);

}  // namespace planner::cli
