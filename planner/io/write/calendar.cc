#include "planner/io/write/calendar.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <nlohmann/json.hpp>

#include "planner/core/home_dosing.h"
#include "planner/io/iso8601.h"
#include "planner/io/write/csv.h"
#include "planner/io/write/date_text.h"
#include "planner/io/write/text_table.h"
#include "planner/io/write/timing_text.h"

namespace planner {
namespace {

std::string activity_list(const Protocol& p, const Visit& v, const std::string& arm) {
  std::string out;
  for (std::size_t a : activities_for(p, v, arm)) out += (out.empty() ? "" : ";") + p.activities[a].id;
  return out;
}

std::string with_weekday(Date d) { return format_date(d) + date::format(" %a", d); }

std::string signed_days(Days d) { return (d.count() > 0 ? "+" : "") + std::to_string(d.count()); }

}  // namespace

std::string calendar_csv_header(CsvOptions options, bool stratum, bool times) {
  return std::string{csv_start(options)} + (stratum ? "subject,arm,stratum," : "subject,arm,") +
         "site,visit,label,epoch,study_day,target,earliest,latest,scheduled,shift,status,activities" +
         (times ? ",time,duration\n" : "\n");
}

CalendarCsvWriter::CalendarCsvWriter(const Protocol& p, CsvOptions options, std::span<const Site> sites, bool stratum)
    : protocol_{p}, options_{options}, stratum_{stratum}, times_{has_times(p)} {
  for (const Site& site : sites)
    if (const auto time = site.calendar.visit_time()) {
      site_times_.emplace(site.id, format_time_of_day(*time));
      times_ = true;
    }
  for (const Arm& arm : p.arms) {
    std::vector<VisitText>& texts = text_.emplace_back();
    for (const Visit& v : p.visits) {
      VisitText& text = texts.emplace_back();
      text.prefix = csv_field(v.id, options) + ',' + csv_field(v.label, options) + ',' +
                    csv_field(p.epochs[v.epoch].id, options) + ',';
      text.suffix = ',' + csv_field(activity_list(p, v, arm.id), options) + (times_ ? ',' : '\n');
      if (!times_) continue;
      if (v.time) text.time = format_time_of_day(*v.time);
      const auto length = visit_length(p, v, arm.id);
      text.tail = ',' + (length ? format_time_duration(*length) : std::string{}) + '\n';
    }
  }
}

namespace {

void append_int(std::string& out, long n) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
  out.append(digits, end);
}

// Appends d as YYYY-MM-DD (CalendarJsonWriter's dates).
void append_date(std::string& out, Date d) { out += date_texts().text(d); }

}  // namespace

void CalendarCsvWriter::append(std::string& out, const Subject& s, const std::vector<PlannedVisit>& visits) const {
  const std::string subject = csv_field(s.id, options_) + ',' + csv_field(s.arm, options_) + ',' +
                              (stratum_ ? csv_field(s.stratum, options_) + ',' : "") + csv_field(s.site, options_) +
                              ',';
  write_rows(out, subject, s, visits, nullptr);
}

namespace {

bool same_plan(const std::vector<PlannedVisit>& a, const std::vector<PlannedVisit>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const PlannedVisit& x, const PlannedVisit& y) {
    return x.visit == y.visit && x.target == y.target && x.earliest == y.earliest && x.latest == y.latest &&
           x.scheduled == y.scheduled && x.status == y.status;
  });
}

// A quick hash (FNV-1a) of texts one after the other ("AB" + "" is not "A" + "B").
std::size_t texts_hash(std::initializer_list<const std::string*> texts) {
  std::size_t h = 14695981039346656037ULL;
  for (const std::string* text : texts) {
    for (const char c : *text) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    h = (h ^ 0xFF) * 1099511628211ULL;  // (a byte no text has)
  }
  return h;
}

// The key of a subject's text in a memo: what it shares with others' (with `alike`, the site, arm, Day 1 and plan
// are in it already; the site's name and the stratum are not).
std::size_t memo_key(const Subject& s, std::uint64_t alike) {
  if (alike != 0) return alike ^ texts_hash({&s.site, &s.stratum});
  return texts_hash({&s.arm, &s.stratum, &s.site}) ^ static_cast<std::size_t>(s.day1.time_since_epoch().count());
}

}  // namespace

