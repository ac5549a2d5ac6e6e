// libFuzzer target: importing USDM JSON. Any input imports or fails with an InputError, never crashes; the
// same input imports to the same bytes; what imports loads with parse_protocol (an InputError from it, or the
// internal Error of import_usdm's own check, escapes and is reported as a crash) and plans for every arm.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "planner/core/error.h"
#include "planner/core/scheduler.h"
#include "planner/io/interop/usdm/import.h"
#include "planner/io/read/protocol.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text{reinterpret_cast<const char*>(data), size};
  planner::UsdmImport imported;
  try {
    imported = planner::import_usdm(text, "fuzz.json");
  } catch (const planner::InputError& e) {
    if (std::string{e.what()}.rfind("fuzz.json", 0) != 0) std::abort();  // every message names the input
    return 0;
  }
  if (planner::import_usdm(text, "fuzz.json").toml != imported.toml) std::abort();
  const planner::Protocol p = planner::parse_protocol(imported.toml, "fuzz.toml");
  for (const planner::Arm& arm : p.arms) {
    try {
      planner::plan(p, planner::PlanRequest{planner::Date{date::year{2026} / 1 / 5}, arm.id, nullptr,
                                            planner::Prefer::earlier});
    } catch (const planner::PlanError&) {  // e.g. a chain of offsets beyond 2200
    }
  }
  return 0;
}
