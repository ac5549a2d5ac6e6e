#include "planner/io/interop/sdtm/trial_design.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <map>
#include <set>

#include "planner/core/blinding.h"
#include "planner/core/dose.h"
#include "planner/core/error.h"
#include "planner/io/iso8601.h"
#include "planner/io/source_text.h"
#include "planner/io/write/csv.h"

namespace planner {
namespace {

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string number_text(double n) {
  std::array<char, 32> buffer{};
  const auto end = std::to_chars(buffer.data(), buffer.data() + buffer.size(), n).ptr;
  return std::string(buffer.data(), end);
}

std::string epoch_name(const Protocol& p, std::size_t epoch) { return upper(p.epochs[epoch].id); }

// The planned study day of a visit ("" when it has none).
std::string study_day_text(const std::optional<StudyDay>& day) { return day ? std::to_string(day->number()) : ""; }

std::string day_count(long n) { return std::to_string(n) + (n == 1 ? " day" : " days"); }

// VISITNUM of every visit as text (3, 3.5); InputError when only some visits have one.
std::vector<std::string> visit_numbers(const Protocol& p, const TrialDesign& design) {
  if (design.visitnum.empty()) {
    const Visit& v = *std::find_if(p.visits.begin(), p.visits.end(), [](const Visit& x) { return !x.visitnum; });
    throw InputError{located_error(v.where.file, v.where.line, v.where.column, "") + "visit " + quoted(v.id) +
                     " has no visitnum while other visits have one: give every visit its SDTM VISITNUM, or none "
                     "(then visits are numbered 1, 2, 3... in time order)"};
  }
  std::vector<std::string> out;
  for (double n : design.visitnum) out.push_back(number_text(n));
  return out;
}

std::string timing_rule(const Protocol& p, const Visit& v) {
  // A conditional visit says its condition first, as the pilot's TVSTRL does ("If subject stopped treatment
  // early, ... then Retrieval occurs End of Visitnum 3 + 24W"), and counts from its event unless chained.
  const std::string condition = v.on ? "If " + p.events[*v.on].label + " (" + p.events[*v.on].id + "): " : "";
  std::string out = condition + (v.after ? "visit " + p.visits[*v.after].id
                                 : v.on  ? "the event's date"
                                         : p.anchor_event + " (Day 1)");
  const std::string at = format_duration(v.at);
  if (v.at.is_zero()) {
    // the reference day itself
  } else if (at.front() == '-') {
    out += " - " + at.substr(1);
  } else {
    out += " + " + at;
  }
  const auto early = v.window.early.exact_days();
  const auto late = v.window.late.exact_days();
  if (early && late && early->count() == 0 && late->count() == 0) return out + "; no window";
  return out + "; window " + (early ? day_count(early->count()) : format_duration(v.window.early)) + " before to " +
         (late ? day_count(late->count()) : format_duration(v.window.late)) + " after";
}

bool is_placebo(const Activity& a) {
  return lower(a.product).find("placebo") != std::string::npos || lower(a.label).find("placebo") != std::string::npos;
}

// TABRANCH of an arm: its `branch`, else "Randomized to" its label.
std::string branch_text(const Arm& arm) {
  return arm.branch.empty() ? "Randomized to " + (arm.label.empty() ? arm.id : arm.label) : arm.branch;
}

// TA from the arms' own `elements`: the branch is written on the last element that every arm has at the same
// place in its path (the pilot's SCRN, then PBO | LO | HIS-HIM-HIE).
TextTable ta_stated(const Protocol& p, const std::string& studyid) {
  TextTable t{{"STUDYID", "DOMAIN", "ARMCD", "ARM", "TAETORD", "ETCD", "ELEMENT", "TABRANCH", "TATRANS", "EPOCH"},
              {},
              {}};
  std::size_t shared = 0;  // how many elements open every arm's path alike
  const auto same_at = [&](std::size_t k) {
    return std::all_of(p.arms.begin(), p.arms.end(), [&](const Arm& a) {
      return k < a.elements.size() && a.elements[k] == p.arms.front().elements[k];
    });
  };
  while (same_at(shared)) ++shared;
  for (const Arm& arm : p.arms)
    for (std::size_t k = 0; k < arm.elements.size(); ++k) {
      const TrialElement& el = p.elements[arm.elements[k]];
      const bool branches = p.arms.size() > 1 && k + 1 == shared && k + 1 < arm.elements.size();
      t.rows.push_back({studyid, "TA", arm.id, arm.label, std::to_string(k + 1), el.id, el.label,
                        branches ? branch_text(arm) : "", "", epoch_name(p, el.epoch)});
    }
  return t;
}

TextTable ta_table(const Protocol& p, const TrialDesign& d, const std::string& studyid) {
  if (!p.elements.empty()) return ta_stated(p, studyid);
  TextTable t{{"STUDYID", "DOMAIN", "ARMCD", "ARM", "TAETORD", "ETCD", "ELEMENT", "TABRANCH", "TATRANS", "EPOCH"},
              {},
              {}};
  for (std::size_t a = 0; a < p.arms.size(); ++a) {
    const std::vector<std::size_t>& path = d.arm_path[a];
    for (std::size_t k = 0; k < path.size(); ++k) {
      const Element& el = d.elements[path[k]];
      const bool branches = p.arms.size() > 1 && el.arms.size() == p.arms.size() && k + 1 < path.size() &&
                            d.elements[path[k + 1]].arms.size() < p.arms.size();
      t.rows.push_back({studyid, "TA", p.arms[a].id, p.arms[a].label, std::to_string(k + 1), el.code, el.label,
                        branches ? branch_text(p.arms[a]) : "", "", epoch_name(p, el.epoch)});
    }
  }
  return t;
}

// Where element k of an arm's path ends and k+1 begins: a treatment element ends with its last visit (the
// follow-up after it starts there); a period without treatment (screening) lasts until the next one starts.
struct Boundary {
  std::optional<Days> offset;
  std::string rule;       // TEENRL of k
  bool at_visit = false;  // k ends with its last visit: k+1 starts there (TESTRL of k+1 = `rule`)
};

Boundary boundary_after(const Protocol& p, const TrialDesign& d, const std::vector<std::size_t>& path, std::size_t k) {
  const Element& el = d.elements[path[k]];
  const Visit& last = p.visits[el.last_visit];
  if (k + 1 == path.size() || !el.doses.empty())
    return {d.timeline.offset(el.last_visit), "End of visit " + last.id + " (" + last.label + ")", true};
  return {d.timeline.offset(d.elements[path[k + 1]].first_visit), "Start of the next element", false};
}

TextTable te_table(const Protocol& p, const TrialDesign& d, const std::string& studyid) {
  TextTable t{{"STUDYID", "DOMAIN", "ETCD", "ELEMENT", "TESTRL", "TEENRL", "TEDUR"}, {}, {}};
  if (!p.elements.empty()) {  // as the protocol states them, in its order
    for (const TrialElement& el : p.elements)
      t.rows.push_back({studyid, "TE", el.id, el.label, el.start_rule, el.end_rule, el.duration});
    return t;
  }
  for (std::size_t e = 0; e < d.elements.size(); ++e) {
    const Element& el = d.elements[e];
    const Visit& first = p.visits[el.first_visit];
    std::string start_rule = "Visit " + first.id + " (" + first.label + ")";
    if (!el.doses.empty()) {
      std::string doses;
      for (std::size_t a : el.doses)
        doses += (doses.empty() ? "" : " or ") +
                 (p.activities[a].label.empty() ? p.activities[a].id : p.activities[a].label);
      start_rule = "First " + doses + ", at visit " + first.id + " (" + first.label + ")";
    }
    // The element on every arm's path through it: its rules and duration hold when the paths agree.
    std::set<std::string> starts, ends;
    std::set<std::optional<Days>> durations;
    for (const auto& path : d.arm_path) {
      const auto at = std::find(path.begin(), path.end(), e);
      if (at == path.end()) continue;
      const auto k = static_cast<std::size_t>(at - path.begin());
      std::optional<Days> from = d.timeline.offset(el.first_visit);
      std::string starts_with = start_rule;
      if (k > 0)
        if (Boundary before = boundary_after(p, d, path, k - 1); before.at_visit) {
          from = before.offset;
          starts_with = std::move(before.rule);
        }
      starts.insert(starts_with);
      const Boundary after = boundary_after(p, d, path, k);
      ends.insert(after.rule);
      durations.insert(from && after.offset ? std::optional<Days>{*after.offset - *from} : std::nullopt);
    }
    const auto one = [](const std::set<std::string>& rules) {
      std::string out;
      for (const std::string& r : rules) out += (out.empty() ? "" : "; or ") + r;
      return out;
    };
    const std::string tedur = durations.size() == 1 && *durations.begin() && **durations.begin() > Days{0}
                                  ? days_as_duration(**durations.begin())
                                  : "";
    t.rows.push_back({studyid, "TE", el.code, el.label, one(starts), one(ends), tedur});
  }
  return t;
}

TextTable tv_table(const Protocol& p, const TrialDesign& d, const std::string& studyid) {
  TextTable t{{"STUDYID", "DOMAIN", "VISITNUM", "VISIT", "VISITDY", "ARMCD", "ARM", "TVSTRL", "TVENRL"}, {}, {}};
  const std::vector<std::string> numbers = visit_numbers(p, d);
  std::vector<std::size_t> order(p.visits.size());
  for (std::size_t v = 0; v < order.size(); ++v) order[v] = v;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return d.visitnum[a] < d.visitnum[b];  // VISITNUM order, as SDTM sorts TV
  });
  for (std::size_t v : order) {
    const Visit& visit = p.visits[v];
    const std::vector<std::string> row{studyid,
                                       "TV",
                                       numbers[v],
                                       visit.label,
                                       study_day_text(d.timeline.study_day(v)),
                                       "",
                                       "",
                                       visit.start_rule.empty() ? timing_rule(p, visit) : visit.start_rule,
                                       visit.end_rule};
    if (visit.arms.empty() || visit.arms.size() == p.arms.size()) {
      t.rows.push_back(row);
      continue;
    }
    for (const Arm& arm : p.arms) {
      if (!visit.applies_to(arm.id)) continue;
      t.rows.push_back(row);
      t.rows.back()[5] = arm.id;
      t.rows.back()[6] = arm.label;
    }
  }
  return t;
}

