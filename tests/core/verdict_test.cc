#include "planner/core/verdict.h"

#include <gtest/gtest.h>

#include <set>
#include <string_view>
#include <utility>
#include <vector>

namespace planner {
namespace {

// The names are the report's and [check] tolerate's: each parses back to its verdict, and nothing else parses.
TEST(Verdict, NamesRoundTripAndNothingElseParses) {
  std::set<std::string_view> names;
  for (const Verdict v : kVerdicts) {
    EXPECT_EQ(parse_verdict(to_string(v)), v) << to_string(v);
    EXPECT_TRUE(names.insert(to_string(v)).second) << to_string(v) << " twice";
  }
  EXPECT_EQ(names.size(), 14u);
  EXPECT_EQ(to_string(Verdict::after_last_visit), "after-last-visit");
  EXPECT_EQ(parse_verdict("not_in_protocol"), std::nullopt);  // the report's spelling only
  EXPECT_EQ(parse_verdict("Early"), std::nullopt);
  EXPECT_EQ(parse_verdict(""), std::nullopt);
}

// The four verdicts that are reported but are not deviations (and so cannot be tolerated).
TEST(Verdict, InWindowUnscheduledAndNotPlannedAreNotDeviations) {
  std::vector<std::string_view> not_deviations;
  for (const Verdict v : kVerdicts)
    if (!is_deviation(v)) not_deviations.push_back(to_string(v));
  EXPECT_EQ(not_deviations, (std::vector<std::string_view>{"in-window", "unscheduled", "not-planned", "conditional"}));
}

// Each verdict's name, written out from the enum's comments: the enumerator in lower case, '_' as '-'.
const std::vector<std::pair<Verdict, std::string_view>> kNamed{{Verdict::in_window, "in-window"},
                                                               {Verdict::early, "early"},
                                                               {Verdict::late, "late"},
                                                               {Verdict::missed, "missed"},
                                                               {Verdict::not_in_protocol, "not-in-protocol"},
                                                               {Verdict::duplicate, "duplicate"},
                                                               {Verdict::out_of_order, "out-of-order"},
                                                               {Verdict::dose_gap, "dose-gap"},
                                                               {Verdict::constraint, "constraint"},
                                                               {Verdict::before_day1, "before-day1"},
                                                               {Verdict::after_last_visit, "after-last-visit"},
                                                               {Verdict::unscheduled, "unscheduled"},
                                                               {Verdict::not_planned, "not-planned"},
                                                               {Verdict::conditional, "conditional"}};

TEST(Verdict, EveryVerdictPrintsItsNameAndParsesBackFromIt) {
  ASSERT_EQ(kNamed.size(), kVerdicts.size());  // a new verdict needs a line above
  for (const auto& [verdict, name] : kNamed) {
    EXPECT_EQ(to_string(verdict), name);
    EXPECT_EQ(parse_verdict(name), verdict) << name;
  }
}

// kVerdicts lists each verdict once, in declaration order: in_window first, not_planned last.
TEST(Verdict, AllVerdictsListedOnceInDeclarationOrder) {
  for (std::size_t i = 0; i < kNamed.size(); ++i) EXPECT_EQ(kVerdicts[i], kNamed[i].first) << kNamed[i].second;
}

// is_deviation for each verdict: all but in-window, unscheduled and not-planned (the enum's comments: those are
// reported, not deviations) need a monitor's look.
TEST(Verdict, IsDeviationForEachVerdict) {
  EXPECT_FALSE(is_deviation(Verdict::in_window));
  EXPECT_TRUE(is_deviation(Verdict::early));
  EXPECT_TRUE(is_deviation(Verdict::late));
  EXPECT_TRUE(is_deviation(Verdict::missed));
  EXPECT_TRUE(is_deviation(Verdict::not_in_protocol));
  EXPECT_TRUE(is_deviation(Verdict::duplicate));
  EXPECT_TRUE(is_deviation(Verdict::out_of_order));
  EXPECT_TRUE(is_deviation(Verdict::dose_gap));
  EXPECT_TRUE(is_deviation(Verdict::before_day1));
  EXPECT_TRUE(is_deviation(Verdict::after_last_visit));
  EXPECT_FALSE(is_deviation(Verdict::unscheduled));
  EXPECT_FALSE(is_deviation(Verdict::not_planned));
  static_assert(is_deviation(Verdict::late) && !is_deviation(Verdict::unscheduled), "usable at compile time");
}

// Only the exact spelling parses: no other case, no '_' or ' ' for '-', no padding, no prefix or extension, no
// misspelling (the header's "erly").
TEST(Verdict, UnknownNamesDoNotParse) {
  for (const std::string_view name : {"erly", "EARLY", "In-Window", "in_window", "in window", " late", "late ",
                                      "late\n", "lat", "later", "before-day-1", "after-last", "ok", "?", "-"})
    EXPECT_EQ(parse_verdict(name), std::nullopt) << '"' << name << '"';
}

// A value outside the enum (as a corrupt cast could make) prints "?", which names no verdict.
TEST(Verdict, OutOfRangeValuePrintsQuestionMark) {
  const auto bad = static_cast<Verdict>(kVerdicts.size());
  EXPECT_EQ(to_string(bad), "?");
  EXPECT_EQ(parse_verdict(to_string(bad)), std::nullopt);
}

}  // namespace
}  // namespace planner
