// What the subcommands share beyond parsing (planner/cli/command.h): the PROTOCOL lookup, arms, the --output
// check and writing, the site calendar and the cohort options.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "planner/cli/command.h"
#include "planner/core/protocol.h"
#include "planner/core/scheduler.h"
#include "planner/core/site.h"
#include "planner/core/site_calendar.h"

namespace planner::cli {

// --output, checked once the options are parsed and before anything is read (run_command calls it):
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

// The arm given with --arm (InputError when the protocol has none such), else the only arm, else with --blind
// the first (a blinded output is the same for every arm); InputError when the protocol has several and none
// was chosen.
std::string choose_arm(const Protocol& protocol, const Args& args);

// Writes `content` to `path` atomically, or to stdout when path is empty or "-".
void emit(const std::string& path, const std::string& content);

// InputError when --sites comes with --closed or --holidays: a sites file gives each site its own closures.
void refuse_closures_with_sites(const Args& args);
// The site calendar of --closed DAYS and --holidays FILE... (every day open when neither is given).
SiteCalendar calendar_from_flags(const Args& args);
// One subject's site in a sites file (--site ID --sites TOML: its closures, holidays and name), or null without
// a sites file (`sites` null). InputError when --site is missing or names no site of the file (with the
// closest id).
const Site* subject_site(const Args& args, const std::vector<Site>* sites);

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
Prefer prefer_from_flags(const Args& args);
Cohort cohort_from_flags(const Args& args);

}  // namespace planner::cli