// The CDISC INTMODEL term of [study] model; without one (format 1), SINGLE GROUP for one arm, else PARALLEL.
std::string intervention_model(const Protocol& p) {
  if (!p.study.model) return p.arms.size() == 1 ? "SINGLE GROUP" : "PARALLEL";
  switch (*p.study.model) {
    case DesignModel::parallel: return "PARALLEL";
    case DesignModel::crossover: return "CROSSOVER";
    case DesignModel::single_group: return "SINGLE GROUP";
    case DesignModel::factorial: return "FACTORIAL";
    case DesignModel::sequential: return "SEQUENTIAL";
  }
  return "PARALLEL";
}

// The doses of one administration (numeric order) of the non-placebo dose activities, at visits and in dosing
// periods: "5" in mg.
std::map<std::pair<double, std::string>, std::string> dose_amounts(const Protocol& p) {
  std::map<std::pair<double, std::string>, std::string> doses;
  const auto add = [&](const Amount& dose) {
    doses.emplace(std::pair{dose.value.to_double(), dose.unit}, to_string(dose.value));
  };
  for (const Visit& v : p.visits)
    for (std::size_t i : v.activities) {
      const Activity& a = p.activities[i];
      if (a.kind != ActivityKind::dose || is_placebo(a)) continue;
      if (const auto dose = amount_of(v, a)) add(*dose);
    }
  for (const DosingPeriod& period : p.dosing_periods) {
    if (is_placebo(p.activities[period.activity])) continue;
    for (const Arm& arm : p.arms)
      if (period.applies_to(p, arm.id))
        if (const auto dose = period.amount_for(p, arm.id)) add(*dose);
  }
  return doses;
}

