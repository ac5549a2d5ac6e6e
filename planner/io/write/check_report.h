// Reports of `planner check`: one row per visit record or missed visit, then summaries per visit and per
// subject (table), or the rows alone as CSV:
//   subject,visit,study_day,target,earliest,latest,actual,deviation,verdict,line
// study_day is the SDTM study day of the actual date (of the target for a missed visit); deviation is
// actual - target in days; line is the visit-log line (empty for a missed visit).
#pragma once

#include <string>
#include <vector>

#include "planner/core/protocol.h"
#include "planner/core/subject.h"
#include "planner/core/visit_check.h"
#include "planner/io/write/csv.h"

namespace planner {

std::string check_csv(const std::vector<VisitCheck>& rows, const std::vector<Subject>& roster, CsvOptions csv = {});
std::string check_table(const Protocol& protocol, const std::vector<VisitCheck>& rows,
                        const std::vector<Subject>& roster);
// JSON (stable key order):
//   {"protocol": id, "records": [{"subject", "visit", "study_day", "target", "earliest", "latest", "actual",
//    "deviation", "verdict", "line"}...], "per_visit": [{"visit", "records", "in_window", "early", "late",
//    "missed", "other"}...], "totals": {verdict: count}}   (absent values are null)
std::string check_json(const Protocol& protocol, const std::vector<VisitCheck>& rows,
                       const std::vector<Subject>& roster);

// The summaries alone (per visit, per subject, and the totals by verdict).
std::string check_summary(const Protocol& protocol, const std::vector<VisitCheck>& rows);

}  // namespace planner
