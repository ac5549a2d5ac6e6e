// The #workload section of report.h: per site, visits and doses per ISO week against the site's capacity, and
// its busiest days. The numbers are Workload's and by_period's, the ones `planner load` prints.
#include <algorithm>

#include "planner/io/iso8601.h"
#include "planner/io/write/html.h"
#include "planner/io/write/report.h"
#include "planner/io/write/workload.h"

namespace planner {
namespace {

constexpr double kWidth = 1000;  // the whole drawing
constexpr double kLeft = 50;     // the axis labels
constexpr double kRight = 10;
constexpr double kTop = 12;
constexpr double kPlot = 220;   // the bars' height at the scale's top
constexpr double kBottom = 30;  // the week labels

// A site's ISO week: its load (zero when no visits), the days the site is open and the visits it can see.
struct Week {
  Date monday;
  Tally tally;
  int open_days = 7;
  std::optional<long> capacity;  // capacity per day x open days
};

int open_days(const SiteCalendar* calendar, Date monday) {
  int n = 0;
  for (Date d = monday; d < monday + Days{7}; d += Days{1}) n += calendar == nullptr || calendar->is_open(d);
  return n;
}

// The weeks from the site's first visit to its last, empty weeks included, so the bars keep time.
std::vector<Week> site_weeks(const std::vector<PeriodLoad>& loads, std::size_t site, const ReportSite& rs) {
  std::vector<Week> out;
  for (const PeriodLoad& p : loads) {
    if (p.site != site) continue;
    const Date from = out.empty() ? p.start : out.back().monday + Days{7};
    for (Date monday = from; monday <= p.start; monday += Days{7}) out.push_back({monday, {}, 7, std::nullopt});
    out.back().tally = p.tally;
  }
  for (Week& w : out) {
    w.open_days = open_days(rs.calendar, w.monday);
    if (rs.capacity) w.capacity = static_cast<long>(*rs.capacity) * w.open_days;
  }
  return out;
}

std::string count(long n, const std::string& what) { return std::to_string(n) + " " + what + (n == 1 ? "" : "s"); }

std::string week_title(const ReportSite& rs, const Week& w, bool blind) {
  std::string out = period_text(w.monday, Period::week) + ": " + count(w.tally.visits, "visit");
  if (!blind) out += ", " + count(w.tally.doses, "dose");
  if (w.capacity)
    out += "; capacity " + std::to_string(*w.capacity) + " (" + std::to_string(*rs.capacity) + " a day, " +
           std::to_string(w.open_days) + " open days)";
  return out;
}

std::string rect(const char* cls, double x, double y, double w, double h) {
  return std::string{"<rect class=\""} + cls + "\" x=\"" + svg_number(x) + "\" y=\"" + svg_number(y) + "\" width=\"" +
         svg_number(w) + "\" height=\"" + svg_number(h) + "\"></rect>";
}

// Axis lines and three labelled values (0, half, top), then a week label every `every` weeks.
std::string axes(const std::vector<Week>& weeks, long top, double slot, std::size_t every) {
  const double base = kTop + kPlot;
  std::string out;
  for (const long v : {0L, top / 2, top}) {
    const double y = base - kPlot * static_cast<double>(v) / static_cast<double>(top);
    out += "<line class=\"grid\" x1=\"" + svg_number(kLeft) + "\" y1=\"" + svg_number(y) + "\" x2=\"" +
           svg_number(kWidth - kRight) + "\" y2=\"" + svg_number(y) + "\"></line>\n<text x=\"" + svg_number(kLeft - 6) +
           "\" y=\"" + svg_number(y + 4) + "\" text-anchor=\"end\">" + std::to_string(v) + "</text>\n";
  }
  for (std::size_t i = 0; i < weeks.size(); i += every)
    out += "<text x=\"" + svg_number(kLeft + slot * static_cast<double>(i)) + "\" y=\"" + svg_number(base + 18) +
           "\">" + period_text(weeks[i].monday, Period::week) + "</text>\n";
  return out;
}

// The capacity per week as a step line (a site without capacity has none).
std::string capacity_line(const std::vector<Week>& weeks, long top, double slot) {
  std::string points;
  for (std::size_t i = 0; i < weeks.size(); ++i) {
    if (!weeks[i].capacity) return "";
    const double y = kTop + kPlot - kPlot * static_cast<double>(*weeks[i].capacity) / static_cast<double>(top);
    const double x = kLeft + slot * static_cast<double>(i);
    points += (points.empty() ? "" : " ") + svg_number(x) + "," + svg_number(y) + " " + svg_number(x + slot) + "," +
              svg_number(y);
  }
  return points.empty() ? "" : "<polyline class=\"capacity\" points=\"" + points + "\"></polyline>\n";
}

std::string chart(const ReportSite& rs, const std::vector<Week>& weeks, bool blind) {
  long top = 1;
  for (const Week& w : weeks) top = std::max({top, w.tally.visits, blind ? 0L : w.tally.doses, w.capacity.value_or(0)});
  const double slot = (kWidth - kLeft - kRight) / static_cast<double>(weeks.size());
  const auto every = static_cast<std::size_t>(std::max(1.0, 80.0 / slot + 0.999));
  const double bar = slot * (blind ? 0.7 : 0.4);
  std::string out = "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 " + svg_number(kWidth) + " " +
                    svg_number(kTop + kPlot + kBottom) + "\" width=\"" + svg_number(kWidth) + "\" height=\"" +
                    svg_number(kTop + kPlot + kBottom) + "\">\n<title>" + html_escape(rs.title) +
                    (blind ? ": visits per week" : ": visits and doses per week") + "</title>\n";
  out += axes(weeks, top, slot, every);
  const double base = kTop + kPlot;
  for (std::size_t i = 0; i < weeks.size(); ++i) {
    const Week& w = weeks[i];
    const double x = kLeft + slot * static_cast<double>(i) + slot * 0.1;
    const double hv = kPlot * static_cast<double>(w.tally.visits) / static_cast<double>(top);
    out += "<g class=\"week\"><title>" + html_escape(week_title(rs, w, blind)) + "</title>" +
           rect("bar-visits", x, base - hv, bar, hv);
    if (!blind) {
      const double hd = kPlot * static_cast<double>(w.tally.doses) / static_cast<double>(top);
      out += rect("bar-doses", x + bar, base - hd, bar, hd);
    }
    out += "</g>\n";
  }
  return out + capacity_line(weeks, top, slot) + "</svg>\n";
}

std::string legend(bool blind, bool capacity) {
  std::string out = "<p class=\"legend\"><span><span class=\"swatch bar-visits\"></span>visits</span>";
  if (!blind) out += "<span><span class=\"swatch bar-doses\"></span>doses</span>";
  if (capacity) out += "<span><span class=\"swatch capacity-swatch\"></span>capacity (a day x open days)</span>";
  return out + "</p>\n";
}

// The site's days with the most visits (earlier first among equals).
std::string busiest_days(const Workload& w, std::size_t site, const ReportSite& rs, bool blind) {
  std::vector<std::pair<Date, const Tally*>> days;
  for (const auto& [key, tally] : w.days())
    if (key.first == site) days.emplace_back(key.second, &tally);
  std::stable_sort(days.begin(), days.end(),
                   [](const auto& a, const auto& b) { return a.second->visits > b.second->visits; });
  days.resize(std::min(days.size(), kReportBusiestDays));
  std::string out = "<table class=\"busiest\">\n<caption>" + html_escape(rs.title) +
                    " - busiest days</caption>\n<thead><tr><th scope=\"col\">Day</th><th scope=\"col\">Visits</th>"
                    "<th scope=\"col\">Capacity</th>";
  out += blind ? "" : "<th scope=\"col\">Doses</th><th scope=\"col\">Product to prepare</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& [day, tally] : days) {
    const bool over = rs.capacity && tally->visits > *rs.capacity;
    out += "<tr><th scope=\"row\">" + format_date(day) + "</th><td>" + std::to_string(tally->visits) + "</td><td>" +
           (rs.capacity ? std::to_string(*rs.capacity) + (over ? " <strong>(over)</strong>" : "") : "no limit") +
           "</td>";
    if (!blind)
      out += "<td>" + std::to_string(tally->doses) + "</td><td>" + html_escape(products_text(*tally)) + "</td>";
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

}  // namespace

std::vector<ReportSite> report_sites(const ReportInput& in) {
  std::vector<ReportSite> out;
  if (!in.sites) {
    std::string title = "All subjects";
    if (in.subjects.size() == 1 && !in.subjects.front().subject.site.empty())
      title = "Site " + in.subjects.front().subject.site;
    out.push_back({title, in.calendar, std::nullopt});
    return out;
  }
  for (const Site& site : *in.sites)
    out.push_back({"Site " + site.id + (site.name.empty() ? "" : ": " + site.name), &site.calendar, site.capacity});
  return out;
}

std::size_t report_site_index(const ReportInput& in, const Subject& subject) {
  if (!in.sites) return 0;
  std::size_t i = 0;
  while (i < in.sites->size() && (*in.sites)[i].id != subject.site) ++i;
  return i;
}

Workload report_workload(const ReportInput& in) {
  Workload w{*in.protocol};
  for (const ReportSubject& rs : in.subjects) w.add(report_site_index(in, rs.subject), rs.subject, rs.visits);
  return w;
}

std::string workload_section(const ReportInput& in) {
  std::string out = "<section id=\"workload\">\n<h2>Workload per site</h2>\n";
  out += in.blind ? "<p>Visits per ISO week (Monday to Sunday)"
                  : "<p>Visits and doses per ISO week (Monday to Sunday), as <code>planner load</code> counts them";
  out += in.sites ? "; the dashed line is a site's capacity in that week: visits a day times the days it is open.</p>\n"
                  : ".</p>\n";
  const Workload w = report_workload(in);
  const std::vector<ReportSite> sites = report_sites(in);
  const std::vector<Site> no_sites;
  const std::vector<PeriodLoad> loads = by_period(w, in.sites ? *in.sites : no_sites, Period::week);
  for (std::size_t i = 0; i < sites.size(); ++i) {
    out += "<h3>" + html_escape(sites[i].title) + "</h3>\n";
    const std::vector<Week> weeks = site_weeks(loads, i, sites[i]);
    if (weeks.empty()) {
      out += "<p>No visits.</p>\n";
      continue;
    }
    out += "<figure class=\"chart\">\n" + chart(sites[i], weeks, in.blind) + "<figcaption>" +
           html_escape(sites[i].title) + (in.blind ? ": visits" : ": visits and doses") + " per week, " +
           period_text(weeks.front().monday, Period::week) + " to " + period_text(weeks.back().monday, Period::week) +
           "</figcaption>\n</figure>\n" + legend(in.blind, sites[i].capacity.has_value()) +
           busiest_days(w, i, sites[i], in.blind);
  }
  return out + "</section>\n";
}

}  // namespace planner