TextTable ts_table(const Protocol& p, const TrialDesign& d, const std::string& studyid) {
  TextTable t{{"STUDYID", "DOMAIN", "TSSEQ", "TSPARMCD", "TSPARM", "TSVAL"}, {}, {}};
  // The rows the protocol states ([[trial_summary]]) first, in its order; then what planner derives for the
  // parameters it does not state.
  std::set<std::string> stated;
  for (const TrialSummaryEntry& e : p.trial_summary) {
    t.rows.push_back({studyid, "TS", std::to_string(e.seq), e.parameter, e.name, e.value});
    stated.insert(e.parameter);
  }
  std::map<std::string, int> seq;
  const auto add = [&](const std::string& code, const std::string& name, const std::string& value) {
    if (value.empty() || stated.count(code) > 0) return;
    t.rows.push_back({studyid, "TS", std::to_string(++seq[code]), code, name, value});
  };
  add("TITLE", "Trial Title", p.study.title);
  add("INDIC", "Trial Indication", p.study.condition);
  for (const std::string& id : p.study.registry) add("REGID", "Registry Identifier", id);
  add("INTMODEL", "Intervention Model", intervention_model(p));
  add("NARMS", "Planned Number of Arms", std::to_string(p.arms.size()));  // arms, never strata
  if (p.study.allocation)
    add("RANDOM", "Trial is Randomized", *p.study.allocation == Allocation::randomised ? "Y" : "N");
  add("TBLIND", "Trial Blinding Schema", blinding_schema(p));

  std::vector<std::string> treatments, comparators, routes;
  const auto once = [](std::vector<std::string>& list, const std::string& value) {
    if (!value.empty() && std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
  };
  for (const Activity& a : p.activities) {
    if (a.kind != ActivityKind::dose) continue;
    once(is_placebo(a) ? comparators : treatments, a.product);
    once(routes, upper(a.route));
  }
  for (const std::string& x : treatments) add("TRT", "Investigational Therapy or Treatment", x);
  for (const std::string& x : comparators) add("COMPTRT", "Comparative Treatment Name", x);
  for (const std::string& x : routes) add("ROUTE", "Route of Administration", x);
  std::vector<std::string> units;
  for (const auto& [key, text] : dose_amounts(p)) {
    add("DOSE", "Dose per Administration", text);
    once(units, key.second);
  }
  for (const std::string& u : units) add("DOSU", "Dose Units", u);
  // The planned length of participation, as the CDISC pilot states it (LENGTH 26 weeks: 2 weeks of screening
  // and 24 of treatment): from the first visit (screening or run-in included) to the last.
  std::optional<Days> first, last;
  for (std::size_t v = 0; v < p.visits.size(); ++v) {
    const auto offset = d.timeline.offset(v);
    if (!offset) continue;
    if (!first || *offset < *first) first = offset;
    if (!last || *offset > *last) last = offset;
  }
  if (first && last && *last > *first) add("LENGTH", "Trial Length", days_as_duration(*last - *first));
  // The endpoints, primary first, then secondary, then exploratory (file order within a role).
  static constexpr std::array<std::pair<EndpointRole, std::pair<const char*, const char*>>, 3> kOutcome{
      {{EndpointRole::primary, {"OUTMSPRI", "Primary Outcome Measure"}},
       {EndpointRole::secondary, {"OUTMSSEC", "Secondary Outcome Measure"}},
       {EndpointRole::exploratory, {"OUTMSEXP", "Exploratory Outcome Measure"}}}};
  for (const auto& [role, names] : kOutcome)
    for (const Endpoint& e : p.endpoints)
      if (e.role == role)
        add(names.first, names.second,
            e.label + (e.measure.empty() ? "" : ", " + e.measure) + " at " + p.visits[e.visit].label);
  return t;
}

}  // namespace

