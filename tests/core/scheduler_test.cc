// Scheduling semantics, pinned on small protocols written in the protocol format (parse_protocol is the
// public way to build one). Day 1 is Monday 2026-01-05 throughout.
#include "planner/core/scheduler.h"

#include <gtest/gtest.h>

#include "planner/core/error.h"
#include "test_protocol.h"

namespace planner {
namespace {

using namespace date::literals;
constexpr Date kDay1 = 2026_y / 1 / 5;  // a Monday

Protocol protocol(const std::string& tables) { return testing::test_protocol(tables); }
using testing::test_visit;

struct Row {
  std::string id;
  Date target, scheduled;
  VisitStatus status;
  friend bool operator==(const Row&, const Row&) = default;
  friend std::ostream& operator<<(std::ostream& o, const Row& r) {
    return o << r.id << ' ' << date::format("%F", r.target) << "->" << date::format("%F", r.scheduled) << ' '
             << to_string(r.status);
  }
};

std::vector<Row> rows(const Protocol& p, const SiteCalendar* cal = nullptr, Prefer prefer = Prefer::earlier,
                      const std::string& arm = "A", Date day1 = kDay1) {
  std::vector<Row> out;
  for (const PlannedVisit& pv : plan(p, PlanRequest{day1, arm, cal, prefer}))
    out.push_back({p.visits[pv.visit].id, pv.target, pv.scheduled, pv.status});
  return out;
}

SiteCalendar weekends_closed() {
  SiteCalendar c;
  c.close(date::Saturday);
  c.close(date::Sunday);
  return c;
}

constexpr auto planned = VisitStatus::planned;
constexpr auto shifted = VisitStatus::shifted;
constexpr auto conflict = VisitStatus::conflict;

TEST(Scheduler, WeeklySeriesLandsOnDayOnePlusSevenNDays) {
  const Protocol p = protocol(R"toml([[series]]
id = "W{week}"
label = "Week {week}"
epoch = "tx"
start = "P0D"
every = "P1W"
count = 5
window = { early = "P1D", late = "P1D" }
activities = ["INJ"]
source = "test"
)toml");
  EXPECT_EQ(rows(p), (std::vector<Row>{{"W0", 2026_y / 1 / 5, 2026_y / 1 / 5, planned},
                                       {"W1", 2026_y / 1 / 12, 2026_y / 1 / 12, planned},
                                       {"W2", 2026_y / 1 / 19, 2026_y / 1 / 19, planned},
                                       {"W3", 2026_y / 1 / 26, 2026_y / 1 / 26, planned},
                                       {"W4", 2026_y / 2 / 2, 2026_y / 2 / 2, planned}}));
  const auto plan1 = plan(p, PlanRequest{kDay1, "A", nullptr, Prefer::earlier});
  EXPECT_EQ(plan1[4].study_day(kDay1).number(), 29);
  EXPECT_EQ(plan1[4].earliest, Date{2026_y / 2 / 1});
  EXPECT_EQ(plan1[4].latest, Date{2026_y / 2 / 3});
}

TEST(Scheduler, TwiceWeeklySeriesUsesDaysZeroAndThreeOfEachWeek) {
  const Protocol p = protocol(R"toml([[series]]
id = "D{n}"
label = "Injection {n} (week {week}, day {day})"
epoch = "tx"
start = "P0D"
every = "P1W"
count = 4
days = ["P0D", "P3D"]
window = { early = "P0D", late = "P1D" }
activities = ["INJ"]
source = "test"
)toml");
  const std::vector<Row> r = rows(p);
  ASSERT_EQ(r.size(), 8u);
  const int expected_day[] = {5, 8, 12, 15, 19, 22, 26, 29};
  for (std::size_t i = 0; i < r.size(); ++i) {
    EXPECT_EQ(r[i].id, "D" + std::to_string(i + 1));
    EXPECT_EQ(r[i].target, Date{2026_y / 1 / expected_day[i]});
  }
  EXPECT_EQ(p.visits[3].label, "Injection 4 (week 1, day 11)");
}

TEST(Scheduler, ClosedSaturdayMovesEarlierToFriday) {
  const SiteCalendar cal = weekends_closed();
  const Protocol p = protocol(test_visit("V", "P5D", 2, 2));  // Saturday 2026-01-10
  EXPECT_EQ(rows(p, &cal), (std::vector<Row>{{"V", 2026_y / 1 / 10, 2026_y / 1 / 9, shifted}}));
}

TEST(Scheduler, ClosedSundayMovesLaterToMonday) {
  const SiteCalendar cal = weekends_closed();
  const Protocol p = protocol(test_visit("V", "P6D", 2, 2));  // Sunday 2026-01-11: Saturday is closed too
  const auto r = plan(p, PlanRequest{kDay1, "A", &cal, Prefer::earlier});
  EXPECT_EQ(r[0].scheduled, Date{2026_y / 1 / 12});
  EXPECT_EQ(r[0].shift(), Days{1});
  EXPECT_EQ(r[0].status, shifted);
}

TEST(Scheduler, TiesGoEarlierUnlessPreferLater) {
  SiteCalendar cal;
  cal.close(Date{2026_y / 1 / 10});  // a holiday on the target; Friday and Sunday both open
  const Protocol p = protocol(test_visit("V", "P5D", 1, 1));
  EXPECT_EQ(rows(p, &cal, Prefer::earlier)[0].scheduled, Date{2026_y / 1 / 9});
  EXPECT_EQ(rows(p, &cal, Prefer::later)[0].scheduled, Date{2026_y / 1 / 11});
}

TEST(Scheduler, MovesOnlyWithinTheWindow) {
  const SiteCalendar cal = weekends_closed();
  // Saturday target, window 0 before / 2 after: Friday is outside, Sunday closed, Monday allowed.
  const Protocol p = protocol(test_visit("V", "P5D", 0, 2));
  EXPECT_EQ(rows(p, &cal)[0].scheduled, Date{2026_y / 1 / 12});
}

TEST(Scheduler, ConflictWhenNoOpenDayInTheWindow) {
  SiteCalendar cal = weekends_closed();
  cal.close(date::Friday);
  const Protocol p = protocol(test_visit("V", "P5D", 1, 1) + test_visit("W", "P7D", 0, 0, R"("Q")"));
  EXPECT_EQ(rows(p, &cal), (std::vector<Row>{{"V", 2026_y / 1 / 10, 2026_y / 1 / 10, conflict},
                                             {"W", 2026_y / 1 / 12, 2026_y / 1 / 12, planned}}));
}

TEST(Scheduler, ConflictWhenHolidaysCloseTheWholeWindow) {
  SiteCalendar cal;
  for (int d = 7; d <= 9; ++d) cal.close(Date{2026_y / 1 / d});
  const Protocol p = protocol(test_visit("V", "P3D", 1, 1));
  EXPECT_EQ(rows(p, &cal)[0].status, conflict);
}

TEST(Scheduler, MinimumDoseGapIsRespectedWhenSearching) {
  SiteCalendar cal;
  cal.close(Date{2026_y / 1 / 8});  // Thursday: the second dose must move
  const std::string visits = test_visit("D1", "P0D", 0, 0) + test_visit("D2", "P3D", 1, 1);
  // Without a gap the earlier day wins (Wednesday, 2 days after the first dose)...
  EXPECT_EQ(rows(protocol(visits), &cal)[1].scheduled, Date{2026_y / 1 / 7});
  // ...with a 3-day minimum gap Wednesday is too close, so Friday.
  const Protocol gapped = protocol(visits + "[dosing]\nmin_gap = \"P3D\"\nassumed = \"test\"\n");
  EXPECT_EQ(rows(gapped, &cal)[1], (Row{"D2", 2026_y / 1 / 8, 2026_y / 1 / 9, shifted}));
}

TEST(Scheduler, MinimumGapCanForceAShiftOnAnOpenDay) {
  SiteCalendar cal;
  cal.close(Date{2026_y / 1 / 5});  // first dose moves to Tuesday (window 0/1)
  const Protocol p = protocol(test_visit("D1", "P0D", 0, 1) + test_visit("D2", "P3D", 1, 2) +
                              "[dosing]\nmin_gap = \"P3D\"\nassumed = \"test\"\n");
  // D2's target, Thursday, is open but only 2 days after Tuesday: it moves to Friday.
  EXPECT_EQ(rows(p, &cal), (std::vector<Row>{{"D1", 2026_y / 1 / 5, 2026_y / 1 / 6, shifted},
                                             {"D2", 2026_y / 1 / 8, 2026_y / 1 / 9, shifted}}));
}

// docs/scheduling.md, "Proposing a date": a dose with no acceptable day stays on its target even inside the
// gap, and the doses placed after it keep their gap to it.
TEST(Scheduler, ADoseInConflictKeepsItsTargetAndCountsForLaterGaps) {
  const Protocol p = protocol(test_visit("D1", "P0D", 0, 0) + test_visit("D2", "P1D", 0, 0) +
                              test_visit("D3", "P3D", 0, 1) + "[dosing]\nmin_gap = \"P3D\"\nassumed = \"test\"\n");
  EXPECT_EQ(rows(p), (std::vector<Row>{{"D1", 2026_y / 1 / 5, 2026_y / 1 / 5, planned},
                                       {"D2", 2026_y / 1 / 6, 2026_y / 1 / 6, conflict},
                                       {"D3", 2026_y / 1 / 8, 2026_y / 1 / 9, shifted}}));
}

TEST(Scheduler, AssessmentsIgnoreTheDoseGap) {
  const Protocol p = protocol(test_visit("D1", "P0D", 0, 0) + test_visit("A1", "P1D", 0, 0, R"("Q")") +
                              "[dosing]\nmin_gap = \"P3D\"\nassumed = \"test\"\n");
  EXPECT_EQ(rows(p)[1].status, planned);
}

TEST(Scheduler, ChainedVisitFollowsItsShiftedReference) {
  const SiteCalendar cal = weekends_closed();
  const Protocol p = protocol(test_visit("V1", "P5D", 2, 2) +
                              test_visit("V2", "P7D", 1, 1, R"("Q")", "after = \"V1\"\n"));
  // V1: Saturday Jan 10 -> Friday Jan 9; V2 = 7 days after V1's scheduled date: Friday Jan 16.
  EXPECT_EQ(rows(p, &cal), (std::vector<Row>{{"V1", 2026_y / 1 / 10, 2026_y / 1 / 9, shifted},
                                             {"V2", 2026_y / 1 / 16, 2026_y / 1 / 16, planned}}));
}

TEST(Scheduler, ListsVisitsInDateOrderWhateverTheDefinitionOrder) {
  const Protocol p = protocol(test_visit("FU", "P8W", 3, 3, R"("Q")") + test_visit("SCR", "-P2W", 7, 7, R"("Q")") +
                              test_visit("BL", "P0D", 0, 0));
  const auto r = rows(p);
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].id, "SCR");
  EXPECT_EQ(r[1].id, "BL");
  EXPECT_EQ(r[2].id, "FU");
  EXPECT_EQ(plan(p, PlanRequest{kDay1, "A", nullptr, Prefer::earlier})[0].study_day(kDay1).number(), -14);
}

