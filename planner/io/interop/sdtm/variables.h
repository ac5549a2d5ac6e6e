// What SAS transport, Dataset-JSON and define.xml say about an SDTM dataset beyond its CSV cells: each
// variable's label, type and role, and each dataset's label, structure, class and keys, in the words of the
// SDTM Implementation Guide 3.3 (the labels the CDISC pilot's define.xml and the SDTM-MSG v2 sample use).
//
//   sdtm_variable("TAETORD")  == {"TAETORD", "Planned Order of Element within Arm", SdtmType::integer, "Timing"}
//   sdtm_dataset("TA").keys   == {"STUDYID", "ARMCD", "TAETORD"}
#pragma once

#include <string_view>
#include <vector>

namespace planner {

enum class SdtmType { text, integer, decimal };

struct SdtmVariable {
  std::string_view name;
  std::string_view label;  // at most 40 characters (the SAS transport limit)
  SdtmType type = SdtmType::text;
  std::string_view role;  // Identifier, Topic, Timing, Record Qualifier, ...
};

struct SdtmDataset {
  std::string_view name;  // TA, TE, TV, TS, DM, SV
  std::string_view label;
  std::string_view structure;   // "One record per planned Element per Arm"
  std::string_view sdtm_class;  // TRIAL DESIGN, SPECIAL PURPOSE
  std::vector<std::string_view> keys;
  bool reference_data = false;  // trial design: not subject data
};

// The variable `name` (any SDTM variable planner writes); std::logic_error for one it does not know (a
// column added to a dataset without its description here is a programming error, caught by the tests).
const SdtmVariable& sdtm_variable(std::string_view name);

// The dataset `domain` (TA, TE, TV, TS, DM or SV); std::logic_error otherwise.
const SdtmDataset& sdtm_dataset(std::string_view domain);

}  // namespace planner