const CalendarMemo::Entry* CalendarMemo::find(const Subject& s, const std::vector<PlannedVisit>& visits,
                                              const Site* site, std::uint64_t alike) const {
  const auto found = entries_.find(memo_key(s, alike));
  if (found == entries_.end()) return nullptr;
  const Entry& e = found->second;
  if (e.site != site || e.subject.site != s.site || e.subject.stratum != s.stratum) return nullptr;
  const bool same = (alike != 0 && e.alike == alike) ||  // the same arm, Day 1 and plan
                    (e.subject.arm == s.arm && e.subject.day1 == s.day1 && same_plan(e.visits, visits));
  found_ += same;
  return same ? &e : nullptr;
}

CalendarMemo::Entry& CalendarMemo::add(const Subject& s, const std::vector<PlannedVisit>& visits, const Site* site,
                                       std::uint64_t alike) {
  if (last_) {  // written by now: kept in the memory it needs, and counted
    last_->text.shrink_to_fit();
    bytes_ += last_->text.capacity() +
              (last_->ids.size() + last_->id_bytes.size() + last_->uids.size()) * sizeof(std::size_t);
  }
  if (bytes_ > limit_) {
    entries_.clear();
    bytes_ = 0;
    idle_ = found_ < added_ ? std::max(2 * idle_, 4 * added_) : 0;
    rest_ = idle_;
    found_ = added_ = 0;
  }
  ++added_;
  bytes_ += sizeof(Entry) + visits.size() * sizeof(PlannedVisit) + s.id.size() + s.arm.size() + s.site.size();
  Entry e{s, site, visits, {}, {}, 0, alike};
  last_ = &entries_.insert_or_assign(memo_key(s, alike), std::move(e)).first->second;
  return *last_;
}

namespace {

// Room in `out` for `size` bytes, and an eighth more: the string's next text, a little longer, does not have it
// grow again (grown to the exact size, a batch's strings would come to hold twice the text they do).
void make_room(std::string& out, std::size_t size) {
  if (out.capacity() < size) out.reserve(size / 8 * 9);
}

}  // namespace

char* CalendarMemo::copy(std::string& out, const Entry& e) {
  const std::size_t start = out.size();
  make_room(out, start + e.text.size());
  out += e.text;
  return out.data() + start;
}

void CalendarMemo::put(std::string& out, const Entry& e, std::string_view id) {
  if (id.size() == e.id_size) {  // the text as it is, with this id over the other
    char* text = copy(out, e);
    for (const std::size_t at : e.ids)
      for (std::size_t i = 0; i < id.size(); ++i) text[at + i] = id[i];  // a few bytes: no call to memcpy
    return;
  }
  make_room(out, out.size() + e.text.size() - e.ids.size() * e.id_size + e.ids.size() * id.size());
  std::size_t from = 0;
  for (const std::size_t at : e.ids) {
    out.append(e.text, from, at - from);
    out += id;
    from = at + e.id_size;
  }
  out.append(e.text, from);
}

void CalendarCsvWriter::append(std::string& out, const Subject& s, const std::vector<PlannedVisit>& visits,
                               CalendarMemo& memo, std::uint64_t alike) const {
  if (!memo.in_use()) return append(out, s, visits);
  const std::string id = csv_field(s.id, options_);
  const CalendarMemo::Entry* e = memo.find(s, visits, nullptr, alike);
  if (!e) {
    CalendarMemo::Entry& added = memo.add(s, visits, nullptr, alike);
    const std::string subject = id + ',' + csv_field(s.arm, options_) + ',' +
                                (stratum_ ? csv_field(s.stratum, options_) + ',' : "") + csv_field(s.site, options_) +
                                ',';
    write_rows(added.text, subject, s, visits, &added.ids);
    added.id_size = id.size();
    e = &added;
  }
  CalendarMemo::put(out, *e, id);
}

