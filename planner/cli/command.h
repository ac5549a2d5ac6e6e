// A planner subcommand, described once: its name and one-line summary (`planner --help`, the manual pages),
// its options in the order `planner NAME --help` lists them, its usage lines, written as the options they
// combine and rendered from the options' own definitions (value names, --format values), and the work it
// does. The manual page and the bash completion are made from that help. The command line is read in one
// place for every command (run_command): unknown options with "did you mean", --help, the logging flags and
// the --output check. A command's run sees the parsed options through Args, which checks --format against the
// values the command declared and writes to --output. Errors are thrown as planner::Error and become exit
// codes in main.
//
//   namespace soa {                                        // planner/cli/soa_command.cc
//   void options(OptionList& o) {
//     o.protocol().text("arm ARM", "show one arm only").format({"table", "markdown", "csv"}, "table", "...");
//   }
//   int run(const Args& args) {
//     const Protocol protocol = load_protocol_argument(args.argument());
//     args.emit(render(soa_table(protocol, std::nullopt), args.table_format(), args.csv()));
//     return 0;
//   }
//   }  // namespace soa
//   // and its row of the command table (command.cc):
//   //   {"soa", "the Schedule of Activities ...", "PROTOCOL [--arm] [--format] [--output]", "", soa::options,
//   //    soa::run}
//   // whose usage renders as   planner soa PROTOCOL [--arm ARM] [--format table|markdown|csv] [--output FILE]
//
// Every command has -o/--output (the last of its options) and the common options (-h, -v, -q); commands that
// write CSV for spreadsheets have the CSV options (--raw-csv, --bom).
#pragma once

#include <boost/program_options.hpp>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "planner/core/date.h"
#include "planner/io/write/csv.h"
#include "planner/io/write/text_table.h"

namespace planner::cli {

namespace po = boost::program_options;

// The width --help is printed in (as the rest of planner's text: 120 columns).
inline constexpr unsigned kHelpWidth = 120;

// The options a command takes, in the order its --help lists them. Shared options and groups are named
// here once: the PROTOCOL argument, --format with its values, the site calendar and cohort groups.
class OptionList {
 public:
  // The positional PROTOCOL argument: one, or with `many` any number (lint). --help lists it under
  // "Arguments" by its metavar, never as an option.
  OptionList& protocol(const char* help = "protocol file, or the name of a bundled protocol", bool many = false);
  // Another positional argument: `name` is the option, `metavar` how usage and messages call it ("FILE.json").
  OptionList& positional(const char* name, const char* metavar, const char* fallback, const char* help);
  // An option with a value is declared as "name VALUE": "day1 DATE" is --day1 DATE in the usage and the help.
  OptionList& text(const char* spec, const char* help);                        // --name VALUE
  OptionList& text(const char* spec, const char* fallback, const char* help);  // with a default value
  OptionList& texts(const char* spec, const char* help);                       // repeatable
  OptionList& flag(const char* name, const char* help);
  // An option taking one of `allowed` (shown as a|b|c); `fallback` null when the command chooses the default.
  OptionList& choice(const char* name, std::initializer_list<std::string_view> allowed, const char* fallback,
                     const char* help);
  // --format: one of `allowed` (Args::format checks it); `fallback` null when the command chooses the default.
  OptionList& format(std::initializer_list<std::string_view> allowed, const char* fallback, const char* help);
  // The "Site calendar" (--closed, --holidays, --prefer) and "Cohort" (--roster, --sites, --threads) groups.
  OptionList& site_and_cohort();
  // The "CSV output" group, for commands that write CSV: --raw-csv and --bom when `guarded`, that is when the
  // CSV is made for spreadsheets (SDTM data is written as it is: no formula guard, no byte-order mark).
  OptionList& csv_output(bool guarded = true);

  // Everything a command line is parsed against: these options, then --output, the groups, the CSV options
  // and the common options (call once, when the command's options are declared).
  po::options_description complete();
  // What --help lists: the same without the positional argument.
  const po::options_description& visible() const { return visible_; }
  // The positional argument's line under "Arguments" in --help ("" for commands without one).
  std::string arguments_help() const;
  const std::optional<bool>& csv_guarded() const { return csv_guarded_; }
  const po::positional_options_description& positionals() const { return positional_; }
  const std::vector<std::string_view>& formats() const { return formats_; }
  const char* positional_name() const { return positional_name_; }
  std::string_view metavar() const { return metavar_; }

 private:
  std::vector<std::string> choices(std::initializer_list<std::string_view> allowed);

