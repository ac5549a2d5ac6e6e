#include "planner/io/write/analysis.h"

#include "planner/io/iso8601.h"
#include "planner/io/write/text_table.h"

namespace planner {

std::string analysis_csv(const std::vector<AnalysisWindow>& windows, const RecordFile& file,
                         const std::vector<AnalysisAssignment>& assigned, CsvOptions csv) {
  TextTable t{{"line", "subject", "group", "date", "study_day", "analysis_visit", "target", "distance", "flag", "note"},
              {},
              {}};
  for (std::size_t i = 0; i < file.records.size(); ++i) {
    const AnalysisRecord& r = file.records[i];
    const AnalysisAssignment& a = assigned[i];
    const AnalysisWindow* w = a.window ? &windows[*a.window] : nullptr;
    t.rows.push_back({std::to_string(file.lines[i]), r.subject, r.group, format_date(r.date),
                      std::to_string(a.study_day.number()), w ? w->name : "",
                      w ? std::to_string(w->target.number()) : "",
                      a.distance ? std::to_string(a.distance->count()) : "", a.flagged ? "Y" : "",
                      r.derived ? "derived (" + file.dtype[i] + "): not assigned"
                      : w       ? ""
                                : "outside every window"});
  }
  return render(t, TableFormat::csv, csv);
}

}  // namespace planner
