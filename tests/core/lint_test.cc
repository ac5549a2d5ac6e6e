// Lint rules, each pinned on a small protocol that triggers it and one that does not. The protocols are
// written in the protocol format (parse_protocol); study days are counted from the reference Day 1.
#include "planner/core/lint.h"

#include <gtest/gtest.h>

#include "planner/io/read/protocol.h"
#include "test_protocol.h"

namespace planner {
namespace {

using namespace date::literals;

// A one-arm protocol (arm A) with a dose INJ, an assessment Q and a sample DRAW, plus the given tables.
Protocol protocol(const std::string& tables, const std::string& draw_extra = "", int format = 1) {
  return parse_protocol("format = " + std::to_string(format) + R"(
[study]
id = "t"
[anchor]
event = "first dose"
[[arm]]
id = "A"
source = "test"
[[epoch]]
id = "tx"
[[activity]]
id = "INJ"
kind = "dose"
product = "serum"
route = "intramuscular"
source = "test"
[[activity]]
id = "Q"
kind = "assessment"
instrument = "EASI"
[[activity]]
id = "DRAW"
kind = "sample"
)" + draw_extra + tables,
                        "t.toml");
}

using testing::test_visit;

// "rule severity visit: message" for each finding of `rule` (all rules when empty).
std::vector<std::string> findings(const Protocol& p, const std::string& rule = "", const LintOptions& o = {}) {
  std::vector<std::string> out;
  for (const Finding& f : lint(p, o))
    if (rule.empty() || f.rule == rule)
      out.push_back(f.rule + " " + std::string{to_string(f.severity)} + " " + f.visit + ": " + f.message);
  return out;
}

using Strings = std::vector<std::string>;

TEST(Lint, WeeklyProtocolIsClean) {
  const Protocol p = protocol(test_visit("W0", "P0D", 0, 0) + test_visit("W1", "P1W", 1, 1) +
                              test_visit("W2", "P2W", 1, 1) + "[dosing]\nmin_gap = \"P5D\"\nsource = \"test\"\n");
  EXPECT_EQ(findings(p), Strings{});
}

TEST(LintVisitOrder, WarnsWhenDefinitionOrderDisagreesWithTargets) {
  const Protocol p = protocol(test_visit("W0", "P0D", 0, 0) + test_visit("W2", "P2W", 1, 1) +
                              test_visit("W1", "P1W", 1, 1));
  EXPECT_EQ(findings(p, "visit-order"),
            Strings{"visit-order warning W1: visit W1 (day 8) is defined after W2 (day 15) but comes before it: "
                    "keep the visits in chronological order"});
  const auto all = lint(p, {});
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].where.line, p.find_visit("W1")->where.line);
  EXPECT_EQ(all[0].where.file, "t.toml");
}

TEST(LintVisitOrder, ChainedVisitsAreOrderedByTheirTargets) {
  const Protocol p = protocol(test_visit("W0", "P0D", 0, 0) +
                              test_visit("FU", "P2W", 0, 0, R"("Q")", "after = \"W1\"\n") +
                              test_visit("W1", "P1W", 1, 1));
  EXPECT_EQ(findings(p, "visit-order"),
            Strings{"visit-order warning W1: visit W1 (day 8) is defined after FU (day 22) but comes before it: "
                    "keep the visits in chronological order"});
  EXPECT_EQ(findings(protocol(test_visit("W0", "P0D", 0, 0) + test_visit("W1", "P1W", 1, 1) +
                              test_visit("FU", "P2W", 0, 0, R"("Q")", "after = \"W1\"\n")),
                     "visit-order"),
            Strings{});
}

TEST(LintWindowOverlap, WarnsWhenConsecutiveWindowsShareDays) {
  // Offsets 7±4 and 14±4: days 4..12 and 11..19 share days 11 and 12.
  EXPECT_EQ(findings(protocol(test_visit("W1", "P1W", 4, 4, R"("Q")") + test_visit("W2", "P2W", 4, 4, R"("Q")")),
                     "window-overlap"),
            Strings{"window-overlap warning W2: the windows of W1 (days 4..12) and W2 (days 11..19) overlap: a "
                    "visit on days 11..12 could be either"});
  EXPECT_EQ(findings(protocol(test_visit("W1", "P1W", 3, 3, R"("Q")") + test_visit("W2", "P2W", 3, 3, R"("Q")")),
                     "window-overlap"),
            Strings{});
}

