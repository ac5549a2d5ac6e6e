// A progress bar on stderr for long runs, shown only when stderr is a terminal and CI is not set (never in
// pipes or CI logs), and only after the first half second, so quick runs print nothing. Progress is the
// bytes of the input read so far, against the file's size when it is a regular file; a pipe has no size
// until its end, so only the bytes read are shown. The input is never read a second time to count it.
//
//   planning  45% [#############                ] 12.1/27.0 MB
//   planning 12.1 MB read
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace planner::cli {

class ProgressBar {
 public:
  ProgressBar(std::string label, std::optional<std::uint64_t> total_bytes);
  void update(std::uint64_t done);  // bytes read so far
  void finish();                    // clears the bar

 private:
  std::string label_;
  std::optional<std::uint64_t> total_;
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace planner::cli
