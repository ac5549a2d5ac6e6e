#include "planner/io/write/timing_text.h"

#include <gtest/gtest.h>

#include "test_protocol.h"

namespace planner {
namespace {

using testing::test_protocol;
using testing::test_visit;

// Index of the visit `id` of `p`.
std::size_t visit_index(const Protocol& p, const std::string& id) {
  for (std::size_t i = 0; i < p.visits.size(); ++i)
    if (p.visits[i].id == id) return i;
  ADD_FAILURE() << "no visit " << id;
  return 0;
}

const Activity& activity(const Protocol& p, const std::string& id) {
  for (const Activity& a : p.activities)
    if (a.id == id) return a;
  ADD_FAILURE() << "no activity " << id;
  return p.activities.front();
}

// Durations in months need the protocol's month-end rule.
const std::string kMonthEnd = "[schedule]\nmonth_end = \"clamp\"\n";

Window window(const std::string& early, const std::string& late) {
  const Protocol p = test_protocol(
      "[[visit]]\nid = \"V\"\nlabel = \"V\"\nepoch = \"tx\"\nat = \"P0D\"\nwindow = { early = \"" + early +
      "\", late = \"" + late + "\" }\nactivities = [\"Q\"]\nsource = \"test\"\n" + kMonthEnd);
  return p.visits.front().window;
}

TEST(WeekText, IsTheWeekPlusTheDaysPastIt) {
  EXPECT_EQ(week_text(Days{0}), "0");
  EXPECT_EQ(week_text(Days{56}), "8");
  EXPECT_EQ(week_text(Days{24}), "3+3d");  // 3 x 7 + 3
  EXPECT_EQ(week_text(Days{-28}), "-4");
  EXPECT_EQ(week_text(Days{-3}), "-1+4d");  // weeks round down: -7 + 4
}

TEST(WindowText, IsPlusMinusWhenSymmetricAndExactOtherwiseBothSides) {
  EXPECT_EQ(window_text(window("P1D", "P1D")), "±1d");
  EXPECT_EQ(window_text(window("P0D", "P0D")), "±0d");
  EXPECT_EQ(window_text(window("P1W", "P1W")), "±7d");  // in days
  EXPECT_EQ(window_text(window("P14D", "P7D")), "[-14d,+7d]");
  EXPECT_EQ(window_text(window("P1M", "P1M")), "[-P1M,+P1M]");  // months are not a number of days
}

TEST(TimingText, SaysFromWhatAndHowFar) {
  const Protocol p = test_protocol(test_visit("SCR", "-P2W", 3, 3, R"("Q")") + test_visit("W0", "P0D", 0, 0) +
                                   test_visit("W8", "P8W", 1, 1) + test_visit("M1", "P1M", 1, 1) +
                                   test_visit("FU", "P7D", 1, 1, R"("Q")", "after = \"W8\"\n") +
                                   test_visit("PRE", "-P3D", 0, 0, R"("Q")", "after = \"W8\"\n") + kMonthEnd);
  const auto text = [&](const std::string& id) { return timing_text(p, p.visits[visit_index(p, id)]); };
  EXPECT_EQ(text("SCR"), "P2W before Day 1");
  EXPECT_EQ(text("W0"), "Day 1");
  EXPECT_EQ(text("W8"), "P8W after Day 1");
  EXPECT_EQ(text("M1"), "P1M after Day 1");
  EXPECT_EQ(text("FU"), "P7D after W8");
  EXPECT_EQ(text("PRE"), "P3D before W8");
}

TEST(TimingText, ShowsWholeWeeksOfASeriesAsWeeks) {
  // Occurrences of a series are stored in days: P14D reads as P2W, P10D stays in days.
  const Protocol p = test_protocol(
      "[[series]]\nid = \"S{n}\"\nlabel = \"S{n}\"\nepoch = \"tx\"\nstart = \"P1W\"\nevery = \"P1W\"\ncount = 2\n"
      "days = [\"P0D\", \"P3D\"]\nwindow = { early = \"P0D\", late = \"P0D\" }\nactivities = [\"Q\"]\n"
      "source = \"test\"\n");
  std::vector<std::string> texts;
  for (const Visit& v : p.visits) texts.push_back(v.id + " " + timing_text(p, v));
  // start P1W, every P1W, days P0D and P3D: offsets 7, 10, 14, 17.
  EXPECT_EQ(texts, (std::vector<std::string>{"S1 P1W after Day 1", "S2 P10D after Day 1", "S3 P2W after Day 1",
                                             "S4 P17D after Day 1"}));
}

TEST(StudyDayText, IsTheDayAndWeekOfVisitsTimedFromDayOne) {
  const Protocol p = test_protocol(test_visit("SCR", "-P2W", 3, 3, R"("Q")") + test_visit("W0", "P0D", 0, 0) +
                                   test_visit("W8", "P8W", 1, 1) + test_visit("M1", "P1M", 1, 1) +
                                   test_visit("FU", "P7D", 1, 1, R"("Q")", "after = \"W8\"\n") + kMonthEnd);
  const auto day = [&](const std::string& id) { return study_day_text(p, visit_index(p, id)); };
  const auto week = [&](const std::string& id) { return visit_week_text(p, visit_index(p, id)); };
  EXPECT_EQ(day("SCR"), "-14");  // no day 0: 14 days before day 1 is day -14
  EXPECT_EQ(week("SCR"), "-2");
  EXPECT_EQ(day("W0"), "1");
  EXPECT_EQ(week("W0"), "0");
  EXPECT_EQ(day("W8"), "57");  // 56 days after day 1
  EXPECT_EQ(week("W8"), "8");
  EXPECT_EQ(day("M1"), "-");  // a month has no fixed number of days
  EXPECT_EQ(week("M1"), "-");
  EXPECT_EQ(day("FU"), "-");  // timed from W8, not from Day 1
  EXPECT_EQ(week("FU"), "-");
}

TEST(ActivityText, IsADosesProductAmountRouteAndAnAssessmentsInstrumentRole) {
  const Protocol p = test_protocol(
      "[[activity]]\nid = \"INJ5\"\nkind = \"dose\"\nproduct = \"IgG\"\nroute = \"subcutaneous\"\n"
      "amount = \"5 mL\"\nsource = \"test\"\n"
      "[[activity]]\nid = \"ESC\"\nkind = \"dose\"\nproduct = \"blood\"\nroute = \"intramuscular\"\n"
      "amount = \"1 mL\"\nsource = \"test\"\n"
      "[[activity]]\nid = \"P\"\nkind = \"assessment\"\ninstrument = \"SCORAD\"\nrole = \"primary\"\nsource = "
      "\"test\"\n"
      "[[activity]]\nid = \"DRAW\"\nkind = \"sample\"\nlabel = \"Venous blood draw\"\n" +
      test_visit("W0", "P0D", 0, 0, R"("INJ", "INJ5", "ESC", "P", "Q", "DRAW")") +
      test_visit("W1", "P1W", 0, 0, R"("ESC")", "amount = \"2 mL\"\n"));
  EXPECT_EQ(activity_text(p, activity(p, "INJ")), "serum, amount not stated, intramuscular");
  EXPECT_EQ(activity_text(p, activity(p, "INJ5")), "IgG, 5 mL, subcutaneous");
  EXPECT_EQ(activity_text(p, activity(p, "ESC")), "blood, amount set per visit, intramuscular");  // W1 sets 2 mL
  EXPECT_EQ(activity_text(p, activity(p, "P")), "SCORAD (primary)");
  EXPECT_EQ(activity_text(p, activity(p, "Q")), "EASI (secondary)");  // the default role
  EXPECT_EQ(activity_text(p, activity(p, "DRAW")), "Venous blood draw");
}

TEST(VisitActivitiesText, SaysWhatHappensWithDoseAmountsOrBlindedAsStudyTreatment) {
  const Protocol p = test_protocol(
      "[[activity]]\nid = \"INJ5\"\nkind = \"dose\"\nproduct = \"IgG\"\nroute = \"subcutaneous\"\n"
      "amount = \"5 mL\"\nlabel = \"IgG injection\"\nsource = \"test\"\n"
      "[[activity]]\nid = \"DRAW\"\nkind = \"sample\"\nlabel = \"Venous blood draw\"\n" +
      test_visit("W0", "P0D", 0, 0, R"("INJ", "INJ5", "Q", "DRAW")") +
      test_visit("W1", "P1W", 0, 0, R"("INJ5")", "amount = \"2 mL\"\n"));
  const Visit& w0 = p.visits[visit_index(p, "W0")];
  const Visit& w1 = p.visits[visit_index(p, "W1")];
  EXPECT_EQ(visit_activities_text(p, w0, "A", false), "INJ; IgG injection 5 mL; Q; Venous blood draw");
  EXPECT_EQ(visit_activities_text(p, w1, "A", false), "IgG injection 2 mL");  // the visit's amount
  EXPECT_EQ(visit_activities_text(p, w0, "A", true), "study treatment; study treatment; Q; Venous blood draw");
  EXPECT_EQ(visit_activities_text(p, w1, "B", true), "study treatment");
}

TEST(ArmsText, IsAllOrTheArmsJoinedWithSlashes) {
  EXPECT_EQ(arms_text({}), "all");
  EXPECT_EQ(arms_text({"A"}), "A");
  EXPECT_EQ(arms_text({"SERUM", "SALINE"}), "SERUM/SALINE");
}

}  // namespace
}  // namespace planner
