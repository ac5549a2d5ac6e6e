// What import-usdm makes of the timelines other than the one it imports as the schedule (walk.h's `others`):
//
//   an event       a timeline with a Fixed Reference that no activity runs as steps: the CDISC pilot's Adverse
//                  Event and Early Termination timelines ("entered when 'Subject suffers an adverse event'").
//                  It becomes an [[event]] (format 2) and its instances visits with `on` = the event, `at`
//                  counted from the event's date (its Fixed Reference): AE at P0D on the event.
//   steps          a timeline an activity runs (Activity.timelineId) whose timings are all shorter than a day
//                  and whose instances have no encounter: the pilot's Vital Sign Blood Pressure timeline, run
//                  by "Vital signs / Temperature" (supine 5 minutes, blood pressure, stand 1 minute, blood
//                  pressure, 2 more minutes, blood pressure). The span from its first step to its last, PT8M, is
//                  the activity's `duration` (format 2) and the steps are listed in its note.
//   not imported   no Fixed Reference: nothing says when it starts (reported).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "planner/io/interop/usdm/placement.h"
#include "planner/io/interop/usdm/walk.h"
#include "planner/io/source_text.h"

namespace planner::usdm {

enum class TimelineUse { not_imported, event, steps };

struct OtherTimeline {
  TimelineUse use = TimelineUse::not_imported;
  std::string why_not;                       // not_imported
  std::vector<Placement> placements;         // event: one per instance, from the event's date
  std::optional<std::chrono::minutes> span;  // steps: from the first step to the start of the last (> 0)
  std::string steps;                         // steps: "VS_5MIN (Supine) at PT0M, VS_SUPINE (...) at PT5M, ..."
};

// One per study.others, in that order; `src` names the input in errors (a cycle, a duration that is not one).
std::vector<OtherTimeline> plan_other_timelines(const UsdmStudy& study, const SourceText& src);

}  // namespace planner::usdm
