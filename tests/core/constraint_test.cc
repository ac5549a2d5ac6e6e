// Constraints between activities: the pairing rule, the judgement of a gap, and what lint, the scheduler and
// check do with a [[constraint]] -- lint and the scheduler each against a brute-force reference on random
// windows and calendars.
#include "planner/core/constraint.h"

#include <gtest/gtest.h>

#include <random>

#include "planner/core/lint.h"
#include "planner/core/scheduler.h"
#include "planner/core/visit_check.h"
#include "test_protocol.h"

namespace planner {
namespace {

using namespace date::literals;
using testing::test_protocol;
using testing::test_visit;

const std::string kDraw = "[[activity]]\nid = \"DRAW\"\nkind = \"sample\"\n";

// [[constraint]] C from DRAW to INJ with the given bounds lines (e.g. "max = \"P10D\"\n").
std::string constraint(const std::string& bounds, const std::string& first = "DRAW", const std::string& then = "INJ",
                       const std::string& extra = "") {
  return "[[constraint]]\nid = \"C\"\nkind = \"storage\"\nfirst = \"" + first + "\"\nthen = \"" + then + "\"\n" +
         bounds + extra + "assumed = \"test\"\n";
}

std::string ids(const Protocol& p, const std::vector<ConstraintPair>& pairs) {
  std::string out;
  for (const ConstraintPair& pair : pairs)
    out += (out.empty() ? "" : " ") + p.visits[pair.first].id + ">" + p.visits[pair.then].id;
  return out;
}

TEST(ConstraintPairs, EachThenWithTheLatestFirstAtOrBeforeIt) {
  // Draws at SCR and W2 (W2 also doses); doses W0..W3. W0, W1 pair with SCR; W2 with itself; W3 with W2.
  const Protocol p = test_protocol(kDraw + test_visit("W0", "P0D", 0, 0) +
                                   test_visit("SCR", "-P2W", 0, 0, R"("DRAW")") + test_visit("W1", "P1W", 0, 0) +
                                   test_visit("W2", "P2W", 0, 0, R"("DRAW", "INJ")") + test_visit("W3", "P3W", 0, 0) +
                                   constraint("max = \"P30D\"\n"));
  EXPECT_EQ(ids(p, constraint_pairs(p, "A")), "SCR>W0 SCR>W1 W2>W2 W2>W3");
}

TEST(ConstraintPairs, TheSameActivityPairsEachOccurrenceWithThePreviousOne) {
  const Protocol p = test_protocol(test_visit("W0", "P0D", 0, 0) + test_visit("W1", "P1W", 0, 0) +
                                   test_visit("W2", "P2W", 0, 0) + constraint("min = \"P5D\"\n", "INJ", "INJ"));
  EXPECT_EQ(ids(p, constraint_pairs(p, "A")), "W0>W1 W1>W2");
}

TEST(ConstraintPairs, PinnedVisitsAndArms) {
  const Protocol p = test_protocol(
      kDraw + test_visit("SCR", "-P2W", 0, 0, R"("DRAW")") + test_visit("W0", "P0D", 0, 0, R"("DRAW", "INJ")") +
      test_visit("W1", "P1W", 0, 0, R"("INJ")", "arms = [\"B\"]\n") + test_visit("W2", "P2W", 0, 0) +
      constraint("min = \"P14D\"\n", "DRAW", "INJ", "first_visit = \"SCR\"\n"));
  // Pinned to SCR: W0's own draw does not count; arm A has no W1.
  EXPECT_EQ(ids(p, constraint_pairs(p, "A")), "SCR>W0 SCR>W2");
  EXPECT_EQ(ids(p, constraint_pairs(p, "B")), "SCR>W0 SCR>W1 SCR>W2");
  const Protocol then_pinned = test_protocol(kDraw + test_visit("SCR", "-P2W", 0, 0, R"("DRAW")") +
                                             test_visit("W0", "P0D", 0, 0) + test_visit("W1", "P1W", 0, 0) +
                                             constraint("min = \"P14D\"\n", "DRAW", "INJ", "then_visit = \"W1\"\n"));
  EXPECT_EQ(ids(then_pinned, constraint_pairs(then_pinned, "A")), "SCR>W1");
}

TEST(ConstraintPairs, AThenWithNoFirstBeforeItHasNoPair) {
  const Protocol p = test_protocol(kDraw + test_visit("W0", "P0D", 0, 0) + test_visit("W1", "P1W", 0, 0, R"("DRAW")") +
                                   constraint("max = \"P7D\"\n"));
  EXPECT_EQ(ids(p, constraint_pairs(p, "A")), "");
}

TEST(ConstraintGap, MinAndMaxAreInclusive) {
  const Protocol p = test_protocol(kDraw + test_visit("SCR", "-P4W", 0, 0, R"("DRAW")") +
                                   test_visit("W0", "P0D", 0, 0) + constraint("min = \"P28D\"\nmax = \"P35D\"\n"));
  const Constraint& c = p.constraints[0];
  const ConstraintPair pair{0, 0, 1};
  EXPECT_EQ(judge_gap(c, pair, Days{28}), std::nullopt);
  EXPECT_EQ(judge_gap(c, pair, Days{35}), std::nullopt);
  EXPECT_EQ(judge_gap(c, pair, Days{21}), (ConstraintBreach{pair, Days{21}, Days{7}, true}));
  EXPECT_EQ(judge_gap(c, pair, Days{38}), (ConstraintBreach{pair, Days{38}, Days{3}, false}));
  EXPECT_EQ(judge_gap(c, pair, Days{-2}), (ConstraintBreach{pair, Days{-2}, Days{30}, true}));
  EXPECT_EQ(constraint_bounds(c), "28..35 days");
}

TEST(ConstraintGap, BrokenConstraintsFromDates) {
  const Protocol p = test_protocol(kDraw + test_visit("SCR", "-P2W", 0, 0, R"("DRAW")") +
                                   test_visit("W0", "P0D", 0, 0) + test_visit("W1", "P1W", 0, 0) +
                                   constraint("max = \"P20D\"\n"));
  const std::map<std::size_t, Date> dates{{0, 2026_y / 1 / 1}, {1, 2026_y / 1 / 15}, {2, 2026_y / 1 / 24}};
  const auto broken = broken_constraints(p, "A", dates);
  ASSERT_EQ(broken.size(), 1u);
  EXPECT_EQ(broken[0], (ConstraintBreach{{0, 0, 2}, Days{23}, Days{3}, false}));
  // A visit without a date is not judged.
  EXPECT_TRUE(broken_constraints(p, "A", {{0, 2026_y / 1 / 1}, {1, 2026_y / 1 / 15}}).empty());
}

std::vector<Finding> constraint_findings(const Protocol& p) {
  std::vector<Finding> out;
  for (Finding& f : lint(p, LintOptions{}))
    if (f.rule == "constraint") out.push_back(std::move(f));
  return out;
}

TEST(ConstraintLint, TargetsThatBreakItAreAnError) {
  const Protocol p = test_protocol(kDraw + test_visit("SCR", "-P3W", 0, 0, R"("DRAW")") +
                                   test_visit("W0", "P0D", 0, 0) + constraint("min = \"P28D\"\n"));
  const auto f = constraint_findings(p);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::error);
  EXPECT_EQ(f[0].visit, "W0");
  EXPECT_EQ(f[0].message,
            "constraint C (storage, INJ at least 28 days after DRAW): at their targets SCR (day -21) and W0 (day 1) "
            "are 3 weeks apart, 1 week too few");
}

TEST(ConstraintLint, WindowsThatAllowABreachAreAWarning) {
  const Protocol p = test_protocol(kDraw + test_visit("SCR", "-P4W", 3, 2, R"("DRAW")") +
                                   test_visit("W0", "P0D", 1, 1) + constraint("min = \"P28D\"\nmax = \"P30D\"\n"));
  const auto f = constraint_findings(p);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].severity, Severity::warning);
  EXPECT_EQ(f[0].message,
            "constraint C (storage, INJ 28..30 days after DRAW): the windows of SCR (days -31..-26) to W0 (days "
            "-1..2) allow SCR on day -26 and W0 on day -1, 25 days apart, 3 days too few");
  EXPECT_EQ(f[1].message,
            "constraint C (storage, INJ 28..30 days after DRAW): the windows of SCR (days -31..-26) to W0 (days "
            "-1..2) allow SCR on day -31 and W0 on day 2, 32 days apart, 2 days too many");
}

