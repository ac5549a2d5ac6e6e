#include "planner/io/interop/usdm/import.h"

#include <algorithm>

#include "planner/core/error.h"
#include "planner/io/interop/usdm/emit.h"
#include "planner/io/interop/usdm/placement.h"
#include "planner/io/interop/usdm/timelines.h"
#include "planner/io/interop/usdm/walk.h"
#include "planner/io/read/protocol.h"
#include "planner/io/source_text.h"

namespace planner {
namespace {

bool has_planner_extensions(const usdm::UsdmStudy& study) {
  return std::any_of(study.activities.begin(), study.activities.end(),
                     [](const usdm::UsdmActivity& a) { return !a.planner.empty(); }) ||
         std::any_of(study.instances.begin(), study.instances.end(),
                     [](const usdm::Instance& i) { return !i.planner.empty(); }) ||
         !study.tables.empty() ||
         std::any_of(study.elements.begin(), study.elements.end(),
                     [](const usdm::UsdmElement& e) { return !e.planner.empty(); });
}

}  // namespace

UsdmImport import_usdm(const std::string& json_text, const std::string& name, const std::string& timeline) {
  const SourceText src{name, json_text};
  const usdm::UsdmDocument document{src};
  const usdm::UsdmStudy study = document.study(timeline);
  const std::vector<usdm::Placement> placements = usdm::place_instances(study, src);
  const std::vector<usdm::Condition> conditions = document.conditions();
  if (std::none_of(placements.begin(), placements.end(), [](const usdm::Placement& p) { return p.imported; }))
    usdm::fail_at(src, study.timeline_pointer, "no instance of timeline " + study.timeline_id + " can be imported");

  const std::vector<usdm::OtherTimeline> others = usdm::plan_other_timelines(study, src);
  UsdmImport result = usdm::emit_protocol(study, placements, others, conditions);
  try {
    (void)parse_protocol(result.toml, "<generated>");
  } catch (const Error& e) {
    if (has_planner_extensions(study))  // values planner's export wrote, edited since: the input is wrong
      throw InputError{name + ": error: the values of planner's extensions (" + std::string{usdm::kExtensionUrl} +
                       "...) do not make a protocol:\n" + e.what()};
    throw Error{ExitCode::internal, "planner: internal error: the protocol imported from " + name +
                                        " does not load:\n" + e.what() + "please report this with the USDM file"};
  }
  return result;
}

}  // namespace planner