TEST(LintWindowGap, WarnsWhenDoseWindowsAllowLessThanMinGap) {
  const std::string dosing = "[dosing]\nmin_gap = \"P5D\"\nsource = \"test\"\n";
  // W0 on day 1; W1 as early as offset 4 (day 5): 4 days apart, min_gap 5.
  EXPECT_EQ(findings(protocol(test_visit("W0", "P0D", 0, 0) + test_visit("W1", "P1W", 3, 3) + dosing), "window-gap"),
            Strings{"window-gap warning W1: the windows of doses W0 (day 1) and W1 (days 5..11) allow them 4 days "
                    "apart, less than [dosing] min_gap (5 days)"});
  EXPECT_EQ(findings(protocol(test_visit("W0", "P0D", 0, 0) + test_visit("W1", "P1W", 2, 2) + dosing), "window-gap"),
            Strings{});
  // Without min_gap there is nothing to check; an assessment between doses does not count.
  EXPECT_EQ(findings(protocol(test_visit("W0", "P0D", 0, 0) + test_visit("W1", "P1W", 3, 3)), "window-gap"), Strings{});
}

const std::string kPublished = "[published]\nsource = \"test\"\n";

TEST(LintPublished, InjectionsMustMatchTheDoseVisits) {
  const std::string visits = test_visit("W0", "P0D", 0, 0) + test_visit("W1", "P1W", 1, 1) +
                             test_visit("W2", "P2W", 1, 1, R"("Q")");
  EXPECT_EQ(findings(protocol(visits + kPublished + "injections = 3\n"), "published-injections"),
            Strings{"published-injections error : injections: the schedule has 2 dose visits, [published] "
                    "injections = 3 (1 fewer)"});
  EXPECT_EQ(findings(protocol(visits + kPublished + "injections = 2\n")), Strings{});
}

TEST(LintPublished, TreatmentCountsTheWeeksThatContainDoses) {
  EXPECT_EQ(treatment_weeks(Days{0}), 1);
  EXPECT_EQ(treatment_weeks(Days{6}), 1);
  EXPECT_EQ(treatment_weeks(Days{7}), 2);
  EXPECT_EQ(treatment_weeks(Days{24}), 4);  // twice weekly, last dose on day 25: "4 weeks"
  EXPECT_EQ(treatment_weeks(Days{28}), 5);  // weekly at weeks 0-4
  const std::string visits = test_visit("W0", "P0D", 0, 0) + test_visit("W1", "P1W", 1, 1) +
                             test_visit("W2", "P2W", 1, 1);
  EXPECT_EQ(findings(protocol(visits + kPublished + "treatment = \"P2W\"\n"), "published-treatment"),
            Strings{"published-treatment error : treatment: doses in weeks 0-2 (last dose W2, day 15) make 3 weeks; "
                    "[published] treatment = 2 weeks (the schedule is 1 week longer)"});
  EXPECT_EQ(findings(protocol(visits + kPublished + "treatment = \"P21D\"\n")), Strings{});
}

TEST(LintPublished, FollowUpEndIsTheLastVisitsTarget) {
  const std::string visits = test_visit("W0", "P0D", 0, 0) + test_visit("FU8", "P8W", 3, 3, R"("Q")");
  EXPECT_EQ(findings(protocol(visits + kPublished + "follow_up_end = \"P9W\"\n"), "published-follow-up"),
            Strings{"published-follow-up error : follow_up_end: the last visit FU8 is on day 57, 8 weeks after Day 1; "
                    "[published] follow_up_end = 9 weeks (the schedule ends 1 week earlier)"});
  EXPECT_EQ(findings(protocol(visits + kPublished + "follow_up_end = \"P8W\"\n")), Strings{});
}