  po::options_description options_{"Options", kHelpWidth};
  po::options_description hidden_{kHelpWidth};  // the positional argument
  po::options_description visible_{kHelpWidth};
  po::positional_options_description positional_;
  bool groups_ = false;
  std::optional<bool> csv_guarded_;  // set when the command writes CSV
  std::vector<std::string_view> formats_;
  const char* positional_name_ = "";
  std::string_view metavar_;
  const char* positional_help_ = "";
};

// A command's usage lines, rendered from its usage specification and its options. The specification holds
// one form per line; in each, PROTOCOL and other words stay as written, and an option --name becomes
// "--name VALUE" with the value name of its definition ("--format" lists the values it takes; "--format=ics"
// names one of them, checked). A form too long for one line is wrapped. std::logic_error for an option the
// command does not have.
//
//   usage_text("calendar", "PROTOCOL --day1 [--arm] [--format]", options)
//     == "planner calendar PROTOCOL --day1 DATE [--arm ARM] [--format table|csv|json|ics]"
std::string usage_text(std::string_view command, std::string_view spec, const po::options_description& options);

struct Command;

// A command's parsed command line.
class Args {
 public:
  // `all`: the options the command line was parsed with (for the usage), which outlive the Args.
  Args(const Command& command, const OptionList& options, const po::options_description& all, po::variables_map vm)
      : command_{command}, options_{options}, all_{all}, vm_{std::move(vm)} {}

  const po::variables_map& vm() const { return vm_; }
  bool has(const char* name) const { return vm_.count(name) != 0; }
  bool given(const char* name) const;  // on the command line (not a default)
  std::string text(const char* name) const { return vm_[name].as<std::string>(); }
  std::vector<std::string> texts(const char* name) const;  // a repeatable option; empty when not given
  // The option's value; InputError naming it (and pointing at --help) when absent.
  std::string required(const char* name) const;
  // A date option (YYYY-MM-DD): nullopt when not given, InputError naming the option when it is no date.
  std::optional<Date> date(const char* name) const;
  // The same option required: InputError naming it when absent.
  Date required_date(const char* name) const;
  // The positional argument (PROTOCOL, FILE.json, DIR); InputError with the usage when missing.
  std::string argument() const;
  std::vector<std::string> arguments() const;  // PROTOCOL...
  // --format, checked against the values the command declared; `fallback` when not given.
  std::string format(std::string_view fallback = {}) const;
  TableFormat table_format() const;
  // How the command writes CSV: formula-like cells neutralised unless --raw-csv, a byte-order mark first with
  // --bom (neither when the command's CSV is data never altered, such as SDTM). std::logic_error when the
  // command did not declare csv_output().
  CsvOptions csv() const;
  // --output, "" for standard output.
  std::string output() const { return text("output"); }
  // Writes `content` to --output atomically, or to standard output.
  void emit(const std::string& content) const;
  const Command& command() const { return command_; }
  // The command's usage lines (usage_text), rendered when a message needs them (not at each start).
  std::string usage() const;

 private:
  const Command& command_;
  const OptionList& options_;
  const po::options_description& all_;
  po::variables_map vm_;
};

struct Command {
  std::string_view name;
  std::string_view summary;
  std::string_view usage;  // the forms of the command line, one a line (usage_text renders them)
  std::string_view notes;  // printed after the usage by --help ("" for none)
  void (*options)(OptionList&);
  int (*run)(const Args&);
};

// Parses `args` (those after the command name) against the command's options and runs it; 0 after --help.
int run_command(const Command& command, const std::vector<std::string>& args);

// Every command, in the order `planner --help` lists them: the command table (command.cc), where each command's
// name, one-line summary and usage are written.
std::span<const Command> commands();

// What each command's file (<name>_command.cc) defines in its namespace: its options and its work.
namespace calendar {
void options(OptionList&);
int run(const Args&);
}  // namespace calendar
namespace check {
void options(OptionList&);
int run(const Args&);
}  // namespace check
namespace export_usdm {
void options(OptionList&);
int run(const Args&);
}  // namespace export_usdm
namespace forecast {
void options(OptionList&);
int run(const Args&);
}  // namespace forecast
namespace import_usdm {
void options(OptionList&);
int run(const Args&);
}  // namespace import_usdm
namespace lint {
void options(OptionList&);
int run(const Args&);
}  // namespace lint
namespace load {
void options(OptionList&);
int run(const Args&);
}  // namespace load
namespace migrate {
void options(OptionList&);
int run(const Args&);
}  // namespace migrate
namespace protocols {
void options(OptionList&);
int run(const Args&);
}  // namespace protocols
namespace report {
void options(OptionList&);
int run(const Args&);
}  // namespace report
namespace sdtm {
void options(OptionList&);
int run(const Args&);
}  // namespace sdtm
namespace show {
void options(OptionList&);
int run(const Args&);
}  // namespace show
namespace soa {
void options(OptionList&);
int run(const Args&);
}  // namespace soa
namespace timepoints {
void options(OptionList&);
int run(const Args&);
}  // namespace timepoints
namespace window {
void options(OptionList&);
int run(const Args&);
}  // namespace window

}  // namespace planner::cli
