#include "planner/io/sdtm.h"

#include <charconv>
#include <cmath>
#include <map>
#include <unordered_set>

#include "planner/core/trial_design.h"
#include "planner/io/csv_reader.h"
#include "planner/io/iso8601.h"
#include "planner/io/source_text.h"

namespace planner {
namespace {

// The date of an SDTM --DTC value: "2014-01-02" or "2014-01-02T11:45".
Parsed<Date> dtc_date(std::string_view dtc) {
  if (dtc.size() > 10 && dtc[10] == 'T') dtc = dtc.substr(0, 10);
  return parse_date(dtc);
}

SdtmRoster read_sdtm_dm(CsvReader& csv, const Protocol& protocol) {
  csv.read_header({"USUBJID", "ARMCD", "SITEID", "RFSTDTC"});
  SdtmRoster out;
  std::unordered_set<std::string> seen;
  while (csv.next()) {
    Subject s{std::string{csv.field(0)}, std::string{csv.field(1)}, std::string{csv.field(2)}, {}};
    if (s.id.empty()) csv.fail(0, "empty USUBJID");
    if (!seen.insert(s.id).second) csv.fail(0, "USUBJID " + quoted(s.id) + " is listed twice");
    if (csv.field(3).empty()) {
      out.unplanned.emplace_back(s.id, "no RFSTDTC (ARMCD " + s.arm + ")");
      continue;
    }
    if (!protocol.find_arm(s.arm)) {
      out.unplanned.emplace_back(s.id, "ARMCD " + s.arm + " is not an arm of the protocol");
      continue;
    }
    const auto day1 = dtc_date(csv.field(3));
    if (!day1.value) csv.fail(3, "RFSTDTC: " + day1.error);
    s.day1 = *day1.value;
    out.planned.push_back(std::move(s));
  }
  return out;
}

std::vector<ActualVisit> read_sdtm_sv(CsvReader& csv, const Protocol& protocol, const SdtmRoster& roster) {
  std::unordered_set<std::string> subjects;
  for (const Subject& s : roster.planned) subjects.insert(s.id);
  for (const auto& [id, why] : roster.unplanned) subjects.insert(id);
  // VISITNUM -> visit: the protocol's visitnums, or, when it gives none, the numbering of `planner sdtm`.
  const TrialDesign design = trial_design(protocol);
  std::map<double, std::size_t> visit_by_num;  // the first visit with each VISITNUM
  for (std::size_t v = 0; v < design.visitnum.size(); ++v)
    if (std::isfinite(design.visitnum[v])) visit_by_num.emplace(design.visitnum[v], v);
  const auto visit_of = [&](double visitnum) -> const Visit* {
    const auto it = visit_by_num.find(visitnum);
    return it == visit_by_num.end() ? nullptr : &protocol.visits[it->second];
  };
  csv.read_header({"USUBJID", "VISITNUM", "VISIT", "SVSTDTC"});
  std::vector<ActualVisit> out;
  while (csv.next()) {
    ActualVisit a;
    a.subject = csv.field(0);
    a.line = csv.line();
    if (!subjects.count(a.subject)) csv.fail(0, "USUBJID " + quoted(a.subject) + " is not in DM");
    const std::string_view num = csv.field(1);
    double visitnum = 0;
    const auto [end, ec] = std::from_chars(num.data(), num.data() + num.size(), visitnum);
    if (ec != std::errc{} || end != num.data() + num.size() || !std::isfinite(visitnum))
      csv.fail(1, "VISITNUM: expected a number, got " + quoted(num));
    if (const Visit* v = visit_of(visitnum)) {
      a.visit = v->id;
    } else {
      a.visit = csv.field(2).empty() ? std::string{num} : std::string{csv.field(2)};
      a.unscheduled = visitnum != std::floor(visitnum);
    }
    const auto date = dtc_date(csv.field(3));
    if (!date.value) csv.fail(3, "SVSTDTC: " + date.error);
    a.date = *date.value;
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace

SdtmRoster load_sdtm_dm(const std::string& path, const Protocol& protocol) {
  CsvReader csv{path};
  return read_sdtm_dm(csv, protocol);
}

std::vector<ActualVisit> load_sdtm_sv(const std::string& path, const Protocol& protocol, const SdtmRoster& roster) {
  CsvReader csv{path};
  return read_sdtm_sv(csv, protocol, roster);
}

SdtmRoster parse_sdtm_dm(std::string text, const std::string& name, const Protocol& protocol) {
  CsvReader csv{name, std::move(text)};
  return read_sdtm_dm(csv, protocol);
}

std::vector<ActualVisit> parse_sdtm_sv(std::string text, const std::string& name, const Protocol& protocol,
                                       const SdtmRoster& roster) {
  CsvReader csv{name, std::move(text)};
  return read_sdtm_sv(csv, protocol, roster);
}

}  // namespace planner
