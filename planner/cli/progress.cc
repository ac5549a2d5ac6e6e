#include "planner/cli/progress.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <spdlog/spdlog.h>
#include <unistd.h>

namespace planner::cli {

ProgressBar::ProgressBar(std::string label, std::optional<std::uint64_t> total_bytes)
    : label_{std::move(label)},
      total_{total_bytes && *total_bytes > 0 ? total_bytes : std::nullopt},
      enabled_{::isatty(STDERR_FILENO) && !std::getenv("CI") && spdlog::should_log(spdlog::level::warn)},
      start_{std::chrono::steady_clock::now()},
      last_{start_} {}

void ProgressBar::update(std::uint64_t done) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - start_ < std::chrono::milliseconds{500} || now - last_ < std::chrono::milliseconds{100}) return;
  last_ = now;
  const double mb = static_cast<double>(done) / 1e6;
  if (total_) {
    constexpr std::uint64_t kWidth = 30;
    done = std::min(done, *total_);
    const auto filled = static_cast<std::size_t>(done * kWidth / *total_);
    std::fprintf(stderr, "\r%s %3u%% [%s%s] %.1f/%.1f MB", label_.c_str(), static_cast<unsigned>(done * 100 / *total_),
                 std::string(filled, '#').c_str(), std::string(kWidth - filled, ' ').c_str(), mb,
                 static_cast<double>(*total_) / 1e6);
  } else {
    std::fprintf(stderr, "\r%s %.1f MB read", label_.c_str(), mb);
  }
  std::fflush(stderr);
  shown_ = true;
}

void ProgressBar::finish() {
  if (!shown_) return;
  std::fprintf(stderr, "\r\033[K");
  std::fflush(stderr);
}

}  // namespace planner::cli
