// libFuzzer target: visit logs (subject,visit,date). Any input reads or fails with an InputError naming
// fuzz.csv:line; what reads is checked against a small protocol for every roster subject (visit_check).
#include <cstdint>
#include <cstdlib>
#include <string>

#include "fuzz_protocol_text.h"
#include "planner/core/error.h"
#include "planner/core/visit_check.h"
#include "planner/io/read/protocol.h"
#include "planner/io/read/visit_log.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const planner::Protocol protocol = planner::fuzzing::protocol();
  static const std::vector<planner::Subject> roster = planner::fuzzing::roster();
  const std::string text{reinterpret_cast<const char*>(data), size};
  try {
    (void)planner::parse_visit_log(text, "fuzz.csv", nullptr);  // any subject
  } catch (const planner::InputError& e) {
    if (std::string{e.what()}.rfind("fuzz.csv:", 0) != 0) std::abort();
  }
  std::vector<planner::ActualVisit> log;
  try {
    log = planner::parse_visit_log(text, "fuzz.csv", &roster);
  } catch (const planner::InputError& e) {
    if (std::string{e.what()}.rfind("fuzz.csv:", 0) != 0) std::abort();
    return 0;
  }
  for (const planner::ActualVisit& a : log)
    if (a.line < 2 || a.subject.empty() || a.visit.empty()) std::abort();  // rows follow the header
  for (const planner::Subject& s : roster) {
    std::vector<planner::ActualVisit> mine;
    for (const planner::ActualVisit& a : log)
      if (a.subject == s.id) mine.push_back(a);
    try {
      (void)planner::check_subject(protocol, s, mine, planner::Date{date::year{2026} / 12 / 31});
    } catch (const planner::PlanError&) {
    }
  }
  return 0;
}
