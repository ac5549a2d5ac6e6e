// libFuzzer target: protocol files. Any input must load or fail with an InputError, never crash.
#include <cstdint>
#include <string>

#include "planner/core/error.h"
#include "planner/core/scheduler.h"
#include "planner/io/read/protocol.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const planner::Protocol p = planner::parse_protocol(std::string{reinterpret_cast<const char*>(data), size},
                                                        "fuzz.toml");
    // A protocol that loads must plan, or refuse with a PlanError, for every arm.
    for (const planner::Arm& arm : p.arms) {
      try {
        planner::plan(p, planner::PlanRequest{planner::Date{date::year{2026} / 1 / 5}, arm.id, nullptr,
                                              planner::Prefer::earlier});
      } catch (const planner::PlanError&) {
      }
    }
  } catch (const planner::InputError&) {
  }
  return 0;
}
