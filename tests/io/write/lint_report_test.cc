#include "planner/io/write/lint_report.h"

#include <gtest/gtest.h>

namespace planner {
namespace {

const std::vector<LintReport>
    kReports{{"t",
              "p/t.toml",
              {{"visit-order", Severity::warning, {"p/t.toml", 12, 1}, "W2", "visit W2 is defined after W3"},
               {"published-treatment", Severity::info, {"p/t.toml", 0, 0}, "", "treatment: doses in weeks 0-4"},
               {"feasibility", Severity::error, {"p/t.toml", 30, 1}, "D4", "no open day \"in\" its window"}}},
             {"", "p/bad.toml", {{"load", Severity::error, {"p/bad.toml", 3, 7}, "", "expected a string"}}}};

TEST(LintText, ListsFindingsThenCountsPerProtocol) {
  // A finding at line 0 concerns the protocol as a whole: no line number after the file.
  EXPECT_EQ(lint_text(kReports),
            "p/t.toml:12: warning: [visit-order] visit W2 is defined after W3\n"
            "p/t.toml: info: [published-treatment] treatment: doses in weeks 0-4\n"
            "p/t.toml:30: error: [feasibility] no open day \"in\" its window\n"
            "p/t.toml: 1 error, 1 warning, 1 info\n"
            "p/bad.toml:3: error: [load] expected a string\n"
            "p/bad.toml: 1 error, 0 warnings, 0 info\n");
  EXPECT_EQ(lint_text({{"t", "p/t.toml", {}}}), "p/t.toml: 0 errors, 0 warnings, 0 info\n");
}

TEST(LintJson, IsOneObjectForOneProtocolAndAnArrayForSeveral) {
  EXPECT_EQ(lint_json({kReports[1]}),
            "{\n"
            "  \"protocol\": null,\n"  // the file did not load: no study id
            "  \"file\": \"p/bad.toml\",\n"
            "  \"findings\": [\n"
            "    {\n"
            "      \"rule\": \"load\",\n"
            "      \"severity\": \"error\",\n"
            "      \"file\": \"p/bad.toml\",\n"
            "      \"line\": 3,\n"
            "      \"visit\": \"\",\n"
            "      \"message\": \"expected a string\"\n"
            "    }\n"
            "  ],\n"
            "  \"summary\": {\n"
            "    \"errors\": 1,\n"
            "    \"warnings\": 0,\n"
            "    \"info\": 0\n"
            "  }\n"
            "}\n");
  EXPECT_EQ(lint_json({{"t", "p/t.toml", {}}, {"u", "p/u.toml", {}}}),
            "[\n"
            "  {\n"
            "    \"protocol\": \"t\",\n"
            "    \"file\": \"p/t.toml\",\n"
            "    \"findings\": [],\n"
            "    \"summary\": {\n"
            "      \"errors\": 0,\n"
            "      \"warnings\": 0,\n"
            "      \"info\": 0\n"
            "    }\n"
            "  },\n"
            "  {\n"
            "    \"protocol\": \"u\",\n"
            "    \"file\": \"p/u.toml\",\n"
            "    \"findings\": [],\n"
            "    \"summary\": {\n"
            "      \"errors\": 0,\n"
            "      \"warnings\": 0,\n"
            "      \"info\": 0\n"
            "    }\n"
            "  }\n"
            "]\n");
}

TEST(LintJson, EscapesQuotesInMessages) {
  const std::string json = lint_json({kReports[0]});
  EXPECT_NE(json.find("\"message\": \"no open day \\\"in\\\" its window\""), std::string::npos) << json;
}

TEST(LoadFinding, TakesLineColumnAndTheFirstLineOfTheLoadersMessage) {
  const Finding f = load_finding("p/t.toml", "p/t.toml:7:3: error: unknown key 'idd'\n 7 | idd = 1\n   |   ^\n");
  EXPECT_EQ(f.rule, "load");
  EXPECT_EQ(f.severity, Severity::error);
  EXPECT_EQ(f.where.file, "p/t.toml");
  EXPECT_EQ(f.where.line, 7);
  EXPECT_EQ(f.where.column, 3);
  EXPECT_EQ(f.visit, "");
  EXPECT_EQ(f.message, "unknown key 'idd'");
}

TEST(LoadFinding, KeepsMessagesWithoutALineAtLineZero) {
  // `file: error: message` (a file that cannot be read): the message without the prefix.
  const Finding io = load_finding("p/t.toml", "p/t.toml: error: cannot open: No such file or directory");
  EXPECT_EQ(io.where.line, 0);
  EXPECT_EQ(io.message, "cannot open: No such file or directory");
  // A message naming another file (an included holiday list) is kept whole.
  const Finding other = load_finding("p/t.toml", "h.txt:2:1: error: expected a date");
  EXPECT_EQ(other.where.line, 0);
  EXPECT_EQ(other.message, "h.txt:2:1: error: expected a date");
  // A line without a column is not SourceText's form: kept whole.
  const Finding no_column = load_finding("p/t.toml", "p/t.toml:7: error: x");
  EXPECT_EQ(no_column.where.line, 0);
  EXPECT_EQ(no_column.message, "p/t.toml:7: error: x");
}

}  // namespace
}  // namespace planner
