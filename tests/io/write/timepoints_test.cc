#include "planner/io/write/timepoints.h"

#include <gtest/gtest.h>

#include "test_protocol.h"

namespace planner {
namespace {

using namespace date::literals;
using testing::test_protocol;
using testing::test_visit;

// Assessments Q (EASI, secondary) at W0 and FU (arm A only) and P (SCORAD, primary) at W0; INJ is a dose,
// not a timepoint.
const Protocol& protocol() {
  static const Protocol p = test_protocol(
      "[[activity]]\nid = \"P\"\nkind = \"assessment\"\ninstrument = \"SCORAD\"\nrole = \"primary\"\n"
      "source = \"test\"\n" +
      test_visit("W0", "P0D", 0, 0, R"("INJ", "Q", "P")") +
      test_visit("FU", "P4W", 3, 3, R"("Q")", "arms = [\"A\"]\n"));
  return p;
}

std::string timepoints(const std::string& arm, TableFormat format) {
  const Date day1 = 2026_y / 1 / 5;  // a Monday
  return timepoints_text(protocol(), arm, day1, plan(protocol(), PlanRequest{day1, arm, nullptr, Prefer::earlier}),
                         format);
}

TEST(Timepoints, ListsAssessmentsByActivityThenDateAsCsv) {
  // FU is Day 1 + 28 days = 2026-02-02 (study day 29), window 3 days each side.
  EXPECT_EQ(timepoints("A", TableFormat::csv),
            "arm,activity,instrument,role,visit,study_day,target,earliest,latest\n"
            "A,Q,EASI,secondary,W0,1,2026-01-05,2026-01-05,2026-01-05\n"
            "A,Q,EASI,secondary,FU,29,2026-02-02,2026-01-30,2026-02-05\n"
            "A,P,SCORAD,primary,W0,1,2026-01-05,2026-01-05,2026-01-05\n");
  EXPECT_EQ(timepoints("B", TableFormat::csv),  // FU is not arm B's
            "arm,activity,instrument,role,visit,study_day,target,earliest,latest\n"
            "B,Q,EASI,secondary,W0,1,2026-01-05,2026-01-05,2026-01-05\n"
            "B,P,SCORAD,primary,W0,1,2026-01-05,2026-01-05,2026-01-05\n");
}

TEST(Timepoints, ShowsATableUnderAHeadingAndCountsTheRows) {
  // Columns as wide as their widest cell, two spaces apart; DAY right-aligned.
  EXPECT_EQ(timepoints("A", TableFormat::table),
            "t\n"
            "arm A  Day 1 2026-01-05 Mon (first dose)\n"
            "\n"
            "ACTIVITY  INSTRUMENT  ROLE       VISIT  DAY  TARGET      WINDOW\n"
            "Q         EASI        secondary  W0       1  2026-01-05  2026-01-05..2026-01-05\n"
            "Q         EASI        secondary  FU      29  2026-02-02  2026-01-30..2026-02-05\n"
            "P         SCORAD      primary    W0       1  2026-01-05  2026-01-05..2026-01-05\n"
            "\n"
            "3 assessment timepoints\n");
}

}  // namespace
}  // namespace planner