bool is_sdtm_domain(std::string_view domain) {
  for (std::string_view d : {"TA", "TE", "TV", "TS", "DM", "SV"})
    if (d == domain) return true;
  return false;
}

TextTable trial_design_table(const Protocol& p, std::string_view domain, const std::string& studyid) {
  const TrialDesign design = trial_design(p);
  if (domain == "TA") return ta_table(p, design, studyid);
  if (domain == "TE") return te_table(p, design, studyid);
  if (domain == "TV") return tv_table(p, design, studyid);
  return ts_table(p, design, studyid);
}

SdtmSubjectWriter::SdtmSubjectWriter(const Protocol& p, std::string studyid)
    : protocol_{p}, studyid_{std::move(studyid)}, sv_prefix_{csv_field(studyid_, kSdtmCsv) + ",SV,"} {
  const TrialDesign design = trial_design(p);
  const std::vector<std::string> numbers = visit_numbers(p, design);
  for (std::size_t v = 0; v < p.visits.size(); ++v)
    visit_text_.push_back(numbers[v] + ',' + csv_field(p.visits[v].label, kSdtmCsv) + ',' +
                          study_day_text(design.timeline.study_day(v)) + ',' +
                          csv_field(epoch_name(p, p.visits[v].epoch), kSdtmCsv) + ',');
}

