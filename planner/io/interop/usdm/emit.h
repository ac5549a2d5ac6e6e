// Writing a walked and placed USDM study as a planner protocol file (TOML, format 2). Every key and value
// is serialized by toml++ (toml::toml_formatter, so escaping is never written by hand), one `key = value`
// at a time so that keys keep planner's order (a toml::table sorts its keys); the table headers and the
// comments around them are plain lines. What planner cannot represent is reported twice: as a
// `# not represented: ...` comment next to the table it concerns, and in `warnings`, in the same order.
//
//   # Imported by `planner import-usdm` from s.json (USDM 4.0.0):
//   ...
//   [[visit]]
//   id = "WK2"
//   label = "Week 2"
//   epoch = "Treatment"
//   at = "P2W"
//   window = { early = "P3D", late = "P3D" }
//   activities = [ "Exam" ]
//   source = "USDM s.json: I2 WK2, encounter Enc2, timing T2 (After P2W I1 DOSE, window P3D..P3D)"
//
// The other timelines (timelines.h) follow the schedule's visits: an event's as [[event]] and conditional visits
// (`on`), steps as the duration and note of the activity that runs them. A condition on an activity at a visit
// is that activity written as an inline table with the condition as its note:
//   activities = [ "ECG", { id = "Hemoglobin_A1C", note = "condition HA1C: ...", source = "USDM s.json: C1 'HA1C'" } ]
// The trial design follows the epochs: the StudyElements as [[element]] (TE), the StudyCells as each arm's
// `elements` (TA), the encounters' transition rules as the visits' `start_rule` and `end_rule` (TV).
//
// Text values are first made readable by planner (readable_text): CRLF and CR become LF, any other
// character check_text refuses (a control character, a bidi control) becomes U+FFFD. Long arrays are
// written one item per line (toml++ wraps past 120 columns).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "planner/io/interop/usdm/import.h"
#include "planner/io/interop/usdm/placement.h"
#include "planner/io/interop/usdm/timelines.h"
#include "planner/io/interop/usdm/walk.h"

namespace planner::usdm {

// At least one placement is imported.
UsdmImport emit_protocol(const UsdmStudy& study, const std::vector<Placement>& placements,
                         const std::vector<OtherTimeline>& others, const std::vector<Condition>& conditions);

// `key = value` as toml++ writes it, with a line feed.
std::string toml_line(std::string_view key, std::string_view value);

std::string readable_text(std::string_view s);

}  // namespace planner::usdm
