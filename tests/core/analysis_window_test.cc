// Analysis windows through assign_analysis_windows(): which window a dated record falls in, its distance
// from the window's target, and which record of a subject and group is flagged. Day 1 is Mon 2026-01-05;
// a record "on study day n" is dated Day 1 + (n - 1) days for n >= 1 and Day 1 + n days for n <= -1.
#include "planner/core/analysis_window.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace planner {
namespace {

using namespace date::literals;

constexpr Date kDay1 = 2026_y / 1 / 5;

StudyDay day(int n) { return *StudyDay::from_number(n); }

AnalysisRecord on(int study_day, const std::string& subject = "S1", const std::string& group = "Q",
                  bool derived = false) {
  return AnalysisRecord{subject, group, kDay1 + Days{study_day > 0 ? study_day - 1 : study_day}, kDay1, derived};
}

AnalysisWindow window(const std::string& name, int target, std::optional<int> lower, std::optional<int> upper) {
  return AnalysisWindow{name, day(target), lower ? std::optional{day(*lower)} : std::nullopt,
                        upper ? std::optional{day(*upper)} : std::nullopt, true};
}

// The windows of the CDISC pilot's ADQSADAS: Week 8 = 2..84 (target 56), Week 16 = 85..140 (112),
// Week 24 = 141.. (168, open ended).
const std::vector<AnalysisWindow> kPilot{window("Week 8", 56, 2, 84), window("Week 16", 112, 85, 140),
                                         window("Week 24", 168, 141, std::nullopt)};

TEST(AnalysisWindow, RecordsFallInTheWindowContainingTheirStudyDay) {
  // Study days 63, 84, 85, 500 fall in Week 8, Week 8, Week 16 and Week 24 (open ended); day 1 (before
  // Week 8's lower bound 2) and day -5 fall in none. Distances: |63 - 56| = 7, |84 - 56| = 28,
  // |85 - 112| = 27, |500 - 168| = 332 (all four on the same side of Day 1, so plain differences).
  const auto a = assign_analysis_windows(kPilot, {on(63, "S1"), on(84, "S2"), on(85, "S3"), on(500, "S4"), on(1, "S5"),
                                                  on(-5, "S6")});
  ASSERT_EQ(a.size(), 6u);
  EXPECT_EQ(a[0].window, std::optional<std::size_t>{0});
  EXPECT_EQ(a[1].window, std::optional<std::size_t>{0});
  EXPECT_EQ(a[2].window, std::optional<std::size_t>{1});
  EXPECT_EQ(a[3].window, std::optional<std::size_t>{2});
  EXPECT_EQ(a[4].window, std::nullopt);
  EXPECT_EQ(a[5].window, std::nullopt);
  EXPECT_EQ(a[0].distance, Days{7});
  EXPECT_EQ(a[1].distance, Days{28});
  EXPECT_EQ(a[2].distance, Days{27});
  EXPECT_EQ(a[3].distance, Days{332});
  EXPECT_EQ(a[4].distance, std::nullopt);
  EXPECT_EQ(a[0].study_day, day(63));
  EXPECT_EQ(a[5].study_day, day(-5));
  // Each record is alone in its subject and window: each in a window is flagged.
  EXPECT_TRUE(a[0].flagged && a[1].flagged && a[2].flagged && a[3].flagged);
  EXPECT_FALSE(a[4].flagged || a[5].flagged);
}

TEST(AnalysisWindow, OverlappingWindowsTakeTheFirstInProtocolOrder) {
  // Day 7 is in both A (1..10) and B (5..20): A, the first, 2 days from its target 5.
  const auto a = assign_analysis_windows({window("A", 5, 1, 10), window("B", 15, 5, 20)}, {on(7)});
  EXPECT_EQ(a[0].window, std::optional<std::size_t>{0});
  EXPECT_EQ(a[0].distance, Days{2});
}

TEST(AnalysisWindow, TheRecordNearestTheTargetIsFlaggedPerSubjectAndGroup) {
  // S1/Q: days 50 (6 from 56) and 60 (4 from 56): 60 is flagged. S1/R and S2/Q have one record each.
  const auto a = assign_analysis_windows(kPilot, {on(50), on(60), on(50, "S1", "R"), on(70, "S2")});
  EXPECT_FALSE(a[0].flagged);
  EXPECT_TRUE(a[1].flagged);
  EXPECT_TRUE(a[2].flagged);
  EXPECT_TRUE(a[3].flagged);
}

TEST(AnalysisWindow, EqualDistancesGoToTheLaterRecordUnlessTheWindowSaysEarlier) {
  // Days 54 and 58 are both 2 days from 56. Two records on the same day: the later in the file is the later.
  auto windows = kPilot;
  auto a = assign_analysis_windows(windows, {on(58), on(54)});
  EXPECT_TRUE(a[0].flagged);
  EXPECT_FALSE(a[1].flagged);
  a = assign_analysis_windows(windows, {on(54), on(54)});
  EXPECT_FALSE(a[0].flagged);
  EXPECT_TRUE(a[1].flagged);
  windows[0].ties_later = false;
  a = assign_analysis_windows(windows, {on(58), on(54)});
  EXPECT_FALSE(a[0].flagged);
  EXPECT_TRUE(a[1].flagged);
  a = assign_analysis_windows(windows, {on(54), on(54)});
  EXPECT_TRUE(a[0].flagged);
  EXPECT_FALSE(a[1].flagged);
}

TEST(AnalysisWindow, DerivedRecordsAreNeitherAssignedNorCandidates) {
  // The derived record sits on the target itself, yet the observed one on day 60 is flagged.
  const auto a = assign_analysis_windows(kPilot, {on(56, "S1", "Q", true), on(60)});
  EXPECT_EQ(a[0].study_day, day(56));  // its study day is still given
  EXPECT_EQ(a[0].window, std::nullopt);
  EXPECT_EQ(a[0].distance, std::nullopt);
  EXPECT_FALSE(a[0].flagged);
  EXPECT_TRUE(a[1].flagged);
}

TEST(AnalysisWindow, DistancesAreStudyDayDifferencesAsInAdamAwtdiff) {
  // A baseline window -14..1 with target 1. The distance is ADaM's AWTDIFF, |ADY - AWTARGET| on study-day
  // numbers, so day -1 (the day before Day 1) is |-1 - 1| = 2 from the target and day -14 is 15; a record on
  // day 3 of a window 2..10 targeting 4 ties with one on day 5 (both 1), and the later one is flagged.
  const std::vector<AnalysisWindow> baseline{window("Baseline", 1, -14, 1)};
  const auto a = assign_analysis_windows(baseline, {on(-14), on(-1), on(2, "S2")});
  EXPECT_EQ(a[0].distance, Days{15});
  EXPECT_EQ(a[1].distance, Days{2});
  EXPECT_FALSE(a[0].flagged);
  EXPECT_TRUE(a[1].flagged);
  EXPECT_EQ(a[2].window, std::nullopt);  // day 2 is past the upper bound
  const auto b = assign_analysis_windows({window("W", 4, 2, 10)}, {on(3), on(5)});
  EXPECT_EQ(b[0].distance, Days{1});
  EXPECT_EQ(b[1].distance, Days{1});
  EXPECT_FALSE(b[0].flagged);
  EXPECT_TRUE(b[1].flagged);
}

}  // namespace
}  // namespace planner
