// The #agenda section of report.h: per site and day, who comes, for which visit, what is done, and the product
// to prepare, summed over the day by Workload (the sums of `planner load --by day`).
#include <map>

#include "planner/io/iso8601.h"
#include "planner/io/write/html.h"
#include "planner/io/write/report.h"
#include "planner/io/write/timing_text.h"
#include "planner/io/write/workload.h"

namespace planner {
namespace {

constexpr const char* kDayNames[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

std::string long_date(Date d) { return std::string{kDayNames[date::weekday{d}.c_encoding()]} + " " + format_date(d); }

std::string visit_name(const Visit& v) { return v.label.empty() || v.label == v.id ? v.id : v.id + " " + v.label; }

struct Due {
  const ReportSubject* subject;
  const PlannedVisit* visit;
};

using SiteDay = std::pair<std::size_t, Date>;  // (index in report_sites, day)

std::map<SiteDay, std::vector<Due>> due_by_day(const ReportInput& in) {
  std::map<SiteDay, std::vector<Due>> out;
  for (const ReportSubject& rs : in.subjects) {
    const std::size_t site = report_site_index(in, rs.subject);
    for (const PlannedVisit& pv : rs.visits) out[{site, pv.scheduled}].push_back({&rs, &pv});
  }
  return out;
}

// One day's sheet: a table of the subjects due, with the day's products to prepare in its footer.
std::string day_table(const ReportInput& in, const ReportSite& site, Date day, const std::vector<Due>& due,
                      const Tally& tally) {
  const Protocol& p = *in.protocol;
  const std::size_t columns = in.blind ? 3 : 4;
  std::string out = "<table class=\"agenda\">\n<caption>" + html_escape(site.title) + " - " + long_date(day) + " (" +
                    std::to_string(due.size()) + (due.size() == 1 ? " visit" : " visits") + ")";
  if (site.calendar && !site.calendar->is_open(day)) out += ", <strong>site closed</strong>";
  out += "</caption>\n<thead><tr><th scope=\"col\">Subject</th>";
  out += in.blind ? "" : "<th scope=\"col\">Arm</th>";
  out += "<th scope=\"col\">Visit</th><th scope=\"col\">Activities</th></tr></thead>\n";
  if (!in.blind)
    out += "<tfoot><tr><th scope=\"row\">To prepare</th><td colspan=\"" + std::to_string(columns - 1) + "\">" +
           html_escape(tally.product.empty() ? std::string{"nothing"} : products_text(tally)) + "</td></tr></tfoot>\n";
  out += "<tbody>\n";
  for (const Due& d : due) {
    const Subject& s = d.subject->subject;
    const Visit& v = p.visits[d.visit->visit];
    out += "<tr><th scope=\"row\">" + html_escape(s.id) + "</th>";
    if (!in.blind) out += "<td>" + html_escape(s.arm) + "</td>";
    out += "<td>" + html_escape(visit_name(v)) +
           (d.visit->status == VisitStatus::conflict ? " <strong>(conflict)</strong>" : "") + "</td><td>" +
           html_escape(visit_activities_text(p, v, s.arm, in.blind)) + "</td></tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

// Above the scale rule's threshold: per site, one row a day with the count due per visit.
std::string summary_table(const ReportInput& in, const ReportSite& site, std::size_t index,
                          const std::map<SiteDay, std::vector<long>>& counts, const Workload& w) {
  std::string out = "<table class=\"agenda-summary\">\n<caption>" + html_escape(site.title) +
                    " - visits due per day</caption>\n<thead><tr><th scope=\"col\">Day</th><th scope=\"col\">"
                    "Visits</th><th scope=\"col\">Due</th>";
  out += in.blind ? "" : "<th scope=\"col\">To prepare</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (auto it = counts.lower_bound({index, Date::min()}); it != counts.end() && it->first.first == index; ++it) {
    const Tally& tally = w.days().at(it->first);
    std::string due;
    for (std::size_t v = 0; v < it->second.size(); ++v)
      if (it->second[v] > 0)
        due += (due.empty() ? "" : "; ") + html_escape(in.protocol->visits[v].id) + " " + std::to_string(it->second[v]);
    out += "<tr><th scope=\"row\">" + long_date(it->first.second) + "</th><td>" + std::to_string(tally.visits) +
           "</td><td>" + due + "</td>";
    if (!in.blind)
      out += "<td>" + html_escape(tally.product.empty() ? std::string{"nothing"} : products_text(tally)) + "</td>";
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

std::string summarised(const ReportInput& in, const std::vector<ReportSite>& sites, const Workload& w) {
  std::map<SiteDay, std::vector<long>> counts;
  for (const ReportSubject& rs : in.subjects) {
    const std::size_t site = report_site_index(in, rs.subject);
    for (const PlannedVisit& pv : rs.visits) {
      std::vector<long>& c = counts[{site, pv.scheduled}];
      c.resize(in.protocol->visits.size());
      ++c[pv.visit];
    }
  }
  std::string out = "<p class=\"note\">" + std::to_string(in.subjects.size()) + " subjects: more than " +
                    std::to_string(in.named_limit) + ", so each site's days are summarised (visits due per visit" +
                    (in.blind ? "" : " and the products to prepare") + ") instead of listing subjects.</p>\n";
  for (std::size_t i = 0; i < sites.size(); ++i) {
    const auto first = counts.lower_bound({i, Date::min()});
    out += "<h3>" + html_escape(sites[i].title) + "</h3>\n" +
           (first == counts.end() || first->first.first != i ? "<p>No visits.</p>\n"
                                                             : summary_table(in, sites[i], i, counts, w));
  }
  return out;
}

}  // namespace

std::string agenda_section(const ReportInput& in) {
  std::string out = "<section id=\"agenda\">\n<h2>Daily agenda per site</h2>\n";
  out += in.blind ? "<p>For each day with visits, per site: the subjects due, their visit and what happens.</p>\n"
                  : "<p>For each day with visits, per site: the subjects due, their visit, what happens, and the "
                    "product to prepare, summed over the day.</p>\n";
  const std::vector<ReportSite> sites = report_sites(in);
  const Workload w = report_workload(in);
  if (in.aggregated()) return out + summarised(in, sites, w) + "</section>\n";
  const std::map<SiteDay, std::vector<Due>> due = due_by_day(in);
  for (std::size_t i = 0; i < sites.size(); ++i) {
    out += "<h3>" + html_escape(sites[i].title) + "</h3>\n";
    auto it = due.lower_bound({i, Date::min()});
    if (it == due.end() || it->first.first != i) out += "<p>No visits.</p>\n";
    for (; it != due.end() && it->first.first == i; ++it)
      out += day_table(in, sites[i], it->first.second, it->second, w.days().at(it->first));
  }
  return out + "</section>\n";
}

}  // namespace planner
