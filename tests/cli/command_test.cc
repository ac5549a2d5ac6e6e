// A Command is parsed once, by run_command: --format is checked against the values the command declares, a
// missing positional argument or required option is named, --raw-csv reaches the command as CsvOptions, and the
// usage lines are rendered from the option definitions.
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
  o.protocol().text("day1 DATE", "Day 1").format({"table", "csv"}, "table", "table or csv").csv_output();
}

int test_run(const Args& args) {
  seen = Seen{args.format(), args.argument(), args.csv().formula_guard};
  (void)args.required("day1");
  return 7;
}

const Command test_command{"test", "a command for tests", "PROTOCOL --day1 [--format]", "", test_options, test_run};

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
            "planner: error: planner test needs a PROTOCOL\nusage: planner test PROTOCOL --day1 DATE [--format "
            "table|csv]");
  EXPECT_EQ(error_of(test_command, {"p.toml"}),
            "planner: error: planner test needs --day1\nusage: see planner test --help");
}

TEST(Command, UnknownOptionsGetAGuessAndTheUsage) {
  EXPECT_EQ(error_of(test_command, {"p.toml", "--formt", "csv"}),
            "planner: error: unknown option '--formt'; did you mean '--format'?\nusage: planner test PROTOCOL --day1 "
            "DATE [--format table|csv]");
}

TEST(Command, HelpPrintsTheUsageAndOptionsAndRunsNothing) {
  seen.reset();
  testing::internal::CaptureStdout();
  EXPECT_EQ(run_command(test_command, {"--help"}), 0);
  const std::string help = testing::internal::GetCapturedStdout();
  EXPECT_FALSE(seen);
  EXPECT_EQ(help.substr(0, help.find("\n\n")), "usage: planner test PROTOCOL --day1 DATE [--format table|csv]");
  // The argument by its name, the command's options, then --output, the CSV options, the common options.
  EXPECT_NE(help.find("\n\nArguments:\n  PROTOCOL  protocol file"), std::string::npos);
  EXPECT_EQ(help.find("--protocol"), std::string::npos);
  EXPECT_LT(help.find("--day1 DATE"), help.find("--format table|csv (=table)"));
  EXPECT_LT(help.find("--format table|csv (=table)"), help.find("-o [ --output ] FILE"));
  EXPECT_LT(help.find("-o [ --output ] FILE"), help.find("CSV output:\n  --raw-csv"));
  EXPECT_LT(help.find("--raw-csv"), help.find("Common options:"));
}

TEST(Command, CsvOptionsOnlyWhereTheCommandWritesCsv) {
  const Command no_csv{"plain",
                       "writes text",
                       "PROTOCOL",
                       "",
                       [](OptionList& o) { o.protocol(); },
                       [](const Args& args) {
                         (void)args.csv();
                         return 0;
                       }};
  EXPECT_EQ(error_of(no_csv, {"p.toml", "--raw-csv"}).substr(0, 48),
            "planner: error: unknown option '--raw-csv'\nusage");
  EXPECT_THROW(run_command(no_csv, {"p.toml"}), std::logic_error);  // asked for CSV options it did not declare
}

TEST(Command, DateOptionsAreReadOnceForEveryCommand) {
  static std::optional<Date> day1;
  const Command dated{"dated",
                      "reads a date",
                      "[--day1]",
                      "",
                      [](OptionList& o) { o.text("day1 DATE", "Day 1"); },
                      [](const Args& args) {
                        day1 = args.date("day1");
                        if (day1) {
                          EXPECT_EQ(args.required_date("day1"), *day1);
                        }
                        return 0;
                      }};
  run_command(dated, {"--day1", "2026-01-05"});
  EXPECT_EQ(day1, Date{date::year{2026} / 1 / 5});
  run_command(dated, {});
  EXPECT_EQ(day1, std::nullopt);
  EXPECT_EQ(error_of(dated, {"--day1", "2026-02-30"}).substr(0, 24), "planner: error: --day1: ");
}

// The usage of a command whose options are given by `declare`.
std::string usage_of(void (*declare)(OptionList&), std::string_view spec) {
  OptionList options;
  declare(options);
  return usage_text("test", spec, options.complete());
}

