// Dated records for `planner window`, as CSV with a header: the subject in `subject` or `USUBJID`, the date in
// `date` or `ADT` (ADaM), optionally `PARAMCD` (records are compared within a parameter) and `DTYPE` (ADaM:
// a row with a DTYPE, e.g. LOCF, is derived and not assigned). Extra columns are ignored. A subject not in the
// roster or a bad date is an InputError naming file:line:col.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "planner/core/analysis_window.h"
#include "planner/core/subject.h"

namespace planner {

RecordFile load_analysis_records(const std::string& path, const std::vector<Subject>& roster);
// The same from `text`, read as if it were a file named `name` (tests, fuzzing).
RecordFile parse_analysis_records(std::string text, const std::string& name, const std::vector<Subject>& roster);

}  // namespace planner
