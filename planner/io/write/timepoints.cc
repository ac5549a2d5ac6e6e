#include "planner/io/write/timepoints.h"

#include <algorithm>

#include "planner/io/iso8601.h"

namespace planner {

std::string timepoints_text(const Protocol& p, const std::string& arm, Date day1,
                            const std::vector<PlannedVisit>& visits, TableFormat format, CsvOptions csv_options) {
  const bool csv = format == TableFormat::csv;
  TextTable t;
  if (csv)
    t.header = {"arm", "activity", "instrument", "role", "visit", "study_day", "target", "earliest", "latest"};
  else
    t = {{"ACTIVITY", "INSTRUMENT", "ROLE", "VISIT", "DAY", "TARGET", "WINDOW"},
         {},
         {false, false, false, false, true}};
  for (std::size_t a = 0; a < p.activities.size(); ++a) {
    const Activity& act = p.activities[a];
    if (act.kind != ActivityKind::assessment || !act.applies_to(arm)) continue;
    for (const PlannedVisit& pv : visits) {
      const Visit& v = p.visits[pv.visit];
      if (std::find(v.activities.begin(), v.activities.end(), a) == v.activities.end()) continue;
      // An endpoint read out here gives the row its role at this visit.
      const Endpoint* endpoint = p.endpoint_at(pv.visit, a);
      const std::string role = endpoint ? std::string{to_string(endpoint->role)} + " (read-out)"
                                        : std::string{to_string(act.role)};
      const std::string day = std::to_string(pv.study_day(day1).number());
      if (csv)
        t.rows.push_back({arm, act.id, act.instrument, role, v.id, day, format_date(pv.target),
                          format_date(pv.earliest), format_date(pv.latest)});
      else
        t.rows.push_back({act.id, act.instrument, role, v.id, day, format_date(pv.target),
                          format_date(pv.earliest) + ".." + format_date(pv.latest)});
    }
  }
  if (csv) return render(t, TableFormat::csv, csv_options);
  return p.study.id + (p.study.title.empty() ? "" : ": " + p.study.title) + "\narm " + arm + "  Day 1 " +
         format_date(day1) + date::format(" %a", day1) + " (" + p.anchor_event + ")\n\n" +
         render(t, TableFormat::table) + "\n" + std::to_string(t.rows.size()) + " assessment timepoints\n";
}

}  // namespace planner
