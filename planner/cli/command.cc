#include "planner/cli/command.h"

#include <algorithm>
#include <iostream>
#include <spdlog/spdlog.h>

#include "planner/cli/messages.h"
#include "planner/cli/options.h"
#include "planner/core/error.h"
#include "planner/core/spelling.h"
#include "planner/io/text_check.h"

namespace planner::cli {
namespace {

// -v/--verbose, -q/--quiet, -h/--help, --raw-csv, --bom.
po::options_description common_options() {
  po::options_description o{"Common options"};
  auto add = o.add_options();
  add("help,h", "show this help");
  add("verbose,v", "log progress (info level) to stderr");
  add("quiet,q", "log errors only");
  add("raw-csv", "do not neutralise CSV cells that spreadsheets would run as formulas (=, +, -, @)");
  add("bom", "CSV starts with a UTF-8 byte-order mark (for Excel)");
  return o;
}

// Arguments are input too: they reach messages, tables and files.
void check_arguments(const std::vector<std::string>& args) {
  for (const std::string& arg : args)
    if (const auto problem = check_text(arg))
      throw InputError{msg::bad_argument(arg, problem->what, problem->column + 1)};
}

// Parses `args` against `all` and `positional`; InputError with "did you mean" for an unknown option. Returns
// false when --help was given (after printing `usage` and the options to standard output).
bool parse_command_line(const std::vector<std::string>& args, const po::options_description& all,
                        const po::positional_options_description& positional, std::string_view usage,
                        po::variables_map& vm) {
  check_arguments(args);
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    if (vm.count("help")) {
      std::cout << "usage: " << usage << "\n\n" << all;
      return false;
    }
    po::notify(vm);
  } catch (const po::unknown_option& e) {
    std::vector<std::string> names;
    for (const auto& opt : all.options()) names.push_back("--" + opt->long_name());
    std::vector<std::string_view> views{names.begin(), names.end()};
    throw InputError{msg::unknown_option(e.get_option_name(), closest_match(e.get_option_name(), views), usage)};
  } catch (const po::error& e) {
    throw InputError{msg::bad_command_line(e.what(), usage)};
  }
  return true;
}

}  // namespace

OptionList& OptionList::protocol(const char* help, bool many) {
  if (!many) return positional("protocol", "PROTOCOL", nullptr, help);
  positional_name_ = "protocol";
  metavar_ = "PROTOCOL";
  positional_.add("protocol", -1);
  return texts("protocol", help);
}

OptionList& OptionList::positional(const char* name, const char* metavar, const char* fallback, const char* help) {
  positional_name_ = name;
  metavar_ = metavar;
  positional_.add(name, 1);
  return fallback ? text(name, fallback, help) : text(name, help);
}

OptionList& OptionList::text(const char* name, const char* help) {
  options_.add_options()(name, po::value<std::string>(), help);
  return *this;
}

OptionList& OptionList::text(const char* name, const char* fallback, const char* help) {
  options_.add_options()(name, po::value<std::string>()->default_value(fallback), help);
  return *this;
}

OptionList& OptionList::texts(const char* name, const char* help) {
  options_.add_options()(name, po::value<std::vector<std::string>>(), help);
  return *this;
}

OptionList& OptionList::flag(const char* name, const char* help) {
  options_.add_options()(name, po::bool_switch(), help);
  return *this;
}

OptionList& OptionList::format(std::initializer_list<std::string_view> allowed, const char* fallback,
                               const char* help) {
  formats_.assign(allowed.begin(), allowed.end());
  return fallback ? text("format", fallback, help) : text("format", help);
}

OptionList& OptionList::site_and_cohort() {
  groups_ = true;
  return *this;
}

po::options_description OptionList::complete() {
  options_.add_options()("output,o", po::value<std::string>()->default_value(""),
                         "write to FILE (atomically) instead of stdout");
  if (groups_) options_.add(site_options()).add(cohort_options());
  po::options_description all;
  all.add(options_).add(common_options());
  return all;
}

bool Args::given(const char* name) const { return vm_.count(name) && !vm_[name].defaulted(); }

std::vector<std::string> Args::texts(const char* name) const {
  return has(name) ? vm_[name].as<std::vector<std::string>>() : std::vector<std::string>{};
}

std::string Args::required(const char* name) const {
  if (!has(name)) throw InputError{msg::needs_option(command_.name, name)};
  return text(name);
}

std::string Args::argument() const {
  if (!has(options_.positional_name()))
    throw InputError{msg::needs_argument(command_.name, options_.metavar(), command_.usage)};
  return text(options_.positional_name());
}

std::vector<std::string> Args::arguments() const {
  if (!has(options_.positional_name()))
    throw InputError{msg::needs_argument(command_.name, options_.metavar(), command_.usage)};
  return texts(options_.positional_name());
}

std::string Args::format(std::string_view fallback) const {
  std::string name = has("format") ? text("format") : std::string{fallback};
  const auto& allowed = options_.formats();
  if (std::find(allowed.begin(), allowed.end(), name) == allowed.end())
    throw InputError{msg::expected("--format", allowed, name)};
  return name;
}

