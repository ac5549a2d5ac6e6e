#include "planner/io/write/output_file.h"

#include <algorithm>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

#include "planner/core/error.h"
#include "planner/io/output_guard.h"
#include "planner/io/read/input_file.h"
#include "planner/io/source_text.h"
#include "planner/io/write/temp_cleanup.h"

namespace planner {
namespace {

namespace fs = std::filesystem;

// A fresh directory per test, removed afterwards.
class OutputFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("planner-output-test-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    guard_output("-");
    fs::remove_all(dir_);
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  static void put(const std::string& p, const std::string& text) { std::ofstream{p, std::ios::binary} << text; }
  static std::string get(const std::string& p) {
    std::ifstream in{p, std::ios::binary};
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }
  static unsigned mode(const std::string& p) {
    struct stat st {};
    ::stat(p.c_str(), &st);
    return st.st_mode & 07777;
  }
  // The names in the directory, sorted.
  std::vector<std::string> entries() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator{dir_}) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }
  fs::path dir_;
};

TEST_F(OutputFileTest, TemporaryNameIsShortAndInTheTargetsDirectory) {
  const std::string long_name(250, 'x');
  OutputFile out{path(long_name)};
  out.write("a");
  const auto names = entries();
  ASSERT_EQ(names.size(), 1u);
  EXPECT_EQ(names[0].rfind(".planner-", 0), 0u) << names[0];
  EXPECT_EQ(names[0].size(), std::string{".planner-XXXXXX"}.size());
  out.commit();
  EXPECT_EQ(entries(), std::vector<std::string>{long_name});
  EXPECT_EQ(get(path(long_name)), "a");
}

// Pieces written together (a cohort's batch of subjects) land in order whatever their number and sizes: a few
// small ones through the buffer, many (more than writev takes at once) from where they are, between single writes.
TEST_F(OutputFileTest, PiecesLandInOrder) {
  std::vector<std::string> small{"a", "", "bc"}, many;
  for (int i = 0; i < 3000; ++i)
    many.push_back(std::string(static_cast<std::size_t>(i % 97), char('a' + i % 26)) + "\n");
  std::string expected = "head\n";
  OutputFile out{path("out.txt")};
  out.write("head\n");
  for (const auto* pieces : {&small, &many, &small, &many}) {
    out.write(*pieces);
    for (const std::string& p : *pieces) expected += p;
    out.write("|");
    expected += "|";
  }
  out.commit();
  EXPECT_EQ(get(path("out.txt")), expected);
}

TEST_F(OutputFileTest, NotCommittedLeavesTheOldContentAndNoTemporary) {
  put(path("out.csv"), "old\n");
  {
    OutputFile out{path("out.csv")};
    out.write(std::string(200000, 'n'));  // past the buffer: bytes reached the temporary file
  }
  EXPECT_EQ(get(path("out.csv")), "old\n");
  EXPECT_EQ(entries(), std::vector<std::string>{"out.csv"});
}

TEST_F(OutputFileTest, ReplacedFileKeepsItsMode) {
  for (unsigned m : {0600u, 0640u, 0755u, 0604u}) {
    put(path("out.csv"), "old\n");
    ::chmod(path("out.csv").c_str(), m);
    write_file_atomically(path("out.csv"), "new\n");
    EXPECT_EQ(mode(path("out.csv")), m);
    EXPECT_EQ(get(path("out.csv")), "new\n");
  }
}

TEST_F(OutputFileTest, NewFileHonoursTheUmask) {
  for (mode_t mask : {022u, 077u, 002u, 027u}) {
    const mode_t saved = ::umask(mask);
    const std::string p = path("new-" + std::to_string(mask));
    write_file_atomically(p, "x");
    ::umask(saved);
    EXPECT_EQ(mode(p), 0666u & ~mask) << "umask " << mask;
  }
}

TEST_F(OutputFileTest, ReadOnlyFileIsNotReplaced) {
  put(path("out.csv"), "old\n");
  ::chmod(path("out.csv").c_str(), 0444);
  try {
    write_file_atomically(path("out.csv"), "new\n");
    FAIL() << "replaced a read-only file";
  } catch (const IoError& e) {
    EXPECT_EQ(std::string{e.what()}, path("out.csv") +
                                         ": error: cannot replace a read-only file (mode 0444); make "
                                         "it writable or choose another --output");
  }
  EXPECT_EQ(get(path("out.csv")), "old\n");
  EXPECT_EQ(entries(), std::vector<std::string>{"out.csv"});
}

