// Writing output so that nothing is ever half-written: bytes go to a temporary file in the destination's
// directory, which is renamed over the destination only by commit(). If commit() is never reached (an
// error discovered late, a full disk, SIGINT/SIGTERM/SIGHUP/SIGPIPE), the destination keeps its previous
// content (or stays absent) and the temporary file is removed. Writes are buffered, so a calendar of millions
// of rows streams through a fixed amount of memory. docs/output-files.md states the rules for users.
//
//   OutputFile out{"calendar.csv"};   // "-": standard output (no temporary file)
//   out.write(header);
//   for (...) out.write(rows);
//   out.commit();
//
// The destination, decided when the OutputFile is constructed:
// - a symbolic link is followed (to its final target, 40 links at most) and the target is replaced; the
//   link stays a link;
// - an existing regular file keeps its permission bits (rwx of owner, group, others) and, where the
//   process may set them, its owner and group; a file with no write permission for the caller (none at all,
//   when the caller is root) is not replaced (IoError, exit 3);
// - a new file gets 0666 & ~umask;
// - /dev/stdout, /dev/stderr, /dev/fd/N and /proc/self/fd/N, and links to them (/dev/stdin), write to
//   that descriptor of the process as the shell set it up: a file opened with >> is appended to, one
//   opened for reading only is not written;
// - an existing device, pipe or other non-regular file (/dev/null, a terminal, a FIFO) is written in place;
//   a directory is an error.
// The temporary file is "<target's directory>/.planner-XXXXXX" (mkstemp), whatever the length of the name.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <sys/uio.h>

namespace planner {

class OutputFile {
 public:
  explicit OutputFile(std::string path);
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  // Throws the IoError the constructor would (a directory, a read-only file, a missing directory, a name too
  // long, a loop of links), without creating anything: a command checks its output before its work.
  static void check(const std::string& path);

  void write(std::string_view bytes);
  // The pieces one after the other; many bytes of them are written from where they are (writev), not copied.
  void write(std::span<const std::string> pieces);
  // Flushes, syncs and renames into place. IoError naming the path when any of it fails.
  void commit();

 private:
  struct Destination {
    enum Kind { standard_output, descriptor, in_place, replace } kind = standard_output;
    int fd = -1;          // descriptor: the process's own, duplicated
    std::string target;   // replace: the path renamed over (symbolic links followed)
    bool exists = false;  // replace: whether it exists, and then its metadata
    struct stat existing {};
  };
  static Destination destination(const std::string& path);
  void open_descriptor(int fd);
  void open_direct();
  void open_temporary(const struct stat* existing);
  void flush();
  void write_out(iovec* iov, int count);  // all of it (writev)
  void discard();
  [[noreturn]] void fail(std::string_view what, int err);

  std::string path_;    // as given; empty: standard output
  std::string target_;  // path_ with symbolic links followed: the file replaced
  std::string temp_;
  int temp_slot_ = -1;  // in the signal cleanup table
  int fd_ = -1;
  bool committed_ = false;
  bool direct_ = false;  // an existing device or pipe, written in place
  std::string buffer_;
};

// Writes `content` to `path` atomically; IoError naming the path when it cannot.
void write_file_atomically(const std::string& path, std::string_view content);

}  // namespace planner
