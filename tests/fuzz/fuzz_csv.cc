// libFuzzer target: the CSV reader behind rosters and visit logs. Any input reads or fails with an
// InputError naming a line and column.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "planner/core/error.h"
#include "planner/io/iso8601.h"
#include "planner/io/read/csv.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    planner::CsvReader csv{"fuzz.csv", std::string{reinterpret_cast<const char*>(data), size}};
    csv.read_header({"subject", "arm"}, {"site", "day1"});
    while (csv.next()) {
      if (csv.line() < 2) std::abort();  // records come after the header
      (void)planner::parse_date(csv.field(3));
    }
  } catch (const planner::InputError& e) {
    if (std::string{e.what()}.rfind("fuzz.csv:", 0) != 0) std::abort();
  }
  return 0;
}
