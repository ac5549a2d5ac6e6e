// Writing output so that nothing is ever half-written: bytes go to a temporary file in the destination's
// directory, which is renamed over the destination only by commit(). If commit() is never reached (an
// error discovered late, a full disk), the destination keeps its previous content (or stays absent) and
// the temporary file is removed. An existing destination that is not a regular file (/dev/stdout, a pipe)
// is written in place. Writes are buffered, so a calendar of millions of rows streams through a
// fixed amount of memory.
//
//   OutputFile out{"calendar.csv"};   // "" or "-": standard output (no temporary file)
//   out.write(header);
//   for (...) out.write(rows);
//   out.commit();
#pragma once

#include <string>
#include <string_view>

namespace planner {

class OutputFile {
 public:
  explicit OutputFile(std::string path);
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  void write(std::string_view bytes);
  // Flushes, syncs and renames into place. IoError naming the path when any of it fails.
  void commit();

 private:
  void flush();
  [[noreturn]] void fail(std::string_view what, int err);

  std::string path_;  // empty: standard output
  std::string temp_;
  int fd_ = -1;
  bool committed_ = false;
  bool direct_ = false;  // an existing device or pipe, written in place
  std::string buffer_;
};

// Writes `content` to `path` atomically; IoError naming the path when it cannot.
void write_file_atomically(const std::string& path, std::string_view content);

}  // namespace planner
