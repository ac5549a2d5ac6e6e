#include "planner/io/interop/sdtm/subjects.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <map>
#include <unordered_set>

#include "planner/core/trial_design.h"
#include "planner/io/interop/sdtm/trial_design.h"
#include "planner/io/iso8601.h"
#include "planner/io/read/csv.h"
#include "planner/io/source_text.h"

namespace planner {
namespace {

// Why the time of an SDTM --DTC value is not ISO 8601 ("" when it is): hh, hh:mm or hh:mm:ss (with a
// fraction of a second), then optionally Z or an offset ±hh:mm; hours 00-23, minutes and seconds 00-59,
// offsets up to 14:00.
std::string dtc_time_error(std::string_view time) {
  const auto two = [&](int max) {
    if (time.size() < 2 || !isdigit(static_cast<unsigned char>(time[0])) ||
        !isdigit(static_cast<unsigned char>(time[1])))
      return false;
    const bool ok = (time[0] - '0') * 10 + (time[1] - '0') <= max;
    time.remove_prefix(2);
    return ok;
  };
  std::string expected = "expected a time hh:mm[:ss] after T (hours 00-23, minutes and seconds 00-59)";
  if (!two(23)) return expected;
  for (int part = 0; part < 2 && time.starts_with(':'); ++part) {
    time.remove_prefix(1);
    if (!two(59)) return expected;
    if (part == 1 && time.starts_with('.')) {
      time.remove_prefix(1);
      const auto digits = time.find_first_not_of("0123456789");
      if (digits == 0 || time.empty()) return expected;
      time.remove_prefix(digits == std::string_view::npos ? time.size() : digits);
    }
  }
  if (time == "Z" || time.empty()) return {};
  if (time.front() != '+' && time.front() != '-') return expected + ", then Z or an offset such as +09:00";
  time.remove_prefix(1);
  std::string offset = "expected a time zone offset +hh:mm of at most 14:00";
  if (!two(14)) return offset;
  if (time.empty()) return {};
  if (time.starts_with(':')) time.remove_prefix(1);
  if (!two(59) || !time.empty()) return offset;
  return {};
}

// The date of an SDTM --DTC value: "2014-01-02" or "2014-01-02T11:45" (the time is checked, not used).
Parsed<Date> dtc_date(std::string_view dtc) {
  if (dtc.size() > 10 && dtc[10] == 'T') {
    if (std::string why = dtc_time_error(dtc.substr(11)); !why.empty())
      return {std::nullopt, why + ", got " + quoted(dtc)};
    dtc = dtc.substr(0, 10);
  }
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
    s.day1 = csv.value(3, dtc_date(csv.field(3)), "RFSTDTC");
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
    a.date = csv.value(3, dtc_date(csv.field(3)), "SVSTDTC");
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace

DmValues read_dm_values(CsvReader& csv, std::string_view id_column) {
  constexpr std::size_t kArm = 14;
  static_assert(kDmGiven[kArm] == "ARM");
  const bool roster = id_column == "subject";
  csv.read_header(std::span{&id_column, 1}, kDmGiven);
  DmValues out;
  bool any = false;
  for (std::size_t i = 0; i < kDmGiven.size(); ++i) any = any || (csv.has(1 + i) && !(roster && i == kArm));
  if (!any) return out;
  while (csv.next()) {
    std::vector<std::string>& values = out[std::string{csv.field(0)}];
    values.clear();  // a subject listed twice: the roster reader names it; the last row here
    for (std::size_t i = 0; i < kDmGiven.size(); ++i) values.emplace_back(csv.field(1 + i));
    if (roster) values[kArm].clear();  // a roster's `arm` is the arm id (ARMCD), not ARM
  }
  return out;
}

SdtmRoster load_sdtm_dm(const std::string& path, const Protocol& protocol) {
  CsvReader csv{path};
  return read_sdtm_dm(csv, protocol);
}

std::vector<ActualVisit> load_sdtm_sv(const std::string& path, const Protocol& protocol, const SdtmRoster& roster) {
  CsvReader csv{path};
  return read_sdtm_sv(csv, protocol, roster);
}

DmValues load_dm_values(const std::string& path, std::string_view id_column) {
  CsvReader csv{path};
  return read_dm_values(csv, id_column);
}

DmValues parse_dm_values(std::string text, const std::string& name, std::string_view id_column) {
  CsvReader csv{name, std::move(text)};
  return read_dm_values(csv, id_column);
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
