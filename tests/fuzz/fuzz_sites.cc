// libFuzzer target: sites files (TOML: [[site]] id, name, time_zone, closed, holidays, holiday_files,
// capacity). Any input reads or fails with an InputError naming fuzz-sites.toml (holiday_files resolve
// under a directory that does not exist, so they fail the same way every run, as an InputError too); every site read
// has an id and a calendar that answers for every day of the supported range's ends.
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>

#include "planner/core/error.h"
#include "planner/io/read/sites.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<planner::Site> sites;
  try {
    sites = planner::parse_sites(std::string{reinterpret_cast<const char*>(data), size},
                                 "/nonexistent/fuzz-sites.toml");
  } catch (const planner::InputError& e) {
    if (std::string{e.what()}.find("fuzz-sites.toml") == std::string::npos) std::abort();
    return 0;
  }
  std::set<std::string> ids;
  for (const planner::Site& s : sites) {
    if (s.id.empty() || !ids.insert(s.id).second) std::abort();  // ids present and unique
    if (s.capacity && (*s.capacity < 0 || *s.capacity > 100000)) std::abort();
    (void)s.calendar.is_open(planner::Date{date::year{1900} / 1 / 1});
    (void)s.calendar.is_open(planner::Date{date::year{2200} / 12 / 31});
  }
  return 0;
}
