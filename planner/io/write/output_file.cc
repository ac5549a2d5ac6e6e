#include "planner/io/write/output_file.h"

#include <array>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "planner/core/error.h"
#include "planner/io/source_text.h"
#include "planner/io/write/temp_cleanup.h"

namespace planner {
namespace {

constexpr std::size_t kBufferSize = 1 << 16;
constexpr int kMaxSymlinks = 40;  // as the kernel's path resolution (ELOOP beyond)

std::string directory_of(const std::string& path) {
  const auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

std::string file_name_of(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// The descriptor N of /dev/stdout (1), /dev/stderr (2), /dev/fd/N and /proc/self/fd/N; -1 for any other path.
int descriptor_named(const std::string& path) {
  if (path == "/dev/stdout") return STDOUT_FILENO;
  if (path == "/dev/stderr") return STDERR_FILENO;
  for (std::string_view prefix : {"/dev/fd/", "/proc/self/fd/"}) {
    if (!path.starts_with(prefix) || path.size() == prefix.size() || path.size() > prefix.size() + 4) continue;
    int n = 0;
    for (char c : std::string_view{path}.substr(prefix.size())) {
      if (c < '0' || c > '9') return -1;
      n = n * 10 + (c - '0');
    }
    return n;
  }
  return -1;
}

mode_t current_umask() {
  const mode_t mask = ::umask(0);  // the only portable way to read it; set back at once
  ::umask(mask);
  return mask;
}

std::string octal_mode(mode_t mode) {
  char text[8];
  std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
  return text;
}

}  // namespace

namespace {

[[noreturn]] void cannot(const std::string& path, std::string_view what, int err) {
  throw IoError{
      located_error(printable(path, PATH_MAX), 0, 0, "cannot " + std::string{what} + ": " + std::strerror(err))};
}

}  // namespace

// Where the bytes for `path` go, decided without creating or changing anything; IoError when nowhere.
OutputFile::Destination OutputFile::destination(const std::string& path) {
  Destination d;
  if (path.empty() || path == "-") return d;  // standard output
  if (path.back() == '/') cannot(path, "write to a directory", EISDIR);
  // /dev/stdout, /dev/fd/N and the like name a descriptor planner already has: write to it, so that
  // `--output /dev/stdout >> log` appends as the shell set it up, instead of replacing the file behind it.
  if ((d.fd = descriptor_named(path)) >= 0) {
    d.kind = Destination::descriptor;
    return d;
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    // A device or pipe (/dev/null, /dev/full, a FIFO): nothing to replace, so write straight to it.
    if (S_ISDIR(st.st_mode)) cannot(path, "write to a directory", EISDIR);
    d.kind = Destination::in_place;
    return d;
  }
  // Follow symbolic links to the file they name: that file is replaced, the links stay. A link to
  // /proc/self/fd/N (/dev/stdin is one) names a descriptor, not a path: that descriptor is written, so a
  // file that is only open for reading (`--output /dev/stdin < file`) is never written at all.
  d.kind = Destination::replace;
  d.target = path;
  for (int links = 0;; ++links) {
    if (::lstat(d.target.c_str(), &st) != 0) {
      if (errno != ENOENT) cannot(path, "write", errno);
      break;  // a new file
    }
    d.exists = !S_ISLNK(st.st_mode);
    if (d.exists) break;
    if ((d.fd = descriptor_named(d.target)) >= 0) {
      d.kind = Destination::descriptor;
      return d;
    }
    if (links == kMaxSymlinks) cannot(path, "follow the symbolic link", ELOOP);
    char link[PATH_MAX];
    const ssize_t n = ::readlink(d.target.c_str(), link, sizeof link);
    if (n < 0) cannot(path, "follow the symbolic link", errno);
    if (static_cast<std::size_t>(n) == sizeof link) cannot(path, "follow the symbolic link", ENAMETOOLONG);
    const std::string to{link, static_cast<std::size_t>(n)};
    d.target = to.starts_with('/') || d.target.find('/') == std::string::npos ? to : directory_of(d.target) + "/" + to;
  }
  const std::string dir = directory_of(d.target);
  const long name_max = ::pathconf(dir.c_str(), _PC_NAME_MAX);
  if (file_name_of(d.target).size() > static_cast<std::size_t>(name_max > 0 ? name_max : NAME_MAX))
    cannot(path, "create", ENAMETOOLONG);
  // The temporary file needs a directory the caller may write (EROFS: a read-only file system, even for root).
  if (::faccessat(AT_FDCWD, dir.c_str(), W_OK | X_OK, AT_EACCESS) != 0)
    cannot(path, "create a temporary file in " + printable(dir, PATH_MAX), errno);
  if (!d.exists) return d;
  d.existing = st;
  if (S_ISDIR(st.st_mode)) cannot(path, "write to a directory", EISDIR);
  if (!S_ISREG(st.st_mode)) {  // replaced by a device or pipe since the stat() above
    d.kind = Destination::in_place;
    return d;
  }
  // A file its owner made read-only is not replaced behind the owner's back, even by root (for whom
  // access() always says yes): no write bit at all, or none the caller holds.
  if ((st.st_mode & 0222) == 0 || (::faccessat(AT_FDCWD, d.target.c_str(), W_OK, AT_EACCESS) != 0 && errno == EACCES))
    throw IoError{located_error(printable(path, PATH_MAX), 0, 0, "cannot replace a read-only file (mode ") +
                  octal_mode(st.st_mode) + "); make it writable or choose another --output"};
  return d;
}

void OutputFile::check(const std::string& path) { (void)destination(path); }

OutputFile::OutputFile(std::string path) : path_{path == "-" ? "" : std::move(path)} {
  buffer_.reserve(kBufferSize);
  const Destination d = destination(path_);
  switch (d.kind) {
    case Destination::standard_output: fd_ = STDOUT_FILENO; return;
    case Destination::descriptor: open_descriptor(d.fd); return;
    case Destination::in_place: open_direct(); return;
    case Destination::replace:
      target_ = d.target;
      open_temporary(d.exists ? &d.existing : nullptr);
      return;
  }
}

void OutputFile::open_descriptor(int fd) {
  fd_ = ::fcntl(fd, F_DUPFD_CLOEXEC, 3);
  if (fd_ < 0) fail("write", errno);
  direct_ = true;
}

void OutputFile::open_direct() {
  fd_ = ::open(path_.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
  if (fd_ < 0) fail("open", errno);
  direct_ = true;
}

void OutputFile::open_temporary(const struct stat* existing) {
  const std::string dir = directory_of(target_);
  temp_ = dir + "/.planner-XXXXXX";
  {
    const BlockTerminatingSignals block;  // registered before any signal can see the file unregistered
    fd_ = ::mkostemp(temp_.data(), O_CLOEXEC);
    if (fd_ >= 0) temp_slot_ = register_temp(temp_.c_str());
  }
  if (fd_ < 0) {
    const int err = errno;
    temp_.clear();
    fail("create a temporary file in " + printable(dir, PATH_MAX), err);
  }
  mode_t mode = 0666 & ~current_umask();
  if (existing) {
    mode = existing->st_mode & 0777;
    if (existing->st_uid != ::geteuid() || existing->st_gid != ::getegid()) {
      // Root keeps the owner; anyone keeps the group where they belong to it; otherwise the file is theirs.
      if (::fchown(fd_, existing->st_uid, existing->st_gid) != 0)
        (void)::fchown(fd_, static_cast<uid_t>(-1), existing->st_gid);
    }
  }
  if (::fchmod(fd_, mode) != 0) fail("set the mode of the temporary file", errno);
}

OutputFile::~OutputFile() {
  if (path_.empty() || committed_) return;
  if (direct_) {
    if (fd_ >= 0) ::close(fd_);
    return;
  }
  discard();
}

void OutputFile::discard() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  if (!temp_.empty()) ::unlink(temp_.c_str());
  unregister_temp(temp_slot_);
  temp_slot_ = -1;
  temp_.clear();
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

void OutputFile::write(std::span<const std::string> pieces) {
  std::size_t total = 0;
  for (const std::string& p : pieces) total += p.size();
  if (buffer_.size() + total < kBufferSize) {  // a few bytes: into the buffer
    for (const std::string& p : pieces) buffer_.append(p);
    return;
  }
  constexpr int kMost = IOV_MAX;
  std::array<iovec, kMost> iov{};
  int n = 0;
  if (!buffer_.empty()) iov[n++] = {buffer_.data(), buffer_.size()};
  for (const std::string& p : pieces) {
    if (p.empty()) continue;
    if (n == kMost) {
      write_out(iov.data(), n);
      n = 0;
    }
    iov[n++] = {const_cast<char*>(p.data()), p.size()};  // NOLINT(cppcoreguidelines-pro-type-const-cast): writev's type
  }
  write_out(iov.data(), n);
  buffer_.clear();
}

void OutputFile::write_out(iovec* iov, int count) {
  while (count > 0) {
    const ssize_t n = ::writev(fd_, iov, count);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("write", errno);
    }
    auto done = static_cast<std::size_t>(n);
    for (; count > 0 && done >= iov->iov_len; ++iov, --count) done -= iov->iov_len;
    if (count > 0) {  // a short write: the rest of this piece next
      iov->iov_base = static_cast<char*>(iov->iov_base) + done;
      iov->iov_len -= done;
    }
  }
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
  if (path_.empty()) {
    committed_ = true;
    return;
  }
  if (direct_) {
    committed_ = true;
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) fail("write", errno);
    return;
  }
  if (::fsync(fd_) != 0 && errno != EINVAL) fail("write", errno);
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) fail("write", errno);
  {
    const BlockTerminatingSignals block;  // a signal now finds the file either renamed or still registered
    if (std::rename(temp_.c_str(), target_.c_str()) != 0) {
      const int err = errno;
      fail("replace the file", err);
    }
    unregister_temp(temp_slot_);
    temp_slot_ = -1;
  }
  temp_.clear();
  committed_ = true;
  // The rename itself reaches the disk with the directory (best effort: some file systems refuse).
  const int dir = ::open(directory_of(target_).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    (void)::fsync(dir);
    ::close(dir);
  }
}

void OutputFile::fail(std::string_view what, int err) {
  if (path_.empty())
    throw IoError{"planner: error: cannot " + std::string{what} + " standard output: " + std::strerror(err)};
  if (direct_) {
    if (fd_ >= 0) ::close(fd_);  // a direct destination keeps what was written before the error
    fd_ = -1;
  } else {
    discard();
  }
  committed_ = true;  // nothing left to clean up
  cannot(path_, what, err);
}

void write_file_atomically(const std::string& path, std::string_view content) {
  OutputFile out{path};
  out.write(content);
  out.commit();
}

}  // namespace planner