TEST_F(OutputFileTest, SymbolicLinkIsFollowedAndKept) {
  fs::create_directory(dir_ / "sub");
  put(path("sub/target.csv"), "old\n");
  ::chmod(path("sub/target.csv").c_str(), 0600);
  fs::create_symlink("sub/target.csv", dir_ / "link.csv");
  write_file_atomically(path("link.csv"), "new\n");
  EXPECT_TRUE(fs::is_symlink(dir_ / "link.csv"));
  EXPECT_EQ(get(path("sub/target.csv")), "new\n");
  EXPECT_EQ(mode(path("sub/target.csv")), 0600u);
  EXPECT_EQ(entries(), (std::vector<std::string>{"link.csv", "sub"}));
}

TEST_F(OutputFileTest, DirectoryIsAnError) {
  EXPECT_THROW(write_file_atomically(dir_.string(), "x"), IoError);
  EXPECT_THROW(write_file_atomically(path("new.csv") + "/", "x"), IoError);
  EXPECT_TRUE(entries().empty());
}

TEST_F(OutputFileTest, CheckSaysWhatTheConstructorWouldAndCreatesNothing) {
  EXPECT_NO_THROW(OutputFile::check(path("new.csv")));
  EXPECT_NO_THROW(OutputFile::check("-"));
  EXPECT_THROW(OutputFile::check(dir_.string()), IoError);
  EXPECT_THROW(OutputFile::check(path("missing/new.csv")), IoError);
  EXPECT_THROW(OutputFile::check(path(std::string(256, 'n'))), IoError);
  put(path("ro.csv"), "old\n");
  ::chmod(path("ro.csv").c_str(), 0444);
  EXPECT_THROW(OutputFile::check(path("ro.csv")), IoError);
  EXPECT_EQ(entries(), std::vector<std::string>{"ro.csv"});
}

TEST_F(OutputFileTest, DeviceIsWrittenInPlace) {
  EXPECT_NO_THROW(write_file_atomically("/dev/null", "x"));
  try {
    write_file_atomically("/dev/full", std::string(100, 'x'));
    FAIL() << "/dev/full accepted the bytes";
  } catch (const IoError& e) {
    EXPECT_EQ(std::string{e.what()}, "/dev/full: error: cannot write: No space left on device");
  }
}

TEST_F(OutputFileTest, StandardOutputErrorNamesIt) {
  // fd 1 of the test is whatever ctest gave; point it at /dev/full for the duration.
  const int saved = ::dup(STDOUT_FILENO);
  const int full = ::open("/dev/full", O_WRONLY);
  ::dup2(full, STDOUT_FILENO);
  ::close(full);
  std::string message;
  try {
    write_file_atomically("-", "x");
  } catch (const IoError& e) {
    message = e.what();
  }
  ::dup2(saved, STDOUT_FILENO);
  ::close(saved);
  EXPECT_EQ(message, "planner: error: cannot write standard output: No space left on device");
}

TEST_F(OutputFileTest, GuardedOutputIsNoInput) {
  put(path("roster.csv"), "subject\n");
  fs::create_symlink("roster.csv", dir_ / "link.csv");
  fs::create_hard_link(dir_ / "roster.csv", dir_ / "hard.csv");
  put(path("other.csv"), "subject\n");
  EXPECT_TRUE(same_regular_file(path("link.csv"), path("roster.csv")));
  EXPECT_TRUE(same_regular_file(path("hard.csv"), path("roster.csv")));
  EXPECT_FALSE(same_regular_file(path("other.csv"), path("roster.csv")));
  EXPECT_FALSE(same_regular_file(path("absent.csv"), path("absent.csv")));  // nothing to overwrite

  guard_output(path("hard.csv"));
  EXPECT_NO_THROW(check_not_output(path("other.csv")));
  EXPECT_THROW(check_not_output(path("link.csv")), InputError);
  EXPECT_THROW(read_file(path("roster.csv")), InputError);  // readers check before they open
  try {
    check_not_output(path("roster.csv"), "--roster");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(std::string{e.what()}, "planner: error: --output '" + path("hard.csv") +
                                         "' is the same file as --roster '" + path("roster.csv") +
                                         "'; planner does not overwrite its inputs");
  }
  guard_output("-");
  EXPECT_NO_THROW(check_not_output(path("roster.csv")));
  guard_output("/dev/null");  // not a regular file: written in place, guards nothing
  EXPECT_NO_THROW(check_not_output("/dev/null"));
}

TEST(TempCleanup, TableHasFixedSlots) {
  std::vector<int> slots;
  slots.reserve(kMaxTemps);
  for (int i = 0; i < kMaxTemps; ++i) slots.push_back(register_temp("/nonexistent/.planner-test"));
  for (int s : slots) EXPECT_GE(s, 0);
  EXPECT_EQ(register_temp("/nonexistent/.planner-one-too-many"), -1);
  EXPECT_EQ(register_temp(std::string(5000, 'p').c_str()), -1);  // longer than PATH_MAX
  for (int s : slots) unregister_temp(s);
  const int again = register_temp("/nonexistent/.planner-test");
  EXPECT_GE(again, 0);
  unregister_temp(again);
}

}  // namespace
}  // namespace planner
