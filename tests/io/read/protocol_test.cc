#include "planner/io/read/protocol.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

#include "planner/core/error.h"
#include "planner/io/source_text.h"
#include "planner/io/read/input_file.h"

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
  EXPECT_EQ(p.visits[5].where.line, 29);  // the [[visit]] header
}

}  // namespace
}  // namespace planner