TEST(Usage, OptionsTakeTheirValueNamesFromTheirDefinitions) {
  EXPECT_EQ(usage_of(test_options, "PROTOCOL --day1 [--format] [--output]"),
            "planner test PROTOCOL --day1 DATE [--format table|csv] [--output FILE]");
  EXPECT_EQ(usage_of(test_options, "PROTOCOL ... --format=csv [--raw-csv]"),
            "planner test PROTOCOL ... --format csv [--raw-csv]");
  EXPECT_EQ(usage_of(test_options, "PROTOCOL\n(--day1 | --output)..."),
            "planner test PROTOCOL\n       planner test (--day1 DATE | --output FILE)...");
}

TEST(Usage, LongFormsWrapUnderTheFirstWord) {
  const std::string usage =
      usage_of(test_options,
               "PROTOCOL --day1 [--format] [--output] --day1 [--format] [--output] --day1 [--format] "
               "[--output] --day1 [--format]");
  EXPECT_EQ(usage,
            "planner test PROTOCOL --day1 DATE [--format table|csv] [--output FILE] --day1 DATE [--format table|csv]\n"
            "                    [--output FILE] --day1 DATE [--format table|csv] [--output FILE] --day1 DATE "
            "[--format "
            "table|csv]");  // after "usage: ", no line is longer than 120 columns
}

TEST(Usage, NamingAnOptionOrValueTheCommandLacksIsAProgrammingError) {
  EXPECT_THROW(usage_of(test_options, "PROTOCOL --day2"), std::logic_error);
  EXPECT_THROW(usage_of(test_options, "PROTOCOL --format=json"), std::logic_error);
  EXPECT_THROW(usage_of(test_options, "PROTOCOL --format=csv|xml"), std::logic_error);
  EXPECT_THROW(usage_of([](OptionList& o) { o.text("day1", "no value name"); }, "--day1"), std::logic_error);
}

// `planner NAME --help`, as printed.
std::string help_of(const Command& command) {
  testing::internal::CaptureStdout();
  run_command(command, {"--help"});
  return testing::internal::GetCapturedStdout();
}

// The values after "--format " in `text` (each occurrence's a|b|c, in order of appearance).
std::vector<std::string> format_values_in(const std::string& text) {
  std::vector<std::string> out;
  for (auto at = text.find("--format "); at != std::string::npos; at = text.find("--format ", at + 1)) {
    const auto start = at + 9;
    out.push_back(text.substr(start, text.find_first_of(" ]\n", start) - start));
  }
  return out;
}

TEST(Usage, EveryCommandsHelpRendersAndAgreesWithItself) {
  for (const Command& command : commands()) {
    const std::string help = help_of(command);
    const std::string usage = help.substr(0, help.find("\n\n"));
    const std::string options = help.substr(help.find("\n\n"));
    EXPECT_EQ(help.find(" arg "), std::string::npos) << command.name << ": an option without a value name";
    EXPECT_EQ(options.find("--protocol"), std::string::npos) << command.name;
    // The usage's --format values are among those the option lists (a form may name fewer).
    const std::vector<std::string> listed = format_values_in(options);
    if (listed.empty()) continue;
    ASSERT_EQ(listed.size(), 1U) << command.name;
    for (const std::string& values : format_values_in(usage))
      for (std::size_t at = 0; at <= values.size();) {
        const auto bar = std::min(values.find('|', at), values.size());
        EXPECT_NE(("|" + listed.front() + "|").find("|" + values.substr(at, bar - at) + "|"), std::string::npos)
            << command.name << ": usage --format " << values << ", options --format " << listed.front();
        at = bar + 1;
      }
  }
}

TEST(Usage, RawCsvOnlyOnCommandsThatNeutraliseCsvCells) {
  for (const Command& command : commands()) {
    const bool offered = help_of(command).find("--raw-csv") != std::string::npos;
    const bool guarded = command.name == "calendar" || command.name == "check" || command.name == "forecast" ||
                         command.name == "load" || command.name == "protocols" || command.name == "soa" ||
                         command.name == "timepoints" || command.name == "window";
    EXPECT_EQ(offered, guarded) << command.name;
  }
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
  EXPECT_EQ(names, (std::vector<std::string_view>{"calendar", "check", "export-usdm", "forecast", "import-usdm", "lint",
                                                  "load", "migrate", "protocols", "report", "sdtm", "show", "soa",
                                                  "timepoints", "window"}));
}

}  // namespace
}  // namespace planner::cli
