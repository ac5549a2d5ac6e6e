// Lint findings as text for a terminal, or as JSON for tools (schema documented in docs/commands/lint.md).
//
// Text, one line per finding, then a summary line per protocol:
//
//   protocols/choi2024-autologous-serum-ad.toml:207: info: [published-treatment] treatment: doses in weeks 0-4 ...
//   protocols/choi2024-autologous-serum-ad.toml: 0 errors, 0 warnings, 1 info
//
// JSON, one object per protocol (an array of them when several protocols are linted):
//
//   {"protocol": "choi2024-autologous-serum-ad", "file": "protocols/choi2024-autologous-serum-ad.toml",
//    "findings": [{"rule": "...", "severity": "info", "file": "...", "line": 207, "visit": "", "message": "..."}],
//    "summary": {"errors": 0, "warnings": 0, "info": 1}}
#pragma once

#include <string>
#include <vector>

#include "planner/core/lint.h"

namespace planner {

struct LintReport {
  std::string protocol;  // the study id; empty when the file did not load
  std::string file;
  std::vector<Finding> findings;
};

// The finding for a protocol that does not load: rule `load`, error, at the line the loader's message
// names (`file:line:col: error: message`, as SourceText::error words it), with that message's first line.
Finding load_finding(const std::string& file, const std::string& loader_message);

std::string lint_text(const std::vector<LintReport>& reports);
std::string lint_json(const std::vector<LintReport>& reports);

}  // namespace planner
