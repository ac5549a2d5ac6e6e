#include "planner/io/write/temp_cleanup.h"

#include <climits>
#include <csignal>
#include <fstream>
#include <gtest/gtest.h>
#include <string>
#include <unistd.h>

namespace planner {
namespace {

// A file that exists, under the test's temporary directory.
std::string make_file(const std::string& name) {
  std::string path = testing::TempDir() + name;
  std::ofstream{path} << "partial output\n";
  return path;
}

bool exists(const std::string& path) { return ::access(path.c_str(), F_OK) == 0; }

// Each death test runs its statement in a child process; what the child did to the files shows afterwards.

TEST(TempCleanupDeathTest, ATerminatingSignalRemovesTheRegisteredFilesAndStillKills) {
  const std::string temp = make_file("cleanup-registered.tmp");
  const std::string kept = make_file("cleanup-unregistered.tmp");
  const std::string done = make_file("cleanup-done.tmp");
  EXPECT_EXIT(
      {
        install_temp_cleanup();
        register_temp(temp.c_str());
        unregister_temp(register_temp(done.c_str()));  // renamed into place: no longer the handler's
        std::raise(SIGTERM);
      },
      ::testing::KilledBySignal(SIGTERM), "");
  EXPECT_FALSE(exists(temp));
  EXPECT_TRUE(exists(kept));
  EXPECT_TRUE(exists(done));
}

TEST(TempCleanupDeathTest, ASignalIgnoredBeforeInstallingStaysIgnored) {
  const std::string temp = make_file("cleanup-nohup.tmp");
  EXPECT_EXIT(
      {
        std::signal(SIGHUP, SIG_IGN);  // as nohup does
        install_temp_cleanup();
        register_temp(temp.c_str());
        std::raise(SIGHUP);
        std::raise(SIGXFSZ);  // ignored: a write past the file-size limit fails with EFBIG instead
        _exit(0);
      },
      ::testing::ExitedWithCode(0), "");
  EXPECT_TRUE(exists(temp));
}

TEST(TempCleanupDeathTest, BlockedSignalsArriveWhenTheBlockEnds) {
  const std::string temp = make_file("cleanup-blocked.tmp");
  const std::string reached = testing::TempDir() + "cleanup-reached.tmp";
  ::unlink(reached.c_str());
  EXPECT_EXIT(
      {
        install_temp_cleanup();
        register_temp(temp.c_str());
        {
          BlockTerminatingSignals block;
          std::raise(SIGINT);                  // pending until the block ends
          std::ofstream{reached} << "here\n";  // so this line runs
        }
        _exit(0);  // not reached: SIGINT arrives first
      },
      ::testing::KilledBySignal(SIGINT), "");
  EXPECT_TRUE(exists(reached));
  EXPECT_FALSE(exists(temp));
}

TEST(RegisterTemp, HasKMaxTempsSlotsAndRefusesPathsLongerThanPathMax) {
  std::vector<int> slots;
  slots.reserve(kMaxTemps);
  for (int i = 0; i < kMaxTemps; ++i) slots.push_back(register_temp(("/tmp/x" + std::to_string(i)).c_str()));
  EXPECT_EQ(slots, (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7}));
  EXPECT_EQ(register_temp("/tmp/one-too-many"), -1);
  unregister_temp(3);
  EXPECT_EQ(register_temp("/tmp/again"), 3);  // a freed slot is used again
  for (int slot : slots) unregister_temp(slot);
  unregister_temp(-1);  // nothing
  EXPECT_EQ(register_temp(std::string(PATH_MAX, 'x').c_str()), -1);
  EXPECT_EQ(register_temp(std::string(PATH_MAX - 1, 'x').c_str()), 0);
  unregister_temp(0);
}

}  // namespace
}  // namespace planner