void CalendarCsvWriter::write_rows(std::string& out, std::string_view subject, const Subject& s,
                                   const std::vector<PlannedVisit>& visits, std::vector<std::size_t>* starts) const {
  const Arm* arm = protocol_.find_arm(s.arm);
  const std::vector<VisitText>& texts = text_[static_cast<std::size_t>(arm - protocol_.arms.data())];
  const DateTexts& dates = date_texts();
  const auto found = site_times_.find(s.site);
  static const std::string kNoTime;
  const std::string& site_time = found == site_times_.end() ? kNoTime : found->second;
  // Each row is written straight into room made for the longest it can be, and the text is then cut to what
  // was written: no capacity check per field. The numbers: two integers (at most 20 characters each), four
  // dates with their commas (44), two more commas and the status (at most 8).
  constexpr std::size_t kNumbers = 2 * 20 + 44 + 2 + 8;
  std::size_t room = 0;
  for (const PlannedVisit& pv : visits) {
    const VisitText& text = texts[pv.visit];
    room += subject.size() + text.prefix.size() + kNumbers + text.suffix.size() +
            (times_ ? std::max(text.time.size(), site_time.size()) + text.tail.size() : 0);
  }
  const std::size_t start = out.size();
  out.resize(start + room);
  char* at = out.data() + start;
  const auto put = [&at](std::string_view t) { at = std::copy(t.begin(), t.end(), at); };
  const auto put_int = [&at](long n) { at = std::to_chars(at, at + 20, n).ptr; };
  for (const PlannedVisit& pv : visits) {
    const VisitText& text = texts[pv.visit];
    if (starts) starts->push_back(static_cast<std::size_t>(at - out.data()));
    put(subject);
    put(text.prefix);
    put_int(pv.study_day(s.day1).number());
    for (const Date d : {pv.target, pv.earliest, pv.latest, pv.scheduled}) {
      *at++ = ',';
      at = std::copy_n(dates.text(d).data(), 10, at);  // a fixed 10 bytes: no call to memcpy
    }
    *at++ = ',';
    put_int(pv.shift().count());
    *at++ = ',';
    put(to_string(pv.status));
    put(text.suffix);
    if (times_) {
      put(text.time.empty() ? site_time : text.time);
      put(text.tail);
    }
  }
  out.resize(static_cast<std::size_t>(at - out.data()));
}

void append_calendar_csv(std::string& out, const Protocol& p, const Subject& s, const std::vector<PlannedVisit>& visits,
                         CsvOptions options, const Site* site) {
  CalendarCsvWriter{p, options, site ? std::span<const Site>{site, 1} : std::span<const Site>{}}.append(out, s, visits);
}

namespace {

// The arm's [[constraint]] rules (both activities the arm's): what check and the scheduler hold the dates to.
nlohmann::ordered_json constraints_json(const Protocol& p, std::string_view arm) {
  using json = nlohmann::ordered_json;
  json out = json::array();
  const auto visit = [&](const std::optional<std::size_t>& v) { return v ? json(p.visits[*v].id) : json(nullptr); };
  const auto days = [](const std::optional<Days>& d) { return d ? json(d->count()) : json(nullptr); };
  for (const Constraint& c : p.constraints)
    if (p.activities[c.first].applies_to(arm) && p.activities[c.then].applies_to(arm))
      out.push_back({{"constraint", c.id},
                     {"kind", std::string{to_string(c.kind)}},
                     {"first", p.activities[c.first].id},
                     {"first_visit", visit(c.first_visit)},
                     {"then", p.activities[c.then].id},
                     {"then_visit", visit(c.then_visit)},
                     {"min_days", days(c.min)},
                     {"max_days", days(c.max)},
                     {"label", c.label}});
  return out;
}

}  // namespace

std::string calendar_json(const Protocol& p, const Subject& s, const std::vector<PlannedVisit>& visits,
                          const Site* site) {
  std::string out;
  CalendarJsonWriter{p, site ? std::span<const Site>{site, 1} : std::span<const Site>{}}.append(out, s, visits, site);
  return nlohmann::ordered_json::parse(out).dump(2) + "\n";
}

