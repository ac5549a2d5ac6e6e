#include "planner/io/read/input_file.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "planner/core/error.h"
#include "planner/io/output_guard.h"
#include "planner/io/source_text.h"

namespace planner {
namespace {

[[noreturn]] void refuse(const std::string& path, const std::string& why) {
  throw IoError{located_error(path, 0, 0, why)};
}

// Why a file of this type cannot be an input ("" when it can).
std::string unsupported(mode_t mode) {
  if (S_ISREG(mode) || S_ISFIFO(mode)) return {};
  if (S_ISDIR(mode)) return "is a directory, expected a file";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "is a device, expected a file (or a pipe)";
  if (S_ISSOCK(mode)) return "is a socket, expected a file (or a pipe)";
  return "is not a regular file";
}

}  // namespace

InputFile::InputFile(std::string path) : path_{std::move(path)} {
  check_not_output(path_);  // never read the file this run is about to replace (exit 2)
  // stat first, so that a device is refused without being opened (opening some has side effects).
  struct stat st {};
  if (::stat(path_.c_str(), &st) != 0) refuse(path_, std::string{"cannot open: "} + std::strerror(errno));
  if (const std::string why = unsupported(st.st_mode); !why.empty()) refuse(path_, why);
  int fd = -1;
  do fd = ::open(path_.c_str(), O_RDONLY | O_NOCTTY | O_CLOEXEC);
  while (fd < 0 && errno == EINTR);
  if (fd < 0) refuse(path_, std::string{"cannot open: "} + std::strerror(errno));
  fd_.reset(fd);
  if (::fstat(fd_.get(), &st) != 0 || !unsupported(st.st_mode).empty()) {  // replaced between stat and open
    refuse(path_, unsupported(st.st_mode).empty() ? "cannot open" : unsupported(st.st_mode));
  }
  if (S_ISREG(st.st_mode)) size_ = static_cast<std::uint64_t>(st.st_size);
}

std::size_t InputFile::read(char* buffer, std::size_t n) {
  for (;;) {
    const ssize_t got = ::read(fd_.get(), buffer, n);
    if (got >= 0) return static_cast<std::size_t>(got);
    if (errno != EINTR) refuse(path_, std::string{"cannot read: "} + std::strerror(errno));
  }
}

std::string read_file(const std::string& path, std::size_t limit) {
  InputFile in{path};
  const auto too_large = [&] {
    return InputError{located_error(path, 0, 0, "the file is larger than ") + std::to_string(limit >> 20) +
                      " MiB, the most planner reads of a protocol, sites, holiday or USDM file"};
  };
  if (in.size() && *in.size() > limit) throw too_large();
  std::string text;
  text.reserve(in.size() ? static_cast<std::size_t>(*in.size()) : 0);
  char block[1 << 16];
  for (std::size_t n; (n = in.read(block, sizeof block)) > 0;) {
    if (text.size() + n > limit) throw too_large();
    text.append(block, n);
  }
  return text;
}

}  // namespace planner
