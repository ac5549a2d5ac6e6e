// Importing a CDISC USDM 4.0 study (JSON) as a planner protocol file (TOML, format 2; docs/protocol-format-2.md).
//
// USDM places the ScheduledActivityInstances of a timeline with Timings: "2 weeks Before DOSE", "2 weeks
// After WK8". import_usdm() turns one timeline (the one marked mainTimeline, unless another is named) into
// [[visit]] tables, one per instance:
//
//   DOSE,    timing Fixed Reference                 ->  Day 1: at = "P0D"
//   SCREEN1, Before P2W relative to DOSE            ->  at = "-P2W"                 (study day -14)
//   WK2,     After P2W relative to DOSE, window
//            windowLower P3D, windowUpper P3D       ->  at = "P2W", window = { early = "P3D", late = "P3D" }
//   WK8N,    After P2W relative to WK8              ->  after = "WK8", at = "P2W"    (chained: day 71)
//
// Visit ids are the instance names made into planner ids (1-32 characters of A-Z a-z 0-9 _ . -, unique);
// every arm, epoch, activity and visit cites the USDM ids it comes from in `source`/`note`. Activities are
// all of kind "procedure": USDM does not say which are doses (product, route) or assessments (instrument).
//
// The other timelines (timelines.h): one entered on an event becomes an [[event]] with its conditional visits
// (`on`), one an activity runs in steps of minutes that activity's duration; a condition on an activity at a
// visit is kept as that activity's note there. planner's own extensions (export.h: kind, arms, amount...) are
// read back, so that the import of `planner export-usdm` plans what the exported protocol planned.
//
// What planner cannot represent is approximated or left out, and every case is reported: once in
// `warnings` and once as a `# not represented: ...` comment in the TOML, next to the visit or activity it
// concerns (a window in hours, a timing relative to an end, an instance without encounter, a decision
// instance, a condition on a whole visit, a timeline without Fixed Reference...).
//
// The text always loads with parse_protocol() (checked here: a text that does not is an importer bug,
// thrown as an internal Error, exit 4) and is deterministic: the same input gives the same bytes.
//
// Errors (InputError, exit 2), each naming `name`:
//   malformed JSON           CDISC.json:3:5: error: malformed JSON: syntax error while parsing object - ...
//                            (then the line and a caret)
//   wrong structure, an unknown reference, a cycle, a duration that is not ISO 8601: the JSON pointer
//                            CDISC.json: error: /study/versions/0/studyDesigns/0/scheduleTimelines/0/
//                            timings/3/value: expected an ISO 8601 duration such as P2W, got 'x'
//
// The steps, each in its own file of this folder: walk.h reads the JSON into a UsdmStudy (ids.h makes the
// planner ids), placement.h turns the timings into offsets and windows (durations.h: USDM durations in
// whole days, read by iso8601.h's parse_full_duration), emit.h writes the TOML through toml++.
#pragma once

#include <string>
#include <vector>

namespace planner {

struct UsdmImport {
  std::string toml;                   // a protocol file, format 2
  std::vector<std::string> warnings;  // what is not represented, in the order of the comments in `toml`
};

// `name` names the input in messages (usually the path); `source` values cite its file name only, so the
// output does not depend on the directory it was read from. `timeline` chooses a timeline by id, name or
// label; empty: the main timeline.
UsdmImport import_usdm(const std::string& json_text, const std::string& name, const std::string& timeline = "");

}  // namespace planner
