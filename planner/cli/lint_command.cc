// planner lint PROTOCOL... [--closed DAYS] [--holidays FILE]... [--format text|json] [--output FILE]
#include "planner/cli/command.h"
#include "planner/cli/options.h"
#include "planner/core/error.h"
#include "planner/core/lint.h"
#include "planner/io/read/holidays.h"
#include "planner/io/write/lint_report.h"
#include "planner/io/read/protocol.h"

namespace planner::cli {
namespace {

constexpr std::string_view kUsage =
    "planner lint PROTOCOL... [--closed DAYS] [--holidays FILE]... [--format text|json] [--output FILE]\n"
    "rules: visit-order, window-overlap, window-gap, published-injections, published-treatment,\n"
    "       published-follow-up, feasibility, preparation, lint-accept, load (see docs/commands/lint.md)";

}  // namespace

int run_lint(const std::vector<std::string>& args) {
  po::options_description options{"Options"};
  options.add_options()
      ("protocol", po::value<std::vector<std::string>>(), "protocol files, or names of bundled protocols")
      ("closed", po::value<std::string>()->default_value(""), "weekdays the site is closed, e.g. sat,sun")
      ("holidays", po::value<std::vector<std::string>>(), "file of closed dates, one YYYY-MM-DD per line "
                                                         "(repeatable); every open day of their years is tried as Day 1")
      ("format", po::value<std::string>()->default_value("text"), "text or json")
      ("output,o", po::value<std::string>()->default_value(""), "write to FILE (atomically) instead of stdout");
  po::positional_options_description positional;
  positional.add("protocol", -1);
  po::variables_map vm;
  if (!parse_command_line(args, options, positional, kUsage, vm)) return 0;

  const std::string format = vm["format"].as<std::string>();
  if (format != "text" && format != "json")
    throw InputError{"planner: error: --format: expected text or json, got '" + format + "'"};
  if (!vm.count("protocol")) throw InputError{"planner: error: planner lint needs a PROTOCOL\nusage: " + std::string{kUsage}};
  LintOptions lint_options;
  for (date::weekday d : parse_weekdays(vm["closed"].as<std::string>(), "--closed")) lint_options.calendar.close(d);
  if (vm.count("holidays"))
    for (const std::string& file : vm["holidays"].as<std::vector<std::string>>())
      lint_options.calendar.close(load_holidays(file));

  std::vector<LintReport> reports;
  bool unloadable = false, errors = false;
  for (const std::string& name : vm["protocol"].as<std::vector<std::string>>()) {
    const std::string path = resolve_protocol(name);
    LintReport report{"", path, {}};
    try {
      const Protocol protocol = load_protocol(path);
      report.protocol = protocol.study.id;
      report.findings = lint(protocol, lint_options);
    } catch (const Error& e) {  // the protocol does not load, or cannot be planned: a finding, and exit code 2
      if (e.code() != ExitCode::bad_input) throw;
      report.findings.push_back(load_finding(path, e.what()));
      unloadable = true;
    }
    for (const Finding& f : report.findings) errors = errors || f.severity == Severity::error;
    reports.push_back(std::move(report));
  }
  emit(vm["output"].as<std::string>(), format == "json" ? lint_json(reports) : lint_text(reports));
  if (unloadable) return static_cast<int>(ExitCode::bad_input);
  return static_cast<int>(errors ? ExitCode::findings : ExitCode::ok);
}

}  // namespace planner::cli
