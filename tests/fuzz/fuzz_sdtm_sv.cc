// libFuzzer target: SDTM SV (USUBJID, VISITNUM, VISIT, SVSTDTC) read against a fixed DM. Any input reads or
// fails with an InputError naming fuzz-sv.csv:line; every record maps to a protocol visit, an unscheduled
// visit or a visit reported by name, and the subjects' records check against their plans.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "fuzz_protocol_text.h"
#include "planner/core/error.h"
#include "planner/core/visit_check.h"
#include "planner/io/interop/sdtm/subjects.h"
#include "planner/io/read/protocol.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const planner::Protocol protocol = planner::fuzzing::protocol();
  static const planner::SdtmRoster dm = planner::parse_sdtm_dm(
      "USUBJID,ARMCD,SITEID,RFSTDTC\nS01,A,KR01,2026-01-05\nS02,B,KR01,2026-02-28T08:30\n"
      "01-701-1015,A,701,2014-01-02\nS03,Scrnfail,KR01,\n",
      "fuzz-dm.csv", protocol);
  std::vector<planner::ActualVisit> sv;
  try {
    sv = planner::parse_sdtm_sv(std::string{reinterpret_cast<const char*>(data), size}, "fuzz-sv.csv", protocol, dm);
  } catch (const planner::InputError& e) {
    if (std::string{e.what()}.rfind("fuzz-sv.csv:", 0) != 0) std::abort();
    return 0;
  }
  for (const planner::ActualVisit& a : sv)
    if (a.line < 2 || a.subject.empty()) std::abort();
  for (const planner::Subject& s : dm.planned) {
    std::vector<planner::ActualVisit> mine;
    for (const planner::ActualVisit& a : sv)
      if (a.subject == s.id) mine.push_back(a);
    try {
      (void)planner::check_subject(protocol, s, mine, std::nullopt);
    } catch (const planner::PlanError&) {
    }
  }
  return 0;
}