TEST(LintPublished, LengthCountsFromTheFirstVisit) {
  // Screening 2 weeks before Day 1, last visit at week 8: the participant's time in the trial is 10 weeks.
  const std::string visits = test_visit("SCR", "-P2W", 0, 0, R"("Q")") + test_visit("W0", "P0D", 0, 0) +
                             test_visit("FU8", "P8W", 3, 3, R"("Q")");
  EXPECT_EQ(findings(protocol(visits + kPublished + "length = \"P8W\"\n", "", 2), "published-length"),
            Strings{"published-length error : length: the schedule runs 10 weeks from its first visit SCR (day -14) "
                    "to its last FU8 (day 57); [published] length = 8 weeks (the schedule is 2 weeks longer)"});
  EXPECT_EQ(findings(protocol(visits + kPublished + "length = \"P10W\"\n", "", 2)), Strings{});
}

// Stated elements: arm A passes through SCRN (no duration) then T1 and T2, whose durations must add up to the
// span of its visits from W0 (the first visit of the treatment epoch) to W8.
Protocol element_protocol(const std::string& t2_duration) {
  return parse_protocol(R"(format = 2
[study]
id = "t"
[anchor]
event = "first dose"
[[arm]]
id = "A"
elements = ["SCRN", "T1", "T2"]
source = "test"
[[epoch]]
id = "screening"
[[epoch]]
id = "tx"
[[element]]
id = "SCRN"
epoch = "screening"
start_rule = "Informed consent"
source = "test"
[[element]]
id = "T1"
epoch = "tx"
start_rule = "First dose"
duration = "P2W"
source = "test"
[[element]]
id = "T2"
epoch = "tx"
start_rule = "Week 2"
duration = ")" + t2_duration +
                            R"("
source = "test"
[[activity]]
id = "INJ"
kind = "dose"
product = "serum"
route = "intramuscular"
source = "test"
[[visit]]
id = "SCR"
label = "Screening"
epoch = "screening"
at = "-P1W"
window = { early = "P0D", late = "P0D" }
activities = ["INJ"]
source = "test"
)" + test_visit("W0", "P0D", 0, 0) +
                            test_visit("W8", "P8W", 0, 0),
                        "t.toml");
}

TEST(LintElementDuration, StatedDurationsMustSpanTheArmsVisitsFromTheFirstTimedElement) {
  EXPECT_EQ(findings(element_protocol("P4W"), "element-duration"),
            Strings{"element-duration warning : arm A: its elements last 6 weeks (T1 P2W + T2 P4W) but its visits "
                    "from W0 (day 1) to W8 (day 57) span 8 weeks"});
  EXPECT_EQ(findings(element_protocol("P6W"), "element-duration"), Strings{});
}

// A primary assessment P (besides Q) and the visits W0 (INJ, P) and W8 (P, Q).
const std::string kPrimary = R"([[activity]]
id = "P"
kind = "assessment"
instrument = "SASSAD"
role = "primary"
source = "test"
)" + test_visit("W0", "P0D", 0, 0, R"("INJ", "P")") +
                             test_visit("W8", "P8W", 3, 3, R"("P", "Q")");

std::string endpoint(const std::string& activity, const std::string& visit, const std::string& extra = "") {
  return "[[endpoint]]\nid = \"E_" + activity + "\"\nactivity = \"" + activity + "\"\nvisit = \"" + visit +
         "\"\nrole = \"primary\"\nsource = \"test\"\n" + extra;
}

TEST(LintEndpoint, EveryPrimaryAssessmentNeedsATimepointInFormat2) {
  EXPECT_EQ(findings(protocol(kPrimary, "", 2), "endpoint-timepoint"),
            Strings{"endpoint-timepoint warning : activity P has role primary but no [[endpoint]] names the visit of "
                    "its read-out"});
  EXPECT_EQ(findings(protocol(kPrimary + endpoint("P", "W8"), "", 2)), Strings{});
  EXPECT_EQ(findings(protocol(kPrimary, "", 1), "endpoint-timepoint"), Strings{});  // format 1 cannot say it
}

