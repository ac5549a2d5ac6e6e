#include "planner/core/protocol.h"

#include <gtest/gtest.h>

#include <string>

#include "test_protocol.h"

namespace planner {
namespace {

using testing::test_dose;
using testing::test_protocol;
using testing::test_visit;

// Arms A and B; doses INJ (every arm) and SAL (arm B only), the assessment Q; visits W0 (INJ, Q, every arm),
// B1 (SAL, arm B only), Q2 (Q alone, every arm).
const Protocol& protocol() {
  static const Protocol p = test_protocol(
      test_dose("SAL", "saline", "2.5 mL", R"("B")") + test_visit("W0", "P0D", 0, 0, R"("INJ", "Q")") +
      test_visit("B1", "P1W", 1, 1, R"("SAL")", "arms = [\"B\"]\n") + test_visit("Q2", "P2W", 2, 2, R"("Q")"));
  return p;
}

TEST(Protocol, FindVisitReturnsTheVisitWithThatId) {
  const Protocol& p = protocol();
  ASSERT_EQ(p.visits.size(), 3u);
  EXPECT_EQ(p.find_visit("W0"), &p.visits[0]);  // in definition order: W0, B1, Q2
  EXPECT_EQ(p.find_visit("B1"), &p.visits[1]);
  EXPECT_EQ(p.find_visit("Q2"), &p.visits[2]);
}

// Ids match exactly: another case, a prefix or an empty id finds nothing.
TEST(Protocol, FindVisitOfUnknownIdIsNull) {
  const Protocol& p = protocol();
  EXPECT_EQ(p.find_visit("w0"), nullptr);
  EXPECT_EQ(p.find_visit("W"), nullptr);
  EXPECT_EQ(p.find_visit("W00"), nullptr);
  EXPECT_EQ(p.find_visit(""), nullptr);
  EXPECT_EQ(p.find_visit("INJ"), nullptr);  // an activity's id, not a visit's
}

TEST(Protocol, FindArmAndActivityById) {
  const Protocol& p = protocol();
  ASSERT_EQ(p.arms.size(), 2u);
  EXPECT_EQ(p.find_arm("A"), &p.arms[0]);
  EXPECT_EQ(p.find_arm("B"), &p.arms[1]);
  EXPECT_EQ(p.find_arm("C"), nullptr);
  EXPECT_EQ(p.find_arm("a"), nullptr);
  ASSERT_EQ(p.activities.size(), 3u);  // INJ, Q from test_protocol, then SAL
  EXPECT_EQ(p.find_activity("INJ"), &p.activities[0]);
  EXPECT_EQ(p.find_activity("Q"), &p.activities[1]);
  EXPECT_EQ(p.find_activity("SAL"), &p.activities[2]);
  EXPECT_EQ(p.find_activity("W0"), nullptr);  // a visit's id, not an activity's
}

// No `arms`: every arm, including one the protocol does not define; a list: only the arms it names.
TEST(Protocol, ActivityAppliesToItsArmsOrEveryArmWhenNoneListed) {
  const Protocol& p = protocol();
  const Activity& inj = *p.find_activity("INJ");
  EXPECT_TRUE(inj.applies_to("A"));
  EXPECT_TRUE(inj.applies_to("B"));
  EXPECT_TRUE(inj.applies_to("Z"));
  const Activity& sal = *p.find_activity("SAL");
  EXPECT_FALSE(sal.applies_to("A"));
  EXPECT_TRUE(sal.applies_to("B"));
  EXPECT_FALSE(sal.applies_to("b"));
  EXPECT_FALSE(sal.applies_to(""));
}

TEST(Protocol, VisitAppliesToItsArmsOrEveryArmWhenNoneListed) {
  const Protocol& p = protocol();
  EXPECT_TRUE(p.find_visit("W0")->applies_to("A"));
  EXPECT_TRUE(p.find_visit("W0")->applies_to("B"));
  EXPECT_FALSE(p.find_visit("B1")->applies_to("A"));
  EXPECT_TRUE(p.find_visit("B1")->applies_to("B"));
}

// A dose visit for an arm has a dose activity that applies to that arm; an assessment alone is not a dose.
TEST(Protocol, IsDoseVisitOnlyWhenADoseAppliesToTheArm) {
  const Protocol& p = protocol();
  EXPECT_TRUE(p.is_dose_visit(*p.find_visit("W0"), "A"));  // INJ, every arm
  EXPECT_TRUE(p.is_dose_visit(*p.find_visit("W0"), "B"));
  EXPECT_FALSE(p.is_dose_visit(*p.find_visit("B1"), "A"));  // SAL is arm B's only
  EXPECT_TRUE(p.is_dose_visit(*p.find_visit("B1"), "B"));
  EXPECT_FALSE(p.is_dose_visit(*p.find_visit("Q2"), "A"));  // Q is an assessment
  EXPECT_FALSE(p.is_dose_visit(*p.find_visit("Q2"), "B"));
}

// The names are the protocol format's spelling of `kind` and `role` (docs/protocol-format.md).
TEST(Protocol, ActivityKindAndEndpointRoleNames) {
  EXPECT_EQ(to_string(ActivityKind::dose), "dose");
  EXPECT_EQ(to_string(ActivityKind::assessment), "assessment");
  EXPECT_EQ(to_string(ActivityKind::procedure), "procedure");
  EXPECT_EQ(to_string(ActivityKind::sample), "sample");
  EXPECT_EQ(to_string(EndpointRole::primary), "primary");
  EXPECT_EQ(to_string(EndpointRole::secondary), "secondary");
  EXPECT_EQ(to_string(EndpointRole::exploratory), "exploratory");
}

// A Provenance is empty only when it has neither a source nor an assumption.
TEST(Protocol, ProvenanceIsEmptyWithNeitherSourceNorAssumption) {
  EXPECT_TRUE(Provenance{}.empty());
  EXPECT_FALSE((Provenance{"Choi 2024", ""}.empty()));
  EXPECT_FALSE((Provenance{"", "usual practice"}.empty()));
  EXPECT_EQ(protocol().find_visit("W0")->provenance.source, "test");  // test_visit writes source = "test"
}

}  // namespace
}  // namespace planner
