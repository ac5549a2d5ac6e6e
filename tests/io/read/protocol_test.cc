#include "planner/io/read/protocol.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

#include "planner/core/error.h"
#include "planner/io/iso8601.h"
#include "planner/io/read/input_file.h"
#include "planner/io/source_text.h"
#include "test_protocol.h"

namespace planner {
namespace {

namespace fs = std::filesystem;

// Every tests/testdata/protocols/bad/NAME.toml must fail to load with exactly the text of NAME.expected.
TEST(ProtocolReader, MalformedFilesGiveExactMessages) {
  const fs::path dir = fs::path{PLANNER_TESTDATA} / "protocols" / "bad";
  std::vector<fs::path> cases;
  for (const auto& e : fs::directory_iterator{dir})
    if (e.path().extension() == ".toml") cases.push_back(e.path());
  std::sort(cases.begin(), cases.end());
  ASSERT_GE(cases.size(), 15u);
  for (const fs::path& file : cases) {
    SCOPED_TRACE(file.filename().string());
    fs::path expected_file = file;
    expected_file.replace_extension(".expected");
    ASSERT_TRUE(fs::exists(expected_file)) << "missing " << expected_file;
    std::string message = "loaded without error\n";
    try {
      parse_protocol(read_file(file.string()), file.filename().string());
    } catch (const InputError& e) {
      message = e.what();
    }
    EXPECT_EQ(message, read_file(expected_file.string()));
  }
}

TEST(ProtocolReader, ReadsTheBundledProtocols) {
  int loaded = 0;
  for (const auto& e : fs::directory_iterator{PLANNER_PROTOCOLS}) {
    if (e.path().extension() != ".toml") continue;
    SCOPED_TRACE(e.path().filename().string());
    const Protocol p = load_protocol(e.path().string());
    EXPECT_EQ(p.study.id, e.path().stem().string());
    EXPECT_FALSE(p.visits.empty());
    ++loaded;
  }
  EXPECT_GE(loaded, 2);
}

TEST(ProtocolReader, ExpandsSeriesAndResolvesReferences) {
  const Protocol p = parse_protocol(R"(format = 1
[study]
id = "s"
[anchor]
event = "first injection"
[[arm]]
id = "A"
source = "x"
[[epoch]]
id = "tx"
[[activity]]
id = "INJ"
kind = "dose"
product = "whole blood"
route = "intramuscular"
amount = "1 mL"
source = "x"
[[series]]
id = "W{week}"
label = "Week {week}"
epoch = "tx"
start = "P0D"
every = "P1W"
count = 5
window = { early = "P1D", late = "P1D", assumed = "site default" }
activities = ["INJ"]
amounts = ["1 mL", "2 mL", "3 mL", "2 mL", "1 mL"]
source = "BMC-T2"
[[visit]]
id = "FU"
label = "Follow-up"
epoch = "tx"
after = "W4"
at = "P5W"
window = { early = "P3D", late = "P3D" }
activities = ["INJ"]
source = "PIT-abs"
)",
                                    "s.toml");
  ASSERT_EQ(p.visits.size(), 6u);
  EXPECT_EQ(p.visits[2].id, "W2");
  EXPECT_EQ(p.visits[2].amount, (Amount{Decimal{3, 0}, "mL"}));
  EXPECT_EQ(p.visits[2].at.exact_days(), Days{14});
  EXPECT_EQ(p.visits[2].occurrence, 3);
  EXPECT_EQ(p.visits[2].window.provenance.assumed, "site default");
  EXPECT_EQ(p.visits[5].after, std::optional<std::size_t>{4});
  EXPECT_EQ(p.visits[5].window.provenance.source, "PIT-abs");  // inherited from the visit
  EXPECT_EQ(p.visits[5].where.line, 29);                       // the [[visit]] header
}

// ---- amounts: a number, one space, a one-word unit (docs/protocol-format.md, "Conventions") ----------

// The message of reading the test protocol plus `tables`, or "loaded" when it loads.
std::string error_of(const std::string& tables) {
  try {
    testing::test_protocol(tables);
  } catch (const InputError& e) {
    return e.what();
  }
  return "loaded";
}

// A visit W0 (lines 24-31 after the test protocol's 23) whose line 32 is `amount = "<text>"`.
std::string visit_amount(const std::string& text) {
  return testing::test_visit("W0", "P0D", 0, 0, R"("INJ")", "amount = \"" + text + "\"\n");
}

std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }

// A weekly series of INJ from Day 1, `count` visits, `amounts` on line 33.
std::string series_amounts(int count, const std::string& amounts) {
  return "[[series]]\nid = \"W{week}\"\nlabel = \"Week {week}\"\nepoch = \"tx\"\nstart = \"P0D\"\nevery = \"P1W\"\n"
         "count = " +
         std::to_string(count) +
         "\nwindow = { early = \"P0D\", late = \"P0D\" }\nactivities = [\"INJ\"]\n"
         "amounts = " +
         amounts + "\nsource = \"test\"\n";
}

