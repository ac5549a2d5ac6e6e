// FileDescriptor: the descriptor it holds is closed exactly once, when its last owner lets go.
#include "planner/io/file_descriptor.h"

#include <fcntl.h>
#include <gtest/gtest.h>

#include <utility>

namespace planner {
namespace {

bool is_open(int fd) { return ::fcntl(fd, F_GETFD) != -1; }

int open_null() { return ::open("/dev/null", O_RDONLY | O_CLOEXEC); }

TEST(FileDescriptor, ClosesWhatItHoldsWhenDestroyed) {
  int raw = -1;
  {
    const FileDescriptor fd{open_null()};
    raw = fd.get();
    ASSERT_TRUE(fd);
    EXPECT_TRUE(is_open(raw));
  }
  EXPECT_FALSE(is_open(raw));
}

TEST(FileDescriptor, AMoveHandsTheDescriptorOverAndLeavesNothingBehind) {
  FileDescriptor a{open_null()};
  const int raw = a.get();
  FileDescriptor b{std::move(a)};
  EXPECT_FALSE(a);  // NOLINT(bugprone-use-after-move): the moved-from state is what is tested
  EXPECT_EQ(b.get(), raw);
  FileDescriptor c;
  c = std::move(b);
  EXPECT_EQ(c.get(), raw);
  EXPECT_TRUE(is_open(raw));
}

TEST(FileDescriptor, ResetClosesTheOldDescriptorAndHoldsTheNew) {
  FileDescriptor fd{open_null()};
  const int first = fd.get();
  const int second = open_null();
  fd.reset(second);
  EXPECT_FALSE(is_open(first));  // second was opened while first was open: a different number
  EXPECT_EQ(fd.get(), second);
  fd.reset();
  EXPECT_FALSE(fd);
  EXPECT_FALSE(is_open(second));
}

TEST(FileDescriptor, AnEmptyOneClosesNothing) {
  const FileDescriptor fd;
  EXPECT_FALSE(fd);
  EXPECT_EQ(fd.get(), -1);
}

}  // namespace
}  // namespace planner
