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
#include "planner/cli/messages.h"
#include "planner/core/error.h"
#include "planner/core/spelling.h"
#include "planner/io/display_width.h"
#include "planner/io/write/temp_cleanup.h"

#ifndef PLANNER_VERSION
#define PLANNER_VERSION "unknown"
#endif

namespace planner::cli {

namespace {

void print_help(std::ostream& out) {
  out << "planner " PLANNER_VERSION
         " - treatment-protocol schedule planner for clinical trials\n\n"
         "usage: planner COMMAND [ARGS] [--help]\n"
         "       planner --help | --version\n\ncommands:\n";
  std::size_t width = 0;
  for (const Command& c : commands()) width = std::max(width, display_width(c.name) + 2);
  for (const Command& c : commands()) out << "  " << padded(c.name, width) << c.summary << '\n';
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
    if (c.name == args[0]) return run_command(c, std::vector<std::string>(args.begin() + 1, args.end()));
    names.push_back(c.name);
  }
  throw InputError{msg::unknown_command(args[0], closest_match(args[0], names))};
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
  std::cerr << planner::cli::msg::standard_output_failed(err ? std::strerror(err) : "") << '\n';
  return std::max(code, static_cast<int>(planner::ExitCode::io));
}

int run(int argc, char** argv) {
  try {
    return planner::cli::dispatch(argc, argv);
  } catch (const planner::PlanError& e) {  // from the core: no location, so say who speaks
    std::cerr << planner::cli::msg::plan_error(e.what()) << '\n';
    return static_cast<int>(e.code());
  } catch (const planner::Error& e) {
    std::cerr << e.what();
    if (std::string_view{e.what()}.ends_with('\n') == false) std::cerr << '\n';
    return static_cast<int>(e.code());
  } catch (const std::exception& e) {
    std::cerr << planner::cli::msg::internal_error(e.what()) << '\n';
    return static_cast<int>(planner::ExitCode::internal);
  }
}

}  // namespace

int main(int argc, char** argv) {
  try {
    planner::install_temp_cleanup();
    auto logger = spdlog::stderr_color_st("planner");  // (spdlog throws spdlog_ex when it cannot)
    logger->set_pattern("planner: %^%l%$: %v");
    spdlog::set_default_logger(logger);
    spdlog::set_level(spdlog::level::warn);
    return check_standard_output(run(argc, argv));
  } catch (const std::exception& e) {  // run() reports its own errors: this is the set-up before it
    std::cerr << planner::cli::msg::internal_error(e.what()) << '\n';
    return static_cast<int>(planner::ExitCode::internal);
  }
}
