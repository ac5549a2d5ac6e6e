// The workload writers: CSV rows and the terminal table, from a Workload counted by planner/core/workload.
// Expected text is derived by hand in the comments.
#include "planner/io/write/workload.h"

#include <gtest/gtest.h>

#include "test_protocol.h"

namespace planner {
namespace {

using namespace date::literals;

// testing::test_two_dose_protocol(): INJ (serum, no amount: counted as "doses") and Q on W0, SAL (saline
// 2.5 mL, arm B only) on W0 too; W1 a week later has INJ and SAL at the visit's 0.5 mL.
Protocol protocol() { return testing::test_two_dose_protocol(); }

// At site 0 around the turn of the year: S1 and S3 (arm A) from Mon 2026-12-28, S2 (arm B) from Thu
// 2026-12-31. 2026 has 53 ISO weeks: 12-28..12-31 are 2026-W53, their W1 visits (01-04, 01-07) 2027-W01.
Workload cohort(const Protocol& p) {
  Workload w{p};
  for (const Subject& s : {Subject{"S1", "A", "KR01", 2026_y / 12 / 28}, Subject{"S2", "B", "KR01", 2026_y / 12 / 31},
                           Subject{"S3", "A", "KR01", 2026_y / 12 / 28}})
    w.add(0, s, plan(p, PlanRequest{s.day1, s.arm}));
  return w;
}

std::vector<Site> kr01(int capacity) {
  Site s;
  s.id = "KR01";
  s.capacity = capacity;
  return {s};
}

TEST(WorkloadCsv, OneRowPerSiteAndIsoWeek) {
  const Protocol p = protocol();
  // W53: 12-28 (S1, S3: 2 visits, 2 serum doses, 2 assessments) and 12-31 (S2: 1 visit, serum and 2.5 mL
  // saline, 1 assessment): 3 visits, 4 doses, 3 assessments, serum 3 doses; busiest 2; capacity 1: 12-28 over.
  // W01: 01-04 (S1, S3: 0.5 mL serum each) and 01-07 (S2: 0.5 mL of each): serum 1.5 mL, saline 0.5 mL.
  EXPECT_EQ(workload_csv(cohort(p), kr01(1), Period::week),
            "site,period,visits,doses,assessments,conflicts,capacity,busiest_day,days_over_capacity,products\n"
            "KR01,2026-W53,3,4,3,0,1,2,1,saline 2.5 mL; serum 3 doses\n"
            "KR01,2027-W01,3,4,0,0,1,2,1,saline 0.5 mL; serum 1.5 mL\n");
}

TEST(WorkloadCsv, AByteOrderMarkOpensTheFileWhenAsked) {
  const Protocol p = protocol();
  const std::string plain = workload_csv(cohort(p), {}, Period::day);
  EXPECT_EQ(workload_csv(cohort(p), {}, Period::day, {.bom = true}), "\xEF\xBB\xBF" + plain);
  EXPECT_TRUE(plain.starts_with("site,period,"));
}

TEST(WorkloadCsv, ByDayWithoutSitesLeavesSiteAndCapacityEmpty) {
  const Protocol p = protocol();
  EXPECT_EQ(workload_csv(cohort(p), {}, Period::day),
            "site,period,visits,doses,assessments,conflicts,capacity,busiest_day,days_over_capacity,products\n"
            ",2026-12-28,2,2,2,0,,2,0,serum 2 doses\n"
            ",2026-12-31,1,2,1,0,,1,0,saline 2.5 mL; serum 1 doses\n"
            ",2027-01-04,2,2,0,0,,2,0,serum 1 mL\n"
            ",2027-01-07,1,2,0,0,,1,0,saline 0.5 mL; serum 0.5 mL\n");
}

// Sums are doubles shown with 10 significant digits: three doses of 0.1 mL are 0.3 mL, not
// 0.30000000000000004.
TEST(WorkloadCsv, SumsShowTenSignificantDigits) {
  const Protocol p = testing::test_protocol(
      testing::test_visit("W0", "P0D", 0, 0, R"("INJ")", "amount = \"0.1 mL\"\n"));
  Workload w{p};
  for (const char* id : {"S1", "S2", "S3"}) {
    const Subject s{id, "A", "", 2026_y / 1 / 5};
    w.add(0, s, plan(p, PlanRequest{s.day1, s.arm}));
  }
  EXPECT_EQ(workload_csv(w, {}, Period::day),
            "site,period,visits,doses,assessments,conflicts,capacity,busiest_day,days_over_capacity,products\n"
            ",2026-01-05,3,3,0,0,,3,0,serum 0.3 mL\n");
}

TEST(WorkloadTable, AlignsColumnsAndDrawsVisitsAsBars) {
  const Protocol p = protocol();
  // Columns two spaces apart, numbers right-aligned to their header, PRODUCT NEEDED as wide as its longest
  // cell (28 characters); both weeks have the most visits (3), so both bars are the full 30.
  const std::string bar(30, '#');
  EXPECT_EQ(workload_table(cohort(p), kr01(1), Period::week),
            "site KR01 (capacity 1 visits a day)\n"
            "WEEK      VISITS  DOSES  ASSESSMENTS  BUSIEST  OVER  CONFLICTS  PRODUCT NEEDED\n"
            "2026-W53       3      4            3        2     1          0  saline 2.5 mL; serum 3 doses  " +
                bar +
                "\n"
                "2027-W01       3      4            0        2     1          0  saline 0.5 mL; serum 1.5 mL   " +
                bar + "\n");
}

TEST(WorkloadTable, BarsAreScaledToTheBusiestPeriodAndASiteWithoutIdIsADash) {
  const Protocol p = protocol();
  // By day: 2 visits is the most, a 30-character bar; a day of 1 visit gets ceil(30 / 2) = 15.
  const std::string full(30, '#'), half(15, '#');
  EXPECT_EQ(workload_table(cohort(p), {}, Period::day),
            "site -\n"
            "DAY         VISITS  DOSES  ASSESSMENTS  BUSIEST  OVER  CONFLICTS  PRODUCT NEEDED\n"
            "2026-12-28       2      2            2        2     0          0  serum 2 doses                 " +
                full +
                "\n"
                "2026-12-31       1      2            1        1     0          0  saline 2.5 mL; serum 1 doses  " +
                half +
                "\n"
                "2027-01-04       2      2            0        2     0          0  serum 1 mL                    " +
                full +
                "\n"
                "2027-01-07       1      2            0        1     0          0  saline 0.5 mL; serum 0.5 mL   " +
                half + "\n");
}

}  // namespace
}  // namespace planner
