#include "planner/io/write/check_report.h"

#include <map>
#include <nlohmann/json.hpp>

#include "planner/core/constraint.h"
#include "planner/core/study_day.h"
#include "planner/io/iso8601.h"
#include "planner/io/write/text_table.h"

namespace planner {
namespace {

// The study day of `when` for the row's subject; nullopt without a date or a Day 1 (a subject not planned).
std::optional<StudyDay> study_day(const std::optional<Date>& when, const VisitCheck& c,
                                  const std::map<std::string, Date>& day1) {
  const auto it = day1.find(c.subject);
  if (!when || it == day1.end()) return std::nullopt;
  return study_day_of(it->second, *when);
}

std::string day_cell(const std::optional<StudyDay>& day) { return day ? std::to_string(day->number()) : ""; }

std::vector<std::string> cells(const VisitCheck& c, const std::map<std::string, Date>& day1) {
  const auto date = [](const std::optional<Date>& d) { return d ? format_date(*d) : std::string{}; };
  return {c.subject,
          c.visit,
          day_cell(study_day(c.target, c, day1)),
          day_cell(study_day(c.actual, c, day1)),
          date(c.target),
          date(c.earliest),
          date(c.latest),
          date(c.actual),
          c.deviation ? (*c.deviation > Days{0} ? "+" : "") + std::to_string(c.deviation->count()) : std::string{},
          std::string{to_string(c.verdict)},
          c.line ? std::to_string(c.line) : std::string{}};
}

std::map<std::string, Date> day1_of(const std::vector<Subject>& roster) {
  std::map<std::string, Date> out;
  for (const Subject& s : roster) out.emplace(s.id, s.day1);
  return out;
}

// "W0 on 2026-01-20 is 14 days after SCR on 2026-01-06; constraint WASH (washout) needs INJ at least 28 days
// after DRAW: 14 days too few".
std::string breach_text(const Protocol& p, const ConstraintBreach& b, const std::optional<Date>& then) {
  const Constraint& c = p.constraints[b.pair.constraint];
  const auto days = [](Days d) {
    return std::to_string(d.count()) + (d == Days{1} || d == Days{-1} ? " day" : " days");
  };
  std::string when = b.gap < Days{0} ? days(-b.gap) + " before " : days(b.gap) + " after ";
  if (b.gap == Days{0}) when = "on the same day as ";
  const std::string on = then ? " on " + format_date(*then) : "";
  const std::string first_on = then ? " on " + format_date(*then - b.gap) : "";
  return p.visits[b.pair.then].id + on + " is " + when + p.visits[b.pair.first].id + first_on + "; constraint " + c.id +
         " (" + std::string{to_string(c.kind)} + ") needs " + p.activities[c.then].id + " " + constraint_bounds(c) +
         " after " + p.activities[c.first].id + ": " + days(b.by) + (b.too_soon ? " too few" : " too many");
}

const std::vector<std::string> kHeader{"subject", "visit",  "target_day", "actual_day", "target", "earliest",
                                       "latest",  "actual", "deviation",  "verdict",    "line"};

}  // namespace

std::string check_csv(const std::vector<VisitCheck>& rows, const std::vector<Subject>& roster, CsvOptions csv) {
  const auto day1 = day1_of(roster);
  TextTable t{kHeader, {}, {}};
  for (const VisitCheck& c : rows) t.rows.push_back(cells(c, day1));
  return render(t, TableFormat::csv, csv);
}

namespace {

// `conditional`: the protocol has events, and the summaries a CONDITIONAL column before MISSED.
std::vector<std::string> visit_cells(const CheckCount& c, std::string name, bool conditional) {
  std::vector<std::string> out{std::move(name),         std::to_string(c.records), std::to_string(c.in_window),
                               std::to_string(c.early), std::to_string(c.late),    std::to_string(c.other)};
  if (conditional) out.push_back(std::to_string(c.conditional));
  out.push_back(std::to_string(c.missed));
  return out;
}
std::vector<std::string> subject_cells(const CheckCount& c, std::string name, bool conditional) {
  std::vector<std::string> out{std::move(name),
                               std::to_string(c.records),
                               std::to_string(c.in_window),
                               std::to_string(c.early),
                               std::to_string(c.late),
                               std::to_string(c.other),
                               std::to_string(c.unscheduled),
                               std::to_string(c.not_planned)};
  if (conditional) out.push_back(std::to_string(c.conditional));
  out.push_back(std::to_string(c.missed));
  return out;
}

std::map<std::size_t, CheckCount> count_per_visit(const std::vector<VisitCheck>& rows) {
  std::map<std::size_t, CheckCount> out;  // by visit index: protocol order
  for (const VisitCheck& c : rows)
    if (c.visit_index) out[*c.visit_index].add(c.verdict);
  return out;
}

// Per subject, in the order the rows first name them (the roster's order, then subjects not planned).
std::vector<std::pair<std::string, CheckCount>> count_per_subject(const std::vector<VisitCheck>& rows) {
  std::vector<std::pair<std::string, CheckCount>> out;
  std::map<std::string, std::size_t> place;
  for (const VisitCheck& c : rows) {
    const auto [it, added] = place.emplace(c.subject, out.size());
    if (added) out.emplace_back(c.subject, CheckCount{});
    out[it->second].second.add(c.verdict);
  }
  return out;
}

// How many rows have each verdict, in the verdicts' declaration order (absent verdicts left out).
std::vector<std::pair<Verdict, long>> count_per_verdict(const std::vector<VisitCheck>& rows) {
  std::map<Verdict, long> n;
  for (const VisitCheck& c : rows) ++n[c.verdict];
  std::vector<std::pair<Verdict, long>> out;
  for (const Verdict v : kVerdicts)
    if (n.count(v)) out.emplace_back(v, n[v]);
  return out;
}

// The line that says which date decided what is missed.
std::string as_of_line(const std::optional<AsOf>& as_of) { return check_as_of_text(as_of) + "\n"; }

}  // namespace

void CheckCount::add(Verdict v) {
  records += v != Verdict::missed;
  in_window += v == Verdict::in_window;
  early += v == Verdict::early;
  late += v == Verdict::late;
  other += is_deviation(v) && v != Verdict::early && v != Verdict::late && v != Verdict::missed;
  unscheduled += v == Verdict::unscheduled;
  not_planned += v == Verdict::not_planned;
  conditional += v == Verdict::conditional;
  missed += v == Verdict::missed;
}

CheckCounts check_counts(const std::vector<VisitCheck>& rows) {
  return {count_per_visit(rows), count_per_subject(rows), count_per_verdict(rows)};
}

std::string check_as_of_text(const std::optional<AsOf>& as_of) {
  if (!as_of) return "missed: none counted (no --as-of and no date in the visit log)";
  return "missed: no record and the window closed before " + format_date(as_of->date) +
         (as_of->from_log ? " (the latest date in the visit log; --as-of DATE to change)" : " (--as-of)");
}

std::vector<std::vector<std::string>> check_cells(const std::vector<VisitCheck>& rows,
                                                  const std::vector<Subject>& roster) {
  const auto day1 = day1_of(roster);
  std::vector<std::vector<std::string>> out;
  out.reserve(rows.size());
  for (const VisitCheck& c : rows) out.push_back(cells(c, day1));
  return out;
}

std::string check_summary(const Protocol& p, const std::vector<VisitCheck>& rows, const std::optional<AsOf>& as_of) {
  const bool conditional = !p.events.empty();
  const std::vector<bool> numbers{false, true, true, true, true, true, true, true, true, true};
  TextTable visits{{"VISIT", "RECORDS", "IN WINDOW", "EARLY", "LATE", "OTHER"}, {}, numbers};
  TextTable subjects{{"SUBJECT", "RECORDS", "IN WINDOW", "EARLY", "LATE", "OTHER", "UNSCHEDULED", "NOT PLANNED"},
                     {},
                     numbers};
  for (TextTable* t : {&visits, &subjects}) {
    if (conditional) t->header.emplace_back("CONDITIONAL");
    t->header.emplace_back("MISSED");
  }
  for (const auto& [index, c] : count_per_visit(rows))
    visits.rows.push_back(visit_cells(c, p.visits[index].id, conditional));
  for (const auto& [id, c] : count_per_subject(rows)) subjects.rows.push_back(subject_cells(c, id, conditional));
  std::string totals;
  for (const auto& [verdict, n] : count_per_verdict(rows))
    totals += (totals.empty() ? "" : ", ") + std::to_string(n) + " " + std::string{to_string(verdict)};
  return as_of_line(as_of) + "\nper visit\n" + render(visits, TableFormat::table) + "\nper subject\n" +
         render(subjects, TableFormat::table) + "\n" + std::to_string(rows.size()) + " rows: " + totals + "\n";
}

std::string check_json(const Protocol& p, const std::vector<VisitCheck>& rows, const std::vector<Subject>& roster,
                       const std::optional<AsOf>& as_of) {
  using json = nlohmann::ordered_json;
  const auto day1 = day1_of(roster);
  const auto date = [](const std::optional<Date>& d) { return d ? json(format_date(*d)) : json(nullptr); };
  json records = json::array();
  const auto day = [&](const std::optional<Date>& when, const VisitCheck& c) {
    const auto d = study_day(when, c, day1);
    return d ? json(d->number()) : json(nullptr);
  };
  for (const VisitCheck& c : rows) {
    records.push_back({{"subject", c.subject},
                       {"visit", c.visit},
                       {"target_day", day(c.target, c)},
                       {"actual_day", day(c.actual, c)},
                       {"target", date(c.target)},
                       {"earliest", date(c.earliest)},
                       {"latest", date(c.latest)},
                       {"actual", date(c.actual)},
                       {"deviation", c.deviation ? json(c.deviation->count()) : json(nullptr)},
                       {"verdict", std::string{to_string(c.verdict)}},
                       {"line", c.line ? json(c.line) : json(nullptr)}});
    if (c.breach)
      records.back()["constraint"] = {{"id", p.constraints[c.breach->pair.constraint].id},
                                      {"first_visit", p.visits[c.breach->pair.first].id},
                                      {"gap", c.breach->gap.count()},
                                      {"by", c.breach->by.count()},
                                      {"text", breach_text(p, *c.breach, c.actual)}};
  }
  json per_visit = json::array();
  for (const auto& [index, c] : count_per_visit(rows)) {
    per_visit.push_back({{"visit", p.visits[index].id},
                         {"records", c.records},
                         {"in_window", c.in_window},
                         {"early", c.early},
                         {"late", c.late},
                         {"missed", c.missed},
                         {"other", c.other}});
    if (!p.events.empty()) per_visit.back()["conditional"] = c.conditional;  // a protocol with conditional visits
  }
  json out{{"protocol", p.study.id},
           {"as_of", as_of ? date(as_of->date) : json(nullptr)},
           {"records", records},
           {"per_visit", per_visit},
           {"totals", json::object()}};
  for (const auto& [verdict, n] : count_per_verdict(rows)) out["totals"][std::string{to_string(verdict)}] = n;
  return out.dump(2) + "\n";
}

std::string check_table(const Protocol& p, const std::vector<VisitCheck>& rows, const std::vector<Subject>& roster,
                        const std::optional<AsOf>& as_of) {
  const auto day1 = day1_of(roster);
  TextTable records{{"SUBJECT", "VISIT", "TARGET DAY", "ACTUAL DAY", "TARGET", "EARLIEST", "LATEST", "ACTUAL", "DEV",
                     "VERDICT", "LINE"},
                    {},
                    {false, false, true, true, false, false, false, false, true, false, true}};
  for (const VisitCheck& c : rows) records.rows.push_back(cells(c, day1));
  std::string broken;
  for (const VisitCheck& c : rows)
    if (c.breach) broken += "constraint: " + c.subject + " " + breach_text(p, *c.breach, c.actual) + "\n";
  return render(records, TableFormat::table) + "\n" + broken + check_summary(p, rows, as_of);
}

}  // namespace planner
