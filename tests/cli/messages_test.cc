// The CLI's messages, word for word: what a user reads when a command line is wrong.
#include "planner/cli/messages.h"

#include <gtest/gtest.h>

namespace planner::cli {
namespace {

TEST(Messages, OneOfListsChoicesAsASentence) {
  EXPECT_EQ(msg::one_of({"json"}), "json");
  EXPECT_EQ(msg::one_of({"text", "json"}), "text or json");
  EXPECT_EQ(msg::one_of({"table", "csv", "json", "ics"}), "table, csv, json or ics");
  EXPECT_EQ(msg::one_of(std::initializer_list<std::string_view>{}), "");
}

TEST(Messages, ExpectedNamesTheOptionTheChoicesAndWhatWasGiven) {
  EXPECT_EQ(msg::expected("--format", {"table", "markdown", "csv"}, "xml"),
            "planner: error: --format: expected table, markdown or csv, got 'xml'");
  EXPECT_EQ(msg::expected("--prefer", {"earlier", "later"}, ""),
            "planner: error: --prefer: expected earlier or later, got ''");
}

TEST(Messages, DidYouMeanOnlyWithAGuess) {
  EXPECT_EQ(msg::unknown_command("calender", "calendar"),
            "planner: error: unknown command 'calender'; did you mean 'calendar'?\nrun 'planner --help' for the "
            "commands");
  EXPECT_EQ(msg::unknown_command("zzz", ""),
            "planner: error: unknown command 'zzz'\nrun 'planner --help' for the commands");
  EXPECT_EQ(msg::unknown_option("--formt", "--format", "planner soa PROTOCOL"),
            "planner: error: unknown option '--formt'; did you mean '--format'?\nusage: planner soa PROTOCOL");
}

TEST(Messages, MissingArgumentsPointAtTheUsage) {
  EXPECT_EQ(msg::needs_argument("show", "PROTOCOL", "planner show PROTOCOL [--output FILE]"),
            "planner: error: planner show needs a PROTOCOL\nusage: planner show PROTOCOL [--output FILE]");
  EXPECT_EQ(msg::needs_option("calendar", "day1"),
            "planner: error: planner calendar needs --day1\nusage: see planner calendar --help");
}

TEST(Messages, ArgumentsThatAreNotTextSayWhereTheProblemIs) {
  EXPECT_EQ(msg::bad_argument("a\x1b", "a control character (U+001B)", 2),
            "planner: error: the argument 'a?' has a control character (U+001B) at character 2; arguments must be "
            "UTF-8 "
            "text without control characters");
}

TEST(Messages, InternalErrorsAskForAReport) {
  EXPECT_EQ(msg::internal_error("bad_alloc"),
            "planner: internal error: bad_alloc\nplease report this with the command you ran");
  EXPECT_EQ(msg::standard_output_failed(""), "planner: error: cannot write standard output");
  EXPECT_EQ(msg::standard_output_failed("No space left on device"),
            "planner: error: cannot write standard output: No space left on device");
}

}  // namespace
}  // namespace planner::cli
