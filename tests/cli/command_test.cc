// A Command is parsed once, by run_command: --format is checked against the values the command declares, a
// missing positional argument or required option is named, --raw-csv reaches the command as CsvOptions.
#include "planner/cli/command.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <optional>

#include "planner/core/error.h"

namespace planner::cli {
namespace {

// What the test command saw.
struct Seen {
  std::string format;
  std::string protocol;
  bool formula_guard = false;
};
std::optional<Seen> seen;

void test_options(OptionList& o) {
  o.protocol().text("day1", "Day 1").format({"table", "csv"}, "table", "table or csv");
}

int test_run(const Args& args) {
  seen = Seen{args.format(), args.argument(), args.csv().formula_guard};
  (void)args.required("day1");
  return 7;
}

const Command test_command{"test", "a command for tests", "planner test PROTOCOL --day1 DATE", test_options, test_run};

std::string error_of(const Command& command, const std::vector<std::string>& args) {
  try {
    run_command(command, args);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(Command, RunsWithTheParsedOptions) {
  seen.reset();
  EXPECT_EQ(run_command(test_command, {"p.toml", "--day1", "2026-01-05", "--format", "csv"}), 7);
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->format, "csv");
  EXPECT_EQ(seen->protocol, "p.toml");
  EXPECT_TRUE(seen->formula_guard);
}

TEST(Command, RawCsvTurnsTheFormulaGuardOffForThisRunOnly) {
  seen.reset();
  run_command(test_command, {"p.toml", "--day1", "2026-01-05", "--raw-csv"});
  ASSERT_TRUE(seen);
  EXPECT_FALSE(seen->formula_guard);
  EXPECT_EQ(seen->format, "table");  // the declared default
  run_command(test_command, {"p.toml", "--day1", "2026-01-05"});
  EXPECT_TRUE(seen->formula_guard);
}

TEST(Command, FormatIsCheckedAgainstTheDeclaredValues) {
  EXPECT_EQ(error_of(test_command, {"p.toml", "--format", "json"}),
            "planner: error: --format: expected table or csv, got 'json'");
}

TEST(Command, MissingArgumentsAreNamed) {
  EXPECT_EQ(error_of(test_command, {"--day1", "2026-01-05"}),
            "planner: error: planner test needs a PROTOCOL\nusage: planner test PROTOCOL --day1 DATE");
  EXPECT_EQ(error_of(test_command, {"p.toml"}),
            "planner: error: planner test needs --day1\nusage: see planner test --help");
}

TEST(Command, UnknownOptionsGetAGuessAndTheUsage) {
  EXPECT_EQ(error_of(test_command, {"p.toml", "--formt", "csv"}),
            "planner: error: unknown option '--formt'; did you mean '--format'?\nusage: planner test PROTOCOL --day1 "
            "DATE");
}

TEST(Command, HelpPrintsTheUsageAndOptionsAndRunsNothing) {
  seen.reset();
  testing::internal::CaptureStdout();
  EXPECT_EQ(run_command(test_command, {"--help"}), 0);
  const std::string help = testing::internal::GetCapturedStdout();
  EXPECT_FALSE(seen);
  EXPECT_EQ(help.substr(0, help.find("\n\n")), "usage: planner test PROTOCOL --day1 DATE");
  // The command's options, then --output, then the common options.
  EXPECT_LT(help.find("--format arg (=table)"), help.find("-o [ --output ] arg"));
  EXPECT_LT(help.find("-o [ --output ] arg"), help.find("Common options:"));
  EXPECT_NE(help.find("--raw-csv"), std::string::npos);
}

TEST(Command, EveryCommandChecksItsFormatValues) {
  // --format is checked before any file is read: the message lists what each command writes.
  const std::vector<std::pair<std::string_view, std::string>> expected{{"calendar", "table, csv, json, ics or xlsx"},
                                                                       {"check", "table, csv, json, summary or xlsx"},
                                                                       {"lint", "text or json"},
                                                                       {"load", "table, csv or xlsx"},
                                                                       {"protocols", "table, markdown or csv"},
                                                                       {"soa", "table, markdown or csv"},
                                                                       {"timepoints", "table or csv"}};
  for (const auto& [command_name, values] : expected) {
    const std::string_view name = command_name;  // a lambda may not capture a structured binding in clang 14
    const auto table = commands();
    const auto command = std::find_if(table.begin(), table.end(), [&](const Command& c) { return c.name == name; });
    ASSERT_NE(command, table.end()) << name;
    EXPECT_EQ(error_of(*command, {"no-such-protocol.toml", "--format", "xml"}),
              "planner: error: --format: expected " + values + ", got 'xml'")
        << name;
  }
}

TEST(Command, TheTableListsEveryCommandOnceInOrder) {
  std::vector<std::string_view> names;
  for (const Command& c : commands()) names.push_back(c.name);
  EXPECT_EQ(names, (std::vector<std::string_view>{"calendar", "check", "import-usdm", "lint", "load", "protocols",
                                                  "sdtm", "show", "soa", "timepoints", "window"}));
}

}  // namespace
}  // namespace planner::cli
