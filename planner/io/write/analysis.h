// The analysis-window assignment of `planner window`: one row per dated record, in file order, with the
// window it counts for (see core/analysis_window.h for the rule).
//
//   line,subject,group,date,study_day,analysis_visit,target,distance,flag,note
//   2,S001,,2026-03-01,55,Week 8,57,2,,
//   3,S001,,2026-03-04,58,Week 8,57,1,Y,      (Y: the record nearest the target counts for the window)
#pragma once

#include <string>
#include <vector>

#include "planner/core/analysis_window.h"
#include "planner/io/write/csv.h"

namespace planner {

// CSV: line,subject,group,date,study_day,analysis_visit,target,distance,flag,note
std::string analysis_csv(const std::vector<AnalysisWindow>& windows, const RecordFile& file,
                         const std::vector<AnalysisAssignment>& assigned, CsvOptions csv = {});

}  // namespace planner