TEST(LintEndpoint, PublishedTimepointIsTheVisitsTarget) {
  EXPECT_EQ(findings(protocol(kPrimary + endpoint("P", "W8", "published = \"P9W\"\n"), "", 2)),
            Strings{"endpoint-published error W8: endpoint E_P: P at W8 is planned on day 57, 8 weeks after Day 1; "
                    "its published timepoint is 9 weeks after Day 1 (the plan is 1 week earlier)"});
  EXPECT_EQ(findings(protocol(kPrimary + endpoint("P", "W8", "published = \"P56D\"\n"), "", 2)), Strings{});
}

LintOptions closed_weekends() {
  LintOptions o;
  o.calendar.close(date::Saturday);
  o.calendar.close(date::Sunday);
  return o;
}

TEST(LintFeasibility, NamesTheDay1WeekdaysThatLeaveAVisitNoOpenDay) {
  // Day 1 and day 4, no window: Day 1 on a Wednesday puts day 4 on a Saturday, Thursday on a Sunday. Only
  // closures refuse the day (no min_gap): the finding does not speak of the dose gap.
  const Protocol p = protocol(test_visit("W0", "P0D", 0, 0) + test_visit("D4", "P3D", 0, 0));
  EXPECT_EQ(findings(p, "feasibility", closed_weekends()),
            Strings{
                "feasibility warning D4: visit D4: no open day in its window when Day 1 is a Wed or Thu (site closed "
                "Sat, Sun)"});
  EXPECT_EQ(findings(p, "feasibility"), Strings{});  // every day open
  // A ±1-day window always reaches a weekday.
  EXPECT_EQ(findings(protocol(test_visit("W0", "P0D", 0, 0) + test_visit("D4", "P3D", 1, 1)), "feasibility",
                     closed_weekends()),
            Strings{});
}

TEST(LintFeasibility, IsAnErrorWhenNoDay1Works) {
  std::string visits;
  for (int d = 0; d < 6; ++d)
    visits += test_visit("D" + std::to_string(d + 1), "P" + std::to_string(d) + "D", 0, 0, R"("Q")");
  const auto f = findings(protocol(visits), "feasibility", closed_weekends());
  ASSERT_FALSE(f.empty());
  EXPECT_EQ(f.front(), "feasibility error : no possible Day 1 lets every visit be placed (site closed Sat, Sun)");
}

TEST(LintFeasibility, WithHolidaysTriesEveryOpenDayOfTheirYears) {
  LintOptions o;
  o.calendar.close(Date{2026_y / 3 / 2});
  // Week 1 without a window is closed only when Day 1 is 2026-02-23; 364 days of 2026 are open.
  EXPECT_EQ(findings(protocol(test_visit("W0", "P0D", 0, 0) + test_visit("W1", "P1W", 0, 0)), "feasibility", o),
            Strings{"feasibility warning W1: visit W1: no open day in its window for 1 of 364 possible Day-1 dates "
                    "(site on the holidays of 2026), e.g. Day 1 on 2026-02-23"});
  EXPECT_EQ(findings(protocol(test_visit("W0", "P0D", 0, 0) + test_visit("W1", "P1W", 1, 1)), "feasibility", o),
            Strings{});
}

TEST(LintFeasibility, NoWordOfTheDoseGapForAVisitWithoutDoses) {
  // An assessment on day 4 (no window) in a protocol with a dose gap: only the weekend refuses it.
  const Protocol p = protocol(test_visit("W0", "P0D", 0, 0) + test_visit("A4", "P3D", 0, 0, R"("Q")") +
                              "[dosing]\nmin_gap = \"P2D\"\nsource = \"test\"\n");
  EXPECT_EQ(findings(p, "feasibility", closed_weekends()),
            Strings{
                "feasibility warning A4: visit A4: no open day in its window when Day 1 is a Wed or Thu (site closed "
                "Sat, Sun)"});
}

