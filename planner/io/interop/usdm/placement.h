// Placing USDM instances as planner visits: each Before/After timing becomes an offset `at` from Day 1
// (the anchor, the instance of the first Fixed Reference) or from the visit it is relative to (`after`),
// and windowLower/windowUpper become the window early/late, in whole days.
//
//   DOSE   Fixed Reference                 ->  at P0D (Day 1)
//   SCREEN Before P2W relative to DOSE     ->  at -P2W                   (approximate_offset -14)
//   WK2    After P2W relative to DOSE,
//          windowLower P3D, upper P3D      ->  at P2W, early P3D, late P3D
//   WK8N   After P2W relative to WK8       ->  after WK8, at P2W         (approximate_offset 70)
//   WK2B   After PT36H relative to DOSE    ->  at P2D, assumed "the timing value PT36H rounded to P2D"
//
// An instance is not imported (why_not says why) when it is a decision instance, has no timing, is timed
// by a second Fixed Reference, or is timed from an instance that is not imported. Errors (InputError with
// the JSON pointer): a cycle of timings, a value or window that is not an ISO 8601 duration or is beyond
// planner's bounds.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "planner/core/duration.h"
#include "planner/io/interop/usdm/walk.h"
#include "planner/io/source_text.h"

namespace planner::usdm {

// Where an instance lands in the protocol.
struct Placement {
  bool imported = false;
  bool anchor_only = false;          // Day 1 of planner's export without a visit: placed, not a visit
  std::string why_not;               // when not imported
  std::optional<std::size_t> after;  // instance index; none: from Day 1
  Duration at;
  double approximate_offset = 0;     // days from Day 1, for ordering the visits
  std::vector<std::string> assumed;  // approximations of the timing value
  Duration early, late;              // the window: windowLower, windowUpper in whole days
  std::vector<std::string> window_assumed;
  std::string window_report;  // when the window was approximated
};

// One Placement per instance of `study`; `src` names the input in errors.
std::vector<Placement> place_instances(const Timeline& study, const SourceText& src);

}  // namespace planner::usdm
