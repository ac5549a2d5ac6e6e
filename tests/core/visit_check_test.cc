#include "planner/core/visit_check.h"

#include <gtest/gtest.h>

#include "test_protocol.h"

namespace planner {
namespace {

using namespace date::literals;
using testing::test_protocol;
using testing::test_visit;

// V0 Day 1 (dose, 0/0), V1 day 8 (dose, ±1), V2 day 15 (assessment, ±2), min gap 3 days; arm A.
const Protocol& protocol() {
  static const Protocol p = test_protocol(
      test_visit("V0", "P0D", 0, 0) + test_visit("V1", "P1W", 1, 1) + test_visit("V2", "P2W", 2, 2, R"("Q")") +
      test_visit("SCR", "-P2W", 7, 7, R"("Q")") + "[dosing]\nmin_gap = \"P3D\"\nassumed = \"test\"\n");
  return p;
}
const Subject kSubject{"S1", "A", "", Date{2026_y / 1 / 5}};

using Row = std::tuple<std::string, std::string, std::optional<long>>;  // visit, verdict, deviation
std::vector<Row> check(const std::vector<std::pair<std::string, Date>>& log, std::optional<Date> as_of = {}) {
  std::vector<ActualVisit> actuals;
  actuals.reserve(log.size());
  int line = 2;
  for (const auto& [visit, date] : log) actuals.push_back({"S1", visit, date, line++});
  const std::vector<VisitCheck> rows = check_subject(protocol(), kSubject, actuals, as_of);
  std::vector<Row> out;
  out.reserve(rows.size());
  for (const VisitCheck& c : rows)
    out.emplace_back(c.visit, std::string{to_string(c.verdict)},
                     c.deviation ? std::optional<long>{c.deviation->count()} : std::nullopt);
  return out;
}

TEST(VisitCheck, InWindowEarlyLateWithDeviationInDays) {
  EXPECT_EQ(check({{"V0", 2026_y / 1 / 5}, {"V1", 2026_y / 1 / 13}, {"V2", 2026_y / 1 / 22}}),
            (std::vector<Row>{{"V0", "in-window", 0}, {"V1", "in-window", 1}, {"V2", "late", 3}}));
  EXPECT_EQ(check({{"V0", 2026_y / 1 / 5}, {"V1", 2026_y / 1 / 10}}),
            (std::vector<Row>{{"V0", "in-window", 0}, {"V1", "early", -2}}));
}

TEST(VisitCheck, MissedOnlyOnceTheWindowClosedBeforeTheAsOfDate) {
  // V2's window is 01-17..01-21: not missed as of 01-21, missed as of 01-22.
  const std::vector<std::pair<std::string, Date>> log{{"SCR", 2025_y / 12 / 22},
                                                      {"V0", 2026_y / 1 / 5},
                                                      {"V1", 2026_y / 1 / 12}};
  EXPECT_EQ(check(log, Date{2026_y / 1 / 21}).size(), 3u);
  EXPECT_EQ(check(log, Date{2026_y / 1 / 22}).back(), (Row{"V2", "missed", std::nullopt}));
  EXPECT_EQ(check(log).size(), 3u);  // no as-of date: nothing is missed
}

TEST(VisitCheck, DuplicatesUnknownVisitsOrderGapsAndDatesOutsideTheStudy) {
  EXPECT_EQ(check({{"V0", 2026_y / 1 / 5}, {"V0", 2026_y / 1 / 5}, {"ZZ", 2026_y / 1 / 6}}),
            (std::vector<Row>{{"V0", "in-window", 0},
                              {"V0", "duplicate", 0},
                              {"ZZ", "not-in-protocol", std::nullopt}}));
  // V1 done late (01-18), V2 in its window but a day before it (01-17): V2 is out of order.
  EXPECT_EQ(check({{"V0", 2026_y / 1 / 5}, {"V1", 2026_y / 1 / 18}, {"V2", 2026_y / 1 / 17}}),
            (std::vector<Row>{{"V0", "in-window", 0}, {"V1", "late", 6}, {"V2", "out-of-order", -2}}));
  EXPECT_EQ(check({{"V1", 2026_y / 1 / 4}}), (std::vector<Row>{{"V1", "before-day1", -8}}));
}

// A record of a protocol visit is judged by its own window even after the last visit's window (01-17..01-21):
// V1 done 02-01 is late by 20 days (once it was "after-last-visit" and left out of V1's late count), as V2,
// the last visit, is late by 13. V2 done in its window after such a late V1 is out of order, as before.
TEST(VisitCheck, ARecordAfterTheLastVisitIsLateByItsOwnWindow) {
  EXPECT_EQ(check({{"V1", 2026_y / 2 / 1}}), (std::vector<Row>{{"V1", "late", 20}}));
  EXPECT_EQ(check({{"V2", 2026_y / 2 / 1}}), (std::vector<Row>{{"V2", "late", 13}}));
  EXPECT_EQ(check({{"V0", 2026_y / 1 / 5}, {"V1", 2026_y / 3 / 1}, {"V2", 2026_y / 1 / 19}}),
            (std::vector<Row>{{"V0", "in-window", 0}, {"V1", "late", 48}, {"V2", "out-of-order", 0}}));
}

TEST(VisitCheck, DoseGapBelowTheMinimum) {
  const Protocol p = test_protocol(test_visit("V0", "P0D", 0, 2) + test_visit("V1", "P3D", 2, 2) +
                                   "[dosing]\nmin_gap = \"P3D\"\nassumed = \"test\"\n");
  const std::vector<ActualVisit> log{{"S1", "V0", Date{2026_y / 1 / 7}, 2}, {"S1", "V1", Date{2026_y / 1 / 8}, 3}};
  const auto rows = check_subject(p, kSubject, log, std::nullopt);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].verdict, Verdict::in_window);  // day 3, within 0..+2
  EXPECT_EQ(rows[1].verdict, Verdict::dose_gap);   // in its window (01-06..01-10) but 1 day after the dose
}

}  // namespace
}  // namespace planner
