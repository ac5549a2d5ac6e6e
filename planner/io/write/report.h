// `planner report`: one self-contained HTML file a site team prints, pins and shares. No script, no network,
// no external asset: inline CSS and SVG under a Content-Security-Policy that allows nothing else
// (default-src 'none'; style-src 'unsafe-inline'; img-src data:). The same input gives the same bytes.
//
// Sections, each listed in the table of contents at the top:
//   #timeline  per subject an SVG: each visit's window a bar, its target a tick, its proposed date a mark
//              (class "visit-mark", one per planned visit, with a <title> saying date, window and status);
//              shifted and conflict visits coloured and labelled, with why (ReportSubject::why) in the mark's
//              <title> and a table under the drawing; a "today" line at --as-of. At most
//              kReportSubjectLimit subjects are drawn, then a note says how many were left out.
//   #months    per site, a month grid (a <table> with <caption> and <th>) for every month with a visit:
//              each day lists subject and visit, closed days are shaded with their reason (closed weekday or
//              holiday), a day with more visits than the site's capacity is marked.
//   #agenda    per site, per day with visits, the sheet a coordinator prints each morning: a <table> captioned
//              with site and date of the subjects due, their visit and its activities, then the products to
//              prepare summed over the day (Workload's Tally: the sums of `planner load --by day`). Blinded: no
//              arm, product or amount (dose activities read "study treatment"), no products line.
//   #workload  per site, an SVG bar chart of visits and doses per ISO week (by_period, so the numbers of
//              `planner load --by week`) with the site's weekly capacity as a step line: capacity per day
//              times the days of that week the site is open (a week of 5 open days at 4 a day: 20); a site
//              without capacity has no line. Then a table of its busiest days (most visits, at most
//              kReportBusiestDays). Blinded: visits only, no doses or products.
//   #soa       the Schedule of Activities (soa_table) and the protocol's assumptions (as `planner show`).
//   #check     with a visit log (ReportInput::checks): what `planner check` finds, its numbers exactly:
//              the totals, a table per visit and per subject (with check's CONDITIONAL column when the protocol
//              has events, so a row's record columns add up to RECORDS), and every deviating record, highlighted; on
//              the timelines each record is a mark (class "actual-mark") at its actual date with its verdict as text
//              ("late +5 d"), a missed visit a cross at its window's end.
//   #card      a participant visit card per subject (up to the same limit), one printed page each: dates and
//              what happens at each visit. Blinded (ReportInput::blind), the report names no arm, product or
//              dose anywhere: dose activities read "study treatment", as in blinded iCalendar files, the SoA is
//              left out, and a protocol whose arms differ in their visits is refused (InputError, as ical.h).
//
// Printed, each section and each card starts a page; the page is A4 or US Letter (ReportInput::paper).
//
// Every text taken from the inputs goes through html_escape (html.h).
//
// The scale rule: up to ReportInput::named_limit subjects (kReportNamedSubjects, 1,000) the month calendars
// and the agenda name every subject. Above it the report aggregates, so its size follows the days and sites,
// not the subjects: a month calendar's day lists per visit how many are due ("W2: 14"), the agenda is one
// table per site with a row per day (visits due per visit, products), the workload stays per site-week, and
// timelines and cards stop at kReportSubjectLimit as always. With tests/bench/report.sh's roster (Nahm 2023,
// 20 sites), 1,000 subjects x 11 visits give 4.5 MB (bound: 5 MB), 10^5 subjects 2.0 MB (bound: 10 MB).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "planner/core/protocol.h"
#include "planner/core/scheduler.h"
#include "planner/core/site.h"
#include "planner/core/subject.h"
#include "planner/core/visit_check.h"
#include "planner/core/workload.h"
#include "planner/io/write/check_report.h"

namespace planner {

// Subjects drawn as timelines and given a card; the month calendars always show every subject.
inline constexpr std::size_t kReportSubjectLimit = 50;
// Above this many subjects the month calendars and the agenda count instead of naming (the scale rule above).
inline constexpr std::size_t kReportNamedSubjects = 1000;
// Rows of a site's busiest-days table.
inline constexpr std::size_t kReportBusiestDays = 10;

struct ReportSubject {
  Subject subject;
  std::vector<PlannedVisit> visits;
  // Why shifted and conflict visits are where they are (PlanRequest::conflicts and ::moves): written next to
  // them on the timeline, in a mark's <title> and in a table "Why visits moved" ("2026-03-02 closed (holiday in
  // examples/holidays-kr-2026.txt)"). Empty: the status alone is shown.
  std::vector<Conflict> why = {};
};

// The printed page size: ISO A4 (210 x 297 mm, 15 mm margins) or US Letter (8.5 x 11 in, 0.5 in margins).
enum class Paper { a4, letter };

struct ReportInput {
  const Protocol* protocol = nullptr;
  std::vector<ReportSubject> subjects;       // in roster order
  const std::vector<Site>* sites = nullptr;  // a roster's sites; null: every subject on `calendar`
  const SiteCalendar* calendar = nullptr;    // without sites (null: every day open)
  std::optional<Date> as_of;                 // the "today" line
  bool blind = false;
  std::size_t named_limit = kReportNamedSubjects;  // the scale rule's threshold

  bool aggregated() const { return subjects.size() > named_limit; }
  Paper paper = Paper::a4;
  // --actuals: the rows of `planner check` (check_visits in planner/cli/actuals.h) and its as-of date; null
  // without a visit log.
  const std::vector<VisitCheck>* checks = nullptr;
  std::optional<AsOf> check_as_of;
  // --forecast-target: the enrolment forecast's section (forecast_section, planner/io/write/forecast.h), put
  // after the workload; empty: no forecast.
  std::string forecast_section;
};

// "Subject S01, arm SERUM, site KR01, Day 1 2026-01-05" (no arm when blinded), unescaped.
std::string subject_heading(const ReportInput& input, const Subject& subject);

// A site as the report shows it: the roster's sites in file order, or without sites one site of every subject
// on ReportInput::calendar ("All subjects", or "Site KR01" for one subject given a site).
struct ReportSite {
  std::string title;                       // "Site KR01: Seoul National University Hospital", unescaped
  const SiteCalendar* calendar = nullptr;  // null: every day open
  std::optional<int> capacity;
};
std::vector<ReportSite> report_sites(const ReportInput& input);
// The index of `subject`'s site in report_sites (0 without sites; past the end for an unknown site id).
std::size_t report_site_index(const ReportInput& input, const Subject& subject);

// The subjects' workload as `planner load` counts it: each subject at its site's index in *sites (0 without
// sites).
Workload report_workload(const ReportInput& input);

// The whole page.
std::string report_html(const ReportInput& input);

// The page around a body: doctype, the Content-Security-Policy, the report's style sheet and `title` (escaped
// here); `body` is HTML already escaped by its writer. Other HTML outputs (forecast) use it for the same look.
// `paper`: the @page size of the print style.
std::string report_page(const std::string& title, const std::string& body, Paper paper = Paper::a4);

// The sections, each a <section id=...> (report_html joins them; tests look at them one by one).
std::string timeline_section(const ReportInput& input);
std::string months_section(const ReportInput& input);
std::string agenda_section(const ReportInput& input);
std::string workload_section(const ReportInput& input);
std::string soa_section(const ReportInput& input);
std::string card_section(const ReportInput& input);
std::string check_section(const ReportInput& input);  // empty without ReportInput::checks

// A check row's verdict as the timelines write it next to the mark: "in window", "late +5 d", "missed".
std::string verdict_label(const VisitCheck& row);

}  // namespace planner