TEST(Scheduler, VisitsAndActivitiesCanBeLimitedToArms) {
  const Protocol p = protocol(test_visit("BL", "P0D", 0, 0) +
                              test_visit("X", "P1W", 0, 0, R"("Q")", "arms = [\"B\"]\n"));
  EXPECT_EQ(rows(p, nullptr, Prefer::earlier, "A").size(), 1u);
  EXPECT_EQ(rows(p, nullptr, Prefer::earlier, "B").size(), 2u);
}

TEST(Scheduler, MonthDurationsFollowTheProtocolsMonthEndRule) {
  const std::string v = test_visit("M1", "P1M", 0, 0, R"("Q")");
  const Protocol clamp = protocol("[schedule]\nmonth_end = \"clamp\"\n" + v);
  EXPECT_EQ(rows(clamp, nullptr, Prefer::earlier, "A", 2026_y / 1 / 31)[0].target, Date{2026_y / 2 / 28});
  const Protocol reject = protocol("[schedule]\nmonth_end = \"reject\"\n" + v);
  EXPECT_THROW(rows(reject, nullptr, Prefer::earlier, "A", 2026_y / 1 / 31), PlanError);
  EXPECT_EQ(rows(reject, nullptr, Prefer::earlier, "A", 2026_y / 1 / 28)[0].target, Date{2026_y / 2 / 28});
}

