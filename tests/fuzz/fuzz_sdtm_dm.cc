// libFuzzer target: SDTM DM (USUBJID, ARMCD, SITEID, RFSTDTC). Any input reads or fails with an InputError
// naming fuzz-dm.csv:line; every subject read is planned or set apart with a reason, and the planned ones
// plan (or refuse with a PlanError for a Day 1 outside the supported dates).
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>

#include "fuzz_protocol_text.h"
#include "planner/core/error.h"
#include "planner/core/visit_check.h"
#include "planner/io/interop/sdtm/subjects.h"
#include "planner/io/read/protocol.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const planner::Protocol protocol = planner::fuzzing::protocol();
  planner::SdtmRoster dm;
  try {
    dm = planner::parse_sdtm_dm(std::string{reinterpret_cast<const char*>(data), size}, "fuzz-dm.csv", protocol);
  } catch (const planner::InputError& e) {
    if (std::string{e.what()}.rfind("fuzz-dm.csv:", 0) != 0) std::abort();
    return 0;
  }
  std::set<std::string> ids;
  for (const planner::Subject& s : dm.planned)
    if (s.id.empty() || !protocol.find_arm(s.arm) || !ids.insert(s.id).second) std::abort();
  for (const auto& [id, why] : dm.unplanned)
    if (id.empty() || why.empty() || !ids.insert(id).second) std::abort();  // each subject once
  for (const planner::Subject& s : dm.planned) {
    try {
      (void)planner::check_subject(protocol, s, {}, s.day1 + planner::Days{365});
    } catch (const planner::PlanError&) {
    }
  }
  return 0;
}
