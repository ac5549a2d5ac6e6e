#include "planner/io/write/check_report.h"

#include <map>
#include <nlohmann/json.hpp>

#include "planner/core/study_day.h"
#include "planner/io/iso8601.h"
#include "planner/io/write/text_table.h"

namespace planner {
namespace {

// The study day of the actual date (of the target for a missed visit); nullopt when the subject has no Day 1.
std::optional<StudyDay> study_day(const VisitCheck& c, const std::map<std::string, Date>& day1) {
  const std::optional<Date> when = c.actual ? c.actual : c.target;
  const auto it = day1.find(c.subject);
  if (!when || it == day1.end()) return std::nullopt;
  return study_day_of(it->second, *when);
}

std::vector<std::string> cells(const VisitCheck& c, const std::map<std::string, Date>& day1) {
  const auto date = [](const std::optional<Date>& d) { return d ? format_date(*d) : std::string{}; };
  const auto day = study_day(c, day1);
  return {c.subject,
          c.visit,
          day ? std::to_string(day->number()) : std::string{},
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

const std::vector<std::string> kHeader{"subject", "visit",  "study_day", "target",  "earliest",
                                       "latest",  "actual", "deviation", "verdict", "line"};

}  // namespace

std::string check_csv(const std::vector<VisitCheck>& rows, const std::vector<Subject>& roster, CsvOptions csv) {
  const auto day1 = day1_of(roster);
  TextTable t{kHeader, {}, {}};
  for (const VisitCheck& c : rows) t.rows.push_back(cells(c, day1));
  return render(t, TableFormat::csv, csv);
}

struct Count {
  long records = 0, in_window = 0, early = 0, late = 0, missed = 0, other = 0;
  void add(Verdict v) {
    records += v != Verdict::missed;
    in_window += v == Verdict::in_window;
    early += v == Verdict::early;
    late += v == Verdict::late;
    missed += v == Verdict::missed;
    other += is_deviation(v) && v != Verdict::early && v != Verdict::late && v != Verdict::missed;
  }
  std::vector<std::string> cells(std::string name) const {
    return {std::move(name),      std::to_string(records), std::to_string(in_window), std::to_string(early),
            std::to_string(late), std::to_string(missed),  std::to_string(other)};
  }
};

std::map<std::size_t, Count> count_per_visit(const std::vector<VisitCheck>& rows) {
  std::map<std::size_t, Count> out;  // by visit index: protocol order
  for (const VisitCheck& c : rows)
    if (c.visit_index) out[*c.visit_index].add(c.verdict);
  return out;
}

std::string check_summary(const Protocol& p, const std::vector<VisitCheck>& rows) {
  std::map<std::size_t, Count> per_visit = count_per_visit(rows);  // by visit index: protocol order
  std::map<std::string, Count> per_subject;
  std::map<Verdict, long> by_verdict;
  for (const VisitCheck& c : rows) {
    per_subject[c.subject].add(c.verdict);
    ++by_verdict[c.verdict];
  }
  const std::vector<std::string> header{"RECORDS", "IN WINDOW", "EARLY", "LATE", "MISSED", "OTHER"};
  const std::vector<bool> numbers{false, true, true, true, true, true, true};
  TextTable visits{{"VISIT"}, {}, numbers};
  TextTable subjects{{"SUBJECT"}, {}, numbers};
  visits.header.insert(visits.header.end(), header.begin(), header.end());
  subjects.header.insert(subjects.header.end(), header.begin(), header.end());
  for (const auto& [index, c] : per_visit) visits.rows.push_back(c.cells(p.visits[index].id));
  for (const auto& [id, c] : per_subject) subjects.rows.push_back(c.cells(id));
  std::string totals;
  for (const auto& [verdict, n] : by_verdict)
    totals += (totals.empty() ? "" : ", ") + std::to_string(n) + " " + std::string{to_string(verdict)};
  return "per visit\n" + render(visits, TableFormat::table) + "\nper subject\n" + render(subjects, TableFormat::table) +
         "\n" + std::to_string(rows.size()) + " rows: " + totals + "\n";
}

std::string check_json(const Protocol& p, const std::vector<VisitCheck>& rows, const std::vector<Subject>& roster) {
  using json = nlohmann::ordered_json;
  const auto day1 = day1_of(roster);
  const auto date = [](const std::optional<Date>& d) { return d ? json(format_date(*d)) : json(nullptr); };
  json records = json::array();
  std::map<std::string, long> totals;
  for (const VisitCheck& c : rows) {
    const auto day = study_day(c, day1);
    records.push_back({{"subject", c.subject},
                       {"visit", c.visit},
                       {"study_day", day ? json(day->number()) : json(nullptr)},
                       {"target", date(c.target)},
                       {"earliest", date(c.earliest)},
                       {"latest", date(c.latest)},
                       {"actual", date(c.actual)},
                       {"deviation", c.deviation ? json(c.deviation->count()) : json(nullptr)},
                       {"verdict", std::string{to_string(c.verdict)}},
                       {"line", c.line ? json(c.line) : json(nullptr)}});
    ++totals[std::string{to_string(c.verdict)}];
  }
  json per_visit = json::array();
  for (const auto& [index, c] : count_per_visit(rows))
    per_visit.push_back({{"visit", p.visits[index].id},
                         {"records", c.records},
                         {"in_window", c.in_window},
                         {"early", c.early},
                         {"late", c.late},
                         {"missed", c.missed},
                         {"other", c.other}});
  json out{{"protocol", p.study.id}, {"records", records}, {"per_visit", per_visit}, {"totals", json::object()}};
  for (const auto& [verdict, n] : totals) out["totals"][verdict] = n;
  return out.dump(2) + "\n";
}

std::string check_table(const Protocol& p, const std::vector<VisitCheck>& rows, const std::vector<Subject>& roster) {
  const auto day1 = day1_of(roster);
  TextTable records{{"SUBJECT", "VISIT", "DAY", "TARGET", "EARLIEST", "LATEST", "ACTUAL", "DEV", "VERDICT", "LINE"},
                    {},
                    {false, false, true, false, false, false, false, true, false, true}};
  for (const VisitCheck& c : rows) records.rows.push_back(cells(c, day1));
  return render(records, TableFormat::table) + "\n" + check_summary(p, rows);
}

}  // namespace planner
