// planner lint PROTOCOL... [--closed DAYS] [--holidays FILE]... [--hours HH:MM-HH:MM] [--format text|json] [--output
// FILE]
#include "planner/cli/command.h"
#include "planner/cli/messages.h"
#include "planner/cli/options.h"
#include "planner/core/error.h"
#include "planner/core/lint.h"
#include "planner/io/iso8601.h"
#include "planner/io/read/holidays.h"
#include "planner/io/read/protocol.h"
#include "planner/io/write/lint_report.h"

namespace planner::cli::lint {

void options(OptionList& o) {
  o.protocol("protocol files, or names of bundled protocols", true)
      .text("closed DAYS", "", "weekdays the site is closed, e.g. sat,sun")
      .texts("holidays FILE",
             "file of closed dates, one YYYY-MM-DD per line (repeatable); every open day of their years "
             "is tried as Day 1")
      .text("hours HH:MM-HH:MM", "", "the site's opening hours: timed visits must fit them (rule visit-hours)")
      .format({"text", "json"}, "text", "text or json");
}

// The protocol's findings; one that does not load (or cannot be planned) is a finding too.
LintReport lint_protocol(const std::string& name, const LintOptions& lint_options, bool& unloadable) {
  const std::string path = resolve_protocol(name);
  LintReport report{"", path, {}};
  try {
    const Protocol protocol = load_protocol(path);
    report.protocol = protocol.study.id;
    report.findings = planner::lint(protocol, lint_options);
  } catch (const Error& e) {  // exit code 2 after the report
    if (e.code() != ExitCode::bad_input) throw;
    report.findings.push_back(load_finding(path, e.what()));
    unloadable = true;
  }
  return report;
}

int run(const Args& args) {
  const std::string format = args.format();
  const std::vector<std::string> names = args.arguments();
  LintOptions lint_options;
  lint_options.calendar = calendar_from_flags(args);
  if (!args.text("hours").empty()) {
    const auto hours = parse_opening_hours(args.text("hours"));
    if (!hours.value) throw InputError{msg::bad_value("--hours", hours.error)};
    lint_options.hours = hours.value;
  }
  std::vector<LintReport> reports;
  bool unloadable = false, errors = false;
  for (const std::string& name : names) {
    reports.push_back(lint_protocol(name, lint_options, unloadable));
    for (const Finding& f : reports.back().findings) errors = errors || f.severity == Severity::error;
  }
  args.emit(format == "json" ? lint_json(reports) : lint_text(reports));
  if (unloadable) return static_cast<int>(ExitCode::bad_input);
  return static_cast<int>(errors ? ExitCode::findings : ExitCode::ok);
}

}  // namespace planner::cli::lint
