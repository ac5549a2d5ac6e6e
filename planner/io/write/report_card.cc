// The #soa and #card sections of report.h.
#include "planner/io/iso8601.h"
#include "planner/io/write/html.h"
#include "planner/io/write/protocol.h"
#include "planner/io/write/report.h"
#include "planner/io/write/soa.h"
#include "planner/io/write/timing_text.h"

namespace planner {
namespace {

constexpr const char* kDayNames[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

std::string long_date(Date d) { return std::string{kDayNames[date::weekday{d}.c_encoding()]} + " " + format_date(d); }

std::string card(const ReportInput& in, const ReportSubject& rs) {
  const Protocol& p = *in.protocol;
  std::string out = "<article class=\"card\">\n<h3>" +
                    html_escape(in.blind ? "Your study visits" : p.study.id + ": your study visits") + "</h3>\n<p>" +
                    html_escape(subject_heading(in, rs.subject)) + "</p>\n";
  out +=
      "<table>\n<caption>Visit dates</caption>\n<thead><tr><th scope=\"col\">Visit</th><th scope=\"col\">Date</th>"
      "<th scope=\"col\">Window</th><th scope=\"col\">What happens</th></tr></thead>\n<tbody>\n";
  for (const PlannedVisit& pv : rs.visits) {
    const Visit& v = p.visits[pv.visit];
    out += "<tr><th scope=\"row\">" + html_escape(v.label.empty() ? v.id : v.label) + "</th><td>" +
           long_date(pv.scheduled) + "</td><td>";
    out += pv.earliest == pv.latest ? "this day only" : format_date(pv.earliest) + " to " + format_date(pv.latest);
    out += "</td><td>" + html_escape(visit_activities_text(p, v, rs.subject.arm, in.blind)) + "</td></tr>\n";
  }
  return out +
         "</tbody>\n</table>\n<p>If you cannot come on a date, call the study team: another day in "
         "the window keeps the study on track.</p>\n</article>\n";
}

std::string html_table(const TextTable& t, const std::string& caption) {
  std::string out = "<table>\n<caption>" + html_escape(caption) + "</caption>\n<thead><tr>";
  for (const std::string& h : t.header) out += "<th scope=\"col\">" + html_escape(h) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (const std::vector<std::string>& row : t.rows) {
    out += "<tr>";
    for (std::size_t i = 0; i < row.size(); ++i)
      out += i == 0 ? "<th scope=\"row\">" + html_escape(row[i]) + "</th>" : "<td>" + html_escape(row[i]) + "</td>";
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

std::string assumptions_list(const Protocol& p) {
  const std::vector<Assumption> list = assumptions(p);
  std::string out = "<h3>Assumptions (" + std::to_string(list.size()) + ")</h3>\n";
  if (list.empty()) return out + "<p>None: every value is as published.</p>\n";
  // The protocol's file once, in the caption; a line number per assumption (file:line if another file).
  const std::string& file = list.front().where.file;
  TextTable t{{"LINE", "WHAT", "ASSUMED"}, {}, {}};
  for (const Assumption& a : list)
    t.rows.push_back({(a.where.file == file ? "" : a.where.file + ":") + std::to_string(a.where.line), a.what, a.text});
  return out + html_table(t, "What " + file + " assumes where the publication is silent");
}

}  // namespace

std::string soa_section(const ReportInput& in) {
  std::string out = "<section id=\"soa\">\n<h2>Schedule of Activities and assumptions</h2>\n";
  if (in.blind)
    return out +
           "<p>Not shown in a blinded report: the Schedule of Activities would reveal the treatment.</p>\n"
           "</section>\n";
  out += html_table(soa_table(*in.protocol, std::nullopt), "Schedule of Activities of " + in.protocol->study.id);
  return out + assumptions_list(*in.protocol) + "</section>\n";
}

std::string card_section(const ReportInput& in) {
  std::string out = "<section id=\"card\">\n<h2>" + std::string{in.blind ? "Visit cards" : "Participant visit cards"} +
                    "</h2>\n";
  const std::size_t shown = std::min(in.subjects.size(), kReportSubjectLimit);
  for (std::size_t i = 0; i < shown; ++i) out += card(in, in.subjects[i]);
  if (shown < in.subjects.size())
    out += "<p class=\"note\">Cards are made for the first " + std::to_string(kReportSubjectLimit) + " subjects.</p>\n";
  return out + "</section>\n";
}

}  // namespace planner
