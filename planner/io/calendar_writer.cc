#include "planner/io/calendar_writer.h"

#include <algorithm>
#include <array>

#include "planner/io/csv.h"
#include "planner/io/iso8601.h"
#include "planner/io/text_table.h"

namespace planner {
namespace {

std::string activity_list(const Protocol& p, const Visit& v, const std::string& arm) {
  std::string out;
  for (std::size_t a : activities_for(p, v, arm)) out += (out.empty() ? "" : ";") + p.activities[a].id;
  return out;
}

std::string with_weekday(Date d) { return format_date(d) + date::format(" %a", d); }

std::string signed_days(Days d) { return (d.count() > 0 ? "+" : "") + std::to_string(d.count()); }

}  // namespace

std::string calendar_csv_header() {
  return "subject,arm,site,visit,label,epoch,study_day,target,earliest,latest,scheduled,shift,status,activities\n";
}

void append_calendar_csv(std::string& out, const Protocol& p, const Subject& s,
                         const std::vector<PlannedVisit>& visits) {
  for (const PlannedVisit& pv : visits) {
    const Visit& v = p.visits[pv.visit];
    append_csv_row(out, {s.id, s.arm, s.site, v.id, v.label, p.epochs[v.epoch].id,
                         std::to_string(pv.study_day(s.day1).number()), format_date(pv.target),
                         format_date(pv.earliest), format_date(pv.latest), format_date(pv.scheduled),
                         std::to_string(pv.shift().count()), to_string(pv.status), activity_list(p, v, s.arm)});
  }
}

std::string calendar_table(const Protocol& p, const Subject& s, const std::vector<PlannedVisit>& visits) {
  TextTable table{{"VISIT", "LABEL", "EPOCH", "DAY", "TARGET", "WINDOW", "SCHEDULED", "SHIFT", "STATUS", "ACTIVITIES"}};
  table.right_align(3);
  table.right_align(7);
  std::array<int, 3> counts{};
  for (const PlannedVisit& pv : visits) {
    const Visit& v = p.visits[pv.visit];
    ++counts[static_cast<std::size_t>(pv.status)];
    table.add({v.id, v.label, p.epochs[v.epoch].id, std::to_string(pv.study_day(s.day1).number()),
               with_weekday(pv.target), format_date(pv.earliest) + ".." + format_date(pv.latest),
               with_weekday(pv.scheduled), signed_days(pv.shift()), std::string{to_string(pv.status)},
               activity_list(p, v, s.arm)});
  }
  std::string out = p.study.id + (p.study.title.empty() ? "" : ": " + p.study.title) + "\n";
  out += "subject " + (s.id.empty() ? "-" : s.id) + "  arm " + s.arm + "  site " + (s.site.empty() ? "-" : s.site) +
         "  Day 1 " + with_weekday(s.day1) + " (" + p.anchor_event + ")\n\n";
  out += table.render();
  out += "\n" + std::to_string(visits.size()) + " visits: " + std::to_string(counts[0]) + " planned, " +
         std::to_string(counts[1]) + " shifted, " + std::to_string(counts[2]) + " in conflict\n";
  return out;
}

}  // namespace planner
