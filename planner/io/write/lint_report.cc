#include "planner/io/write/lint_report.h"

#include <charconv>
#include <nlohmann/json.hpp>

namespace planner {
namespace {

struct Counts {
  int errors = 0, warnings = 0, info = 0;
};

Counts count(const std::vector<Finding>& findings) {
  Counts c;
  for (const Finding& f : findings)
    (f.severity == Severity::error ? c.errors : f.severity == Severity::warning ? c.warnings : c.info) += 1;
  return c;
}

std::string plural(int n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); }

// Reads a leading decimal number from `s`, advancing it; nullopt when there is none.
std::optional<int> take_number(std::string_view& s) {
  int n = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc{} || end == s.data()) return std::nullopt;
  s.remove_prefix(static_cast<std::size_t>(end - s.data()));
  return n;
}

}  // namespace

Finding load_finding(const std::string& file, const std::string& loader_message) {
  std::string_view first{loader_message};
  first = first.substr(0, first.find('\n'));
  Finding f{"load", Severity::error, {file, 0, 0}, "", std::string{first}};
  std::string_view rest = first;
  if (!rest.starts_with(file + ":")) return f;
  rest.remove_prefix(file.size() + 1);
  const auto line = take_number(rest);
  if (!line || !rest.starts_with(":")) {
    if (rest.starts_with(" error: ")) f.message = rest.substr(8);
    return f;
  }
  rest.remove_prefix(1);
  const auto column = take_number(rest);
  if (!column || !rest.starts_with(": error: ")) return f;
  f.where.line = *line;
  f.where.column = *column;
  f.message = rest.substr(9);
  return f;
}

std::string lint_text(const std::vector<LintReport>& reports) {
  std::string out;
  for (const LintReport& r : reports) {
    for (const Finding& f : r.findings) {
      out += f.where.file;
      if (f.where.line > 0) out += ":" + std::to_string(f.where.line);
      out += ": " + std::string{to_string(f.severity)} + ": [" + f.rule + "] " + f.message + "\n";
    }
    const Counts c = count(r.findings);
    out += r.file + ": " + plural(c.errors, "error", "errors") + ", " + plural(c.warnings, "warning", "warnings") +
           ", " + std::to_string(c.info) + " info\n";
  }
  return out;
}

std::string lint_json(const std::vector<LintReport>& reports) {
  using json = nlohmann::ordered_json;
  json all = json::array();
  for (const LintReport& r : reports) {
    json findings = json::array();
    for (const Finding& f : r.findings)
      findings.push_back(json{{"rule", f.rule},
                              {"severity", to_string(f.severity)},
                              {"file", f.where.file},
                              {"line", f.where.line},
                              {"visit", f.visit},
                              {"message", f.message}});
    const Counts c = count(r.findings);
    all.push_back(json{{"protocol", r.protocol.empty() ? json(nullptr) : json(r.protocol)},
                       {"file", r.file},
                       {"findings", std::move(findings)},
                       {"summary", {{"errors", c.errors}, {"warnings", c.warnings}, {"info", c.info}}}});
  }
  const json& doc = all.size() == 1 ? all.front() : all;
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace planner
