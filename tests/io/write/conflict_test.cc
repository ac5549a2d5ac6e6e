// The text of a conflict's reasons: the days of the window in runs of one reason each.
#include "planner/io/write/conflict.h"

#include <gtest/gtest.h>

#include "planner/core/scheduler.h"
#include "test_protocol.h"

namespace planner {
namespace {

using namespace date::literals;

Blocked closed(Date day, Closure::Kind kind, std::string source = {}) {
  Blocked b;
  b.day = day;
  b.closure = Closure{kind, std::move(source)};
  return b;
}

Blocked full(Date day) {
  Blocked b;
  b.day = day;
  b.why = Blocked::Why::full;
  return b;
}

TEST(ConflictReasons, RunsOfOneReasonNameTheWeekdaysAndTheHolidayFile) {
  const Protocol p = testing::test_protocol(testing::test_visit("W2", "P2W", 1, 1));
  const Conflict c{0,
                   {closed(2026_y / 2 / 14, Closure::Kind::weekday), closed(2026_y / 2 / 15, Closure::Kind::weekday),
                    closed(2026_y / 2 / 16, Closure::Kind::date, "holidays-kr-2026.txt"),
                    closed(2026_y / 2 / 17, Closure::Kind::date, "holidays-kr-2026.txt"),
                    closed(2026_y / 2 / 18, Closure::Kind::date)}};
  EXPECT_EQ(conflict_reasons(p, c, nullptr),
            "2026-02-14..2026-02-15 closed (Saturday, Sunday); 2026-02-16..2026-02-17 closed (holiday in "
            "holidays-kr-2026.txt); 2026-02-18 closed (holiday)");
}

TEST(ConflictReasons, AFullDayNamesTheSiteAndADoseGapTheDose) {
  const Protocol p = testing::test_protocol(testing::test_visit("D1", "P0D", 0, 0) +
                                            testing::test_visit("D4", "P3D", 1, 1));
  Blocked gap;
  gap.day = 2026_y / 1 / 7;
  gap.why = Blocked::Why::dose_gap;
  gap.dose = 2026_y / 1 / 5;
  gap.dose_visit = 0;
  const Conflict c{1, {gap, full(2026_y / 1 / 8), full(2026_y / 1 / 9)}};
  Site site;
  site.id = "KR01";
  site.capacity = 4;
  EXPECT_EQ(conflict_reasons(p, c, &site),
            "2026-01-07 too close to dose D1 on 2026-01-05; 2026-01-08..2026-01-09 full (site KR01: 4 visits a day)");
  EXPECT_EQ(conflict_reasons(p, c, nullptr),
            "2026-01-07 too close to dose D1 on 2026-01-05; 2026-01-08..2026-01-09 full");
}

// Friday mornings only: a visit at 14:00 moves to Thursday, one without a time but longer than the morning too,
// and each refused Friday says why.
TEST(ConflictReasons, OpeningHoursNameTheDaysHoursAndTheVisitsTime) {
  const Protocol p = testing::test_protocol(
      testing::test_visit("PM", "P4D", 1, 0, R"("INJ")", "time = \"14:00\"\nduration = \"PT1H\"\n") +
      testing::test_visit("LONG", "P11D", 1, 0, R"("INJ")", "duration = \"PT5H\"\n") +
      testing::test_visit("AM", "P18D", 1, 0, R"("INJ")", "time = \"09:00\"\nduration = \"PT1H\"\n"));
  SiteCalendar cal;
  cal.set_hours(date::Friday, OpeningHours{TimeOfDay{Minutes{8 * 60}}, TimeOfDay{Minutes{12 * 60}}});
  std::vector<Conflict> moves;
  PlanRequest request{2026_y / 1 / 5, "A", &cal};  // Monday: the visits target Fridays 9, 16 and 23 January
  request.moves = &moves;
  const std::vector<PlannedVisit> visits = plan(p, request);
  ASSERT_EQ(visits.size(), 3U);
  EXPECT_EQ(visits[0].scheduled, Date{2026_y / 1 / 8});
  EXPECT_EQ(visits[1].scheduled, Date{2026_y / 1 / 15});
  EXPECT_EQ(visits[2].scheduled, Date{2026_y / 1 / 23});  // fits the morning
  ASSERT_EQ(moves.size(), 2U);
  EXPECT_EQ(conflict_reasons(p, moves[0], nullptr),
            "2026-01-09 open only 08:00-12:00 (the visit is at 14:00 for 60 min)");
  EXPECT_EQ(conflict_reasons(p, moves[1], nullptr), "2026-01-16 open only 08:00-12:00 (the visit takes 300 min)");
}

}  // namespace
}  // namespace planner