TEST(ConstraintLint, AcceptedFindingsBecomeInfo) {
  const Protocol p = test_protocol(
      kDraw + test_visit("SCR", "-P3W", 0, 0, R"("DRAW")") + test_visit("W0", "P0D", 0, 0) +
      constraint("min = \"P28D\"\n") +
      "[[lint.accept]]\nrule = \"constraint\"\nvisit = \"W0\"\nreason = \"the washout is checked at screening\"\n");
  const auto f = constraint_findings(p);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::info);
}

// The lint rule against every pair of days the two windows allow.
TEST(ConstraintLint, AgreesWithBruteForceOnRandomWindows) {
  std::mt19937 random{20261130};
  for (int round = 0; round < 400; ++round) {
    const auto r = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
    const int a = r(30) - 40, b = a + r(50) - 10, e1 = r(5), l1 = r(5), e2 = r(5), l2 = r(5);
    std::optional<int> min = r(3) ? std::optional<int>{r(40)} : std::nullopt;
    std::optional<int> max = !min || r(2) ? std::optional<int>{min.value_or(0) + r(20)} : std::nullopt;
    std::string bounds = min ? "min = \"P" + std::to_string(*min) + "D\"\n" : "";
    bounds += max ? "max = \"P" + std::to_string(*max) + "D\"\n" : "";
    const auto at = [](int offset) { return (offset < 0 ? "-P" : "P") + std::to_string(std::abs(offset)) + "D"; };
    const Protocol p = test_protocol(kDraw + test_visit("F", at(a), e1, l1, R"("DRAW")") +
                                     test_visit("T", at(b), e2, l2) + constraint(bounds));
    const auto breaks = [&](int gap) { return (min && gap < *min) || (max && gap > *max); };
    bool some = false;
    const bool paired = a <= b;  // F is defined first: it pairs with T when not planned after it
    for (int f = a - e1; f <= a + l1 && paired; ++f)
      for (int t = b - e2; t <= b + l2; ++t) some = some || breaks(t - f);
    const auto found = constraint_findings(p);
    const bool error = std::any_of(found.begin(), found.end(),
                                   [](const Finding& x) { return x.severity == Severity::error; });
    ASSERT_EQ(!found.empty(), some) << "round " << round << " " << bounds << " F " << a << " T " << b;
    ASSERT_EQ(error, paired && breaks(b - a)) << "round " << round;
  }
}

