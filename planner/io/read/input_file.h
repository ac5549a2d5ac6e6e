// Opening an input file: the one door every reader of planner goes through (protocols, sites, holiday
// lists, USDM JSON, rosters, visit logs, SDTM and analysis CSVs). Each input is opened once and read
// once, front to back, so a pipe or a FIFO (`--roster /dev/stdin`, `<(zcat roster.csv.gz)`) works as well
// as a regular file and nothing is ever read twice.
//
//   InputFile in{"roster.csv"};          // IoError (exit 3) for a directory, a device, a socket;
//                                        // InputError (exit 2) when it is the run's --output (output_guard.h)
//   in.size()                            // 1234567 for a regular file, nullopt for a pipe or a FIFO
//   read_file("trial.toml")              // the whole text, at most kMaxTextFile bytes
//
// What is refused, with the path named (exit 3): a path that cannot be opened, a directory, a character or
// block device (/dev/zero, /dev/null, a terminal), a socket. A text read whole larger than kMaxTextFile is
// an InputError (exit 2): `/dev/zero`-like endless inputs through a FIFO stop there. Line-based readers
// bound their lines instead (see CsvReader). docs/threat-model.md lists every limit.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "planner/io/file_descriptor.h"

namespace planner {

// Files read whole (protocol, sites, holidays, USDM): 64 MiB, far above any real one (the CDISC pilot USDM
// is 1 MiB) and small enough to hold in memory with its parse tree.
inline constexpr std::size_t kMaxTextFile = std::size_t{64} << 20;

class InputFile {
 public:
  explicit InputFile(std::string path);  // closed when destroyed; not copyable (it owns the descriptor)

  // Up to `n` bytes into `buffer`; 0 at the end. IoError naming the file when reading fails.
  std::size_t read(char* buffer, std::size_t n);
  // The size of a regular file; nullopt for a pipe or a FIFO (whose size is known only at its end).
  std::optional<std::uint64_t> size() const { return size_; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  FileDescriptor fd_;
  std::optional<std::uint64_t> size_;
};

// The whole file, at most `limit` bytes (InputError beyond, IoError when it cannot be read).
std::string read_file(const std::string& path, std::size_t limit = kMaxTextFile);

}  // namespace planner