TEST(ProtocolReader, AmountsKeepTheNumberAsWritten) {
  const Protocol p = testing::test_protocol(
      testing::test_dose("IGG", "IgG", "2.50 mg/kg") +
      testing::test_visit("W0", "P0D", 0, 0, R"("INJ", "IGG")", "amount = \"0.5 mL\"\n") +
      testing::test_visit("W1", "P1W", 0, 0, R"("IGG")") +
      testing::test_visit("W2", "P2W", 0, 0, R"("IGG")", "amount = \"100 U\"\n"));
  const Activity& igg = p.activities[2];
  ASSERT_TRUE(igg.amount);
  EXPECT_EQ(igg.amount->value.scaled, 250);
  EXPECT_EQ(igg.amount->value.places, 2);
  EXPECT_EQ(igg.amount->unit, "mg/kg");
  EXPECT_EQ(to_string(*igg.amount), "2.50 mg/kg");
  EXPECT_FALSE(p.activities[0].amount);  // INJ states none
  ASSERT_TRUE(p.visits[0].amount && p.visits[2].amount);
  EXPECT_EQ(to_string(*p.visits[0].amount), "0.5 mL");
  EXPECT_FALSE(p.visits[1].amount);
  EXPECT_EQ(to_string(*p.visits[2].amount), "100 U");
}

TEST(ProtocolReader, AmountsOfASeriesGoToItsVisitsInOrder) {
  const Protocol p = testing::test_protocol(series_amounts(3, R"(["1 mL", "2 mL", "1.5 mL"])"));
  std::vector<std::string> amounts;
  for (const Visit& v : p.visits) amounts.push_back(v.amount ? to_string(*v.amount) : "none");
  EXPECT_EQ(amounts, (std::vector<std::string>{"1 mL", "2 mL", "1.5 mL"}));
}

// One spelling: "5 mL". The caret goes under the character that breaks it (column = 10 for the quote,
// then one per character of the value).
TEST(ProtocolReader, MalformedAmountsPointAtTheCharacterThatBreaksTheSpelling) {
  const std::string rule = " (write a number, one space and a unit, as in \"5 mL\" or \"0.5 mg/kg\")";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"5mL", "32:12: error: 'amount' needs one space between the number and the unit, got '5mL'"},
      {"5  mL", "32:12: error: 'amount' needs one space between the number and the unit, got '5  mL'"},
      {"1e3 mL", "32:12: error: 'amount' needs one space between the number and the unit, got '1e3 mL'"},
      {"5", "32:12: error: 'amount' has no unit, got '5'"},
      {"", "32:11: error: 'amount' must start with a number, got ''"},
      {"five mL", "32:11: error: 'amount' must start with a number, got 'five mL'"},
      {".5 mL", "32:11: error: 'amount' must start with a number, got '.5 mL'"},
      {"-5 mL", "32:11: error: 'amount' must start with a number, got '-5 mL'"},
      {"05 mL", "32:11: error: 'amount' has a leading zero, got '05 mL'"},
      {"5. mL", "32:12: error: 'amount' needs digits after its decimal point, got '5. mL'"},
      {"2,5 mL", "32:12: error: 'amount' needs a point, not a comma, before its decimals, got '2,5 mL'"},
      {"1.2.3 mL", "32:14: error: 'amount' needs one space between the number and the unit, got '1.2.3 mL'"},
      {"1234567890123456 mL", "32:26: error: 'amount' has more than 15 digits, got '1234567890123456 mL'"},
      {"5 2mL", "32:13: error: 'amount' has a unit that starts with a digit, got '5 2mL'"},
      {"5 m L", "32:14: error: 'amount' needs a one-word unit, got '5 m L'"},
      {"5 mL ", "32:15: error: 'amount' needs a one-word unit, got '5 mL '"},
      {"5 µg x", "32:15: error: 'amount' needs a one-word unit, got '5 µg x'"},  // columns count characters
  };
  for (const auto& [text, expected] : cases) {
    std::string want = "t.toml:";
    want.append(expected).append(rule);
    EXPECT_EQ(first_line(error_of(visit_amount(text))), want) << text;
  }
}

TEST(ProtocolReader, MalformedAmountShowsTheLineAndACaret) {
  EXPECT_EQ(error_of(visit_amount("5mL")),
            "t.toml:32:12: error: 'amount' needs one space between the number and the unit, got '5mL' (write a "
            "number, one space and a unit, as in \"5 mL\" or \"0.5 mg/kg\")\n"
            " 32 | amount = \"5mL\"\n"
            "    |            ^\n");
}

// An escape changes the columns of what follows it: the caret stays at the opening quote.
TEST(ProtocolReader, MalformedAmountWithAnEscapePointsAtTheQuote) {
  EXPECT_EQ(first_line(error_of(visit_amount("5\\u006DL"))),
            "t.toml:32:10: error: 'amount' needs one space between the number and the unit, got '5mL' (write a "
            "number, one space and a unit, as in \"5 mL\" or \"0.5 mg/kg\")");
}

