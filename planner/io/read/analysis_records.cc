#include "planner/io/read/analysis_records.h"

#include "planner/core/error.h"
#include "planner/io/iso8601.h"
#include "planner/io/read/csv.h"
#include "planner/io/source_text.h"

namespace planner {
namespace {

RecordFile read_analysis_records(CsvReader& csv, const std::vector<Subject>& roster) {
  const std::string& path = csv.name();
  std::map<std::string, Date> day1;
  for (const Subject& s : roster) day1.emplace(s.id, s.day1);
  enum : std::size_t { kSubject, kUsubjid, kDate, kAdt, kParamcd, kDtype };
  csv.read_header({}, {"subject", "USUBJID", "date", "ADT", "PARAMCD", "DTYPE"});
  if (!csv.has(kSubject) && !csv.has(kUsubjid))
    throw InputError{located_error(path, 1, 1, "the header has no column 'subject' (or 'USUBJID')")};
  if (!csv.has(kDate) && !csv.has(kAdt))
    throw InputError{located_error(path, 1, 1, "the header has no column 'date' (or 'ADT')")};
  const std::size_t subject = csv.has(kSubject) ? kSubject : kUsubjid;
  const std::size_t date = csv.has(kDate) ? kDate : kAdt;
  RecordFile out;
  while (csv.next()) {
    AnalysisRecord r;
    r.subject = csv.field(subject);
    const auto it = day1.find(r.subject);
    if (it == day1.end()) csv.fail(subject, "subject " + quoted(r.subject) + " is not in the roster");
    r.day1 = it->second;
    r.group = csv.field(kParamcd);
    r.date = csv.value(date, parse_date(csv.field(date)));
    out.dtype.emplace_back(csv.field(kDtype));
    r.derived = !out.dtype.back().empty();
    out.records.push_back(std::move(r));
    out.lines.push_back(csv.line());
  }
  return out;
}

}  // namespace

RecordFile load_analysis_records(const std::string& path, const std::vector<Subject>& roster) {
  CsvReader csv{path};
  return read_analysis_records(csv, roster);
}

RecordFile parse_analysis_records(std::string text, const std::string& name, const std::vector<Subject>& roster) {
  CsvReader csv{name, std::move(text)};
  return read_analysis_records(csv, roster);
}

}  // namespace planner