TEST(LintFeasibility, CountsTheDoseGap) {
  // Doses on days 1 and 3 (±1) with min_gap 2: Day 1 on a Thursday leaves day 3 = Saturday, Friday is 1 day
  // after Day 1 and Sunday is closed, so only Monday (4 days) would do, outside the window.
  const Protocol p = protocol(test_visit("W0", "P0D", 0, 0) + test_visit("D3", "P2D", 1, 1) +
                              "[dosing]\nmin_gap = \"P2D\"\nsource = \"test\"\n");
  EXPECT_EQ(findings(p, "feasibility", closed_weekends()),
            Strings{"feasibility warning D3: visit D3: no open day in its window that keeps the dose gap when Day 1 "
                    "is a Thu (site closed Sat, Sun)"});
}

TEST(LintPreparation, DrawMustPrecedeTheFirstDoseByItsLeadTime) {
  const std::string prepares = "prepares = \"INJ\"\nlead_time = \"P7D\"\n";
  // Screening at day -7 with up to 2 days late: as late as day -5, 5 days before Day 1.
  EXPECT_EQ(findings(protocol(test_visit("SCR", "-P1W", 0, 2, R"("DRAW")") + test_visit("W0", "P0D", 0, 0), prepares),
                     "preparation"),
            Strings{"preparation error SCR: DRAW at SCR (latest day -5) can be 5 days before the first INJ at W0 "
                    "(earliest day 1); its lead_time needs 1 week"});
  EXPECT_EQ(findings(protocol(test_visit("SCR", "-P1W", 3, 0, R"("DRAW")") + test_visit("W0", "P0D", 0, 0), prepares)),
            Strings{});
  EXPECT_EQ(findings(protocol(test_visit("W0", "P0D", 0, 0, R"("INJ", "DRAW")"), prepares), "preparation"),
            Strings{"preparation error W0: DRAW at W0 (latest day 1) can be 0 days before the first INJ at W0 "
                    "(earliest day 1); its lead_time needs 1 week"});
}

TEST(LintAccept, AcceptedFindingsBecomeInfoWithTheReason) {
  const std::string visits = test_visit("W0", "P0D", 0, 0) + test_visit("W1", "P1W", 1, 1);
  const Protocol p = protocol(visits + kPublished +
                              "injections = 3\n[[lint.accept]]\nrule = \"published-injections\""
                              "\nreason = \"the paper counts a test dose\"\n");
  EXPECT_EQ(findings(p), Strings{"published-injections info : injections: the schedule has 2 dose visits, "
                                 "[published] injections = 3 (1 fewer) (accepted: the paper counts a test dose)"});
}

TEST(LintAccept, AnAcceptanceForAnotherVisitDoesNotMatchAndIsReported) {
  const Protocol p = protocol(test_visit("W0", "P0D", 0, 0) + test_visit("W2", "P2W", 1, 1) +
                              test_visit("W1", "P1W", 1, 1) +
                              "[[lint.accept]]\nrule = \"visit-order\"\nvisit = \"W2\"\nreason = \"r\"\n");
  EXPECT_EQ(findings(p),
            (Strings{"visit-order warning W1: visit W1 (day 8) is defined after W2 (day 15) but comes before it: "
                     "keep the visits in chronological order",
                     "lint-accept warning W2: [[lint.accept]] of rule visit-order for visit W2 matches no finding: "
                     "remove it"}));
}

TEST(Lint, FindingsOfSomeArmsNameThem) {
  const Protocol p = testing::test_protocol(test_visit("W0", "P0D", 0, 0) +
                                            test_visit("W1", "P1W", 1, 1, R"("INJ")", "arms = [\"B\"]\n") + kPublished +
                                            "injections = 1\nfollow_up_end = \"P2W\"\n");
  EXPECT_EQ(findings(p),
            (Strings{"published-injections error : arm B: injections: the schedule has 2 dose visits, [published] "
                     "injections = 1 (1 more)",
                     "published-follow-up error : arm A: follow_up_end: the last visit W0 is on day 1, 0 days after "
                     "Day 1; [published] follow_up_end = 2 weeks (the schedule ends 2 weeks earlier)",
                     "published-follow-up error : arm B: follow_up_end: the last visit W1 is on day 8, 1 week after "
                     "Day 1; [published] follow_up_end = 2 weeks (the schedule ends 1 week earlier)"}));
}

}  // namespace
}  // namespace planner
