#include "planner/io/interop/usdm/import.h"

#include <algorithm>

#include "planner/core/error.h"
#include "planner/io/interop/usdm/emit.h"
#include "planner/io/interop/usdm/placement.h"
#include "planner/io/interop/usdm/walk.h"
#include "planner/io/read/protocol.h"
#include "planner/io/source_text.h"

namespace planner {

UsdmImport import_usdm(const std::string& json_text, const std::string& name, const std::string& timeline) {
  const SourceText src{name, json_text};
  const usdm::UsdmDocument document{src};
  const usdm::UsdmStudy study = document.study(timeline);
  const std::vector<usdm::Placement> placements = usdm::place_instances(study, src);
  const std::vector<usdm::Condition> conditions = document.conditions();
  if (std::none_of(placements.begin(), placements.end(), [](const usdm::Placement& p) { return p.imported; }))
    usdm::fail_at(src, study.timeline_pointer, "no instance of timeline " + study.timeline_id + " can be imported");

  UsdmImport result = usdm::emit_protocol(study, placements, conditions);
  try {
    (void)parse_protocol(result.toml, "<generated>");
  } catch (const Error& e) {
    throw Error{ExitCode::internal, "planner: internal error: the protocol imported from " + name +
                                        " does not load:\n" + e.what() + "please report this with the USDM file"};
  }
  return result;
}

}  // namespace planner
