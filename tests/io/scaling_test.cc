// Inputs of thousands of visits, instances or columns, from the generators of the scaling benchmarks
// (bench/scaling_inputs.h). No test measures time: each checks what a large input gives (the exact
// message, the size of the output), so that a quadratic output fails here and a quadratic algorithm shows
// as a test that suddenly takes minutes. `make bench` measures the times (docs/scaling.md).
#include <gtest/gtest.h>

#include <algorithm>

#include "bench/scaling_inputs.h"
#include "planner/core/error.h"
#include "planner/core/lint.h"
#include "planner/core/scheduler.h"
#include "planner/core/site_calendar.h"
#include "planner/io/interop/usdm/import.h"
#include "planner/io/read/csv.h"
#include "planner/io/read/protocol.h"

namespace planner {
namespace {

template <typename F>
std::string error_of(F f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

std::string header_error(const std::string& header) {
  return error_of([&] {
    CsvReader csv{"t.csv", header + "\n"};
    csv.read_header({});
  });
}

TEST(Scaling, RepeatedHeaderNameThatComesFirstIsReportedAtItsSecondColumn) {
  EXPECT_EQ(header_error("a,b,b,a"), "t.csv:1:7: error: the header has the column 'a' twice");
  EXPECT_EQ(header_error("a,b,c,c,b"), "t.csv:1:9: error: the header has the column 'b' twice");
  EXPECT_EQ(header_error(",,x,,x"), "t.csv:1:6: error: the header has the column 'x' twice");  // empty names repeat
  std::string wide = "subject";
  for (int i = 0; i < 100000; ++i) wide += ",c" + std::to_string(i);
  EXPECT_EQ(header_error(wide), "no error");
  EXPECT_EQ(header_error(wide + ",c99999,subject"),
            "t.csv:1:" + std::to_string(wide.size() + 9) + ": error: the header has the column 'subject' twice");
}

TEST(Scaling, HolidaysInReverseOrderCloseSortedAndUniqueAtOnce) {
  std::vector<Date> days;
  const Date first{date::year{1900} / 1 / 1};
  for (long k = 109000; k >= 0; --k) days.push_back(first + Days{k});
  days.push_back(first);  // twice
  SiteCalendar calendar;
  calendar.close(first + Days{5});
  calendar.close(days);
  ASSERT_EQ(calendar.closed_dates().size(), 109001u);
  EXPECT_TRUE(std::is_sorted(calendar.closed_dates().begin(), calendar.closed_dates().end()));
  EXPECT_EQ(calendar.closed_dates().back(), first + Days{109000});
  EXPECT_FALSE(calendar.is_open(first + Days{77777}));
  EXPECT_TRUE(calendar.is_open(first + Days{109001}));
}

TEST(Scaling, ChainOfTwentyThousandVisitsLoadsAndPlans) {
  const Protocol p = parse_protocol(bench::chain_protocol(20000), "chain.toml");
  ASSERT_EQ(p.visits.size(), 20000u);
  EXPECT_EQ(p.visits.back().after, 19998u);
  const Date day1{date::year{2026} / 1 / 5};
  const auto plan = planner::plan(p, PlanRequest{day1, "A", nullptr, Prefer::earlier});
  ASSERT_EQ(plan.size(), 20000u);
  for (std::size_t i = 0; i < plan.size(); ++i) {  // in date order, each on its target, every 100th a day later
    ASSERT_EQ(plan[i].visit, i);
    ASSERT_EQ(plan[i].scheduled, day1 + Days{static_cast<long>(i / 100)});
  }
}

TEST(Scaling, CycleAtTheEndOfALongChainIsFoundAndNamedFromItsFirstVisit) {
  std::string text = bench::chain_protocol(5000);
  // V0 after V4999 (and each V after the one before): every visit is on the cycle; the message starts at
  // the first one in the file and follows the chain back to it.
  text.replace(text.find("at = \"P0D\"\n"), 11, "after = \"V4999\"\nat = \"P0D\"\n");
  const std::string message = error_of([&] { parse_protocol(text, "chain.toml"); });
  EXPECT_EQ(message.substr(0, 78), "chain.toml:25:9: error: chained timings form a cycle: V0 -> V4999 -> V4998 -> ");
  EXPECT_NE(message.find("V3 -> V2 -> V1 -> V0\n 25 | after = \"V4999\"\n"), std::string::npos);
}

TEST(Scaling, CycleOffTheStartOfAChainNamesOnlyTheCycle) {
  // V1 -> V2 -> V3 -> V2: V1 leads into the cycle but is not on it; V2 is the first visit on it.
  std::string text = bench::chain_protocol(4);
  text.replace(text.find("after = \"V1\""), 12, "after = \"V3\"");
  EXPECT_EQ(error_of([&] { parse_protocol(text, "c.toml"); }).substr(0, 72),
            "c.toml:42:9: error: chained timings form a cycle: V2 -> V3 -> V2\n 42 | a");
}

TEST(Scaling, SharedEncounterNoteNamesEightOtherVisitsAndCountsTheRest) {
  const std::string out = import_usdm(bench::usdm_shared(2000), "shared.json").toml;
  EXPECT_NE(out.find("note = \"USDM encounter Enc0 is also the encounter of I1, I2, I3, I4, I5, I6, I7, I8 and 1991 "
                     "other visits\"\n"),
            std::string::npos);
  EXPECT_NE(out.find("note = \"USDM encounter Enc0 is also the encounter of I0, I1, I2, I3, I4, I5, I6, I7 and 1991 "
                     "other visits\"\n"),
            std::string::npos);
  EXPECT_LT(out.size(), 2000u * 600);  // bounded per visit (a list of every other visit: 20 MB)
  const std::string ten = import_usdm(bench::usdm_shared(10), "shared.json").toml;
  EXPECT_NE(ten.find("of I1, I2, I3, I4, I5, I6, I7, I8 and 1 other visit\"\n"), std::string::npos);
  const std::string nine = import_usdm(bench::usdm_shared(9), "shared.json").toml;
  EXPECT_NE(nine.find("of I1, I2, I3, I4, I5, I6, I7, I8\"\n"), std::string::npos);
}

TEST(Scaling, ConditionOnTheEncounterOfEveryVisitNamesEightVisitsAndCountsTheRest) {
  std::string json = bench::usdm_shared(2000);
  json.replace(json.find("{\"id\":\"D1\","), 11,
               "{\"id\":\"D1\",\"conditions\":[{\"id\":\"C1\",\"name\":\"If\",\"appliesToIds\":[\"Enc0\"]}],");
  const UsdmImport out = import_usdm(json, "cond.json");
  EXPECT_NE(out.toml.find("# not represented: condition C1 'If' on the visit I0, I1, I2, I3, I4, I5, I6, I7 and 1992 "
                          "other visits: planner has no conditions on a visit of the schedule; imported as "
                          "unconditional\n"),
            std::string::npos);
  EXPECT_LT(out.toml.size(), 2000u * 600);
}

TEST(Scaling, ConditionOnAnActivityOfEveryVisitIsKeptAtEachVisitInLinearSize) {
  std::string json = bench::usdm_shared(2000);
  json.replace(json.find("{\"id\":\"D1\","), 11,
               "{\"id\":\"D1\",\"conditions\":[{\"id\":\"C1\",\"name\":\"If\",\"text\":\"if needed\","
               "\"appliesToIds\":[\"Act1\"]}],");
  const UsdmImport out = import_usdm(json, "cond.json");
  for (const std::string& w : out.warnings) EXPECT_EQ(w.find("C1"), std::string::npos) << w;
  std::size_t kept = 0;
  for (std::size_t at = out.toml.find("note = \"condition If: if needed\""); at != std::string::npos;
       at = out.toml.find("note = \"condition If: if needed\"", at + 1))
    ++kept;
  EXPECT_EQ(kept, 2000u);
  EXPECT_LT(out.toml.size(), 2000u * 800);
}

TEST(Scaling, ThousandsOfInstancesWithOneNameGetNumberedIds) {
  std::string json = bench::usdm_chain(3000);
  for (std::size_t at = json.find("\"name\":\"I"); at != std::string::npos; at = json.find("\"name\":\"I", at + 1)) {
    const std::size_t end = json.find('"', at + 8);
    json.replace(at + 8, end - at - 8, "Visit");
  }
  const Protocol p = parse_protocol(import_usdm(json, "same.json").toml, "same.toml");
  ASSERT_EQ(p.visits.size(), 3000u);
  EXPECT_EQ(p.visits[0].id, "Visit");
  EXPECT_EQ(p.visits[1].id, "Visit_2");
  EXPECT_EQ(p.visits[2999].id, "Visit_3000");
  EXPECT_EQ(p.visits[2999].after, 2998u);
}

TEST(Scaling, LintOfTenThousandOverlappingVisitsReportsEachOverlapOnce) {
  const Protocol p = parse_protocol(bench::flat_protocol(10000), "flat.toml");
  LintOptions options;
  const auto findings = lint(p, options);
  std::size_t overlaps = 0;
  for (const Finding& f : findings) overlaps += f.rule == "window-overlap";
  EXPECT_EQ(overlaps, 9999u);
}

}  // namespace
}  // namespace planner
