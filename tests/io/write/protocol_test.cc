#include "planner/io/write/protocol.h"

#include <gtest/gtest.h>

#include "test_protocol.h"

namespace planner {
namespace {

using testing::test_protocol;
using testing::test_visit;

// The tables after test_protocol's head, which ends at line 23: SCR starts at line 24 (its window at 29),
// W0 at 32, the series at 40, FU at 51, [dosing] at 60, [published] at 63.
const std::string kTables =
    "[[visit]]\n"
    "id = \"SCR\"\n"
    "label = \"Screening\"\n"
    "epoch = \"tx\"\n"
    "at = \"-P1W\"\n"
    "window = { early = \"P2D\", late = \"P2D\", assumed = \"site default\" }\n"
    "activities = [\"Q\"]\n"
    "source = \"test\"\n" +
    test_visit("W0", "P0D", 0, 0, R"("INJ", "Q")") +
    "[[series]]\n"
    "id = \"D{n}\"\n"
    "label = \"Dose {n}\"\n"
    "epoch = \"tx\"\n"
    "start = \"P1W\"\n"
    "every = \"P1W\"\n"
    "count = 2\n"
    "window = { early = \"P1D\", late = \"P1D\" }\n"
    "activities = [\"INJ\"]\n"
    "number_from = 2\n"
    "assumed = \"weekly doses\"\n" +
    test_visit("FU", "P4W", 3, 3, R"("Q")", "arms = [\"A\"]\n") +
    "[dosing]\n"
    "min_gap = \"P5D\"\n"
    "source = \"test\"\n"
    "[published]\n"
    "injections = 3\n"
    "treatment = \"P2W\"\n"
    "source = \"paper\"\n";

// Arms and epochs without a label are labelled with their id. Field names are padded to 11 characters, an empty value
// shows as "-". Tables are indented by two spaces, their columns as wide as the widest cell and two spaces apart
// (DOSES, DAY and WEEK right-aligned). Arm A: doses at W0, D2, D3 (days 1, 8, 15), its last visit FU (28 days: week 4);
// arm B ends at D3 (week 2). SCR is 7 days before Day 1: study day -7 (there is no day 0), week -1.
TEST(ShowText, ListsEverySectionOfAProtocol) {
  EXPECT_EQ(show_text(test_protocol(kTables)),
            "t\n"
            "  title      -\n"
            "  design     -\n"
            "  condition  -\n"
            "  citation   -\n"
            "  DOI        -\n"
            "  registry   -\n"
            "  source     -\n"
            "  file       t.toml\n"
            "\n"
            "Anchor\n"
            "  Day 1 = first dose. Study day 1 is Day 1 (no day 0); week N is Day 1 + 7N days (study day 7N+1).\n"
            "\n"
            "Arms\n"
            "  ARM  LABEL  DOSES  DOSE DAYS  LAST VISIT\n"
            "  A    A          3  day 1..15  week 4 (FU)\n"
            "  B    B          3  day 1..15  week 2 (D3)\n"
            "\n"
            "Epochs\n"
            "  EPOCH  LABEL\n"
            "  tx     tx\n"
            "\n"
            "Activities\n"
            "  ACTIVITY  KIND        ARMS  WHAT\n"
            "  INJ       dose        all   serum, amount not stated, intramuscular\n"
            "  Q         assessment  all   EASI (secondary)\n"
            "\n"
            "Visits (planned order; DAY and WEEK of visits timed from Day 1; WINDOW in days before/after the target)\n"
            "  VISIT  LABEL      EPOCH  TIMING            DAY  WEEK  WINDOW  ARMS  ACTIVITIES\n"
            "  SCR    Screening  tx     P1W before Day 1   -7    -1  ±2d     all   Q\n"
            "  W0     W0         tx     Day 1               1     0  ±0d     all   INJ Q\n"
            "  D2     Dose 2     tx     P1W after Day 1     8     1  ±1d     all   INJ\n"
            "  D3     Dose 3     tx     P2W after Day 1    15     2  ±1d     all   INJ\n"
            "  FU     FU         tx     P4W after Day 1    29     4  ±3d     A     Q\n"
            "\n"
            "Series\n"
            "  D{n}  \"Dose {n}\": from P1W after Day 1, every P1W x 2, on P0D of each period, {n} from 2\n"
            "    -> D2, D3 (2 visits)\n"
            "\n"
            "Dosing\n"
            "  minimum gap between doses: P5D (5 days)\n"
            "\n"
            "Published\n"
            "  injections 3\n"
            "  treatment  P2W\n"
            "  follow-up  -\n"
            "  source     paper\n"
            "\n"
            "Assumptions (2)\n"
            "  t.toml:29  visit SCR window: site default\n"
            "  t.toml:40  series D{n}: weekly doses\n");
}

TEST(ShowText, SaysNoneWhereAProtocolHasNothing) {
  const std::string text = show_text(test_protocol(test_visit("W0", "P0D", 0, 0)));
  EXPECT_NE(text.find("\nSeries\n  none\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\nDosing\n  no minimum gap between doses\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\nPublished\n  nothing stated\n"), std::string::npos) << text;
  EXPECT_TRUE(text.ends_with("\nAssumptions (0)\n  none\n")) << text;
}

}  // namespace
}  // namespace planner