std::string SdtmSubjectWriter::dm_header() {
  return "STUDYID,DOMAIN,USUBJID,SUBJID,RFSTDTC,RFENDTC,RFXSTDTC,RFXENDTC,RFICDTC,RFPENDTC,DTHDTC,DTHFL,SITEID,AGE,"
         "AGEU,SEX,RACE,ETHNIC,ARMCD,ARM,ACTARMCD,ACTARM,COUNTRY,DMDTC,DMDY\n";
}

std::string SdtmSubjectWriter::sv_header() {
  return "STUDYID,DOMAIN,USUBJID,VISITNUM,VISIT,VISITDY,EPOCH,SVSTDTC,SVENDTC,SVSTDY,SVENDY,SVPRESP,SVOCCUR\n";
}

void SdtmSubjectWriter::append_dm(std::string& out, const Subject& s, std::span<const std::string> given) const {
  const Arm* arm = protocol_.find_arm(s.arm);
  // The given value of kDmGiven[i], else `otherwise`.
  const auto put = [&](std::size_t i, const std::string& otherwise = {}) {
    out.append(1, ',').append(csv_field(i < given.size() && !given[i].empty() ? given[i] : otherwise, kSdtmCsv));
  };
  out.append(csv_field(studyid_, kSdtmCsv)).append(",DM,").append(csv_field(s.id, kSdtmCsv));
  put(0, s.id);                                 // SUBJID
  put(1, format_date(s.day1));                  // RFSTDTC
  for (std::size_t i = 2; i <= 8; ++i) put(i);  // RFENDTC .. DTHFL
  out.append(1, ',').append(csv_field(s.site, kSdtmCsv));
  for (std::size_t i = 9; i <= 13; ++i) put(i);  // AGE .. ETHNIC
  out.append(1, ',').append(csv_field(s.arm, kSdtmCsv));
  put(14, arm ? arm->label : "");                 // ARM
  for (std::size_t i = 15; i <= 19; ++i) put(i);  // ACTARMCD .. DMDY
  out.append(1, '\n');
}

namespace {

// YYYY-MM-DD of a date, as format_date writes it, remembering the year and month from one date to the next: a
// subject's visits fall in a few months, so most dates need only their day written (a year_month_day per date
// was 17 % of an SV run's instructions).
class DateWriter {
 public:
  // Whether put() can write `d` (a four-digit year); format_date writes the others.
  static bool fits(Date d) { return kFirst <= d && d <= kLast; }
  // Writes the 10 characters of `d` (which fits) at `at`, returns the end.
  char* put(char* at, Date d) {
    if (d < month_ || d >= next_month_) start_month(d);
    at = std::copy_n(year_month_.data(), year_month_.size(), at);
    const auto day = static_cast<unsigned>((d - month_).count()) + 1;
    *at++ = static_cast<char>('0' + day / 10);
    *at++ = static_cast<char>('0' + day % 10);
    return at;
  }

