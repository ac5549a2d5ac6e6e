// libFuzzer target: ISO 8601 dates and durations. Parsing never crashes, and whatever parses formats back
// to text that parses to the same value.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "planner/io/iso8601.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text{reinterpret_cast<const char*>(data), size};
  if (const auto d = planner::parse_date(text); d.value) {
    if (planner::parse_date(planner::format_date(*d.value)).value != d.value) std::abort();
  } else if (d.error.empty()) {
    std::abort();  // a failure always says why
  }
  if (const auto p = planner::parse_duration(text); p.value) {
    if (planner::parse_duration(planner::format_duration(*p.value)).value != p.value) std::abort();
  } else if (p.error.empty()) {
    std::abort();
  }
  return 0;
}
