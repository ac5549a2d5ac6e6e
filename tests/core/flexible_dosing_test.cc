// Flexible dosing rules: place_doses against a brute-force reference that tries every placement on small random
// calendars, and the scheduler placing a [[dose_rule]]'s doses as visits.
#include "planner/core/flexible_dosing.h"

#include <gtest/gtest.h>
#include <random>
#include <set>

#include "planner/core/scheduler.h"
#include "planner/core/visit_check.h"
#include "test_protocol.h"

namespace planner {
namespace {

using namespace date::literals;

const Date kFirst{2026_y / 1 / 5};

// The most doses any placement puts on the allowed days of a `span`-day span, consecutive doses at least
// `gap` apart (up to `count`): every subset of the days, tried.
int most_placeable(const std::vector<bool>& allowed, int gap, int count) {
  const int span = static_cast<int>(allowed.size());
  int best = 0;
  for (unsigned mask = 0; mask < (1u << span); ++mask) {
    int n = 0, previous = -1000;
    bool ok = true;
    for (int d = 0; d < span && ok; ++d) {
      if (!(mask & (1u << d))) continue;
      ok = allowed[static_cast<std::size_t>(d)] && d - previous >= gap;
      previous = d;
      ++n;
    }
    if (ok) best = std::max(best, std::min(n, count));
  }
  return best;
}

TEST(PlaceDoses, FindsAPlacementWheneverOneExistsAndObeysEveryRule) {
  std::mt19937 rng{8};
  int fits = 0, does_not_fit = 0;
  for (int round = 0; round < 3000; ++round) {
    const int span = 1 + static_cast<int>(rng() % 12), count = 1 + static_cast<int>(rng() % 5);
    const int gap = 1 + static_cast<int>(rng() % 4);
    std::vector<bool> open(static_cast<std::size_t>(span));
    for (auto&& o : open) o = rng() % 3 != 0;
    const auto allowed = [&](Date d) { return open[static_cast<std::size_t>((d - kFirst).count())]; };
    const Date last = kFirst + Days{span - 1};
    const std::vector<std::optional<Date>> got = place_doses(kFirst, last, spread_targets(kFirst, span, count), gap,
                                                             allowed);
    ASSERT_EQ(got.size(), static_cast<std::size_t>(count));
    const int best = most_placeable(open, gap, count);
    int placed = 0;
    std::optional<Date> previous;
    for (const auto& d : got) {
      if (!d) continue;
      ++placed;
      EXPECT_TRUE(*d >= kFirst && *d <= last && allowed(*d));
      if (previous) EXPECT_GE((*d - *previous).count(), gap);
      previous = d;
    }
    // Placed doses come first: once one is unplaceable, the rest are too.
    for (std::size_t i = 1; i < got.size(); ++i)
      if (!got[i - 1]) EXPECT_FALSE(got[i]);
    EXPECT_EQ(placed, best) << "round " << round << " span " << span << " count " << count << " gap " << gap;
    (best == count ? fits : does_not_fit)++;
  }
  EXPECT_GT(fits, 100);  // both cases are exercised
  EXPECT_GT(does_not_fit, 100);
}

TEST(PlaceDoses, PutsEachDoseOnItsEvenlySpreadTargetWhenTheDayIsFree) {
  // The header's example: 8 doses within 28 days from Mon 2026-01-05, 3 days apart, weekends closed.
  const auto weekday = [](Date d) { return date::weekday{d} != date::Saturday && date::weekday{d} != date::Sunday; };
  const std::vector<Date> targets = spread_targets(kFirst, 28, 8);
  std::vector<std::string> got;
  for (const auto& d : place_doses(kFirst, kFirst + Days{27}, targets, 3, weekday))
    got.push_back(date::format("%F", *d));
  EXPECT_EQ(got, (std::vector<std::string>{"2026-01-05", "2026-01-08", "2026-01-12", "2026-01-15", "2026-01-19",
                                           "2026-01-22", "2026-01-26", "2026-01-29"}));
  const auto closed_08 = [&](Date d) { return weekday(d) && d != Date{2026_y / 1 / 8}; };
  EXPECT_EQ(date::format("%F", *place_doses(kFirst, kFirst + Days{27}, targets, 3, closed_08)[1]), "2026-01-09");
}

// 4 doses within 10 days, at least 3 days apart, from Day 1.
Protocol rule_protocol() {
  return testing::test_protocol(
      "[[dose_rule]]\nid = \"D{n}\"\nlabel = \"Dose {n}\"\nepoch = \"tx\"\nactivities = [\"INJ\"]\ncount = 4\n"
      "within = \"P10D\"\nmin_gap = \"P3D\"\nsource = \"test\"\n");
}

TEST(DoseRule, ExpandsIntoVisitsWithTheSpanAsWindow) {
  const Protocol p = rule_protocol();
  ASSERT_EQ(p.visits.size(), 4u);
  ASSERT_EQ(p.dose_rules.size(), 1u);
  // Targets at floor(i x 10 / 4) = 0, 2, 5, 7 days; each window reaches from day +0 to day +9.
  std::vector<std::string> got;
  for (const Visit& v : p.visits)
    got.push_back(v.id + " " + v.label + " +" + std::to_string(v.at.exact_days()->count()) + " -" +
                  std::to_string(v.window.early.exact_days()->count()) + "/+" +
                  std::to_string(v.window.late.exact_days()->count()));
  EXPECT_EQ(got, (std::vector<std::string>{"D1 Dose 1 +0 -0/+9", "D2 Dose 2 +2 -2/+7", "D3 Dose 3 +5 -5/+4",
                                           "D4 Dose 4 +7 -7/+2"}));
}

// The scheduler on random site calendars: the rule's doses are placed whenever the brute force finds a
// placement, obey the span and the gap, and the unplaceable ones are conflicts with a reason for every day.
TEST(DoseRule, SchedulerPlacesTheDosesWheneverAPlacementExists) {
  const Protocol p = rule_protocol();
  std::mt19937 rng{15};
  for (int round = 0; round < 500; ++round) {
    SiteCalendar c;
    std::vector<bool> open(10, true);
    for (std::size_t d = 0; d < open.size(); ++d)
      if (rng() % 3 == 0) {
        open[d] = false;
        c.close(kFirst + Days{static_cast<long>(d)});
      }
    std::vector<Conflict> conflicts;
    PlanRequest request{kFirst, "A", &c};
    request.conflicts = &conflicts;
    const std::vector<PlannedVisit> visits = plan(p, request);
    ASSERT_EQ(visits.size(), 4u);
    const int best = most_placeable(open, 3, 4);
    std::vector<Date> placed;
    for (const PlannedVisit& v : visits)
      if (v.status != VisitStatus::conflict) placed.push_back(v.scheduled);
    EXPECT_EQ(static_cast<int>(placed.size()), best) << "round " << round;
    for (std::size_t i = 0; i < placed.size(); ++i) {
      EXPECT_TRUE(c.is_open(placed[i]));
      EXPECT_TRUE(placed[i] >= kFirst && placed[i] <= kFirst + Days{9});
      if (i > 0) EXPECT_GE((placed[i] - placed[i - 1]).count(), 3);
    }
    ASSERT_EQ(conflicts.size(), static_cast<std::size_t>(4 - best));
    for (const Conflict& x : conflicts) EXPECT_EQ(x.days.size(), 10u) << "every day of the span has a reason";
  }
}

TEST(DoseRule, CanStartAfterAVisit) {
  const Protocol p = testing::test_protocol(
      testing::test_visit("SCR", "P0D", 0, 0, R"("Q")") +
      "[[dose_rule]]\nid = \"D{n}\"\nlabel = \"Dose {n}\"\nepoch = \"tx\"\nactivities = [\"INJ\"]\ncount = 2\n"
      "within = \"P7D\"\nmin_gap = \"P3D\"\nafter = \"SCR\"\nstart = \"P7D\"\nsource = \"test\"\n");
  const std::vector<PlannedVisit> visits = plan(p, PlanRequest{kFirst, "A"});
  ASSERT_EQ(visits.size(), 3u);
  // Span from SCR + 7 days (2026-01-12) for 7 days; targets +0 and +3.
  EXPECT_EQ(date::format("%F", visits[1].scheduled), "2026-01-12");
  EXPECT_EQ(date::format("%F", visits[2].scheduled), "2026-01-15");
  EXPECT_EQ(date::format("%F", visits[2].latest), "2026-01-18");
}

TEST(DoseRule, CheckFlagsAGapShorterThanTheRuleAndADoseOutsideTheSpan) {
  const Protocol p = rule_protocol();
  const Subject s{"S1", "A", "KR01", kFirst};
  // D1 on day +0, D2 on day +2 (2 days after D1: less than 3), D3 on day +6, D4 on day +12 (the span ends on +9).
  const std::vector<ActualVisit> actuals{{"S1", "D1", kFirst, 1},
                                         {"S1", "D2", kFirst + Days{2}, 2},
                                         {"S1", "D3", kFirst + Days{6}, 3},
                                         {"S1", "D4", kFirst + Days{12}, 4}};
  std::vector<std::string> got;
  for (const VisitCheck& c : check_subject(p, s, actuals, std::nullopt))
    got.push_back(c.visit + " " + std::string{to_string(c.verdict)});
  EXPECT_EQ(got, (std::vector<std::string>{"D1 in-window", "D2 dose-gap", "D3 in-window", "D4 late"}));
}

}  // namespace
}  // namespace planner
