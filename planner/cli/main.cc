// planner: treatment-protocol schedule planner. The one place where errors become exit codes.
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "planner/cli/command.h"
#include "planner/core/error.h"
#include "planner/core/spelling.h"
#include "planner/io/source_text.h"
#include "planner/io/write/temp_cleanup.h"

#ifndef PLANNER_VERSION
#define PLANNER_VERSION "unknown"
#endif

namespace planner::cli {

std::span<const Command> commands() {
  static const Command table[] = {
      {"calendar", "a subject's visit calendar: targets, windows, dates proposed around site closures",
       run_calendar},
      {"check", "actual visits against the plan: in window, early, late, missed, duplicates, out of order",
       run_check},
      {"import-usdm", "a CDISC USDM 4.0 study (JSON) as a protocol file, reporting what cannot be represented",
       run_import_usdm},
      {"lint", "check a protocol's timing: order, windows, published facts, feasibility, preparation", run_lint},
      {"load", "workload per site and day or week: visits, doses, product needed, capacity used", run_load},
      {"protocols", "list protocols: id, condition, arms, doses per arm, last visit week", run_protocols},
      {"sdtm", "CDISC SDTM trial design (TA, TE, TV, TS) of a protocol; DM and planned SV of a roster", run_sdtm},
      {"show", "a protocol for review: study, arms, activities, visits, series, every assumption", run_show},
      {"soa", "the Schedule of Activities: visits as columns, activities as rows", run_soa},
      {"timepoints", "assessment timepoints of a subject: instrument, role, visit, date, window", run_timepoints},
      {"window", "analysis visit windows: each dated record's analysis visit, study day and analysis flag",
       run_window},
  };
  return table;
}

namespace {

void print_help(std::ostream& out) {
  out << "planner " PLANNER_VERSION " - treatment-protocol schedule planner for clinical trials\n\n"
         "usage: planner COMMAND [ARGS] [--help]\n"
         "       planner --help | --version\n\ncommands:\n";
  std::size_t width = 0;
  for (const Command& c : commands()) width = std::max(width, c.name.size() + 2);
  for (const Command& c : commands()) out << "  " << c.name << std::string(width - c.name.size(), ' ') << c.summary << '\n';
  out << "\noptions:\n"
         "  -h [ --help ]  show this help (on standard output; with no arguments on standard error, exit 2)\n"
         "  --version      print the version and exit\n"
         "\nexit codes: 0 success, 1 problems found, 2 bad input, 3 file not readable/writable, 4 internal error\n"
         "run 'planner COMMAND --help' for a command's options\n";
}

int dispatch(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {  // a usage error: the help goes to standard error
    print_help(std::cerr);
    return static_cast<int>(ExitCode::bad_input);
  }
  if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    print_help(std::cout);
    return 0;
  }
  if (args[0] == "--version") {
    std::cout << "planner " PLANNER_VERSION "\n";
    return 0;
  }
  std::vector<std::string_view> names;
  for (const Command& c : commands()) {
    if (c.name == args[0]) return c.run(std::vector<std::string>(args.begin() + 1, args.end()));
    names.push_back(c.name);
  }
  const std::string guess = closest_match(args[0], names);
  throw InputError{"planner: error: unknown command " + planner::quoted(args[0]) +
                   (guess.empty() ? "" : "; did you mean '" + guess + "'?") + "\nrun 'planner --help' for the commands"};
}

}  // namespace
}  // namespace planner::cli

namespace {

// What was written to standard output must have reached it: --help into /dev/full is an error, not exit 0.
// Called last, after every other message; returns the exit code to use.
int check_standard_output(int code) {
  errno = 0;
  const bool failed = !std::cout.flush() || std::fflush(stdout) != 0 || std::ferror(stdout);
  if (!failed) return code;
  const int err = errno;
  std::cerr << "planner: error: cannot write standard output" << (err ? std::string{": "} + std::strerror(err) : "")
            << '\n';
  return std::max(code, static_cast<int>(planner::ExitCode::io));
}

int run(int argc, char** argv) {
  try {
    return planner::cli::dispatch(argc, argv);
  } catch (const planner::PlanError& e) {  // from the core: no location, so say who speaks
    std::cerr << "planner: error: " << e.what() << '\n';
    return static_cast<int>(e.code());
  } catch (const planner::Error& e) {
    std::cerr << e.what();
    if (std::string_view{e.what()}.ends_with('\n') == false) std::cerr << '\n';
    return static_cast<int>(e.code());
  } catch (const std::exception& e) {
    std::cerr << "planner: internal error: " << e.what() << "\nplease report this with the command you ran\n";
    return static_cast<int>(planner::ExitCode::internal);
  }
}

}  // namespace

int main(int argc, char** argv) {
  planner::install_temp_cleanup();
  auto logger = spdlog::stderr_color_st("planner");
  logger->set_pattern("planner: %^%l%$: %v");
  spdlog::set_default_logger(logger);
  spdlog::set_level(spdlog::level::warn);
  return check_standard_output(run(argc, argv));
}
