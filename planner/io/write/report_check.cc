// The #check section of report.h: what `planner check` finds in a visit log, with check's own counts
// (check_counts) and cells (check_cells), so that every number equals check's.
#include <algorithm>

#include "planner/io/write/html.h"
#include "planner/io/write/report.h"

namespace planner {
namespace {

// Rows of each table at most: a cohort of 10^5 subjects keeps a bounded page (the totals count everything).
constexpr std::size_t kRowLimit = 500;

std::string verdict_span(Verdict v) {
  const std::string name{to_string(v)};
  return "<span class=\"verdict verdict-" + name + "\">" + name + "</span>";
}

std::string head(const std::vector<std::string>& names) {
  std::string out = "<thead><tr>";
  for (const std::string& n : names) out += "<th scope=\"col\">" + n + "</th>";
  return out + "</tr></thead>\n<tbody>\n";
}

// A count cell; a deviation column with a non-zero count is highlighted.
std::string count_cell(long n, bool deviation) {
  return std::string{deviation && n > 0 ? "<td class=\"num dev\">" : "<td class=\"num\">"} + std::to_string(n) +
         "</td>";
}

std::string more_rows(std::size_t total) {
  return total > kRowLimit ? "<p class=\"note\">The first " + std::to_string(kRowLimit) + " of " +
                                 std::to_string(total) + " rows are listed (planner check lists all).</p>\n"
                           : "";
}

// The count columns' headings after OTHER: with `conditional` (the protocol has events), CONDITIONAL before
// MISSED, as in check's summary, so that each row's record columns add up to RECORDS.
std::vector<std::string> headings(std::vector<std::string> names, bool conditional) {
  if (conditional) names.emplace_back("CONDITIONAL");
  names.emplace_back("MISSED");
  return names;
}

// A row's last cells: its conditional records (with `conditional`) and its missed visits.
std::string last_cells(const CheckCount& c, bool conditional) {
  return (conditional ? count_cell(c.conditional, false) : "") + count_cell(c.missed, true);
}

std::string per_visit(const Protocol& p, const CheckCounts& counts) {
  const bool conditional = !p.events.empty();
  std::string out = "<table id=\"check-per-visit\">\n<caption>Per visit</caption>\n" +
                    head(headings({"VISIT", "RECORDS", "IN WINDOW", "EARLY", "LATE", "OTHER"}, conditional));
  std::size_t n = 0;
  for (const auto& [index, c] : counts.per_visit) {
    if (++n > kRowLimit) break;
    out += "<tr><th scope=\"row\">" + html_escape(p.visits[index].id) + "</th>" + count_cell(c.records, false) +
           count_cell(c.in_window, false) + count_cell(c.early, true) + count_cell(c.late, true) +
           count_cell(c.other, true) + last_cells(c, conditional) + "</tr>\n";
  }
  return out + "</tbody>\n</table>\n" + more_rows(counts.per_visit.size());
}

std::string per_subject(const Protocol& p, const CheckCounts& counts) {
  const bool conditional = !p.events.empty();
  std::string out = "<table id=\"check-per-subject\">\n<caption>Per subject</caption>\n" +
                    head(headings({"SUBJECT", "RECORDS", "IN WINDOW", "EARLY", "LATE", "OTHER", "UNSCHEDULED",
                                   "NOT PLANNED"},
                                  conditional));
  for (std::size_t i = 0; i < counts.per_subject.size() && i < kRowLimit; ++i) {
    const auto& [id, c] = counts.per_subject[i];
    out += "<tr><th scope=\"row\">" + html_escape(id) + "</th>" + count_cell(c.records, false) +
           count_cell(c.in_window, false) + count_cell(c.early, true) + count_cell(c.late, true) +
           count_cell(c.other, true) + count_cell(c.unscheduled, false) + count_cell(c.not_planned, false) +
           last_cells(c, conditional) + "</tr>\n";
  }
  return out + "</tbody>\n</table>\n" + more_rows(counts.per_subject.size());
}

// Every row a monitor must look at (is_deviation), with check's columns; the verdict cell says it in words.
std::string deviations(const ReportInput& in) {
  const std::vector<VisitCheck>& rows = *in.checks;
  std::vector<Subject> roster;
  roster.reserve(in.subjects.size());
  for (const ReportSubject& rs : in.subjects) roster.push_back(rs.subject);
  std::vector<VisitCheck> shown;
  for (const VisitCheck& c : rows)
    if (is_deviation(c.verdict)) shown.push_back(c);
  const std::size_t total = shown.size();
  if (total == 0) return "<p>No deviation: every record is in its window and no visit is missed.</p>\n";
  shown.resize(std::min(total, kRowLimit));
  const std::vector<std::vector<std::string>> cells = check_cells(shown, roster);
  std::string out = "<table id=\"check-deviations\">\n<caption>Deviations (" + std::to_string(total) + ")</caption>\n" +
                    head({"SUBJECT", "VISIT", "TARGET DAY", "ACTUAL DAY", "TARGET", "EARLIEST", "LATEST", "ACTUAL",
                          "DEV", "VERDICT", "LINE"});
  for (std::size_t i = 0; i < shown.size(); ++i) {
    out += "<tr class=\"dev\"><th scope=\"row\">" + html_escape(cells[i][0]) + "</th>";
    for (std::size_t col = 1; col < cells[i].size(); ++col)
      out += col == 9 ? "<td>" + verdict_span(shown[i].verdict) + "</td>"
                      : "<td>" + html_escape(cells[i][col]) + "</td>";
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table>\n" + more_rows(total);
}

}  // namespace

std::string verdict_label(const VisitCheck& row) {
  std::string out{to_string(row.verdict)};
  std::replace(out.begin(), out.end(), '-', ' ');
  if (row.deviation && (row.verdict == Verdict::early || row.verdict == Verdict::late))
    out += std::string{" "} + (row.deviation->count() > 0 ? "+" : "") + std::to_string(row.deviation->count()) + " d";
  return out;
}

std::string check_section(const ReportInput& in) {
  if (!in.checks) return "";
  const CheckCounts counts = check_counts(*in.checks);
  std::string totals;
  for (const auto& [verdict, n] : counts.per_verdict)
    totals += (totals.empty() ? "" : ", ") + std::to_string(n) + " " + verdict_span(verdict);
  std::string out = "<section id=\"check\">\n<h2>Check results</h2>\n";
  std::string as_of = check_as_of_text(in.check_as_of);
  as_of.front() = 'M';  // "missed: ..." begins a sentence here
  out +=
      "<p>The visit log against the protocol's plan, as <code>planner check</code> reports it (the same rows "
      "and counts).</p>\n<p>" +
      html_escape(as_of) + ".</p>\n";
  out += "<p class=\"totals\">" + std::to_string(in.checks->size()) + " rows" + (totals.empty() ? "" : ": ") + totals +
         "</p>\n";
  return out + per_visit(*in.protocol, counts) + per_subject(*in.protocol, counts) + deviations(in) + "</section>\n";
}

}  // namespace planner
