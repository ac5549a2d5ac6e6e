#include "planner/io/output_guard.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>

#include "planner/core/error.h"

namespace planner {
namespace {

namespace fs = std::filesystem;

// A fresh directory of its own under the test's temporary directory.
std::string fresh_dir(const std::string& name) {
  std::string dir = testing::TempDir() + name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void write(const std::string& path, const std::string& text) { std::ofstream{path, std::ios::binary} << text; }

// The message of checking `input` against the guarded output, or "no error".
std::string check_error(const std::string& input, std::string_view what) {
  try {
    check_not_output(input, what);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(SameRegularFile, SeesThroughSpellingsSymbolicAndHardLinks) {
  const std::string dir = fresh_dir("same-file");
  write(dir + "/a.csv", "a\n");
  write(dir + "/b.csv", "a\n");  // the same content is not the same file
  fs::create_symlink(dir + "/a.csv", dir + "/symlink.csv");
  fs::create_hard_link(dir + "/a.csv", dir + "/hardlink.csv");
  EXPECT_TRUE(same_regular_file(dir + "/a.csv", dir + "/a.csv"));
  EXPECT_TRUE(same_regular_file(dir + "/a.csv", dir + "/../same-file/a.csv"));
  EXPECT_TRUE(same_regular_file(dir + "/symlink.csv", dir + "/a.csv"));
  EXPECT_TRUE(same_regular_file(dir + "/a.csv", dir + "/hardlink.csv"));
  EXPECT_FALSE(same_regular_file(dir + "/a.csv", dir + "/b.csv"));
}

TEST(SameRegularFile, IsFalseForMissingFilesDirectoriesAndDevices) {
  const std::string dir = fresh_dir("same-file-other");
  EXPECT_FALSE(same_regular_file(dir + "/missing", dir + "/missing"));
  EXPECT_FALSE(same_regular_file(dir, dir));
  EXPECT_FALSE(same_regular_file("/dev/null", "/dev/null"));
  EXPECT_FALSE(same_regular_file("", ""));
}

TEST(OutputGuard, RefusesTheOutputAsAnInputNamingBoth) {
  const std::string dir = fresh_dir("guard");
  write(dir + "/out.csv", "old\n");
  write(dir + "/roster.csv", "subject\n");
  fs::create_symlink(dir + "/out.csv", dir + "/link.csv");
  guard_output(dir + "/out.csv");
  EXPECT_EQ(check_error(dir + "/roster.csv", "--roster"), "no error");
  EXPECT_EQ(check_error(dir + "/link.csv", "--roster"), "planner: error: --output '" + dir +
                                                            "/out.csv' is the same file as --roster '" + dir +
                                                            "/link.csv'; planner does not overwrite its inputs");
  EXPECT_EQ(check_error(dir + "/out.csv", "the input"), "planner: error: --output '" + dir +
                                                            "/out.csv' is the same file as the input '" + dir +
                                                            "/out.csv'; planner does not overwrite its inputs");
  guard_output("-");  // standard output: nothing guarded any more
  EXPECT_EQ(check_error(dir + "/out.csv", "the input"), "no error");
}

TEST(OutputGuard, GuardsNothingForAnOutputThatDoesNotExistYetOrIsADevice) {
  const std::string dir = fresh_dir("guard-new");
  guard_output(dir + "/new.csv");
  write(dir + "/new.csv", "created after the guard\n");
  EXPECT_EQ(check_error(dir + "/new.csv", "the input"), "no error");
  guard_output("/dev/null");
  EXPECT_EQ(check_error("/dev/null", "the input"), "no error");
  guard_output("-");
}

}  // namespace
}  // namespace planner