namespace {

// s as a JSON string: plain printable ASCII directly, anything else escaped by nlohmann::json.
void append_json_string(std::string& out, std::string_view s) {
  const bool plain = std::all_of(s.begin(), s.end(),
                                 [](char c) { return c >= 0x20 && c < 0x7f && c != '"' && c != '\\'; });
  if (!plain) {
    out += nlohmann::json(s).dump();
    return;
  }
  out += '"';
  out += s;
  out += '"';
}

std::string json_string(std::string_view s) { return nlohmann::json(s).dump(); }

constexpr std::string_view kSubjectId = ",\"subject\":{\"id\":";  // after the protocol, before the subject's id

// ,"key":"value" with the value escaped by nlohmann::json.
std::string json_member(std::string_view key, std::string_view value) {
  return ",\"" + std::string{key} + "\":" + json_string(value);
}

}  // namespace

CalendarJsonWriter::CalendarJsonWriter(const Protocol& p, std::span<const Site> sites)
    : protocol_{p}, sites_{sites}, protocol_key_{"\"protocol\":" + json_string(p.study.id)} {
  for (const Arm& arm : p.arms) {
    ArmText& text = arms_.emplace_back();
    for (const Visit& v : p.visits) {
      VisitText& visit = text.visits.emplace_back();
      visit.prefix = "{\"visit\":" + json_string(v.id) + json_member("label", v.label) +
                     json_member("epoch", p.epochs[v.epoch].id) + ",\"study_day\":";
      nlohmann::json activities = nlohmann::json::array();
      for (std::size_t a : activities_for(p, v, arm.id)) activities.push_back(p.activities[a].id);
      visit.activities = ",\"activities\":" + activities.dump();
      if (v.time) visit.time = json_member("time", format_time_of_day(*v.time));
      const auto length = visit_length(p, v, arm.id);
      visit.tail = (length ? json_member("duration", format_time_duration(*length)) : std::string{}) + "}";
      constexpr std::size_t kVisitParts = 134;  // the dates and their keys, two numbers, the longest status
      text.size += visit.prefix.size() + visit.activities.size() + visit.time.size() + visit.tail.size() + kVisitParts;
    }
    if (const nlohmann::ordered_json rules = constraints_json(p, arm.id); !rules.empty())
      text.constraints = ",\"constraints\":" + rules.dump();
    constexpr std::size_t kSubjectParts = 80;  // the subject's keys, its day 1, brackets
    text.size += protocol_key_.size() + text.constraints.size() + kSubjectParts;
    text.periods = std::any_of(p.dosing_periods.begin(), p.dosing_periods.end(),
                               [&](const DosingPeriod& d) { return d.applies_to(p, arm.id); });
  }
  for (const Site& site : sites) site_texts_.push_back(site_text(site));
  for (const VisitStatus status : {VisitStatus::planned, VisitStatus::shifted, VisitStatus::conflict, VisitStatus::done,
                                   VisitStatus::early, VisitStatus::late})
    statuses_.push_back(json_member("status", to_string(status)));
}

CalendarJsonWriter::SiteText CalendarJsonWriter::site_text(const Site& site) {
  SiteText text;
  if (const auto time = site.calendar.visit_time()) text.time = json_member("time", format_time_of_day(*time));
  if (!site.time_zone.empty()) text.zone = json_member("time_zone", site.time_zone);
  return text;
}

std::string CalendarJsonWriter::begin() const { return "{" + protocol_key_ + ",\"subjects\":["; }

