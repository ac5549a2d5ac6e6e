// Options and helpers every subcommand shares: logging flags, the protocol argument, output files.
#pragma once

#include <boost/program_options.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "planner/core/protocol.h"
#include "planner/io/text_table.h"

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
TableFormat format_option(const po::variables_map& vm, std::initializer_list<std::string_view> allowed);

// Writes `content` to `path` atomically, or to stdout when path is empty or "-".
void emit(const std::string& path, const std::string& content);

// A required option's value; InputError naming the option when absent.
std::string required(const po::variables_map& vm, const std::string& option, std::string_view command);

}  // namespace planner::cli
