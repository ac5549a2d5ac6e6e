// The summary computations, on small protocols and on the eight bundled protocols against the summary table
// of protocols/SOURCES.md (section "Summary table"; one row per trial).
#include "planner/core/protocol_summary.h"

#include <gtest/gtest.h>

#include "planner/io/read/protocol.h"

namespace planner {
namespace {

Protocol bundled(const std::string& id) { return load_protocol(std::string{PLANNER_PROTOCOLS} + "/" + id + ".toml"); }

struct Expected {
  const char* protocol;
  const char* arm;  // the active arm
  int doses;
  std::optional<long> last_visit_week;  // nullopt: SOURCES.md has no follow-up end
  long last_dose_day;                   // nominal offset of the last dose from Day 1
};

// Each line cites the row of the SOURCES.md summary table (columns "injections" and "end of follow-up").
const Expected kTrials[] = {
    // Row 1 Pittler 2003: "5, weekly over 5 weeks; weeks 0-4 (i)"; end of follow-up "week 9 (i ...)".
    {"pittler2003-autologous-blood-ad", "ABT", 5, 9, 28},
    // Row 2 Nahm 2023: "8 over 4 weeks; twice weekly (i)"; end of follow-up "week 8". Last dose on day 25 (offset
    // 24) is the file's assumed days-0-and-3 spacing, not SOURCES.md.
    {"nahm2023-autologous-serum-ad", "SERUM", 8, 8, 24},
    // Row 3 Choi 2024: "5, weekly over 4 weeks; weeks 0-4 (editorial)"; end of follow-up "week 8 (i ...)".
    {"choi2024-autologous-serum-ad", "ASIM", 5, 8, 28},
    // Row 4b Nahm 2015: "8, twice weekly over 4 weeks (i: the count)"; end of follow-up "week 12".
    {"nahm2015-autologous-igg-ad", "AIGT", 8, 12, 24},
    // Row 5 Nahm 2020: "8, weekly over 7 weeks (weeks 0-7)"; end of follow-up "week 16".
    {"nahm2020-autologous-igg-ad", "IGG", 8, 16, 49},
    // Row 7 Kwon 2022: "8, twice weekly over 4 weeks (registry NCT03695757)"; end of follow-up "NOT FOUND".
    {"kwon2022-autologous-igg-healthy", "IGG", 8, std::nullopt, 24},
    // Row 8 Bajaj 2008: "9, weekly; weeks 0-8 (i)"; end of follow-up "12 weeks after treatment; about week 20 (i)".
    {"bajaj2008-autologous-serum-cu", "AST", 9, 20, 56},
    // Row 9 Debbarman 2014: "9, weekly; weeks 0-8 (i; week 8 = end of intervention)"; end of follow-up "week 24".
    {"debbarman2014-autologous-serum-cu", "AST", 9, 24, 56},
};

TEST(ProtocolSummary, BundledProtocolsMatchTheTrialsSummaryTable) {
  for (const Expected& e : kTrials) {
    SCOPED_TRACE(e.protocol);
    const Protocol p = bundled(e.protocol);
    const ArmSummary s = summarize_arm(p, e.arm);
    EXPECT_EQ(s.doses, e.doses);
    EXPECT_EQ(s.first_dose, Days{0});  // every regimen's Day 1 is its first injection
    EXPECT_EQ(s.last_dose, Days{e.last_dose_day});
    ASSERT_TRUE(s.last_visit);
    if (e.last_visit_week) {
      EXPECT_EQ(week_of(*s.last_visit), (WeekAndDay{*e.last_visit_week, Days{0}}));
    } else {
      // No published follow-up end: the file's last visit must be marked as assumed.
      EXPECT_FALSE(p.find_visit(s.last_visit_id)->provenance.assumed.empty()) << s.last_visit_id;
    }
    // Placebo arms get the same number of injections at the same times.
    for (const ArmSummary& other : summarize(p)) {
      EXPECT_EQ(other.doses, s.doses) << other.arm;
      EXPECT_EQ(other.last_visit, s.last_visit) << other.arm;
    }
  }
}

Protocol small(const std::string& tables, const std::string& head = "") {
  return parse_protocol(R"(format = 1
)" + head + R"(
[study]
id = "t"
[anchor]
event = "first dose"
[[arm]]
id = "A"
source = "test"
[[arm]]
id = "B"
source = "test"
[[epoch]]
id = "tx"
[[activity]]
id = "INJ"
kind = "dose"
product = "serum"
route = "intramuscular"
arms = ["A"]
source = "test"
[[activity]]
id = "Q"
kind = "assessment"
instrument = "EASI"
)" + tables,
                        "t.toml");
}

std::string visit(const std::string& id, const std::string& at, const std::string& extra = "") {
  return "[[visit]]\nid = \"" + id + "\"\nlabel = \"" + id + "\"\nepoch = \"tx\"\nat = \"" + at +
         "\"\nwindow = { early = \"P0D\", late = \"P0D\" }\nactivities = [\"INJ\", \"Q\"]\nsource = \"test\"\n" + extra;
}

TEST(ProtocolSummary, ChainedVisitsAddTheirReferencesNominalOffset) {
  const Protocol p = small(visit("W0", "P0D") + visit("W3", "P3W") + visit("X", "P10D", "after = \"W3\"\n") +
                           visit("Y", "P2D", "after = \"X\"\n"));
  const ArmSummary a = summarize_arm(p, "A");
  EXPECT_EQ(a.doses, 4);
  EXPECT_EQ(a.last_visit_id, "Y");
  EXPECT_EQ(a.dose_span(), Days{33});
}

TEST(ProtocolSummary, DosesCountOnlyTheArmsOwnDoseActivities) {
  const Protocol p = small(visit("W0", "P0D") + visit("W1", "P1W"));
  EXPECT_EQ(summarize_arm(p, "A").doses, 2);
  EXPECT_EQ(summarize_arm(p, "B").doses, 0);  // INJ is for arm A only
  EXPECT_EQ(summarize_arm(p, "B").dose_span(), std::nullopt);
  EXPECT_EQ(summarize_arm(p, "B").last_visit, Days{7});
  EXPECT_EQ(summarize_arm(p, "C").doses, 0);  // no such arm
  EXPECT_EQ(summarize_arm(p, "C").last_visit, std::nullopt);
}

TEST(ProtocolSummary, MonthDurationsHaveNoNominalOffset) {
  const Protocol p = small(visit("W0", "P0D") + visit("M1", "P1M"), "[schedule]\nmonth_end = \"clamp\"\n");
  const ArmSummary a = summarize_arm(p, "A");
  EXPECT_EQ(a.doses, 2);
  EXPECT_EQ(a.last_dose, std::nullopt);
  EXPECT_EQ(a.last_visit, std::nullopt);
}

}  // namespace
}  // namespace planner