 private:
  static constexpr Date kFirst = Date{date::year{0} / 1 / 1};
  static constexpr Date kLast = Date{date::year{9999} / 12 / 31};
  void start_month(Date d) {
    const date::year_month_day ymd{d};
    month_ = Date{ymd.year() / ymd.month() / 1};
    next_month_ = Date{ymd.year() / ymd.month() / date::last} + Days{1};
    const auto put = [this](std::size_t at, unsigned value, std::size_t digits) {
      for (std::size_t i = digits; i > 0; --i, value /= 10)
        year_month_[at + i - 1] = static_cast<char>('0' + value % 10);
    };
    put(0, static_cast<unsigned>(int{ymd.year()}), 4);
    year_month_[4] = '-';
    put(5, unsigned{ymd.month()}, 2);
    year_month_[7] = '-';
  }
  Date month_{}, next_month_{};       // the month of year_month_: [month_, next_month_), empty at first
  std::array<char, 8> year_month_{};  // "YYYY-MM-"
};

}  // namespace

void SdtmSubjectWriter::append_sv(std::string& out, const Subject& s, const std::vector<PlannedVisit>& visits) const {
  const std::string subject = csv_field(s.id, kSdtmCsv);
  // Each row is written straight into room made for the longest it can be (as CalendarCsvWriter does), and the
  // text is then cut to what was written: no capacity check per field. Per row beyond the constant text: the
  // two dates (each 10 bytes, format_date's text for a year outside 0..9999), the two study days (at most 11
  // characters each), four commas and SVPRESP,SVOCCUR (",Y,Y\n").
  constexpr std::size_t kDay = 11;
  constexpr std::size_t kRow = 2 * kDay + 4 + 5;
  std::size_t room = 0;
  for (const PlannedVisit& pv : visits) {
    const std::size_t date = DateWriter::fits(pv.scheduled) ? 10 : format_date(pv.scheduled).size();
    room += sv_prefix_.size() + subject.size() + 1 + visit_text_[pv.visit].size() + 2 * date + kRow;
  }
  const std::size_t start = out.size();
  out.resize(start + room);
  char* at = out.data() + start;
  const auto put = [&at](std::string_view t) { at = std::copy(t.begin(), t.end(), at); };
  DateWriter dates;
  for (const PlannedVisit& pv : visits) {
    put(sv_prefix_);
    put(subject);
    *at++ = ',';
    put(visit_text_[pv.visit]);
    char* const date = at;  // SVSTDTC, then the same as SVENDTC
    if (DateWriter::fits(pv.scheduled))
      at = dates.put(at, pv.scheduled);
    else
      put(format_date(pv.scheduled));
    const std::string_view date_text{date, static_cast<std::size_t>(at - date)};
    *at++ = ',';
    put(date_text);
    *at++ = ',';
    char* const day = at;  // SVSTDY, then the same as SVENDY
    at = std::to_chars(at, at + kDay, study_day_of(s.day1, pv.scheduled).number()).ptr;
    const std::string_view day_text{day, static_cast<std::size_t>(at - day)};
    *at++ = ',';
    put(day_text);
    // Every row is a visit the protocol specifies (SVPRESP Y); SVOCCUR Y marks the ones that happened (an actual
    // date), empty for a proposed date.
    const bool happened = pv.status == VisitStatus::done || pv.status == VisitStatus::early ||
                          pv.status == VisitStatus::late;
    put(happened ? std::string_view{",Y,Y\n"} : std::string_view{",Y,\n"});
  }
  out.resize(static_cast<std::size_t>(at - out.data()));
}

}  // namespace planner