void CalendarJsonWriter::append(std::string& out, const Subject& s, const std::vector<PlannedVisit>& visits,
                                const Site* site) const {
  const Arm* arm = protocol_.find_arm(s.arm);
  const ArmText& texts = arms_[static_cast<std::size_t>(arm - protocol_.arms.data())];
  const bool known = site && !sites_.empty() && site >= sites_.data() && site < sites_.data() + sites_.size();
  const SiteText own = site && !known ? site_text(*site) : SiteText{};  // a site outside sites_: rendered now
  const SiteText& site_texts = known ? site_texts_[static_cast<std::size_t>(site - sites_.data())] : own;
  out.reserve(out.size() + texts.size + s.id.size() + s.site.size() + s.arm.size() + s.stratum.size() +
              visits.size() * (site_texts.time.size() + site_texts.zone.size()));
  out += '{';
  out += protocol_key_;
  out += kSubjectId;
  append_json_string(out, s.id);
  out += ",\"arm\":";
  append_json_string(out, s.arm);
  if (!s.stratum.empty()) {  // a roster's stratum column
    out += ",\"stratum\":";
    append_json_string(out, s.stratum);
  }
  out += ",\"site\":";
  append_json_string(out, s.site);
  out += ",\"day1\":\"";
  append_date(out, s.day1);
  out += "\"},\"visits\":[";
  for (const PlannedVisit& pv : visits) {
    const VisitText& text = texts.visits[pv.visit];
    if (&pv != visits.data()) out += ',';
    out += text.prefix;
    append_int(out, pv.study_day(s.day1).number());
    for (const auto& [key, d] :
         {std::pair{",\"target\":\"", pv.target}, std::pair{"\",\"earliest\":\"", pv.earliest},
          std::pair{"\",\"latest\":\"", pv.latest}, std::pair{"\",\"scheduled\":\"", pv.scheduled}}) {
      out += key;
      append_date(out, d);
    }
    out += "\",\"shift\":";
    append_int(out, pv.shift().count());
    out += statuses_[static_cast<std::size_t>(pv.status)];
    out += text.activities;
    const std::string& time = text.time.empty() ? site_texts.time : text.time;
    if (!time.empty()) {
      out += time;
      out += site_texts.zone;
    }
    out += text.tail;
  }
  out += ']';
  if (texts.periods) append_periods(out, s, visits);
  out += texts.constraints;
  out += '}';
}

void CalendarJsonWriter::append(std::string& out, const Subject& s, const std::vector<PlannedVisit>& visits,
                                const Site* site, CalendarMemo& memo, std::uint64_t alike) const {
  if (!memo.in_use()) return append(out, s, visits, site);
  std::string id;
  append_json_string(id, s.id);
  const CalendarMemo::Entry* e = memo.find(s, visits, site, alike);
  if (!e) {
    CalendarMemo::Entry& added = memo.add(s, visits, site, alike);
    append(added.text, s, visits, site);
    added.ids = {1 + protocol_key_.size() + kSubjectId.size()};
    added.id_size = id.size();
    e = &added;
  }
  CalendarMemo::put(out, *e, id);
}

// ,"dosing_periods":[..]: the days of the subject's dosing periods (few protocols have them: nlohmann::json).
void CalendarJsonWriter::append_periods(std::string& out, const Subject& s,
                                        const std::vector<PlannedVisit>& visits) const {
  using json = nlohmann::ordered_json;
  const Protocol& p = protocol_;
  json periods = json::array();
  for (const DosingPeriod& d : p.dosing_periods) {
    if (!d.applies_to(p, s.arm)) continue;
    json days = json::array();
    for (Date day : period_dose_days(p, d, s.arm, visits)) days.push_back(format_date(day));
    const auto amount = d.amount_for(p, s.arm);
    periods.push_back({{"period", d.id},
                       {"activity", p.activities[d.activity].id},
                       {"where", d.place == DosingPeriod::Place::home ? "home" : "site"},
                       {"amount", amount ? json(to_string(*amount)) : json(nullptr)},
                       {"doses", days.size()},
                       {"days", days}});
  }
  out += ",\"dosing_periods\":";
  out += periods.dump();
}