TEST(ProtocolReader, MalformedAmountInASeriesPointsIntoItsEntry) {
  const std::string series = series_amounts(2, R"(["1 mL", "2mL"])");
  // Line 33: `amounts = ["1 mL", "2mL"]`, the second entry's quote at column 20, its 'm' at 22.
  EXPECT_EQ(first_line(error_of(series)),
            "t.toml:33:22: error: 'amounts' needs one space between the number and the unit, got '2mL' (write a "
            "number, one space and a unit, as in \"5 mL\" or \"0.5 mg/kg\")");
}

TEST(ProtocolReader, AnAmountOnAnotherKindIsMisplacedNotMalformed) {
  EXPECT_EQ(first_line(error_of("[[activity]]\nid = \"EASI\"\nkind = \"assessment\"\ninstrument = \"EASI\"\n"
                                "amount = \"a lot\"\n")),
            "t.toml:28:10: error: 'amount' belongs to activities of kind \"dose\"");
}

TEST(ProtocolReader, AnAmountMustBeAString) {
  EXPECT_EQ(first_line(error_of(testing::test_visit("W0", "P0D", 0, 0, R"("INJ")", "amount = 5\n"))),
            "t.toml:32:10: error: 'amount' must be a string, got an integer");
}

}  // namespace
}  // namespace planner

namespace planner {
namespace {

// Q (an assessment) at W0 and W8; the endpoint tables given.
Protocol endpoint_protocol(const std::string& tables) {
  return testing::test_protocol(testing::test_visit("W0", "P0D", 0, 0, R"("INJ", "Q")") +
                                testing::test_visit("W8", "P8W", 3, 3, R"("Q")") + tables);
}

TEST(ProtocolReader, ReadsAnEndpointAtAVisit) {
  const Protocol p = endpoint_protocol(R"([[endpoint]]
id = "EASI_W8"
activity = "Q"
visit = "W8"
role = "primary"
published = "P8W"
measure = "change from baseline"
source = "test"
)");
  ASSERT_EQ(p.endpoints.size(), 1u);
  const Endpoint& e = p.endpoints[0];
  EXPECT_EQ(e.id, "EASI_W8");
  EXPECT_EQ(e.label, "EASI");  // the instrument, when the endpoint gives no label
  EXPECT_EQ(p.activities[e.activity].id, "Q");
  EXPECT_EQ(p.visits[e.visit].id, "W8");
  EXPECT_EQ(e.role, EndpointRole::primary);
  EXPECT_EQ(format_duration(*e.published), "P8W");
  EXPECT_EQ(e.measure, "change from baseline");
  EXPECT_EQ(e.where.line, 40);  // after the 24 lines of test_protocol and two visits
  EXPECT_EQ(p.endpoint_at(e.visit, e.activity), &e);
  EXPECT_EQ(p.endpoint_at(0, e.activity), nullptr);  // Q at W0 is not a read-out
}

TEST(ProtocolReader, AnEndpointNeedsItsActivityAtItsVisit) {
  try {
    endpoint_protocol("[[endpoint]]\nid = \"E\"\nactivity = \"INJ\"\nvisit = \"W0\"\nrole = \"primary\"\n");
    FAIL() << "loaded";
  } catch (const InputError& e) {
    EXPECT_NE(std::string{e.what()}.find("an endpoint reads out an activity of kind \"assessment\""), std::string::npos)
        << e.what();
  }
}

TEST(ProtocolReader, AnInlineActivityTableGivesThatActivityItsProvenance) {
  const Protocol p = testing::test_protocol(
      testing::test_visit("W0", "P0D", 0, 0, R"("INJ", { id = "Q", assumed = "timing NOT FOUND", note = "n" })"));
  const Visit& v = p.visits[0];
  ASSERT_EQ(v.activities.size(), 2u);
  EXPECT_EQ(p.activities[v.activities[1]].id, "Q");
  ASSERT_EQ(v.activity_provenance.size(), 1u);
  EXPECT_EQ(p.activities[v.activity_provenance[0].activity].id, "Q");
  EXPECT_EQ(v.activity_provenance[0].provenance.assumed, "timing NOT FOUND");
  EXPECT_EQ(v.activity_provenance[0].note, "n");
  EXPECT_EQ(v.activity_provenance[0].where.line, 30);  // the line of `activities`
  EXPECT_EQ(v.provenance.source, "test");              // the visit keeps its own
}

TEST(ProtocolReader, PublishedLengthIsAFormat2Key) {
  const Protocol p = testing::test_protocol(testing::test_visit("W0", "P0D", 0, 0) +
                                            "[published]\nlength = \"P10W\"\nsource = \"test\"\n");
  EXPECT_EQ(format_duration(*p.published->length), "P10W");
}

}  // namespace
}  // namespace planner