TEST(ConstraintScheduling, ADayThatBreaksItIsRefusedWithTheConstraintAsReason) {
  // DRAW at SCR (day -14, window ±3); INJ at W0 (day 1, window 0/5) at most 14 days after the draw. Day 1 is
  // 2026-01-05: SCR targets 2025-12-22, closed, so it moves to 2025-12-21 (earlier); W0 on 01-05 would be
  // 15 days after the draw: refused, and no day of W0's window is 14 days or less after it: conflict.
  const Protocol p = test_protocol(kDraw + test_visit("SCR", "-P2W", 3, 3, R"("DRAW")") +
                                   test_visit("W0", "P0D", 0, 5) + constraint("max = \"P14D\"\n"));
  SiteCalendar cal;
  cal.close(Date{2025_y / 12 / 22});
  std::vector<Conflict> conflicts;
  const auto visits = plan(p, PlanRequest{2026_y / 1 / 5, "A", &cal, Prefer::earlier, nullptr, nullptr, &conflicts});
  EXPECT_EQ(visits[0].scheduled, Date{2025_y / 12 / 21});
  EXPECT_EQ(visits[1].status, VisitStatus::conflict);
  ASSERT_EQ(conflicts.size(), 1u);
  ASSERT_EQ(conflicts[0].days.size(), 6u);
  const Blocked& b = conflicts[0].days[0];
  EXPECT_EQ(b.why, Blocked::Why::constraint);
  EXPECT_EQ(b.constraint, 0u);
  EXPECT_EQ(b.other_visit, 0u);
  EXPECT_EQ(b.dose, Date{2025_y / 12 / 21});
  // Prefer later: SCR moves to 12-23, 13 days before Day 1: W0 stays on its target.
  const auto later = plan(p, PlanRequest{2026_y / 1 / 5, "A", &cal, Prefer::later});
  EXPECT_EQ(later[0].scheduled, Date{2025_y / 12 / 23});
  EXPECT_EQ(later[1].scheduled, Date{2026_y / 1 / 5});
  EXPECT_EQ(later[1].status, VisitStatus::planned);
}

