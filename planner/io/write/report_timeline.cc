// The #timeline section of report.h: an SVG per subject, a row per visit.
#include <algorithm>
#include <map>

#include "planner/io/iso8601.h"
#include "planner/io/write/conflict.h"
#include "planner/io/write/html.h"
#include "planner/io/write/report.h"

namespace planner {
namespace {

constexpr double kLeft = 150;    // the visit labels' column
constexpr double kWidth = 1000;  // the whole drawing
constexpr double kRight = 110;   // room for the status labels
constexpr double kRow = 24;      // per visit
constexpr double kTop = 30;      // the month labels

// Day to x: the span from the first window's start to the last window's end (and --as-of when inside).
struct Scale {
  Date first;
  Date last;
  double x(Date d) const {
    const double span = static_cast<double>((last - first).count() + 1);
    return kLeft + (kWidth - kLeft - kRight) * static_cast<double>((d - first).count()) / span;
  }
  double day() const { return x(first + Days{1}) - x(first); }
};

Scale scale_of(const std::vector<PlannedVisit>& visits) {
  Scale s{visits.front().earliest, visits.front().latest};
  for (const PlannedVisit& pv : visits) {
    s.first = std::min({s.first, pv.earliest, pv.scheduled});
    s.last = std::max({s.last, pv.latest, pv.scheduled});
  }
  return s;
}

// The first of each month inside the span: a grid line and "2026-02".
std::string month_lines(const Scale& s, double height) {
  std::string out;
  const date::year_month_day first{s.first};
  const date::year_month next = first.year() / first.month() + date::months{1};
  if (s.x(Date{next / 1}) - s.x(s.first) > 60)  // the first month's name, when there is room before the next
    out += "<text x=\"" + svg_number(s.x(s.first) + 3) + "\" y=\"" + svg_number(kTop - 16) + "\">" +
           format_date(s.first).substr(0, 7) + "</text>\n";
  for (date::year_month m = next; Date{m / 1} <= s.last; m += date::months{1}) {
    const double x = s.x(Date{m / 1});
    out += "<line class=\"month-line\" x1=\"" + svg_number(x) + "\" y1=\"" + svg_number(kTop - 12) + "\" x2=\"" +
           svg_number(x) + "\" y2=\"" + svg_number(height) + "\"></line>\n";
    out += "<text x=\"" + svg_number(x + 3) + "\" y=\"" + svg_number(kTop - 16) + "\">" +
           format_date(Date{m / 1}).substr(0, 7) + "</text>\n";
  }
  return out;
}

// What a subject's drawing needs beyond its visits: its check rows (--actuals) and why visits moved.
struct Extras {
  std::vector<const VisitCheck*> checks;  // the subject's rows of `planner check`, in check's order
  const Site* site = nullptr;             // the subject's site in a sites file (named when a day was full)
};

std::string status_label(const PlannedVisit& pv) {
  const long shift = pv.shift().count();
  switch (pv.status) {
    case VisitStatus::shifted: return std::string{"moved "} + (shift > 0 ? "+" : "") + std::to_string(shift) + " d";
    case VisitStatus::conflict: return "conflict: no open day";
    case VisitStatus::early: return "done early";
    case VisitStatus::late: return "done late";
    default: return "";
  }
}

// Why a shifted or conflict visit is where it is: the refused days and their reasons ("" when not known).
std::string why_moved(const Protocol& p, const ReportSubject& rs, const PlannedVisit& pv, const Site* site) {
  for (const Conflict& c : rs.why)
    if (c.visit == pv.visit && !c.days.empty()) return conflict_reasons(p, c, site);
  return "";
}

// What the mark's <title> says: enough to read without the drawing.
std::string mark_title(const Visit& v, const PlannedVisit& pv, const std::string& why) {
  std::string out = v.id + " " + v.label + ": " + format_date(pv.scheduled) + " (" + std::string{to_string(pv.status)};
  if (pv.status == VisitStatus::shifted) out += " from target " + format_date(pv.target);
  if (pv.status == VisitStatus::conflict) out += ": no day in the window is open and keeps the dose gap";
  if (!why.empty()) out += "; " + why;
  return out + "); window " + format_date(pv.earliest) + " to " + format_date(pv.latest);
}

std::string check_title(const VisitCheck& c) {
  std::string out = c.visit + ": " + std::string{to_string(c.verdict)};
  if (c.actual) out += ", done " + format_date(*c.actual);
  if (c.deviation) out += ", " + std::to_string(c.deviation->count()) + " d from target " + format_date(*c.target);
  if (c.earliest && c.latest) out += " (window " + format_date(*c.earliest) + " to " + format_date(*c.latest) + ")";
  return out + (c.line ? ", visit log line " + std::to_string(c.line) : "");
}

// A record of the visit log: a diamond at its actual date under the visit's mark (a missed visit: a cross at
// its window's end), coloured by verdict; its verdict is also written (verdict_label).
std::string actual_mark(const Scale& s, const VisitCheck& c, double mid) {
  const std::string cls = "actual-mark verdict-" + std::string{to_string(c.verdict)};
  const std::string title = "<title>" + html_escape(check_title(c)) + "</title>";
  if (!c.actual) {
    const double x = s.x(*c.latest + Days{1}) + 1;
    return "<path class=\"" + cls + "\" d=\"M" + svg_number(x) + " " + svg_number(mid - 5) +
           " l10 10 m0 -10 l-10 10\">" + title + "</path>\n";
  }
  const double x = s.x(*c.actual) + s.day() / 2;
  return "<path class=\"" + cls + "\" d=\"M" + svg_number(x) + " " + svg_number(mid - 8) + " l8 8 l-8 8 l-8 -8 z\">" +
         title + "</path>\n";
}

std::string label_text(double x, double y, const std::string& cls, const std::string& text) {
  return "<text class=\"" + cls + "\" x=\"" + svg_number(x) + "\" y=\"" + svg_number(y) + "\">" + html_escape(text) +
         "</text>\n";
}

std::string visit_row(const Protocol& p, const Scale& s, const ReportSubject& rs, const PlannedVisit& pv,
                      const Extras& extras, double y) {
  const Visit& v = p.visits[pv.visit];
  const double mid = y + kRow / 2;
  std::string out = "<g>\n<text x=\"4\" y=\"" + svg_number(mid + 4) + "\">" + html_escape(v.id) + "</text>\n";
  out += "<rect class=\"window\" x=\"" + svg_number(s.x(pv.earliest)) + "\" y=\"" + svg_number(y + 5) + "\" width=\"" +
         svg_number(s.x(pv.latest + Days{1}) - s.x(pv.earliest)) + "\" height=\"" + svg_number(kRow - 10) +
         "\"><title>" + html_escape(v.id) + " window " + format_date(pv.earliest) + " to " + format_date(pv.latest) +
         "</title></rect>\n";
  const double target = s.x(pv.target) + s.day() / 2;
  out += "<line class=\"target\" x1=\"" + svg_number(target) + "\" y1=\"" + svg_number(y + 2) + "\" x2=\"" +
         svg_number(target) + "\" y2=\"" + svg_number(y + kRow - 2) + "\"></line>\n";
  std::string verdicts;  // the check's verdicts of this visit's records, in check's order
  for (const VisitCheck* c : extras.checks)
    if (c->visit_index == pv.visit) {
      out += actual_mark(s, *c, mid);
      verdicts += (verdicts.empty() ? "" : "; ") + verdict_label(*c);
    }
  const std::string why = why_moved(p, rs, pv, extras.site);
  const double mark = s.x(pv.scheduled) + s.day() / 2;
  out += "<circle class=\"visit-mark " + std::string{to_string(pv.status)} + "\" data-visit=\"" + html_escape(v.id) +
         "\" cx=\"" + svg_number(mark) + "\" cy=\"" + svg_number(mid) + "\" r=\"5\"><title>" +
         html_escape(mark_title(v, pv, why)) + "</title></circle>\n";
  const std::string label = verdicts.empty() ? status_label(pv) : verdicts;
  const double x = std::max(mark, s.x(pv.latest + Days{1})) + (verdicts.empty() ? 6 : 14);
  if (!label.empty()) out += label_text(x, mid + 4, verdicts.empty() ? "status" : "verdict", label);
  return out + "</g>\n";
}

// Records of the visit log that are no visit of the subject's arm: a row each, by the visit code of the log.
std::string other_record_row(const Scale& s, const VisitCheck& c, double y) {
  const double mid = y + kRow / 2;
  std::string out = "<g>\n<text x=\"4\" y=\"" + svg_number(mid + 4) + "\">" + html_escape(c.visit) + "</text>\n";
  if (!c.actual || *c.actual < s.first || *c.actual > s.last) {  // off the drawing: said in words only
    const std::string where = c.actual ? " on " + format_date(*c.actual) : "";
    return out + label_text(kLeft, mid + 4, "verdict", verdict_label(c) + where) + "</g>\n";
  }
  out += actual_mark(s, c, mid);
  return out + label_text(s.x(*c.actual) + s.day() / 2 + 12, mid + 4, "verdict", verdict_label(c)) + "</g>\n";
}

std::string subject_svg(const Protocol& p, const ReportSubject& rs, const Extras& extras,
                        const std::optional<Date>& as_of, const std::string& name) {
  Scale s = scale_of(rs.visits);
  std::vector<const VisitCheck*> others;
  for (const VisitCheck* c : extras.checks) {
    if (!c->visit_index) others.push_back(c);
    if (c->visit_index && c->actual) {  // a record far outside its window still lies on the drawing
      s.first = std::min(s.first, *c->actual);
      s.last = std::max(s.last, *c->actual);
    }
  }
  const double height = kTop + kRow * static_cast<double>(rs.visits.size() + others.size()) + 6;
  std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 " + svg_number(kWidth) + " " +
                    svg_number(height) + "\" width=\"" + svg_number(kWidth) + "\" height=\"" + svg_number(height) +
                    "\">\n<title>" + html_escape("Timeline: " + name) + "</title>\n" + month_lines(s, height);
  double y = kTop;
  for (const PlannedVisit& pv : rs.visits) {
    out += visit_row(p, s, rs, pv, extras, y);
    y += kRow;
  }
  for (const VisitCheck* c : others) {
    out += other_record_row(s, *c, y);
    y += kRow;
  }
  if (as_of && s.first <= *as_of && *as_of <= s.last) {
    const double x = s.x(*as_of) + s.day() / 2;
    out += "<line class=\"today\" x1=\"" + svg_number(x) + "\" y1=\"" + svg_number(kTop - 12) + "\" x2=\"" +
           svg_number(x) + "\" y2=\"" + svg_number(height) + "\"><title>today " + format_date(*as_of) +
           "</title></line>\n";
    out += "<text x=\"" + svg_number(x + 3) + "\" y=\"" + svg_number(height - 2) + "\">today</text>\n";
  }
  return out + "</svg>\n";
}

// The moved and conflict visits of a subject with why, as a table under the drawing (none: nothing).
std::string moves_table(const Protocol& p, const ReportSubject& rs, const Site* site) {
  std::string rows;
  for (const PlannedVisit& pv : rs.visits) {
    if (pv.status != VisitStatus::shifted && pv.status != VisitStatus::conflict) continue;
    const std::string why = why_moved(p, rs, pv, site);
    rows += "<tr><th scope=\"row\">" + html_escape(p.visits[pv.visit].id) + "</th><td>" + format_date(pv.target) +
            "</td><td>" + format_date(pv.scheduled) + "</td><td>" + status_label(pv) + "</td><td>" +
            html_escape(why.empty() ? "-" : why) + "</td></tr>\n";
  }
  if (rows.empty()) return "";
  return "<table class=\"moves\">\n<caption>Why visits moved</caption>\n<thead><tr><th scope=\"col\">Visit</th>"
         "<th scope=\"col\">Target</th><th scope=\"col\">Proposed</th><th scope=\"col\">Change</th>"
         "<th scope=\"col\">Why (the days refused)</th></tr></thead>\n<tbody>\n" +
         rows + "</tbody>\n</table>\n";
}

constexpr const char* kLegend =
    "<p class=\"legend\"><span><span class=\"swatch\" style=\"background:#cfe3f2\"></span>window</span>"
    "<span><span class=\"swatch\" style=\"background:#1a1a1a;width:.2rem\"></span>target</span>"
    "<span><span class=\"swatch\" style=\"background:#0072B2\"></span>proposed date</span>"
    "<span><span class=\"swatch\" style=\"background:#E69F00\"></span>moved (site closed or dose gap)</span>"
    "<span><span class=\"swatch\" style=\"background:#D55E00\"></span>conflict (no open day in the window)</span>"
    "</p>\n";

// With a visit log: the marks of its records, by verdict (the verdict is written next to each, too).
constexpr const char* kCheckLegend =
    "<p class=\"legend\"><span><span class=\"swatch diamond\" style=\"background:#009E73\"></span>visit done in "
    "its window</span><span><span class=\"swatch diamond\" style=\"background:#CC79A7\"></span>done early or "
    "late</span><span><span class=\"swatch diamond\" style=\"background:#F0E442\"></span>other deviation "
    "(duplicate, out of order, dose gap, not in protocol...)</span><span>&#x2715; missed</span></p>\n";

Extras extras_of(const ReportInput& in, const ReportSubject& rs,
                 const std::map<std::string, std::vector<const VisitCheck*>>& checks) {
  Extras out;
  if (const auto it = checks.find(rs.subject.id); it != checks.end()) out.checks = it->second;
  if (in.sites)
    for (const Site& site : *in.sites)
      if (site.id == rs.subject.site) out.site = &site;
  return out;
}

}  // namespace

std::string subject_heading(const ReportInput& in, const Subject& s) {
  std::string out = s.id.empty() ? "Subject" : "Subject " + s.id;
  if (!in.blind && !s.arm.empty()) out += ", arm " + s.arm;
  if (!in.blind && !s.stratum.empty()) out += ", stratum " + s.stratum;  // a stratum of one arm would name it
  if (!s.site.empty()) out += ", site " + s.site;
  return out + ", Day 1 " + format_date(s.day1);
}

std::string timeline_section(const ReportInput& in) {
  std::string out = "<section id=\"timeline\">\n<h2>Subject timelines</h2>\n";
  out += kLegend;
  if (in.checks) out += kCheckLegend;
  if (in.as_of) out += "<p>The dashed line is today, " + format_date(*in.as_of) + ".</p>\n";
  const std::size_t shown = std::min(in.subjects.size(), kReportSubjectLimit);
  std::map<std::string, std::vector<const VisitCheck*>> checks;  // by subject
  if (in.checks)
    for (const VisitCheck& c : *in.checks) checks[c.subject].push_back(&c);
  for (std::size_t i = 0; i < shown; ++i) {
    const ReportSubject& rs = in.subjects[i];
    const std::string name = subject_heading(in, rs.subject);
    out += "<h3>" + html_escape(name) + "</h3>\n";
    const Extras extras = extras_of(in, rs, checks);
    if (!rs.visits.empty()) out += subject_svg(*in.protocol, rs, extras, in.as_of, name);
    out += moves_table(*in.protocol, rs, extras.site);
  }
  if (shown < in.subjects.size())
    out += "<p class=\"note\">" + std::to_string(in.subjects.size() - shown) +
           " more subjects are not drawn: a report " + "draws the first " + std::to_string(kReportSubjectLimit) +
           " subjects' timelines.</p>\n";
  return out + "</section>\n";
}

}  // namespace planner
