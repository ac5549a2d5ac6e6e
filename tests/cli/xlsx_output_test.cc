// --format xlsx in a command: standard output is refused, and more rows than a sheet holds stop the command
// with exit 2 before anything is written (a test sheet holds 3 rows; Excel's holds 1,048,576).
#include "planner/cli/xlsx_output.h"

#include <filesystem>
#include <gtest/gtest.h>
#include <unistd.h>

#include "planner/core/error.h"

namespace planner::cli {
namespace {

namespace fs = std::filesystem;

std::size_t rows_to_write = 0;

void test_options(OptionList& o) { o.format({"csv", "xlsx"}, "csv", "csv or xlsx"); }

int test_run(const Args& args) {
  XlsxOutput out{args, "test", {"n"}, {"day"}, 3};
  out.write("day,n\n");
  for (std::size_t i = 0; i < rows_to_write; ++i) out.write("2026-01-05," + std::to_string(i) + "\n");
  out.commit();
  return 0;
}

const Command test_command{"test", "a command for tests", "[--format] [--output]", "", test_options, test_run};

std::string error_of(const std::vector<std::string>& args) {
  try {
    run_command(test_command, args);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(XlsxOutput, StandardOutputIsRefused) {
  rows_to_write = 1;
  const std::string expected =
      "planner: error: --format xlsx writes a file: give it with --output FILE.xlsx (an .xlsx is not shown on "
      "standard output)";
  EXPECT_EQ(error_of({"--format", "xlsx"}), expected);
  EXPECT_EQ(error_of({"--format", "xlsx", "--output", "-"}), expected);
}

TEST(XlsxOutput, MoreRowsThanASheetHoldsWriteNothing) {
  const fs::path dir = fs::temp_directory_path() / ("planner-xlsx-output-test-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string path = (dir / "t.xlsx").string();
  rows_to_write = 2;
  EXPECT_EQ(run_command(test_command, {"--format", "xlsx", "--output", path}), 0);
  EXPECT_TRUE(fs::exists(path));
  fs::remove(path);
  rows_to_write = 3;
  EXPECT_EQ(error_of({"--format", "xlsx", "--output", path}),
            "planner: error: " + path +
                ": more rows than an Excel sheet holds (3 with the header); nothing was written: use --format csv, "
                "or split the roster");
  EXPECT_TRUE(fs::is_empty(dir));  // neither the file nor a temporary one
  fs::remove_all(dir);
}

}  // namespace
}  // namespace planner::cli
