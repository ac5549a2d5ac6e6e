// Blinding (format 2): the participant text that --blind outputs use, the lint rule `blinding`, the TS
// parameters and the reading of [study] model/allocation, [[stratum]] and [blinding].
#include <gtest/gtest.h>

#include "planner/core/blinding.h"
#include "planner/core/lint.h"
#include "planner/io/write/timing_text.h"
#include "test_protocol.h"

namespace planner {
namespace {

using testing::test_protocol;

// Arms A (serum) and B (saline): each has its own dose and a draw whose site text tells the arm.
const std::string kTwoArms = R"toml([blinding]
masking = ["participant", "investigator"]
unblinded = ["preparer"]
source = "test"
[[activity]]
id = "DRAW"
kind = "sample"
label = "Blood draw for serum re-injection"
participant_label = "Blood draw"
arm_labels = { B = "Sham draw, blood discarded" }
[[activity]]
id = "SERUM"
kind = "dose"
arms = ["A"]
label = "Autologous serum injection"
participant_label = "Study injection"
product = "autologous serum"
route = "intramuscular"
source = "test"
[[activity]]
id = "SALINE"
kind = "dose"
arms = ["B"]
label = "Saline injection (placebo)"
participant_label = "Study injection"
product = "normal saline (placebo)"
route = "intramuscular"
source = "test"
[[visit]]
id = "W0"
label = "Week 0"
epoch = "tx"
at = "P0D"
window = { early = "P0D", late = "P0D" }
activities = ["Q", "DRAW", "SERUM", "SALINE"]
source = "test"
)toml";

std::vector<Finding> blinding_findings(const Protocol& p) {
  std::vector<Finding> out;
  for (Finding& f : lint(p, LintOptions{})) {
    if (f.rule == "blinding") out.push_back(std::move(f));
  }
  return out;
}

TEST(Blinding, BlindTextNamesNoArmProductOrSiteOnlyLabel) {
  const Protocol p = test_protocol(kTwoArms);
  for (const char* arm : {"A", "B"}) {
    const std::string text = visit_activities_text(p, p.visits.front(), arm, true);
    EXPECT_EQ(text, "Q; Blood draw; Study injection") << arm;
    for (const char* leak : {"serum", "saline", "placebo", "Sham", "discarded", "re-injection"})
      EXPECT_EQ(text.find(leak), std::string::npos) << arm << " leaks " << leak << ": " << text;
  }
}

TEST(Blinding, SiteTextIsTheArmsOwn) {
  const Protocol p = test_protocol(kTwoArms);
  EXPECT_EQ(visit_activities_text(p, p.visits.front(), "A", false),
            "Q; Blood draw for serum re-injection; Autologous serum injection");
  EXPECT_EQ(visit_activities_text(p, p.visits.front(), "B", false),
            "Q; Sham draw, blood discarded; Saline injection (placebo)");
}

TEST(Blinding, LintPassesWhenTheParticipantTextIsTheSame) {
  EXPECT_TRUE(blinding_findings(test_protocol(kTwoArms)).empty());
}

TEST(Blinding, LintFindsArmSpecificParticipantText) {
  std::string tables = kTwoArms;
  tables.replace(tables.rfind("participant_label = \"Study injection\""),
                 std::string{"participant_label = \"Study injection\""}.size(),
                 "participant_label = \"Saline injection\"");
  const auto findings = blinding_findings(test_protocol(tables));
  ASSERT_EQ(findings.size(), 1U);
  EXPECT_EQ(findings[0].severity, Severity::error);
  EXPECT_EQ(findings[0].message,
            "visit W0: the participant is masked but is told \"Q; Blood draw; Study injection\" in arm A and "
            "\"Q; Blood draw; Saline injection\" in arm B: give the arm-specific activities one participant_label");
}

TEST(Blinding, LintIgnoresAnOpenLabelTrial) {
  std::string tables = kTwoArms;
  tables.replace(tables.find("[\"participant\", \"investigator\"]"),
                 std::string{"[\"participant\", \"investigator\"]"}.size(), "[]");
  tables.replace(tables.rfind("participant_label = \"Study injection\""),
                 std::string{"participant_label = \"Study injection\""}.size(),
                 "participant_label = \"Saline injection\"");
  const Protocol p = test_protocol(tables);
  EXPECT_FALSE(participant_masked(p));
  EXPECT_EQ(blinding_schema(p), "OPEN LABEL");
  EXPECT_TRUE(blinding_findings(p).empty());
}

TEST(Blinding, ReaderKeepsRolesStrataAndDesign) {
  const Protocol p = test_protocol(kTwoArms + R"([[stratum]]
id = "MILD"
label = "Mild"
arms = ["A"]
criterion = "SCORAD below 40"
source = "test"
)");
  ASSERT_TRUE(p.blinding);
  EXPECT_EQ(p.blinding->masking, (std::vector<MaskedRole>{MaskedRole::participant, MaskedRole::investigator}));
  EXPECT_EQ(p.blinding->unblinded, (std::vector<std::string>{"preparer"}));
  EXPECT_EQ(blinding_schema(p), "DOUBLE BLIND");
  ASSERT_EQ(p.strata.size(), 1U);
  EXPECT_EQ(p.strata[0].criterion, "SCORAD below 40");
  EXPECT_TRUE(p.strata[0].applies_to("A"));
  EXPECT_FALSE(p.strata[0].applies_to("B"));
  EXPECT_EQ(p.activities[2].site_label("B"), "Sham draw, blood discarded");
  EXPECT_EQ(p.activities[2].site_label("A"), "Blood draw for serum re-injection");
  EXPECT_EQ(parse_masked_role("outcome assessor"), MaskedRole::outcome_assessor);
  EXPECT_EQ(parse_masked_role("assessor"), std::nullopt);
}

}  // namespace
}  // namespace planner
