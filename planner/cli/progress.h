// A progress bar on stderr for long runs, shown only when stderr is a terminal and CI is not set (never in
// pipes or CI logs), and only after the first half second, so quick runs print nothing.
//
//   planning  45% [#############                ] 450000/1000000
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

namespace planner::cli {

class ProgressBar {
 public:
  // `total` is asked for only when the bar will be shown (counting may read a file).
  ProgressBar(std::string label, const std::function<std::size_t()>& total);
  void update(std::size_t done);
  void finish();  // clears the bar

 private:
  std::string label_;
  std::size_t total_;
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

// Lines of a file that are not blank, minus the header (for a progress total); 0 if unreadable.
std::size_t count_data_lines(const std::string& path);

}  // namespace planner::cli
