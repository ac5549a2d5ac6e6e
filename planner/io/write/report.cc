#include "planner/io/write/report.h"

#include "planner/io/iso8601.h"
#include "planner/io/write/html.h"
#include "planner/io/write/ical.h"

namespace planner {
namespace {

// Okabe-Ito colours for marks (blue #0072B2, orange #E69F00, vermillion #D55E00, bluish green #009E73); text
// is near-black on white or on light shading (contrast above 4.5:1), never coloured text on colour.
constexpr const char* kStyle = R"(
:root { color: #1a1a1a; background: #ffffff; font: 15px/1.4 "DejaVu Sans", Arial, sans-serif; }
body { margin: 1.5rem auto; max-width: 1100px; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid #0072B2; padding-bottom: .2rem; margin-top: 2.2rem; }
h3 { font-size: 1.1rem; margin: 1.4rem 0 .4rem; }
nav ol { margin: .3rem 0; }
a { color: #005a8c; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
caption { text-align: left; font-weight: bold; padding: .3rem 0; }
th, td { border: 1px solid #8c8c8c; padding: .2rem .4rem; vertical-align: top; text-align: left; }
th { background: #eef3f8; }
.note { font-style: italic; }
.legend span { display: inline-block; margin-right: 1.2rem; }
.swatch { display: inline-block; width: .9rem; height: .9rem; border: 1px solid #1a1a1a; vertical-align: middle;
  margin-right: .3rem; }
svg { display: block; margin: .3rem 0 1rem; max-width: 100%; height: auto; }
svg text { font: 12px "DejaVu Sans", Arial, sans-serif; fill: #1a1a1a; }
.window { fill: #cfe3f2; stroke: #0072B2; stroke-width: 1; }
.target { stroke: #1a1a1a; stroke-width: 2; }
.visit-mark { stroke: #1a1a1a; stroke-width: 1; }
.planned { fill: #0072B2; } .shifted { fill: #E69F00; } .conflict { fill: #D55E00; }
.done { fill: #009E73; } .early, .late { fill: #CC79A7; }
.month-line { stroke: #b0b0b0; stroke-width: 1; }
.today { stroke: #D55E00; stroke-width: 2; stroke-dasharray: 6 3; }
table.month { width: 100%; table-layout: fixed; }
table.month td { height: 4.2rem; font-size: .8rem; }
table.month td.closed { background: #e4e4e4; }
table.month td.over { outline: 3px solid #D55E00; outline-offset: -3px; }
table.month td.today { box-shadow: inset 0 0 0 3px #0072B2; }
table.month td.outside { background: #fafafa; color: #595959; }
.day { font-weight: bold; }
.reason { display: block; font-style: italic; }
ul.entries { list-style: none; margin: 0; padding: 0; }
table.agenda { width: 100%; }
table.agenda tfoot th { white-space: nowrap; }
table.agenda tfoot th, table.agenda tfoot td { background: #f3f3f3; font-weight: bold; }
.grid { stroke: #d0d0d0; stroke-width: 1; }
.bar-visits { fill: #0072B2; } .bar-doses { fill: #E69F00; }
.capacity { fill: none; stroke: #D55E00; stroke-width: 2; stroke-dasharray: 8 4; }
.swatch.capacity-swatch { background: #D55E00; height: .2rem; border: none; }
.swatch.bar-visits { background: #0072B2; } .swatch.bar-doses { background: #E69F00; }
figure.chart { margin: .5rem 0; }
figcaption { font-style: italic; }
.actual-mark { stroke: #1a1a1a; stroke-width: 1; fill: #F0E442; }
.actual-mark.verdict-in-window { fill: #009E73; } .actual-mark.verdict-early, .actual-mark.verdict-late { fill: #CC79A7; }
.actual-mark.verdict-missed { fill: none; stroke-width: 2.5; }
.actual-mark.verdict-unscheduled, .actual-mark.verdict-not-planned { fill: #bdbdbd; }
svg text.verdict { font-weight: bold; }
.swatch.diamond { transform: rotate(45deg) scale(.8); }
td.num { text-align: right; }
td.dev, tr.dev td { background: #fdf0d5; font-weight: bold; }
.verdict { font-weight: bold; }
.card { border: 2px solid #1a1a1a; padding: .8rem 1rem; margin: 1rem 0; }
.card table { width: 100%; }
@media print {
  :root { font-size: 11pt; }
  body { margin: 0; max-width: none; }
  nav { display: none; }
  section + section { break-before: page; }
  .card { break-before: page; break-inside: avoid; border: none; padding: 0; margin: 0; }
  h2 + .card { break-before: auto; }
  .card { font-size: 9.5pt; line-height: 1.25; }  /* a card of 11 visits fits one A4 or Letter page */
  .card th, .card td { padding: 1pt 3pt; }
  .card h3 { margin: 0 0 4pt; }
  table.month, table.agenda, figure.chart { break-inside: avoid; }
}
)";

// The page size and margins (report_page appends one after kStyle).
constexpr const char* kA4 = "@page { size: A4; margin: 15mm; }\n";
constexpr const char* kLetter = "@page { size: letter; margin: 0.5in; }\n";

constexpr const char* kPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

std::string page_title(const ReportInput& in) {
  if (in.blind) return "Study visits";
  const Protocol& p = *in.protocol;
  return p.study.id + (p.study.title.empty() ? "" : ": " + p.study.title);
}

std::string contents(const ReportInput& in) {
  std::string out = "<nav aria-label=\"Contents\">\n<h2>Contents</h2>\n<ol>\n";
  out += "<li><a href=\"#timeline\">Subject timelines</a></li>\n";
  out += "<li><a href=\"#months\">Month calendars per site</a></li>\n";
  out += "<li><a href=\"#agenda\">Daily agenda per site</a></li>\n";
  out += "<li><a href=\"#workload\">Workload per site</a></li>\n";
  if (!in.forecast_section.empty()) out += "<li><a href=\"#forecast\">Enrolment forecast</a></li>\n";
  out += "<li><a href=\"#soa\">Schedule of Activities and assumptions</a></li>\n";
  if (in.checks) out += "<li><a href=\"#check\">Check results</a></li>\n";
  out += in.blind ? "<li><a href=\"#card\">Visit cards</a></li>\n"
                  : "<li><a href=\"#card\">Participant visit cards</a></li>\n";
  return out + "</ol>\n</nav>\n";
}

std::string header(const ReportInput& in) {
  std::string out = "<header>\n<h1>" + html_escape(page_title(in)) + "</h1>\n<p>";
  const std::size_t n = in.subjects.size();
  out += std::to_string(n) + (n == 1 ? " subject" : " subjects");
  if (in.sites) out += ", " + std::to_string(in.sites->size()) + (in.sites->size() == 1 ? " site" : " sites");
  out += ". Dates proposed by planner around site closures";
  if (in.as_of) out += "; today is taken as " + format_date(*in.as_of);
  return out + ".</p>\n</header>\n";
}

}  // namespace

std::string report_html(const ReportInput& in) {
  if (in.blind) {
    IcsOptions blind;
    blind.blind = true;
    [[maybe_unused]] const IcsWriter blindable{*in.protocol, blind};  // throws when the arms differ
  }
  return report_page(page_title(in),
                     header(in) + contents(in) + "<main>\n" + timeline_section(in) + months_section(in) +
                         agenda_section(in) + workload_section(in) + in.forecast_section + soa_section(in) +
                         check_section(in) + card_section(in) + "</main>\n",
                     in.paper);
}

std::string report_page(const std::string& title, const std::string& body, Paper paper) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta http-equiv=\"Content-Security-Policy\" content=\"" + std::string{kPolicy} + "\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>" + html_escape(title) + "</title>\n<style>" + kStyle + (paper == Paper::letter ? kLetter : kA4) +
         "</style>\n</head>\n<body>\n";
  return out + body + "</body>\n</html>\n";
}

}  // namespace planner