// The scheduler against the placement rule written the slow way: the draw placed first (nearest open day),
// then each dose on the nearest open day of its window whose gap to the draw keeps the constraint.
TEST(ConstraintScheduling, AgreesWithBruteForceOnRandomCalendars) {
  std::mt19937 random{20261131};
  for (int round = 0; round < 200; ++round) {
    const auto r = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
    const int draw_at = -(r(20) + 1), draw_w = r(4), every = 1 + r(7), count = 1 + r(8), dose_w = r(4);
    const std::optional<int> min = r(2) ? std::optional<int>{r(15)} : std::nullopt;
    const std::optional<int> max = !min || r(2) ? std::optional<int>{min.value_or(0) + r(40)} : std::nullopt;
    std::string bounds = min ? "min = \"P" + std::to_string(*min) + "D\"\n" : "";
    bounds += max ? "max = \"P" + std::to_string(*max) + "D\"\n" : "";
    const Protocol p = test_protocol(
        kDraw + test_visit("SCR", "-P" + std::to_string(-draw_at) + "D", draw_w, draw_w, R"("DRAW")") +
        "[[series]]\nid = \"V{n}\"\nlabel = \"V{n}\"\nepoch = \"tx\"\nstart = \"P0D\"\nevery = \"P" +
        std::to_string(every) + "D\"\ncount = " + std::to_string(count) + "\nwindow = { early = \"P" +
        std::to_string(dose_w) + "D\", late = \"P" + std::to_string(dose_w) +
        "D\" }\nactivities = [\"INJ\"]\nsource = \"test\"\n" + constraint(bounds));
    SiteCalendar cal;
    const Date day1 = Date{2027_y / 1 / 1} + Days{r(365)};
    for (int h = 0; h < 40; ++h) cal.close(day1 + Days{r(100) - 30});
    const Prefer prefer = r(2) ? Prefer::earlier : Prefer::later;
    const auto nearest = [&](Date target, int early, int late, const auto& keeps) -> std::pair<Date, VisitStatus> {
      for (int k = 0; k <= std::max(early, late); ++k) {
        const Date first = prefer == Prefer::earlier ? target - Days{k} : target + Days{k};
        const Date second = prefer == Prefer::earlier ? target + Days{k} : target - Days{k};
        for (const Date d : {first, second})
          if (d >= target - Days{early} && d <= target + Days{late} && cal.is_open(d) && keeps(d))
            return {d, k == 0 ? VisitStatus::planned : VisitStatus::shifted};
      }
      return {target, VisitStatus::conflict};
    };
    const auto visits = plan(p, PlanRequest{day1, "A", &cal, prefer});
    std::map<std::string, PlannedVisit> by_id;
    for (const PlannedVisit& pv : visits) by_id.emplace(p.visits[pv.visit].id, pv);
    const auto draw = nearest(day1 + Days{draw_at}, draw_w, draw_w, [](Date) { return true; });
    ASSERT_EQ(by_id.at("SCR").scheduled, draw.first) << "round " << round;
    for (int n = 1; n <= count; ++n) {
      const auto keeps = [&](Date d) {
        const long gap = (d - draw.first).count();
        return (!min || gap >= *min) && (!max || gap <= *max);
      };
      const auto dose = nearest(day1 + Days{(n - 1) * every}, dose_w, dose_w, keeps);
      const PlannedVisit& pv = by_id.at("V" + std::to_string(n));
      ASSERT_EQ(pv.scheduled, dose.first) << "round " << round << " V" << n << " " << bounds;
      ASSERT_EQ(pv.status, dose.second) << "round " << round << " V" << n;
    }
  }
}

TEST(ConstraintCheck, ARecordThatBreaksItGetsTheVerdictAndTheGap) {
  const Protocol p = test_protocol(kDraw + test_visit("SCR", "-P4W", 7, 7, R"("DRAW")") +
                                   test_visit("W0", "P0D", 0, 3) + test_visit("W1", "P1W", 2, 2) +
                                   constraint("min = \"P28D\"\n", "DRAW", "INJ", "then_visit = \"W0\"\n"));
  const Subject s{"S1", "A", "", Date{2026_y / 1 / 5}};
  // SCR on 12-15 (day -21, in its window), W0 on 01-06: 22 days after the draw, 6 days too few.
  const std::vector<ActualVisit> log{{"S1", "SCR", 2025_y / 12 / 15, 2},
                                     {"S1", "W0", 2026_y / 1 / 6, 3},
                                     {"S1", "W1", 2026_y / 1 / 12, 4}};
  const auto rows = check_subject(p, s, log, std::nullopt);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].verdict, Verdict::in_window);
  EXPECT_EQ(rows[1].verdict, Verdict::constraint);
  ASSERT_TRUE(rows[1].breach);
  EXPECT_EQ(*rows[1].breach, (ConstraintBreach{{0, 0, 1}, Days{22}, Days{6}, true}));
  EXPECT_EQ(rows[2].verdict, Verdict::in_window);  // W1 is not pinned
  // Drawn on 12-08 instead: 29 days, kept.
  const std::vector<ActualVisit> kept{{"S1", "SCR", 2025_y / 12 / 8, 2}, {"S1", "W0", 2026_y / 1 / 6, 3}};
  EXPECT_EQ(check_subject(p, s, kept, std::nullopt)[1].verdict, Verdict::in_window);
}

}  // namespace
}  // namespace planner
