// The subcommand table of the planner CLI. Each command parses its own arguments (Boost.Program_options),
// does its work through planner/io and planner/core, and returns an exit code; errors are thrown as
// planner::Error and mapped to exit codes once, in main.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace planner::cli {

struct Command {
  std::string_view name;
  std::string_view summary;
  int (*run)(const std::vector<std::string>& args);  // args after the command name
};

std::span<const Command> commands();

int run_calendar(const std::vector<std::string>& args);
int run_check(const std::vector<std::string>& args);
int run_import_usdm(const std::vector<std::string>& args);
int run_lint(const std::vector<std::string>& args);
int run_load(const std::vector<std::string>& args);
int run_protocols(const std::vector<std::string>& args);
int run_sdtm(const std::vector<std::string>& args);
int run_show(const std::vector<std::string>& args);
int run_soa(const std::vector<std::string>& args);
int run_timepoints(const std::vector<std::string>& args);
int run_window(const std::vector<std::string>& args);

}  // namespace planner::cli
