// `planner show`: everything a reviewer needs to read before using a protocol, as plain text.
//
// Sections, in order: the study (title, design, condition, citation, DOI, registry, source, note, file),
// Anchor, Arms (with doses and last visit per arm), Epochs, Activities, Visits in planned order (timing as
// written, study day and week of Day-1-anchored visits, window -early/+late), Series (how each expands),
// Dosing, Published, and Assumptions: every `assumed` value with its table, id and file:line.
#pragma once

#include <string>
#include <vector>

#include "planner/core/protocol.h"

namespace planner {

std::string show_text(const Protocol& protocol);

// An `assumed` value of the protocol: where it is written, what it is about ("visit W2 window", "[dosing]")
// and what was assumed. show_text lists them under "Assumptions"; planner report shows them too.
struct Assumption {
  SourceLocation where;
  std::string what;
  std::string text;
};

// Every assumption, in file order (a series once, not per visit it expands to).
std::vector<Assumption> assumptions(const Protocol& protocol);

}  // namespace planner
