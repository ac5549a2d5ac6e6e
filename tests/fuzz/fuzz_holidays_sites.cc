// libFuzzer target: holiday lists and sites files (the same text read as both).
#include <cstdint>
#include <string>

#include "planner/core/error.h"
#include "planner/io/read/holidays.h"
#include "planner/io/read/sites.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text{reinterpret_cast<const char*>(data), size};
  try {
    planner::parse_holidays(text, "fuzz.txt");
  } catch (const planner::InputError&) {
  }
  try {
    planner::parse_sites(text, "/nonexistent/fuzz.toml");  // holiday_files resolve under a missing directory
  } catch (const planner::InputError&) {
  }
  return 0;
}
