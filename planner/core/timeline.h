// The timeline of a protocol: where each visit falls as the protocol writes it, and the planned order of
// the visits. Pure arithmetic on a valid Protocol, computed once and shared by the summaries, the trial
// design, lint and the reports that list visits in time order.
//
// A visit's *nominal offset* is the count of days (`Days`) from Day 1 to its target before any site closure
// or dose gap moves it; its *planned study day* is the StudyDay of that offset (no day 0). A chained visit
// (`after = "W2"`, `at = "P7D"`) is its reference's nominal offset + 7 days. A visit timed in months or
// years, or chained to one, has no nominal offset: its length depends on the calendar date of Day 1. Nor has
// a conditional visit timed from its event (`on = "AE"` without `after`): its date depends on the event's.
//
//   visits, in definition order:  W2 at P2W, SCR at -P2W, W0 at P0D, FU at P7D after W2, M6 at P6M
//   Timeline t{protocol};
//   t.offset(W2)     == Days{14}       t.study_day(W2)  == study day 15   ("Week 2" is study day 15)
//   t.offset(SCR)    == Days{-14}      t.study_day(SCR) == study day -14  (no day 0 between -1 and 1)
//   t.offset(FU)     == Days{21}       t.study_day(FU)  == study day 22
//   t.offset(M6)     == nullopt        t.study_day(M6)  == nullopt
//   t.planned_order() == {SCR, W0, W2, FU, M6}   // by offset, ties in definition order, no offset last
//   t.rank(W2) == 2                                // W2's place in that order
//
// Week N of an offset is floor(offset / 7), with the days past it:
//   week_of(Days{21}) == {3, 0 days}    week_of(Days{24}) == {3, 3 days}    week_of(Days{-1}) == {-1, 6 days}
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "planner/core/date.h"
#include "planner/core/protocol.h"
#include "planner/core/study_day.h"

namespace planner {

class Timeline {
 public:
  // O(visits log visits): each chain is walked once.
  explicit Timeline(const Protocol& protocol);

  // The nominal offset of visit `visit` (an index into Protocol::visits); nullopt when a duration on its
  // chain counts months or years.
  std::optional<Days> offset(std::size_t visit) const { return offset_[visit]; }
  // The planned study day of the visit: the study day of its nominal offset.
  std::optional<StudyDay> study_day(std::size_t visit) const;
  // Indices of all the visits (every arm) by nominal offset, then definition order; visits without a
  // nominal offset come last, in definition order.
  const std::vector<std::size_t>& planned_order() const { return order_; }
  // The visit's place in planned_order() (0 for the first).
  std::size_t rank(std::size_t visit) const { return rank_[visit]; }

 private:
  std::vector<std::optional<Days>> offset_;  // per visit
  std::vector<std::size_t> order_;
  std::vector<std::size_t> rank_;  // per visit
};

// Week N of an offset: floor(offset / 7) (offset -1 day is week -1), and the days past its start (0-6).
struct WeekAndDay {
  long week = 0;
  Days day{0};
  friend bool operator==(const WeekAndDay&, const WeekAndDay&) = default;
};
WeekAndDay week_of(Days offset);

}  // namespace planner