namespace {

// The subject's dosing periods, one line each: "XAN_START  54 mg daily at home  2026-01-05..2026-01-18
// (14 doses; dispensed at BL)". Empty when the protocol has none for the arm.
std::string periods_text(const Protocol& p, const Subject& s, const std::vector<PlannedVisit>& visits) {
  TextTable table{{"PERIOD", "DOSING", "DAYS", "DOSES", "DISPENSED AT"}, {}, {false, false, false, true}};
  for (const DosingPeriod& d : p.dosing_periods) {
    if (!d.applies_to(p, s.arm)) continue;
    const std::vector<Date> days = period_dose_days(p, d, s.arm, visits);
    std::string dispensed;
    for (const Dispensing& x : dispensing(p, d, s.arm, visits))
      dispensed += (dispensed.empty() ? "" : ", ") + p.visits[x.visit].id + " " + std::to_string(x.doses);
    table.rows.push_back({d.id, period_cadence_text(d, d.amount_for(p, s.arm)),
                          days.empty() ? "-" : format_date(days.front()) + ".." + format_date(days.back()),
                          std::to_string(days.size()), dispensed.empty() ? "-" : dispensed});
  }
  if (table.rows.empty()) return {};
  return "\nDosing periods (doses handed out at each dispensing visit)\n" + render(table, TableFormat::table);
}

// The TIME cell of the terminal view: "09:30-10:15", "09:30" (length unknown), "45 min" (no time), or "-".
std::string time_cell(const Protocol& p, const Visit& v, const std::string& arm, const Site* site) {
  const auto time = appointment_time(v, site);
  const auto length = visit_length(p, v, arm);
  if (!time) return length ? std::to_string(length->count()) + " min" : "-";
  if (!length) return format_time_of_day(*time);
  const Minutes end = *time + *length;
  constexpr long kDay = 24L * 60;
  return format_time_of_day(*time) + "-" + format_time_of_day(TimeOfDay{Minutes{end.count() % kDay}}) +
         (end.count() >= kDay ? " (+1 day)" : "");
}

}  // namespace

std::string calendar_table(const Protocol& p, const Subject& s, const std::vector<PlannedVisit>& visits,
                           const Site* site) {
  const bool times = has_times(p) || (site && site->calendar.visit_time());
  TextTable table{{"VISIT", "LABEL", "EPOCH", "DAY", "TARGET", "WINDOW", "SCHEDULED", "SHIFT", "STATUS", "ACTIVITIES"},
                  {},
                  {false, false, false, true, false, false, false, true}};
  if (times) {
    table.header.insert(table.header.begin() + 7, "TIME");
    table.right_aligned.insert(table.right_aligned.begin() + 7, false);
  }
  std::array<int, 6> counts{};  // by VisitStatus
  for (const PlannedVisit& pv : visits) {
    const Visit& v = p.visits[pv.visit];
    ++counts[static_cast<std::size_t>(pv.status)];
    std::vector<std::string> row{v.id,
                                 v.label,
                                 p.epochs[v.epoch].id,
                                 std::to_string(pv.study_day(s.day1).number()),
                                 with_weekday(pv.target),
                                 format_date(pv.earliest) + ".." + format_date(pv.latest),
                                 with_weekday(pv.scheduled),
                                 signed_days(pv.shift()),
                                 std::string{to_string(pv.status)},
                                 activity_list(p, v, s.arm)};
    if (times) row.insert(row.begin() + 7, time_cell(p, v, s.arm, site));
    table.rows.push_back(std::move(row));
  }
  std::string out = p.study.id + (p.study.title.empty() ? "" : ": " + p.study.title) + "\n";
  out += "subject " + (s.id.empty() ? "-" : s.id) + "  arm " + s.arm +
         (s.stratum.empty() ? "" : "  stratum " + s.stratum) + "  site " + (s.site.empty() ? "-" : s.site) +
         "  Day 1 " + with_weekday(s.day1) + " (" + p.anchor_event + ")\n\n";
  out += render(table, TableFormat::table);
  out += "\n" + std::to_string(visits.size()) + " visits: " + std::to_string(counts[0]) + " planned, " +
         std::to_string(counts[1]) + " shifted, " + std::to_string(counts[2]) + " in conflict";
  if (counts[3] + counts[4] + counts[5] > 0)  // re-planned with actual dates
    out += "; " + std::to_string(counts[3]) + " done in window, " + std::to_string(counts[4]) + " early, " +
           std::to_string(counts[5]) + " late";
  out += "\n";
  return out + periods_text(p, s, visits);
}

}  // namespace planner
