// Placing walked USDM instances: offsets, chains, windows, what is not imported, and the errors.
#include "planner/io/interop/usdm/placement.h"

#include <gtest/gtest.h>

#include "planner/core/error.h"
#include "planner/io/iso8601.h"
#include "tests/io/interop/usdm/study_json.h"

namespace planner::usdm {
namespace {

using testing::instance;
using testing::study;
using testing::timing;

std::vector<Placement> placed(const std::string& json) {
  const SourceText src{"s.json", json};
  return place_instances(UsdmDocument{src}.study(""), src);
}

// "at" or "after:at", then " early..late"; or "-" and why not
std::string shown(const Placement& p) {
  if (!p.imported) return "- " + p.why_not;
  return (p.after ? std::to_string(*p.after) + ":" : "") + format_duration(p.at) + " " + format_duration(p.early) +
         ".." + format_duration(p.late);
}

std::string error_of(const std::string& json) {
  try {
    placed(json);
  } catch (const InputError& e) {
    return e.what();
  }
  return "placed without error";
}

const std::string kTimings = "s.json: error: /study/versions/0/studyDesigns/0/scheduleTimelines/0/timings/";

TEST(UsdmPlacement, OffsetsFromDayOneOrTheVisitTheyAreRelativeTo) {
  // B is listed before the instance it is relative to: placing follows the chain, not the list.
  const auto p = placed(
      study({instance("I1", "A"), instance("I2", "B"), instance("I3", "C"), instance("I4", "S")},
            {timing("T1", "Fixed Reference", "P1D", "I1", "I1"), timing("T2", "After", "P2D", "I2", "I3"),
             timing("T3", "After", "P1W", "I3", "I1"), timing("T4", "Before", "P2W", "I4", "I1")}));
  ASSERT_EQ(p.size(), 4u);
  EXPECT_EQ(shown(p[0]), "P0D P0D..P0D");
  EXPECT_EQ(shown(p[1]), "2:P2D P0D..P0D");
  EXPECT_EQ(shown(p[2]), "P1W P0D..P0D");
  EXPECT_EQ(shown(p[3]), "-P2W P0D..P0D");
  EXPECT_DOUBLE_EQ(p[1].approximate_offset, 9);
  EXPECT_DOUBLE_EQ(p[3].approximate_offset, -14);
  EXPECT_EQ(p[0].window_assumed, std::vector<std::string>{"USDM gives no window"});
}

TEST(UsdmPlacement, WindowsInWholeDaysRoundedDown) {
  const auto p = placed(
      study({instance("I1", "A"), instance("I2", "B"), instance("I3", "C")},
            {timing("T1", "Fixed Reference", "P1D", "I1", "I1", R"(, "windowUpper": "P1D")"),
             timing("T2", "After", "PT36H", "I2", "I1", R"(, "windowLower": "P2D", "windowUpper": "P1W")"),
             timing("T3", "After", "P4W", "I3", "I1",
                    R"(, "windowLower": "P1DT12H", "windowUpper": "PT4H", "windowLabel": "w")")}));
  EXPECT_EQ(shown(p[0]), "P0D P0D..P1D");
  EXPECT_EQ(p[0].window_assumed, std::vector<std::string>{"USDM gives no windowLower"});
  EXPECT_EQ(shown(p[1]), "P2D P2D..P1W");
  EXPECT_EQ(p[1].assumed, std::vector<std::string>{"the timing value PT36H rounded to P2D"});
  EXPECT_EQ(shown(p[2]), "P4W P1D..P0D");
  EXPECT_EQ(p[2].window_report, "window P1DT12H..PT4H ('w') imported as P1D..P0D (planner windows are whole days)");
  EXPECT_EQ(p[2].window_assumed,
            std::vector<std::string>{"USDM window P1DT12H..PT4H ('w') is not in whole days: windowLower P1DT12H "
                                     "rounded down to P1D, windowUpper PT4H rounded down to P0D"});
}

TEST(UsdmPlacement, WhatCannotBePlacedSaysWhy) {
  const auto p = placed(
      study({instance("I1", "A"), R"({"id": "I2", "name": "DEC", "instanceType": "ScheduledDecisionInstance"})",
             instance("I3", "E"), instance("I4", "G"), instance("I5", "H")},
            {timing("T1", "Fixed Reference", "P1D", "I1", "I1"), timing("T2", "After", "P1W", "I2", "I1"),
             timing("T3", "After", "P1D", "I3", "I2"), timing("T4", "Fixed Reference", "P1D", "I5", "I5")}));
  EXPECT_EQ(shown(p[1]), "- decision instance DEC (I2) is not imported: planner has no branching schedules");
  EXPECT_EQ(shown(p[2]), "- instance E (I3) is timed from DEC (I2) (timing T3), which is not imported");
  EXPECT_EQ(shown(p[3]), "- instance G (I4) has no timing (no timing has it as relativeFromScheduledInstanceId)");
  EXPECT_EQ(shown(p[4]),
            "- instance H (I5) is timed by a second Fixed Reference, T4 (the first, T1, is Day 1): "
            "planner has one Day 1");
}

TEST(UsdmPlacement, CyclesAndBadDurationsNameTheTiming) {
  EXPECT_EQ(error_of(study({instance("I1", "A"), instance("I2", "B"), instance("I3", "C")},
                           {timing("T1", "Fixed Reference", "P1D", "I1", "I1"),
                            timing("T2", "After", "P1W", "I2", "I3"), timing("T3", "After", "P1W", "I3", "I2")})),
            kTimings + "2/relativeToScheduledInstanceId: the timings form a cycle: B (I2) -> C (I3) -> B (I2)\n");
  EXPECT_EQ(error_of(study({instance("I1", "A"), instance("I2", "B")},
                           {timing("T1", "Fixed Reference", "P1D", "I1", "I1", R"(, "windowLower": "3 days")"),
                            timing("T2", "After", "P1W", "I2", "I1")})),
            kTimings + "0/windowLower: expected an ISO 8601 duration such as P2W, got '3 days'\n");
  EXPECT_EQ(error_of(
                study({instance("I1", "A"), instance("I2", "B")}, {timing("T1", "Fixed Reference", "P1D", "I1", "I1"),
                                                                   timing("T2", "After", "P4000M", "I2", "I1")})),
            kTimings + "1/value: 'P4000M' is too long for planner (at most 300 years, 3600 months or 110000 days)\n");
}

}  // namespace
}  // namespace planner::usdm
