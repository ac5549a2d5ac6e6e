#include "planner/io/output_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

#include "planner/core/error.h"

namespace planner {

void write_file_atomically(const std::string& path, std::string_view content) {
  namespace fs = std::filesystem;
  const fs::path target{path};
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path{"."};
  std::string temp = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
  const auto fail = [&](std::string_view what, int err) {
    throw IoError{path + ": error: cannot " + std::string{what} + ": " + std::strerror(err)};
  };

  const int fd = ::mkstemp(temp.data());
  if (fd < 0) fail("create a temporary file in " + dir.string(), errno);
  const auto discard = [&](std::string_view what, int err) {
    ::close(fd);
    ::unlink(temp.c_str());
    fail(what, err);
  };
  for (std::size_t done = 0; done < content.size();) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      discard("write", errno);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 && errno != EINVAL) discard("write", errno);
  ::fchmod(fd, 0644);
  if (::close(fd) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    fail("write", err);
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    fail("replace the file", err);
  }
}

}  // namespace planner
