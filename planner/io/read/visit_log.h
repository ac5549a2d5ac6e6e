// Visit logs: the visits subjects actually made, as CSV with a header `subject,visit,date` (any column
// order and case; extra columns are kept in the file and ignored here; ';' between fields when the header
// has ';' and no ','). A subject not in the roster, an empty visit
// code or a bad date is an InputError naming file:line:col; no row is skipped silently.
#pragma once

#include <string>
#include <vector>

#include "planner/core/subject.h"
#include "planner/core/visit_check.h"

namespace planner {

// `roster`: every row's subject must be in it (null: any subject is accepted).
std::vector<ActualVisit> load_visit_log(const std::string& path, const std::vector<Subject>* roster);
// The same from `text`, read as if it were a file named `name` (tests, fuzzing).
std::vector<ActualVisit> parse_visit_log(std::string text, const std::string& name, const std::vector<Subject>* roster);

}  // namespace planner