TEST(Scheduler, RefusesDatesOutsideTheSupportedRange) {
  const Protocol p = protocol(test_visit("FU", "P8W", 0, 0));
  EXPECT_THROW(rows(p, nullptr, Prefer::earlier, "A", 2200_y / 12 / 1), PlanError);
  EXPECT_THROW(rows(p, nullptr, Prefer::earlier, "C"), PlanError);  // unknown arm
}

TEST(Scheduler, AFullDayMovesTheNextSubjectsVisitWithinItsWindow) {
  const Protocol p = protocol(test_visit("V", "P3D", 1, 1));
  SiteLoad load{1};
  const PlanRequest first{kDay1, "A", nullptr, Prefer::earlier, &load};
  EXPECT_EQ(plan(p, first)[0].scheduled, Date{2026_y / 1 / 8});
  // The same day is now full: the second subject goes to the earlier neighbour, the third to the later,
  // the fourth finds no room and is a conflict, booked on its target.
  EXPECT_EQ(plan(p, first)[0].scheduled, Date{2026_y / 1 / 7});
  EXPECT_EQ(plan(p, first)[0].scheduled, Date{2026_y / 1 / 9});
  const auto fourth = plan(p, first)[0];
  EXPECT_EQ(fourth.status, conflict);
  EXPECT_EQ(load.booked(Date{2026_y / 1 / 8}), 2);
  EXPECT_EQ(load.booked(Date{2026_y / 1 / 6}), 0);
}

