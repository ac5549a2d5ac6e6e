#include "planner/io/output_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

#include "planner/core/error.h"

namespace planner {
namespace {

constexpr std::size_t kBufferSize = 1 << 16;

}  // namespace

OutputFile::OutputFile(std::string path) : path_{path == "-" ? "" : std::move(path)} {
  buffer_.reserve(kBufferSize);
  if (path_.empty()) {
    fd_ = STDOUT_FILENO;
    return;
  }
  namespace fs = std::filesystem;
  const fs::path target{path_};
  std::error_code ec;
  const auto status = fs::status(target, ec);
  if (fs::exists(status) && !fs::is_regular_file(status)) {
    // A device or pipe (/dev/stdout, /dev/full, a FIFO): nothing to replace, so write straight to it.
    if (fs::is_directory(status)) fail("write to a directory", EISDIR);
    fd_ = ::open(path_.c_str(), O_WRONLY);
    if (fd_ < 0) fail("open", errno);
    direct_ = true;
    return;
  }
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path{"."};
  temp_ = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
  fd_ = ::mkstemp(temp_.data());
  if (fd_ < 0) {
    temp_.clear();
    fail("create a temporary file in " + dir.string(), errno);
  }
  ::fchmod(fd_, 0644);
}

OutputFile::~OutputFile() {
  if (direct_ && fd_ >= 0) ::close(fd_);
  if (path_.empty() || direct_ || committed_) return;
  if (fd_ >= 0) ::close(fd_);
  if (!temp_.empty()) ::unlink(temp_.c_str());
}

void OutputFile::write(std::string_view bytes) {
  if (buffer_.size() + bytes.size() > kBufferSize) flush();
  if (bytes.size() >= kBufferSize) {
    buffer_.assign(bytes);
    flush();
    return;
  }
  buffer_.append(bytes);
}

void OutputFile::flush() {
  for (std::size_t done = 0; done < buffer_.size();) {
    const ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("write", errno);
    }
    done += static_cast<std::size_t>(n);
  }
  buffer_.clear();
}

void OutputFile::commit() {
  flush();
  committed_ = true;
  if (path_.empty()) return;
  if (direct_) {
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) fail("write", errno);
    return;
  }
  if (::fsync(fd_) != 0 && errno != EINVAL) fail("write", errno);
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) fail("write", errno);
  if (std::rename(temp_.c_str(), path_.c_str()) != 0) fail("replace the file", errno);
  temp_.clear();
}

void OutputFile::fail(std::string_view what, int err) {
  const std::string name = path_.empty() ? "standard output" : path_;
  if (!path_.empty()) {
    if (fd_ >= 0) ::close(fd_);  // a direct destination keeps what was written before the error
    fd_ = -1;
    if (!temp_.empty()) ::unlink(temp_.c_str());
    temp_.clear();
    committed_ = true;  // nothing left to clean up
  }
  throw IoError{name + ": error: cannot " + std::string{what} + ": " + std::strerror(err)};
}

void write_file_atomically(const std::string& path, std::string_view content) {
  OutputFile out{path};
  out.write(content);
  out.commit();
}

}  // namespace planner
