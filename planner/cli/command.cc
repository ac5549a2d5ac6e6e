#include "planner/cli/command.h"

#include <algorithm>
#include <iostream>
#include <spdlog/spdlog.h>

#include "planner/cli/messages.h"
#include "planner/cli/options.h"
#include "planner/core/error.h"
#include "planner/core/spelling.h"
#include "planner/io/iso8601.h"
#include "planner/io/text_check.h"

namespace planner::cli {
namespace {

// -v/--verbose, -q/--quiet, -h/--help.
po::options_description common_options() {
  po::options_description o{"Common options", kHelpWidth};
  auto add = o.add_options();
  add("help,h", "show this help");
  add("verbose,v", "log progress (info level) to stderr");
  add("quiet,q", "log errors only");
  return o;
}

// --raw-csv and --bom (commands whose CSV is made for spreadsheets).
po::options_description csv_options() {
  po::options_description o{"CSV output", kHelpWidth};
  auto add = o.add_options();
  add("raw-csv", "do not neutralise cells that spreadsheets would run as formulas (=, +, -, @)");
  add("bom", "start the CSV with a UTF-8 byte-order mark (Excel then reads ± and Hangul right)");
  return o;
}

// "day1 DATE" -> {"day1", "DATE"}; a spec without a value name is a programming error (the usage needs one).
std::pair<std::string, std::string> split_spec(std::string_view spec) {
  const auto space = spec.find(' ');
  if (space == std::string_view::npos) throw std::logic_error{"option --" + std::string{spec} + " has no value name"};
  return {std::string{spec.substr(0, space)}, std::string{spec.substr(space + 1)}};
}

// The value name of an option as its definition gives it ("DATE", "table|csv"), without the default.
std::string value_name(const po::option_description& option) {
  std::string name = option.semantic()->name();
  if (const auto paren = name.find(" (="); paren != std::string::npos) name.erase(paren);
  return name;
}

// One word of a usage form, its options rendered: "[--arm]" -> "[--arm ARM]", "--format=ics" -> "--format ics".
std::string render_usage_word(std::string_view word, const po::options_description& options) {
  const auto dashes = word.find("--");
  if (dashes == std::string_view::npos) return std::string{word};
  auto end = word.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-", dashes + 2);
  if (end == std::string_view::npos) end = word.size();
  const std::string name{word.substr(dashes + 2, end - dashes - 2)};
  const po::option_description* option = options.find_nothrow(name, false);
  if (!option) throw std::logic_error{"usage names --" + name + ", which is not an option"};
  std::string out{word.substr(0, end)};
  const std::string values = value_name(*option);
  if (end < word.size() && word[end] == '=') {  // values named: each must be one the option takes
    auto values_end = word.find_first_of("])", end);
    if (values_end == std::string_view::npos) values_end = word.size();
    const std::string_view named = word.substr(end + 1, values_end - end - 1);
    for (std::size_t at = 0; at <= named.size();) {
      auto bar = named.find('|', at);
      if (bar == std::string_view::npos) bar = named.size();
      const std::string value{named.substr(at, bar - at)};
      if (("|" + values + "|").find("|" + value + "|") == std::string::npos)
        throw std::logic_error{std::string{"usage gives --"}
                                   .append(name)
                                   .append(" the value ")
                                   .append(value)
                                   .append(", which it does not take")};
      at = bar + 1;
    }
    return out + " " + std::string{word.substr(end + 1)};
  }
  if (option->semantic()->max_tokens() > 0) out += " " + values;
  return out + std::string{word.substr(end)};
}

// Arguments are input too: they reach messages, tables and files.
void check_arguments(const std::vector<std::string>& args) {
  for (const std::string& arg : args)
    if (const auto problem = check_text(arg))
      throw InputError{msg::bad_argument(arg, problem->what, problem->column + 1)};
}

// Parses `args` against `all` and `positional`; InputError with "did you mean" for an unknown option. Returns
// false when --help was given (after printing the usage and the options to standard output). The usage is
// rendered only then or for an error: a run that parses its command line well never needs it.
bool parse_command_line(const std::vector<std::string>& args, const po::options_description& all,
                        const OptionList& options, const Command& command, po::variables_map& vm) {
  const auto usage = [&] { return usage_text(command.name, command.usage, all); };
  check_arguments(args);
  try {
    po::store(po::command_line_parser(args).options(all).positional(options.positionals()).run(), vm);
    if (vm.count("help")) {
      std::cout << "usage: " << usage() << "\n";
      if (!command.notes.empty()) std::cout << command.notes << "\n";
      std::cout << options.arguments_help() << options.visible();
      return false;
    }
    po::notify(vm);
  } catch (const po::unknown_option& e) {
    std::vector<std::string> names;
    for (const auto& opt : all.options()) names.push_back("--" + opt->long_name());
    std::vector<std::string_view> views{names.begin(), names.end()};
    throw InputError{msg::unknown_option(e.get_option_name(), closest_match(e.get_option_name(), views), usage())};
  } catch (const po::error& e) {
    throw InputError{msg::bad_command_line(e.what(), usage())};
  }
  return true;
}

}  // namespace

OptionList& OptionList::protocol(const char* help, bool many) {
  if (!many) return positional("protocol", "PROTOCOL", nullptr, help);
  positional_name_ = "protocol";
  metavar_ = "PROTOCOL";
  positional_help_ = help;
  positional_.add("protocol", -1);
  hidden_.add_options()("protocol", po::value<std::vector<std::string>>(), help);
  return *this;
}

OptionList& OptionList::positional(const char* name, const char* metavar, const char* fallback, const char* help) {
  positional_name_ = name;
  metavar_ = metavar;
  positional_help_ = help;
  positional_.add(name, 1);
  auto* value = po::value<std::string>();
  if (fallback) value->default_value(fallback);
  hidden_.add_options()(name, value, help);
  return *this;
}

OptionList& OptionList::text(const char* spec, const char* help) {
  const auto [name, metavar] = split_spec(spec);
  options_.add_options()(name.c_str(), po::value<std::string>()->value_name(metavar), help);
  return *this;
}

OptionList& OptionList::text(const char* spec, const char* fallback, const char* help) {
  const auto [name, metavar] = split_spec(spec);
  options_.add_options()(name.c_str(), po::value<std::string>()->value_name(metavar)->default_value(fallback), help);
  return *this;
}

OptionList& OptionList::texts(const char* spec, const char* help) {
  const auto [name, metavar] = split_spec(spec);
  options_.add_options()(name.c_str(), po::value<std::vector<std::string>>()->value_name(metavar), help);
  return *this;
}

OptionList& OptionList::flag(const char* name, const char* help) {
  options_.add_options()(name, po::bool_switch(), help);
  return *this;
}

OptionList& OptionList::choice(const char* name, std::initializer_list<std::string_view> allowed, const char* fallback,
                               const char* help) {
  std::string values;
  for (std::string_view a : allowed) values += (values.empty() ? "" : "|") + std::string{a};
  auto* value = po::value<std::string>()->value_name(values);
  if (fallback) value->default_value(fallback);
  options_.add_options()(name, value, help);
  return *this;
}

OptionList& OptionList::format(std::initializer_list<std::string_view> allowed, const char* fallback,
                               const char* help) {
  formats_.assign(allowed.begin(), allowed.end());
  return choice("format", allowed, fallback, help);
}

OptionList& OptionList::site_and_cohort() {
  groups_ = true;
  return *this;
}

OptionList& OptionList::csv_output(bool guarded) {
  csv_guarded_ = guarded;
  return *this;
}

po::options_description OptionList::complete() {
  options_.add_options()("output,o", po::value<std::string>()->value_name("FILE")->default_value(""),
                         "write to FILE (atomically) instead of stdout");
  visible_.add(options_);
  if (groups_) visible_.add(site_options()).add(cohort_options());
  if (csv_guarded_ && *csv_guarded_) visible_.add(csv_options());
  visible_.add(common_options());
  po::options_description all{kHelpWidth};
  all.add(visible_).add(hidden_);
  return all;
}

std::string OptionList::arguments_help() const {
  if (!*positional_name_) return "";
  const bool many = hidden_.find(positional_name_, false).semantic()->max_tokens() > 1;
  return "\nArguments:\n  " + std::string{metavar_} + (many ? "..." : "") + "  " + positional_help_ + "\n";
}

std::string usage_text(std::string_view command, std::string_view spec, const po::options_description& options) {
  constexpr std::size_t kWidth = kHelpWidth - 7;  // "usage: " comes in front
  const std::string lead = "planner " + std::string{command} + " ";
  std::string out;
  for (std::size_t form_start = 0; form_start <= spec.size();) {
    auto form_end = spec.find('\n', form_start);
    if (form_end == std::string_view::npos) form_end = spec.size();
    const std::string_view form = spec.substr(form_start, form_end - form_start);
    form_start = form_end + 1;
    out += (out.empty() ? "" : "\n       ") + lead;
    std::size_t column = lead.size();
    for (std::size_t at = 0; at < form.size();) {
      auto space = form.find(' ', at);
      if (space == std::string_view::npos) space = form.size();
      const std::string word = render_usage_word(form.substr(at, space - at), options);
      if (column > lead.size() && column + 1 + word.size() > kWidth) {  // wrapped under the form's first word
        out += "\n" + std::string(lead.size() + 7, ' ');
        column = lead.size();
      } else if (column > lead.size()) {
        out += ' ';
        ++column;
      }
      out += word;
      column += word.size();
      at = space + 1;
    }
  }
  return out;
}

std::string Args::usage() const { return usage_text(command_.name, command_.usage, all_); }

bool Args::given(const char* name) const { return vm_.count(name) && !vm_[name].defaulted(); }

std::vector<std::string> Args::texts(const char* name) const {
  return has(name) ? vm_[name].as<std::vector<std::string>>() : std::vector<std::string>{};
}

std::string Args::required(const char* name) const {
  if (!has(name)) throw InputError{msg::needs_option(command_.name, name)};
  return text(name);
}

std::optional<Date> Args::date(const char* name) const {
  if (!has(name)) return std::nullopt;
  const auto parsed = parse_date(text(name));
  if (!parsed.value) throw InputError{msg::bad_value("--" + std::string{name}, parsed.error)};
  return *parsed.value;
}

Date Args::required_date(const char* name) const {
  (void)required(name);
  return *date(name);
}

std::string Args::argument() const {
  if (!has(options_.positional_name()))
    throw InputError{msg::needs_argument(command_.name, options_.metavar(), usage())};
  return text(options_.positional_name());
}

std::vector<std::string> Args::arguments() const {
  if (!has(options_.positional_name()))
    throw InputError{msg::needs_argument(command_.name, options_.metavar(), usage())};
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

CsvOptions Args::csv() const {
  const auto& guarded = options_.csv_guarded();
  if (!guarded) throw std::logic_error{"planner " + std::string{command_.name} + " writes CSV without csv_output()"};
  return CsvOptions{.formula_guard = *guarded && !has("raw-csv"), .bom = *guarded && has("bom")};
}

int run_command(const Command& command, const std::vector<std::string>& args) {
  OptionList options;
  command.options(options);
  const po::options_description all = options.complete();
  po::variables_map vm;
  if (!parse_command_line(args, all, options, command, vm)) return 0;
  if (vm.count("quiet")) spdlog::set_level(spdlog::level::err);
  if (vm.count("verbose")) spdlog::set_level(spdlog::level::info);
  check_output_option(vm);
  return command.run(Args{command, options, all, std::move(vm)});
}

// The command table: each command's name, summary, usage forms and notes, in the order `planner --help` lists
// them. The usage names options; their value names and --format values come from the options (usage_text).
std::span<const Command> commands() {
  static const Command table[] = {
      {"calendar", "a subject's visit calendar: targets, windows, dates proposed around site closures",
       "PROTOCOL --day1 [--arm] [--subject] [--site [--sites]] [--closed] [--holidays]... [--prefer] [--actuals] "
       "[--events] [--format] [--output]\n"
       "PROTOCOL (--roster [--actuals] | --roster-sdtm [--actuals-sdtm]) [--events] [--sites | --closed "
       "--holidays...] [--threads] [--prefer] [--format=csv|table|ics|xlsx] [--output]\n"
       "PROTOCOL ... --format=ics [--stamp] [--remind]... [--blind] [--previous] [--timezone]",
       "", calendar::options, calendar::run},
      {"check", "actual visits against the plan: in window, early, late, missed, duplicates, out of order",
       "PROTOCOL (--roster --actuals | --roster-sdtm --actuals-sdtm) [--events] [--as-of] [--format] [--output]", "",
       check::options, check::run},
      {"export-usdm", "a protocol as a CDISC USDM 4.0 study (JSON) that import-usdm reads back to the same plan",
       "PROTOCOL [--output]",
       "Writes the study, design, arms, epochs, elements and study cells, encounters, activities and the main\n"
       "schedule timeline (instances, timings, windows); each event's conditional visits as a timeline of its own\n"
       "with its condition (docs/commands/export-usdm.md).\n"
       "example: planner export-usdm choi2024-autologous-serum-ad > choi2024.json",
       export_usdm::options, export_usdm::run},
      {"forecast", "simulated enrolment carried through the schedule: workload, product and end dates with intervals",
       "PROTOCOL --sites --target [--roster --cutoff] [--runs] [--seed] [--threads] [--quantiles] [--by] [--ratio] "
       "[--screen-fail] [--dropout] [--prefer] [--format] [--output]",
       "Simulates recruitment with the Poisson-gamma model and plans every subject with the site calendars and\n"
       "capacities (docs/commands/forecast.md). example: planner forecast nahm2023-autologous-serum-ad\n"
       "--sites examples/sites-forecast.toml --target 60 --runs 1000",
       forecast::options, forecast::run},
      {"import-usdm", "a CDISC USDM 4.0 study (JSON) as a protocol file, reporting what cannot be represented",
       "FILE.json [--timeline] [--output]",
       "Writes the main timeline of a CDISC USDM 4.0 study as a protocol file (TOML, format 2), its other timelines\n"
       "as events with conditional visits; what planner cannot represent is printed as warnings and kept as\n"
       "'# not represented:' comments (docs/commands/import-usdm.md).\n"
       "example: planner import-usdm examples/usdm/CDISC_Pilot_Study.json > cdisc-usdm.toml",
       import_usdm::options, import_usdm::run},
      {"lint", "check a protocol's timing: order, windows, published facts, feasibility, preparation",
       "PROTOCOL... [--closed] [--holidays]... [--hours] [--format] [--output]",
       "rules: visit-order, window-overlap, window-gap, published-injections, published-treatment,\n"
       "       published-follow-up, published-length, element-duration, endpoint-timepoint, endpoint-published,\n"
       "       feasibility, preparation, constraint, visit-hours, blinding, lint-accept, load (see\n"
       "       docs/commands/lint.md)",
       lint::options, lint::run},
      {"load", "workload per site and day or week: visits, doses, product needed, capacity used",
       "PROTOCOL (--roster [--actuals] | --roster-sdtm [--actuals-sdtm]) [--events] [--sites | --closed "
       "--holidays...] [--by] [--threads] [--prefer] [--format] [--output]",
       "", load::options, load::run},
      {"migrate", "a format 1 protocol file rewritten as format 2 (same schedule, comments and order kept)",
       "PROTOCOL [--output]",
       "Format 2 only adds keys (docs/protocol-format.md), so the file changes in its 'format' line alone; the\n"
       "result is checked to load. example: planner migrate old.toml --output new.toml",
       migrate::options, migrate::run},
      {"protocols", "list protocols: id, condition, arms, doses per arm, last visit week",
       "[DIR] [--format] [--output]", "", protocols::options, protocols::run},
      {"report",
       "a visual report as one HTML file: subject timelines, month calendars, SoA, visit cards, check results",
       "PROTOCOL --day1 [--arm] [--subject] [--site [--sites]] [--closed] [--holidays]... [--actuals] [--events] "
       "[--prefer] [--as-of] [--blind] [--paper] [--output]\n"
       "PROTOCOL (--roster [--actuals] | --roster-sdtm [--actuals-sdtm]) [--events] [--sites | --closed "
       "--holidays...] [--threads] [--prefer] [--as-of] [--blind] [--paper] [--forecast-target --cutoff [--runs] "
       "[--seed]] [--output]",
       "Writes one self-contained HTML page (no script, no network; docs/commands/report.md); without --output, to\n"
       "standard output. example: planner report nahm2023-autologous-serum-ad --day1 2026-01-05 --arm SERUM -o r.html",
       report::options, report::run},
      {"sdtm", "CDISC SDTM trial design (TA, TE, TV, TS) of a protocol; DM and planned SV of a roster; define.xml",
       "PROTOCOL --domain=TA|TE|TV|TS [--format] [--stamp] [--studyid] [--output]\n"
       "PROTOCOL --domain=DM|SV (--roster [--actuals] | --roster-sdtm [--actuals-sdtm]) [--sites | --closed "
       "--holidays...] [--threads] [--prefer] [--format] [--stamp] [--studyid] [--output]\n"
       "PROTOCOL --define [--stamp] [--studyid] [--output]",
       "xpt is SAS transport version 5 (SAS, R haven, pandas read it); json is CDISC Dataset-JSON 1.1; --define\n"
       "writes the define.xml 2.1 that describes ta.xpt, te.xpt, tv.xpt and ts.xpt (docs/commands/sdtm.md).",
       sdtm::options, sdtm::run},
      {"show", "a protocol for review: study, arms, activities, visits, series, every assumption",
       "PROTOCOL [--output]", "", show::options, show::run},
      {"soa", "the Schedule of Activities: visits as columns, activities as rows",
       "PROTOCOL [--arm] [--blind] [--format] [--output]", "", soa::options, soa::run},
      {"timepoints", "assessment timepoints of a subject: instrument, role, visit, date, window",
       "PROTOCOL --day1 [--arm] [--format] [--output]", "", timepoints::options, timepoints::run},
      {"window", "analysis visit windows: each dated record's analysis visit, study day and analysis flag",
       "PROTOCOL (--roster | --roster-sdtm) --records [--output]", "", window::options, window::run},
  };
  return table;
}

}  // namespace planner::cli