TEST(Scheduler, CapacityZeroPutsEveryVisitInConflict) {
  const Protocol p = protocol(test_visit("V1", "P0D", 2, 2) + test_visit("V2", "P1W", 2, 2));
  SiteLoad load{0};
  for (const PlannedVisit& pv : plan(p, PlanRequest{kDay1, "A", nullptr, Prefer::earlier, &load}))
    EXPECT_EQ(pv.status, conflict);
}

// Why each day of a conflict's window was refused (or, `moves`, each day a shifted visit moved over), one
// line a day: "V 2026-01-09 closed date hol.txt".
std::vector<std::string> reasons(const Protocol& p, PlanRequest request, bool moves = false) {
  std::vector<Conflict> conflicts;
  (moves ? request.moves : request.conflicts) = &conflicts;
  plan(p, request);
  std::vector<std::string> out;
  for (const Conflict& c : conflicts)
    for (const Blocked& b : c.days) {
      std::string line = p.visits[c.visit].id + " " + date::format("%F", b.day) + " ";
      switch (b.why) {
        case Blocked::Why::closed:
          line += b.closure.kind == Closure::Kind::weekday ? "closed weekday" : "closed date " + b.closure.source;
          break;
        case Blocked::Why::hours: line += "hours"; break;
        case Blocked::Why::full: line += "full"; break;
        case Blocked::Why::dose_gap:
          line += "dose gap " + p.visits[b.dose_visit].id + " " + date::format("%F", b.dose);
          break;
        case Blocked::Why::constraint: line += "constraint " + p.constraints[b.constraint].id; break;
      }
      out.push_back(line);
    }
  return out;
}

