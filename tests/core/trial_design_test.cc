#include "planner/core/trial_design.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "test_protocol.h"

namespace planner {
namespace {

using testing::test_dose;
using testing::test_protocol;

// A [[visit]] of epoch `epoch` at `at` (window 0/0), with the activities `activities` and `extra` lines.
std::string visit(const std::string& id, const std::string& epoch, const std::string& at, const std::string& activities,
                  const std::string& extra = "") {
  return "[[visit]]\nid = \"" + id + "\"\nlabel = \"" + id + "\"\nepoch = \"" + epoch + "\"\nat = \"" + at +
         "\"\nwindow = { early = \"P0D\", late = \"P0D\" }\nactivities = [" + activities + "]\nsource = \"test\"\n" +
         extra;
}

// Epochs tx (from test_protocol), then scr ("Screening") and fu, deliberately not in time order. Activities
// INJ 0, Q 1 (test_protocol), ACT 2 (arm A's dose), PLA 3 (arm B's). Visits, in definition order:
//   0 D1  tx  day 0   ACT, PLA, Q
//   1 D8  tx  day 7   ACT, PLA
//   2 SCR scr day -14 Q
//   3 FU  fu  day 28  Q
//   4 M3  fu  P3M     Q      (months: no fixed offset)
const Protocol& protocol() {
  static const Protocol p = test_protocol(
      "[schedule]\nmonth_end = \"clamp\"\n[[epoch]]\nid = \"scr\"\nlabel = \"Screening\"\n[[epoch]]\nid = \"fu\"\n" +
      test_dose("ACT", "drug", "", R"("A")") + test_dose("PLA", "placebo", "", R"("B")") +
      visit("D1", "tx", "P0D", R"("ACT", "PLA", "Q")") + visit("D8", "tx", "P1W", R"("ACT", "PLA")") +
      visit("SCR", "scr", "-P2W", R"("Q")") + visit("FU", "fu", "P4W", R"("Q")") + visit("M3", "fu", "P3M", R"("Q")"));
  return p;
}

TEST(TrialDesign, TimelineGivesDaysFromDay1AndNoneForMonths) {
  const TrialDesign d = trial_design(protocol());
  EXPECT_EQ(d.timeline.offset(0), Days{0});
  EXPECT_EQ(d.timeline.offset(1), Days{7});    // P1W
  EXPECT_EQ(d.timeline.offset(2), Days{-14});  // -P2W
  EXPECT_EQ(d.timeline.offset(3), Days{28});   // P4W
  EXPECT_EQ(d.timeline.offset(4), std::nullopt);
  // By offset: SCR (-14), D1, D8, FU; M3 without an offset last.
  EXPECT_EQ(d.timeline.planned_order(), (std::vector<std::size_t>{2, 0, 1, 3, 4}));
}

// No visit gives a visitnum: 1, 2, 3... in time order, so SCR is 1 and M3 (no offset) 5.
TEST(TrialDesign, VisitnumCountsInTimeOrderWhenNoneIsGiven) {
  EXPECT_EQ(trial_design(protocol()).visitnum, (std::vector<double>{2, 3, 1, 4, 5}));
}

TEST(TrialDesign, VisitnumIsTheProtocolsWhenEveryVisitGivesOne) {
  const Protocol p = test_protocol(visit("V1", "tx", "P1W", R"("INJ")", "visitnum = 3.5\n") +
                                   visit("V0", "tx", "P0D", R"("INJ")", "visitnum = 10\n"));
  EXPECT_EQ(trial_design(p).visitnum, (std::vector<double>{3.5, 10}));  // as given, in definition order
}

// Only V0 has a visitnum: numbering V1 would be a guess, so there is none.
TEST(TrialDesign, VisitnumIsEmptyWhenOnlySomeVisitsGiveOne) {
  const Protocol p = test_protocol(visit("V0", "tx", "P0D", R"("INJ")", "visitnum = 1\n") +
                                   visit("V1", "tx", "P1W", R"("INJ")"));
  EXPECT_TRUE(trial_design(p).visitnum.empty());
}

// scr and fu: both arms get the same (no) doses, so one shared element each, coded from the epoch id and
// labelled with the epoch's label (its id when it has none). tx: A gets ACT, B gets PLA, so one element per
// arm, coded from the arm id and labelled "<arm>, <epoch>" (ids, as neither has a label). Elements come in
// order of their first visits: SCR (day -14), then A and B (both D1, A first as the first arm), then FU.
TEST(TrialDesign, SharedElementsPerEpochAndOnePerArmWhereDosesDiffer) {
  const TrialDesign d = trial_design(protocol());
  ASSERT_EQ(d.elements.size(), 4u);
  const std::vector<std::string> codes{d.elements[0].code, d.elements[1].code, d.elements[2].code, d.elements[3].code};
  EXPECT_EQ(codes, (std::vector<std::string>{"SCR", "A", "B", "FU"}));
  const std::vector<std::string> labels{d.elements[0].label, d.elements[1].label, d.elements[2].label,
                                        d.elements[3].label};
  EXPECT_EQ(labels, (std::vector<std::string>{"Screening", "A, tx", "B, tx", "fu"}));
  const std::vector<std::size_t> epochs{d.elements[0].epoch, d.elements[1].epoch, d.elements[2].epoch,
                                        d.elements[3].epoch};
  EXPECT_EQ(epochs, (std::vector<std::size_t>{1, 0, 0, 2}));  // scr, tx, tx, fu
  EXPECT_EQ(d.elements[0].arms, (std::vector<std::string>{"A", "B"}));
  EXPECT_EQ(d.elements[1].arms, (std::vector<std::string>{"A"}));
  EXPECT_EQ(d.elements[2].arms, (std::vector<std::string>{"B"}));
  EXPECT_EQ(d.elements[3].arms, (std::vector<std::string>{"A", "B"}));
}

// Doses are the dose activities of the arms at the element's visits (Q, an assessment, is not one); first and
// last visits are its earliest and latest by the timeline (M3, without an offset, counts as latest).
TEST(TrialDesign, ElementsKnowTheirDosesAndFirstAndLastVisits) {
  const TrialDesign d = trial_design(protocol());
  ASSERT_EQ(d.elements.size(), 4u);
  EXPECT_TRUE(d.elements[0].doses.empty());
  EXPECT_EQ(d.elements[1].doses, (std::vector<std::size_t>{2}));  // ACT
  EXPECT_EQ(d.elements[2].doses, (std::vector<std::size_t>{3}));  // PLA
  EXPECT_TRUE(d.elements[3].doses.empty());
  EXPECT_EQ(d.elements[0].first_visit, 2u);  // SCR alone
  EXPECT_EQ(d.elements[0].last_visit, 2u);
  EXPECT_EQ(d.elements[1].first_visit, 0u);  // D1 .. D8
  EXPECT_EQ(d.elements[1].last_visit, 1u);
  EXPECT_EQ(d.elements[3].first_visit, 3u);  // FU .. M3
  EXPECT_EQ(d.elements[3].last_visit, 4u);
}

// Each arm passes through screening, its own treatment element, then follow-up (indices into elements).
TEST(TrialDesign, ArmPathIsTheArmsElementsInTimeOrder) {
  const TrialDesign d = trial_design(protocol());
  ASSERT_EQ(d.arm_path.size(), 2u);
  EXPECT_EQ(d.arm_path[0], (std::vector<std::size_t>{0, 1, 3}));  // A: SCR, A, FU
  EXPECT_EQ(d.arm_path[1], (std::vector<std::size_t>{0, 2, 3}));  // B: SCR, B, FU
}

// An epoch only arm B has visits in is not shared: its element is B's alone, and A's path skips it.
TEST(TrialDesign, EpochOfOneArmGivesThatArmsElementOnly) {
  const Protocol p = test_protocol("[[epoch]]\nid = \"ext\"\n" + visit("D1", "tx", "P0D", R"("INJ")") +
                                   visit("X1", "ext", "P2W", R"("Q")", "arms = [\"B\"]\n"));
  const TrialDesign d = trial_design(p);
  ASSERT_EQ(d.elements.size(), 2u);
  EXPECT_EQ(d.elements[0].code, "TX");  // both arms get INJ at D1: shared, from the epoch id
  EXPECT_EQ(d.elements[1].code, "B");   // from the arm id
  EXPECT_EQ(d.elements[1].label, "B, ext");
  EXPECT_EQ(d.arm_path[0], (std::vector<std::size_t>{0}));
  EXPECT_EQ(d.arm_path[1], (std::vector<std::size_t>{0, 1}));
}

// Codes are the id's letters, digits and '_' in upper case, at most 8: "follow-up1" and "follow-up2" both give
// "FOLLOWUP"; the second (later epoch) becomes its first 7 characters and "2".
TEST(TrialDesign, ElementCodesAreUpperCaseAtMostEightCharactersAndUnique) {
  const Protocol p = test_protocol("[[epoch]]\nid = \"follow-up1\"\n[[epoch]]\nid = \"follow-up2\"\n" +
                                   visit("D1", "tx", "P0D", R"("INJ")") + visit("F1", "follow-up1", "P2W", R"("Q")") +
                                   visit("F2", "follow-up2", "P4W", R"("Q")"));
  const TrialDesign d = trial_design(p);
  ASSERT_EQ(d.elements.size(), 3u);
  EXPECT_EQ(d.elements[0].code, "TX");
  EXPECT_EQ(d.elements[1].code, "FOLLOWUP");
  EXPECT_EQ(d.elements[2].code, "FOLLOWU2");
}

// Weeks when the days are a positive multiple of 7, days otherwise; the sign goes before the P.
TEST(TrialDesign, DaysAsDurationPrefersWeeks) {
  EXPECT_EQ(days_as_duration(Days{14}), "P2W");
  EXPECT_EQ(days_as_duration(Days{7}), "P1W");
  EXPECT_EQ(days_as_duration(Days{10}), "P10D");
  EXPECT_EQ(days_as_duration(Days{1}), "P1D");
  EXPECT_EQ(days_as_duration(Days{0}), "P0D");
  EXPECT_EQ(days_as_duration(Days{-14}), "-P2W");
  EXPECT_EQ(days_as_duration(Days{-3}), "-P3D");
}

}  // namespace
}  // namespace planner