TableFormat Args::table_format() const {
  const std::string name = format();
  if (const auto format = parse_table_format(name)) return *format;
  throw InputError{msg::expected("--format", options_.formats(), name)};
}

void Args::emit(const std::string& content) const { cli::emit(output(), content); }

int run_command(const Command& command, const std::vector<std::string>& args) {
  OptionList options;
  command.options(options);
  const po::options_description all = options.complete();
  po::variables_map vm;
  if (!parse_command_line(args, all, options.positionals(), command.usage, vm)) return 0;
  if (vm.count("quiet")) spdlog::set_level(spdlog::level::err);
  if (vm.count("verbose")) spdlog::set_level(spdlog::level::info);
  check_output_option(vm);
  return command.run(Args{command, options, std::move(vm)});
}

// The command table: each command's name, summary and usage, in the order `planner --help` lists them.
std::span<const Command> commands() {
  static const Command table[] = {
      {"calendar", "a subject's visit calendar: targets, windows, dates proposed around site closures",
       "planner calendar PROTOCOL --day1 DATE [--arm ARM] [--subject ID] [--site ID] [--closed DAYS]\n"
       "                 [--holidays FILE]... [--prefer earlier|later] [--actuals CSV]\n"
       "                 [--format table|csv|json|ics|xlsx] [--output FILE]\n"
       "       planner calendar PROTOCOL --roster CSV [--sites TOML | --closed DAYS --holidays FILE...]\n"
       "                 [--threads N] [--prefer earlier|later] [--format csv|table|ics|xlsx] [--output FILE]\n"
       "       iCalendar: --format ics [--stamp UTC-TIME] [--remind DURATION]... [--blind]",
       calendar::options, calendar::run},
      {"check", "actual visits against the plan: in window, early, late, missed, duplicates, out of order",
       "planner check PROTOCOL (--roster CSV --actuals CSV | --roster-sdtm DM.csv --actuals-sdtm SV.csv)\n"
       "              [--as-of DATE] [--format table|csv|json|summary|xlsx] [--output FILE]",
       check::options, check::run},
      {"import-usdm", "a CDISC USDM 4.0 study (JSON) as a protocol file, reporting what cannot be represented",
       "planner import-usdm FILE.json [--timeline NAME] [--output FILE]\n"
       "Writes the main timeline of a CDISC USDM 4.0 study as a protocol file (TOML, format 1); what planner cannot\n"
       "represent is printed as warnings and kept as '# not represented:' comments (docs/commands/import-usdm.md).\n"
       "example: planner import-usdm examples/usdm/CDISC_Pilot_Study.json > cdisc-usdm.toml",
       import_usdm::options, import_usdm::run},
      {"lint", "check a protocol's timing: order, windows, published facts, feasibility, preparation",
       "planner lint PROTOCOL... [--closed DAYS] [--holidays FILE]... [--format text|json] [--output FILE]\n"
       "rules: visit-order, window-overlap, window-gap, published-injections, published-treatment,\n"
       "       published-follow-up, feasibility, preparation, lint-accept, load (see docs/commands/lint.md)",
       lint::options, lint::run},
      {"load", "workload per site and day or week: visits, doses, product needed, capacity used",
       "planner load PROTOCOL --roster CSV [--sites TOML | --closed DAYS --holidays FILE...] [--by day|week]\n"
       "             [--threads N] [--prefer earlier|later] [--format table|csv|xlsx] [--output FILE]",
       load::options, load::run},
      {"protocols", "list protocols: id, condition, arms, doses per arm, last visit week",
       "planner protocols [DIR] [--format table|markdown|csv] [--output FILE]", protocols::options, protocols::run},
      {"sdtm", "CDISC SDTM trial design (TA, TE, TV, TS) of a protocol; DM and planned SV of a roster",
       "planner sdtm PROTOCOL --domain TA|TE|TV|TS [--studyid ID] [--output FILE]\n"
       "       planner sdtm PROTOCOL --domain DM|SV --roster CSV [--sites TOML | --closed DAYS --holidays FILE...]\n"
       "                    [--threads N] [--prefer earlier|later] [--studyid ID] [--output FILE]",
       sdtm::options, sdtm::run},
      {"show", "a protocol for review: study, arms, activities, visits, series, every assumption",
       "planner show PROTOCOL [--output FILE]", show::options, show::run},
      {"soa", "the Schedule of Activities: visits as columns, activities as rows",
       "planner soa PROTOCOL [--arm ARM] [--format table|markdown|csv] [--output FILE]", soa::options, soa::run},
      {"timepoints", "assessment timepoints of a subject: instrument, role, visit, date, window",
       "planner timepoints PROTOCOL --day1 DATE [--arm ARM] [--format table|csv] [--output FILE]", timepoints::options,
       timepoints::run},
      {"window", "analysis visit windows: each dated record's analysis visit, study day and analysis flag",
       "planner window PROTOCOL (--roster CSV | --roster-sdtm DM.csv) --records CSV [--output FILE]", window::options,
       window::run},
  };
  return table;
}

}  // namespace planner::cli