TEST(SchedulerConflict, SaysWhichClosureRefusedEachDayOfTheWindow) {
  SiteCalendar cal = weekends_closed();
  cal.close(std::vector<Date>{2026_y / 1 / 9}, "hol.txt");
  const Protocol p = protocol(test_visit("V", "P5D", 1, 1) + test_visit("W", "P7D", 0, 0));
  EXPECT_EQ(reasons(p, PlanRequest{kDay1, "A", &cal}),
            (std::vector<std::string>{"V 2026-01-09 closed date hol.txt", "V 2026-01-10 closed weekday",
                                      "V 2026-01-11 closed weekday"}));
}

TEST(SchedulerMoves, SaysWhyAShiftedVisitLeftItsTarget) {
  SiteCalendar cal = weekends_closed();
  cal.close(std::vector<Date>{2026_y / 1 / 12}, "hol.txt");  // Monday after a weekend target
  // V targets Sunday 2026-01-11, window 0 before / 3 after: Monday is a holiday, Tuesday the first open day.
  const Protocol p = protocol(test_visit("V", "P6D", 0, 3) + test_visit("W", "P14D", 0, 0));
  EXPECT_EQ(reasons(p, PlanRequest{kDay1, "A", &cal}, true),
            (std::vector<std::string>{"V 2026-01-11 closed weekday", "V 2026-01-12 closed date hol.txt"}));
  // Moved earlier: the days from the new date's next day up to the target, in date order.
  const Protocol earlier = protocol(test_visit("V", "P6D", 3, 0));  // Sunday; Saturday closed, Friday open
  EXPECT_EQ(reasons(earlier, PlanRequest{kDay1, "A", &cal}, true),
            (std::vector<std::string>{"V 2026-01-10 closed weekday", "V 2026-01-11 closed weekday"}));
  EXPECT_TRUE(reasons(earlier, PlanRequest{kDay1, "A", &cal}).empty());  // no conflict: nothing there
}

TEST(SchedulerConflict, NamesTheDoseADayWouldBeTooCloseTo) {
  // D2 (day 2, no window) is one day after D1 with a 3-day gap; D4 (day 4, +1) is 2 and 3 days after D2,
  // which stays on its target: the nearest dose is D2 for both days.
  const Protocol p = protocol(test_visit("D1", "P0D", 0, 0) + test_visit("D2", "P1D", 0, 0) +
                              test_visit("D4", "P3D", 0, 1) + "[dosing]\nmin_gap = \"P4D\"\nassumed = \"test\"\n");
  EXPECT_EQ(reasons(p, PlanRequest{kDay1, "A"}),
            (std::vector<std::string>{"D2 2026-01-06 dose gap D1 2026-01-05", "D4 2026-01-08 dose gap D2 2026-01-06",
                                      "D4 2026-01-09 dose gap D2 2026-01-06"}));
}

TEST(SchedulerConflict, SaysTheDayIsFullAndClosureComesFirst) {
  SiteCalendar cal;
  cal.close(std::vector<Date>{2026_y / 1 / 7}, "hol.txt");
  const Protocol p = protocol(test_visit("V", "P2D", 1, 0));
  SiteLoad load{0};
  EXPECT_EQ(reasons(p, PlanRequest{kDay1, "A", &cal, Prefer::earlier, &load}),
            (std::vector<std::string>{"V 2026-01-06 full", "V 2026-01-07 closed date hol.txt"}));
}

TEST(SchedulerConflict, NothingIsRecordedWithoutConflicts) {
  const Protocol p = protocol(test_visit("V", "P2D", 1, 0));
  SiteCalendar cal = weekends_closed();
  EXPECT_EQ(reasons(p, PlanRequest{kDay1, "A", &cal}), std::vector<std::string>{});
}

