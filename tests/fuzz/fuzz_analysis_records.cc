// libFuzzer target: analysis records for `planner window` (subject/USUBJID, date/ADT, PARAMCD, DTYPE). Any
// input reads or fails with an InputError naming fuzz.csv:line; what reads is assigned to the protocol's
// analysis windows (one assignment per record) and written as CSV.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "fuzz_protocol_text.h"
#include "planner/core/analysis_window.h"
#include "planner/core/error.h"
#include "planner/io/read/analysis_records.h"
#include "planner/io/read/protocol.h"
#include "planner/io/write/analysis.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const planner::Protocol protocol = planner::fuzzing::protocol();
  static const std::vector<planner::Subject> roster = planner::fuzzing::roster();
  planner::RecordFile file;
  try {
    file = planner::parse_analysis_records(std::string{reinterpret_cast<const char*>(data), size}, "fuzz.csv", roster);
  } catch (const planner::InputError& e) {
    if (std::string{e.what()}.rfind("fuzz.csv:", 0) != 0) std::abort();
    return 0;
  }
  if (file.lines.size() != file.records.size() || file.dtype.size() != file.records.size()) std::abort();
  const auto assigned = planner::assign_analysis_windows(protocol.analysis_windows, file.records);
  if (assigned.size() != file.records.size()) std::abort();
  (void)planner::analysis_csv(protocol.analysis_windows, file, assigned);
  return 0;
}
