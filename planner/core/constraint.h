// Constraints between activities ([[constraint]], format 2): which occurrences of two activities are paired,
// and whether the days between a pair's dates keep the constraint's `min` and `max`.
//
// A constraint names two activities, `first` and `then`; an occurrence is a visit of the subject's arm that
// has the activity for that arm (and is the pinned `first_visit` / `then_visit` when one is given). Each
// occurrence of `then` is paired with the latest occurrence of `first` at or before it in the planned order
// of the visits (planner/core/timeline.h): the same visit counts when the two activities differ (a draw and
// the dose of the same visit are 0 days apart); when `first` and `then` are the same activity, the pair is
// each occurrence and the one before it. An occurrence of `then` with no `first` before it has no pair.
// The gap of a pair is then's date - first's date, in days.
//
//   Nahm 2023, arm SERUM: SERUM_DRAW at SCR (day -14, window days -28..-7), INJ_SERUM at W0, D4, D8, D11,
//   D15, D18, D22 and D25; [[constraint]] SERUM_STORAGE, kind "storage", first = "SERUM_DRAW",
//   then = "INJ_SERUM", max = "P8W":
//   constraint_pairs(protocol, "SERUM") == {SCR -> W0, SCR -> D4, ..., SCR -> D25}   (constraint 0)
//   judge_gap(SERUM_STORAGE, SCR -> D25, Days{53}) == nullopt    (draw on day -28, last dose on day 26)
//   judge_gap(SERUM_STORAGE, SCR -> D25, Days{60}) == breach, gap 60, by 4 days, too_soon false
//   A washout with min = "P28D" and dates 21 days apart: breach, gap 21, by 7 days, too_soon true.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include "planner/core/date.h"
#include "planner/core/protocol.h"

namespace planner {

// One pair of visits a constraint applies to (indices into Protocol::constraints and Protocol::visits).
// `first` and `then` are the same visit when both activities happen at it.
struct ConstraintPair {
  std::size_t constraint = 0;
  std::size_t first = 0;
  std::size_t then = 0;
  friend bool operator==(const ConstraintPair&, const ConstraintPair&) = default;
};

// A pair whose dates break its constraint: `gap` days apart, `by` days short of min (too_soon) or over max.
struct ConstraintBreach {
  ConstraintPair pair;
  Days gap{0};
  Days by{0};  // > 0
  bool too_soon = false;
  friend bool operator==(const ConstraintBreach&, const ConstraintBreach&) = default;
};

// Every pair of every constraint for the arm, by constraint (file order), then by `then` in planned order.
std::vector<ConstraintPair> constraint_pairs(const Protocol& protocol, std::string_view arm);

// True when `gap` days is within the constraint's [min, max] (an absent bound does not limit).
bool gap_keeps(const Constraint& constraint, Days gap);

// The breach of `pair` when its dates are `gap` days apart; nullopt when the gap keeps the constraint.
std::optional<ConstraintBreach> judge_gap(const Constraint& constraint, const ConstraintPair& pair, Days gap);

// The breaches among the pairs whose two visits both have a date in `dates` (visit index -> date), in
// constraint_pairs order.
std::vector<ConstraintBreach> broken_constraints(const Protocol& protocol, std::string_view arm,
                                                 const std::map<std::size_t, Date>& dates);

// "at least 28 days", "at most 7 days", "28..35 days": the constraint's bounds, for messages.
std::string constraint_bounds(const Constraint& constraint);

}  // namespace planner
