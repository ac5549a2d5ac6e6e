// The #months section of report.h: per site, a month grid for every month with a proposed visit.
#include <map>

#include "planner/io/iso8601.h"
#include "planner/io/write/html.h"
#include "planner/io/write/report.h"

namespace planner {
namespace {

// Month calendars list at most this many visits in a day, then "and N more".
constexpr std::size_t kDayEntries = 6;

constexpr const char* kWeekdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr const char* kDayNames[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
constexpr const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};

// A visit in a month calendar: "S001 W2", and whether it is in conflict (kept on a closed or full day).
struct Entry {
  std::string text;
  bool conflict = false;
};

// A site's visits: each day's entries in roster and visit order; above the scale rule's threshold, each day's
// count per visit instead (aggregated).
struct SiteDays {
  std::string title;
  const SiteCalendar* calendar = nullptr;
  std::optional<int> capacity;
  std::map<Date, std::vector<Entry>> days;
  std::optional<Date> today;                 // --as-of
  bool aggregated = false;                   // `counts` instead of named entries
  std::map<Date, std::vector<long>> counts;  // per visit of the protocol
};

void add_subject(SiteDays& site, const Protocol& p, const ReportSubject& rs) {
  for (const PlannedVisit& pv : rs.visits) {
    if (site.aggregated) {
      std::vector<long>& c = site.counts[pv.scheduled];
      c.resize(p.visits.size());
      ++c[pv.visit];
      continue;
    }
    const std::string who = rs.subject.id.empty() ? "" : rs.subject.id + " ";
    site.days[pv.scheduled].push_back({who + p.visits[pv.visit].id, pv.status == VisitStatus::conflict});
  }
}

std::vector<SiteDays> site_days(const ReportInput& in) {
  std::vector<SiteDays> out;
  for (ReportSite& site : report_sites(in))
    out.push_back({std::move(site.title), site.calendar, site.capacity, {}, in.as_of, in.aggregated(), {}});
  for (const ReportSubject& rs : in.subjects) {
    const std::size_t i = report_site_index(in, rs.subject);
    if (i < out.size()) add_subject(out[i], *in.protocol, rs);
  }
  // Aggregated, a day's entries are its visits' counts ("W2: 14"), in visit order.
  for (SiteDays& site : out)
    for (const auto& [day, counts] : site.counts)
      for (std::size_t v = 0; v < counts.size(); ++v)
        if (counts[v] > 0)
          site.days[day].push_back({in.protocol->visits[v].id + ": " + std::to_string(counts[v]), false});
  return out;
}

// The visits on a day: its entries, or the sum of its counts.
std::size_t visits_on(const SiteDays& site, Date d) {
  if (!site.aggregated) {
    const auto it = site.days.find(d);
    return it == site.days.end() ? 0 : it->second.size();
  }
  const auto it = site.counts.find(d);
  long n = 0;
  if (it != site.counts.end())
    for (const long c : it->second) n += c;
  return static_cast<std::size_t>(n);
}

// Why the site is closed on `d` ("" when open).
std::string closed_reason(const SiteCalendar* calendar, Date d) {
  if (!calendar || calendar->is_open(d)) return "";
  const date::weekday wd{d};
  if (calendar->is_closed(wd)) return std::string{"closed on "} + kDayNames[wd.c_encoding()] + "s";
  return "closed: holiday";
}

std::string day_cell(const SiteDays& site, Date d) {
  const auto it = site.days.find(d);
  const std::size_t n = visits_on(site, d);
  const std::string reason = closed_reason(site.calendar, d);
  const bool over = site.capacity && n > static_cast<std::size_t>(*site.capacity);
  std::string classes = reason.empty() ? "" : "closed";
  if (over) classes += classes.empty() ? "over" : " over";
  const bool today = site.today == d;
  if (today) classes += classes.empty() ? "today" : " today";
  std::string out = classes.empty() ? "<td>" : "<td class=\"" + classes + "\">";
  out += "<span class=\"day\">" + std::to_string(static_cast<unsigned>(date::year_month_day{d}.day())) + "</span>";
  if (today) out += " <strong>today</strong>";
  if (n > 1) out += " (" + std::to_string(n) + " visits)";
  if (!reason.empty()) out += "<span class=\"reason\">" + reason + "</span>";
  if (over) out += "<span class=\"reason\">over capacity: " + std::to_string(*site.capacity) + " a day</span>";
  if (n == 0) return out + "</td>";
  out += "<ul class=\"entries\">";
  const std::size_t entries = it->second.size();
  const std::size_t shown = site.aggregated ? entries : std::min(entries, kDayEntries);
  for (std::size_t i = 0; i < shown; ++i) {
    const Entry& e = it->second[i];
    out += "<li>" + html_escape(e.text) + (e.conflict ? " <strong>(conflict)</strong>" : "") + "</li>";
  }
  if (shown < entries) out += "<li>and " + std::to_string(entries - shown) + " more</li>";
  return out + "</ul></td>";
}

std::string month_table(const SiteDays& site, date::year_month month) {
  const unsigned m = static_cast<unsigned>(month.month());
  std::string out = "<table class=\"month\">\n<caption>" + html_escape(site.title) + " - " + kMonths[m - 1] + " " +
                    std::to_string(static_cast<int>(month.year())) + "</caption>\n<thead><tr>";
  for (int i = 1; i <= 7; ++i) out += std::string{"<th scope=\"col\">"} + kWeekdays[i % 7] + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  const Date first{month / 1};
  const Date last{month / date::last};
  const date::weekday wd{first};
  Date d = first - Days{(wd.c_encoding() + 6) % 7};  // the Monday on or before the 1st
  while (d <= last) {
    out += "<tr>";
    for (int i = 0; i < 7; ++i, d += Days{1})
      out += d < first || d > last ? std::string{"<td class=\"outside\"></td>"} : day_cell(site, d);
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

}  // namespace

std::string months_section(const ReportInput& in) {
  std::string out = "<section id=\"months\">\n<h2>Month calendars per site</h2>\n";
  out +=
      "<p>Each day lists subject and visit on their proposed dates. Shaded days are closed (the reason is "
      "given); an outlined day has more visits than the site can see; a visit marked (conflict) had no open day with "
      "room in "
      "its window and is shown on its target.</p>\n";
  if (in.aggregated())
    out += "<p class=\"note\">" + std::to_string(in.subjects.size()) + " subjects: more than " +
           std::to_string(in.named_limit) + ", so each day gives the number of subjects due per visit (\"W2: 14\") " +
           "instead of their names.</p>\n";
  for (const SiteDays& site : site_days(in)) {
    out += "<h3>" + html_escape(site.title) + "</h3>\n";
    if (site.days.empty()) {
      out += "<p>No visits.</p>\n";
      continue;
    }
    const date::year_month_day first{site.days.begin()->first};
    const date::year_month_day last{site.days.rbegin()->first};
    for (date::year_month m = first.year() / first.month(); m <= last.year() / last.month(); m += date::months{1})
      out += month_table(site, m);
  }
  return out + "</section>\n";
}

}  // namespace planner
