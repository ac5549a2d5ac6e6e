#include "planner/io/read/visit_log.h"

#include <algorithm>
#include <unordered_set>

#include "planner/io/iso8601.h"
#include "planner/io/read/csv.h"
#include "planner/io/source_text.h"

namespace planner {
namespace {

std::vector<ActualVisit> read_visit_log(CsvReader& csv, const std::vector<Subject>* roster) {
  std::unordered_set<std::string> subjects;
  if (roster)
    for (const Subject& s : *roster) subjects.insert(s.id);
  csv.read_header({"subject", "visit", "date"});
  std::vector<ActualVisit> out;
  while (csv.next()) {
    ActualVisit a;
    a.subject = csv.field(0);
    a.visit = csv.field(1);
    a.line = csv.line();
    if (a.subject.empty()) csv.fail(0, "empty subject id");
    if (roster && !subjects.count(a.subject)) csv.fail(0, "subject " + quoted(a.subject) + " is not in the roster");
    if (a.visit.empty()) csv.fail(1, "empty visit code");
    a.date = csv.value(2, parse_date(csv.field(2)), "date");
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace

std::vector<ActualVisit> load_visit_log(const std::string& path, const std::vector<Subject>* roster) {
  CsvReader csv{path};
  return read_visit_log(csv, roster);
}

std::vector<ActualVisit> parse_visit_log(std::string text, const std::string& name,
                                         const std::vector<Subject>* roster) {
  CsvReader csv{name, std::move(text)};
  return read_visit_log(csv, roster);
}

}  // namespace planner
