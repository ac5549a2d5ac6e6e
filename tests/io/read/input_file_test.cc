#include "planner/io/read/input_file.h"

#include <fstream>
#include <gtest/gtest.h>
#include <unistd.h>

#include "planner/core/error.h"
#include "planner/io/output_guard.h"

namespace planner {
namespace {

std::string write_temp(const std::string& name, const std::string& text) {
  std::string path = testing::TempDir() + name;
  std::ofstream{path, std::ios::binary} << text;
  return path;
}

// The message of opening `path` as an input, or "no error".
std::string open_error(const std::string& path) {
  try {
    InputFile in{path};
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(InputFile, ReadsARegularFileInBlocksAndKnowsItsSize) {
  const std::string path = write_temp("input-file.txt", "abcdefg");
  InputFile in{path};
  EXPECT_EQ(in.path(), path);
  EXPECT_EQ(in.size(), std::optional<std::uint64_t>{7});
  char buffer[4];
  ASSERT_EQ(in.read(buffer, sizeof buffer), 4u);
  EXPECT_EQ(std::string(buffer, 4), "abcd");
  ASSERT_EQ(in.read(buffer, sizeof buffer), 3u);
  EXPECT_EQ(std::string(buffer, 3), "efg");
  EXPECT_EQ(in.read(buffer, sizeof buffer), 0u);  // the end
}

TEST(InputFile, ReadsAPipeWhoseSizeIsUnknown) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  ASSERT_EQ(::write(fds[1], "from a pipe\n", 12), 12);
  ::close(fds[1]);
  const std::string path = "/dev/fd/" + std::to_string(fds[0]);
  {
    InputFile in{path};
    EXPECT_EQ(in.size(), std::nullopt);
  }
  // Opening reads nothing: read_file, opening the pipe again, gets the whole text.
  EXPECT_EQ(read_file(path), "from a pipe\n");
  ::close(fds[0]);
}

TEST(InputFile, RefusesDirectoriesDevicesAndMissingFilesNamingThePath) {
  EXPECT_EQ(open_error("/"), "/: error: is a directory, expected a file");
  EXPECT_EQ(open_error("/dev/null"), "/dev/null: error: is a device, expected a file (or a pipe)");
  const std::string missing = testing::TempDir() + "no-such-input";
  EXPECT_EQ(open_error(missing), missing + ": error: cannot open: No such file or directory");
  EXPECT_THROW(InputFile{missing}, IoError);  // exit 3
}

TEST(InputFile, RefusesTheRunsOutputFile) {
  const std::string path = write_temp("input-file-output.csv", "x\n");
  guard_output(path);
  EXPECT_EQ(open_error(path), "planner: error: --output '" + path + "' is the same file as the input '" + path +
                                  "'; planner does not overwrite its inputs");
  EXPECT_THROW(InputFile{path}, InputError);  // exit 2
  guard_output("-");
  EXPECT_EQ(open_error(path), "no error");
}

TEST(ReadFile, ReadsTheWholeTextUpToTheLimit) {
  const std::string small = write_temp("read-file.txt", "line 1\nline 2\n");
  EXPECT_EQ(read_file(small), "line 1\nline 2\n");
  const std::string exact = write_temp("read-file-1mib.txt", std::string(std::size_t{1} << 20, 'x'));
  EXPECT_EQ(read_file(exact, std::size_t{1} << 20).size(), std::size_t{1} << 20);
  const std::string over = write_temp("read-file-over.txt", std::string((std::size_t{1} << 20) + 1, 'x'));
  try {
    read_file(over, std::size_t{1} << 20);
    FAIL() << "no error";
  } catch (const InputError& e) {  // exit 2: the limit is 1 MiB (limit >> 20)
    EXPECT_EQ(e.what(), over +
                            ": error: the file is larger than 1 MiB, the most planner reads of a protocol, sites, "
                            "holiday or USDM file");
  }
}

}  // namespace
}  // namespace planner
