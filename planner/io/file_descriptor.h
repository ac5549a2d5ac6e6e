// An open POSIX file descriptor that closes itself: the owner of a descriptor whose close() cannot fail in a
// way anyone could act on (a file opened for reading).
//
//   FileDescriptor fd{::open(path, O_RDONLY | O_CLOEXEC)};
//   if (!fd) ...;                       // open failed: errno says why
//   ::read(fd.get(), buffer, n);        // closed when fd goes out of scope, also when an exception leaves
//
// OutputFile keeps a raw descriptor on purpose: its close() is a checked step of commit (a write error can
// surface there) and standard output is never closed.
#pragma once

#include <unistd.h>

#include <utility>

namespace planner {

class FileDescriptor {
 public:
  FileDescriptor() = default;
  explicit FileDescriptor(int fd) : fd_{fd} {}
  FileDescriptor(FileDescriptor&& other) noexcept : fd_{std::exchange(other.fd_, -1)} {}
  FileDescriptor& operator=(FileDescriptor&& other) noexcept {
    reset(std::exchange(other.fd_, -1));
    return *this;
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() { reset(); }

  int get() const { return fd_; }
  explicit operator bool() const { return fd_ >= 0; }
  // Closes the descriptor held (if any) and holds `fd` instead.
  void reset(int fd = -1) noexcept {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }

 private:
  int fd_ = -1;
};

}  // namespace planner
