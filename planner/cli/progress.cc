#include "planner/cli/progress.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <spdlog/spdlog.h>
#include <unistd.h>

namespace planner::cli {

ProgressBar::ProgressBar(std::string label, const std::function<std::size_t()>& total)
    : label_{std::move(label)},
      total_{0},
      enabled_{::isatty(STDERR_FILENO) && !std::getenv("CI") && spdlog::should_log(spdlog::level::warn)},
      start_{std::chrono::steady_clock::now()},
      last_{start_} {
  if (enabled_) total_ = total();
  enabled_ = enabled_ && total_ > 0;
}

void ProgressBar::update(std::size_t done) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - start_ < std::chrono::milliseconds{500} || now - last_ < std::chrono::milliseconds{100}) return;
  last_ = now;
  constexpr std::size_t kWidth = 30;
  const std::size_t filled = std::min(kWidth, done * kWidth / total_);
  std::fprintf(stderr, "\r%s %3zu%% [%s%s] %zu/%zu", label_.c_str(), std::min<std::size_t>(100, done * 100 / total_),
               std::string(filled, '#').c_str(), std::string(kWidth - filled, ' ').c_str(), done, total_);
  std::fflush(stderr);
  shown_ = true;
}

void ProgressBar::finish() {
  if (!shown_) return;
  std::fprintf(stderr, "\r\033[K");
  std::fflush(stderr);
}

std::size_t count_data_lines(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return 0;
  std::size_t lines = 0;
  char buffer[1 << 16];
  bool blank = true;
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, f)) > 0;)
    for (std::size_t i = 0; i < n; ++i) {
      if (buffer[i] == '\n') {
        lines += !blank;
        blank = true;
      } else if (buffer[i] != '\r') {
        blank = false;
      }
    }
  lines += !blank;
  std::fclose(f);
  return lines > 0 ? lines - 1 : 0;
}

}  // namespace planner::cli
