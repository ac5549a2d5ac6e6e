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

// A site's visits: each day's entries in roster and visit order.
struct SiteDays {
  std::string title;
  const SiteCalendar* calendar = nullptr;
  std::optional<int> capacity;
  std::map<Date, std::vector<Entry>> days;
  std::optional<Date> today;  // --as-of
};

void add_subject(SiteDays& site, const Protocol& p, const ReportSubject& rs) {
  for (const PlannedVisit& pv : rs.visits) {
    const std::string who = rs.subject.id.empty() ? "" : rs.subject.id + " ";
    site.days[pv.scheduled].push_back({who + p.visits[pv.visit].id, pv.status == VisitStatus::conflict});
  }
}

std::vector<SiteDays> site_days(const ReportInput& in) {
  std::vector<SiteDays> out;
  if (!in.sites) {
    SiteDays all{"All subjects", in.calendar, std::nullopt, {}, in.as_of};
    if (in.subjects.size() == 1 && !in.subjects.front().subject.site.empty())
      all.title = "Site " + in.subjects.front().subject.site;
    for (const ReportSubject& rs : in.subjects) add_subject(all, *in.protocol, rs);
    out.push_back(std::move(all));
    return out;
  }
  for (const Site& site : *in.sites) {
    SiteDays s{"Site " + site.id + (site.name.empty() ? "" : ": " + site.name),
               &site.calendar,
               site.capacity,
               {},
               in.as_of};
    for (const ReportSubject& rs : in.subjects)
      if (rs.subject.site == site.id) add_subject(s, *in.protocol, rs);
    out.push_back(std::move(s));
  }
  return out;
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
  const std::size_t n = it == site.days.end() ? 0 : it->second.size();
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
  for (std::size_t i = 0; i < n && i < kDayEntries; ++i) {
    const Entry& e = it->second[i];
    out += "<li>" + html_escape(e.text) + (e.conflict ? " <strong>(conflict)</strong>" : "") + "</li>";
  }
  if (n > kDayEntries) out += "<li>and " + std::to_string(n - kDayEntries) + " more</li>";
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
