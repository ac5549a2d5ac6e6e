// The trial summary parameters planner knows by code (SDTM TS's TSPARMCD) with their names (TSPARM):
//   ts_parameter_name("AGEMIN") == "Planned Minimum Age of Subjects"
//   ts_parameter_name("XYZ")    == nullopt  (a [[trial_summary]] row then gives its own name)
// The names are those of the CDISC TS parameter codelist as the CDISC pilot's ts.csv writes them.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace planner {

std::optional<std::string_view> ts_parameter_name(std::string_view code);

// Every known code, in alphabetical order (for did-you-mean).
std::vector<std::string_view> ts_parameter_codes();

}  // namespace planner
