// The verdict of `planner check` on one visit record (or one planned visit without a record), and its
// name: the one parse/print pair for the report columns, the JSON totals and `[check] tolerate`.
//
//   to_string(Verdict::in_window)        == "in-window"
//   parse_verdict("after-last-visit")    == Verdict::after_last_visit
//   parse_verdict("erly")                == nullopt
//   is_deviation(Verdict::late)          == true     (a monitor must look at it)
//   is_deviation(Verdict::unscheduled)   == false    (reported, not a deviation)
//   is_deviation(Verdict::conditional)   == false    (AE FOLLOW-UP done, its event's date unknown)
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace planner {

enum class Verdict {
  in_window,
  early,
  late,
  missed,            // no actual, window closed before the as-of date
  not_in_protocol,   // not a visit of the subject's arm
  duplicate,         // a second record of the same visit
  out_of_order,      // done before a visit planned earlier
  dose_gap,          // a dose closer to the previous dose than [dosing] min_gap
  constraint,        // a record that breaks a [[constraint]] with the record it is paired with
  before_day1,       // a visit planned on or after Day 1, done before it
  after_last_visit,  // no longer given: a record of a visit after the last visit's window is late by its
                     // own window (issue 14); kept so that `[check] tolerate` lists naming it still read
  unscheduled,       // an unscheduled visit: reported, not a deviation
  not_planned,       // a record of a subject who has no Day 1 (a screen failure): reported, not a deviation
  conditional        // a conditional visit (`on` an event) whose event date is not known: reported, not a deviation
};

// Every verdict, in declaration order.
inline constexpr std::array kVerdicts{Verdict::in_window,
                                      Verdict::early,
                                      Verdict::late,
                                      Verdict::missed,
                                      Verdict::not_in_protocol,
                                      Verdict::duplicate,
                                      Verdict::out_of_order,
                                      Verdict::dose_gap,
                                      Verdict::constraint,
                                      Verdict::before_day1,
                                      Verdict::after_last_visit,
                                      Verdict::unscheduled,
                                      Verdict::not_planned,
                                      Verdict::conditional};

// "in-window", "not-in-protocol", ...: lower case, words joined by '-'.
std::string_view to_string(Verdict v);
// The verdict named `name` exactly as to_string() spells it; nullopt for any other text.
std::optional<Verdict> parse_verdict(std::string_view name);

// True for the verdicts a monitor must look at (the ones `[check] tolerate` may list).
constexpr bool is_deviation(Verdict v) {
  return v != Verdict::in_window && v != Verdict::unscheduled && v != Verdict::not_planned && v != Verdict::conditional;
}

}  // namespace planner