TEST(SiteLoad, CountsBookingsPerDayInAnyOrder) {
  SiteLoad load{std::nullopt};
  load.book(2026_y / 3 / 1);
  load.book(2026_y / 1 / 1);  // before the first day booked
  load.book(2026_y / 3 / 1);
  EXPECT_EQ(load.booked(2026_y / 3 / 1), 2);
  EXPECT_EQ(load.booked(2026_y / 1 / 1), 1);
  EXPECT_EQ(load.booked(2026_y / 2 / 1), 0);
  EXPECT_EQ(load.booked(2025_y / 2 / 1), 0);
  EXPECT_TRUE(load.has_room(2026_y / 3 / 1));
}

TEST(Scheduler, ReplanningWithActualsMovesChainedVisitsOnly) {
  // V1 at day 8 (±1), V2 anchored at day 15, V3 chained 7 days after V1.
  const Protocol p = protocol(test_visit("V1", "P1W", 1, 1) + test_visit("V2", "P2W", 1, 1, R"("Q")") +
                              test_visit("V3", "P7D", 1, 1, R"("Q")", "after = \"V1\"\n"));
  std::map<std::size_t, Date> actuals{{0, Date{2026_y / 1 / 16}}};  // V1 (due 01-12) four days late
  const auto visits = plan(p, PlanRequest{kDay1, "A", nullptr, Prefer::earlier, nullptr, &actuals});
  ASSERT_EQ(visits.size(), 3u);
  EXPECT_EQ(visits[0].status, VisitStatus::late);
  EXPECT_EQ(visits[0].scheduled, Date{2026_y / 1 / 16});
  EXPECT_EQ(visits[0].shift(), Days{4});
  EXPECT_EQ(visits[1].target, Date{2026_y / 1 / 19});  // V2 stays on day 15
  EXPECT_EQ(visits[2].target, Date{2026_y / 1 / 23});  // V3 follows V1's actual date + 7
  // Without an actual for V1 (missed, or not yet done) V3 keeps V1's planned date.
  const std::map<std::size_t, Date> none;
  EXPECT_EQ(plan(p, PlanRequest{kDay1, "A", nullptr, Prefer::earlier, nullptr, &none})[2].target,
            Date{2026_y / 1 / 19});
  // Early and in-window actual dates (V1's window is 01-11..01-13).
  actuals[0] = Date{2026_y / 1 / 10};
  EXPECT_EQ(plan(p, PlanRequest{kDay1, "A", nullptr, Prefer::earlier, nullptr, &actuals})[0].status,
            VisitStatus::early);
  actuals[0] = Date{2026_y / 1 / 13};
  EXPECT_EQ(plan(p, PlanRequest{kDay1, "A", nullptr, Prefer::earlier, nullptr, &actuals})[0].status, VisitStatus::done);
}

TEST(Scheduler, ReplannedDosesKeepTheGapToActualDoses) {
  const Protocol p = protocol(test_visit("D1", "P0D", 0, 2) + test_visit("D2", "P3D", 1, 1) +
                              "[dosing]\nmin_gap = \"P3D\"\nassumed = \"test\"\n");
  const std::map<std::size_t, Date> actuals{{0, Date{2026_y / 1 / 7}}};  // the first dose two days late
  // D2's window is 01-07..01-09, but a 3-day gap from the actual dose on 01-07 needs 01-10 or later: conflict.
  const auto visits = plan(p, PlanRequest{kDay1, "A", nullptr, Prefer::earlier, nullptr, &actuals});
  EXPECT_EQ(visits[1].status, VisitStatus::conflict);
}

TEST(Scheduler, SameInputsSamePlan) {
  const SiteCalendar cal = weekends_closed();
  const Protocol p = protocol(test_visit("V1", "P5D", 2, 2) + test_visit("V2", "P6D", 2, 2));
  EXPECT_EQ(rows(p, &cal), rows(p, &cal));
}

}  // namespace
}  // namespace planner
