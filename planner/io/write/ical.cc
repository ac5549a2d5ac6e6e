#include "planner/io/write/ical.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <map>
#include <memory>
#include <nettle/sha1.h>
#include <sstream>

#include "planner/core/error.h"
#include "planner/io/ical_library.h"
#include "planner/io/iso8601.h"
#include "planner/io/module.h"
#include "planner/io/source_text.h"
#include "planner/io/write/date_text.h"
#include "planner/io/write/ical_timezone.h"
#include "planner/io/write/timing_text.h"

#ifndef PLANNER_VERSION
#define PLANNER_VERSION "unknown"
#endif

namespace planner {
namespace {

using namespace std::string_view_literals;

// libical, loaded the first time a calendar is written (io/module.h).
const IcalLibrary& ical() {
  static const IcalLibrary& library = module_library<IcalLibrary>("ical", "iCalendar");
  return library;
}

// The namespace of planner's name-based UUIDs: a fixed random UUID that must never change (every UID depends on it).
constexpr std::array<std::uint8_t, 16> kUidNamespace{0x9b, 0x1d, 0x3a, 0x54, 0x60, 0x2f, 0x5e, 0x8c,
                                                     0xa4, 0x17, 0x0e, 0x63, 0x2b, 0xd5, 0x71, 0xc9};

const std::uint8_t* octets(std::string_view text) { return reinterpret_cast<const std::uint8_t*>(text.data()); }

// Name-based UUIDs (version 5, RFC 4122 section 4.3): the SHA-1 of the namespace's 16 octets and the name, its first
// 16 octets with the version (5) in the high nibble of octet 6 and the variant (binary 10) in the high bits of octet
// 8, as 8-4-4-4-12 lowercase hex digits. An event's name is "study\x1fsubject\x1fvisit" (the unit separators keep
// ("a", "bc") and ("ab", "c") apart); the SHA-1 state after the namespace and the part of the name that a subject's
// events share is kept, so that each event hashes only its visit id.
class UidHash {
 public:
  UidHash(std::string_view study, std::string_view subject) {
    sha1_init(&first_);
    sha1_update(&first_, kUidNamespace.size(), kUidNamespace.data());
    for (const std::string_view part : {study, "\x1f"sv, subject, "\x1f"sv})
      sha1_update(&first_, part.size(), octets(part));
  }
  // Appends the 36 characters of the UUID of the subject's name and `rest`, the visit id.
  void append(std::string& out, std::string_view rest) const {
    std::array<char, 36> text{};
    write(text.data(), rest);
    out.append(text.data(), text.size());
  }
  // The same into the 36 characters at `at`.
  void write(char* at, std::string_view rest) const {
    sha1_ctx ctx = first_;
    sha1_update(&ctx, rest.size(), octets(rest));
    std::array<std::uint8_t, SHA1_DIGEST_SIZE> hash{};
    sha1_digest(&ctx, hash.size(), hash.data());
    hash[6] = static_cast<std::uint8_t>((hash[6] & 0x0Fu) | 0x50u);
    hash[8] = static_cast<std::uint8_t>((hash[8] & 0x3Fu) | 0x80u);
    constexpr std::string_view kHex = "0123456789abcdef";
    for (std::size_t i = 0; i < 16; ++i) {
      if (i == 4 || i == 6 || i == 8 || i == 10) *at++ = '-';
      *at++ = kHex[hash[i] >> 4u];
      *at++ = kHex[hash[i] & 0x0Fu];
    }
  }

 private:
  sha1_ctx first_{};
};

// "2026-11-25T09:00:00Z" or "20261125T090000Z" -> the time point.
date::sys_seconds parse_stamp(const std::string& text) {
  for (const char* format : {"%Y-%m-%dT%H:%M:%SZ", "%Y%m%dT%H%M%SZ"}) {
    std::istringstream in{text};
    date::sys_seconds t;
    in >> date::parse(format, t);
    if (in.fail() || in.peek() != std::char_traits<char>::eof()) continue;
    const Date day = date::floor<date::days>(t);
    if (day >= kFirstDate && day <= kLastDate) return t;
  }
  throw InputError{
      "planner: error: --stamp: expected a UTC date and time such as 2026-11-25T09:00:00Z or "
      "20261125T090000Z (between 1900 and 2200), got " +
      quoted(text)};
}

// A reminder duration: positive, RFC 5545 (P1D, PT18H, P1DT12H, P1W), at most 366 days. Parsed here by
// the grammar (dur-week | dur-day [dur-time] | dur-time, each number at most 6 digits, a T followed by at
// least one of H, M, S in that order), then written as libical writes it. RFC 5545 has no years or months.
std::string parse_reminder(const std::string& text) {
  const auto fail = [&](const std::string& why) -> std::string {
    throw InputError{
        "planner: error: --remind: expected how long before the visit as an RFC 5545 duration such as "
        "P1D, PT18H, P1DT12H or P1W, got " +
        quoted(text) + ": " + why};
  };
  std::string_view s = text;
  if (!s.starts_with('P')) fail("it must start with P");
  s.remove_prefix(1);
  long long seconds = 0;
  const auto number = [&](std::string_view units) -> std::pair<long long, char> {
    const std::size_t n = s.find_first_not_of("0123456789");
    if (n == 0) fail("expected a number");
    if (n == std::string_view::npos) fail("the number " + std::string{s} + " has no unit");
    if (n > 6) fail("the number " + std::string{s.substr(0, n)} + " is too large");
    const char unit = s[n];
    if (units.find(unit) == std::string_view::npos) {
      std::string list;
      for (const char u : units) list += (list.empty() ? "" : ", ") + std::string(1, u);
      fail("unexpected " + quoted(std::string(1, unit)) + " after " + std::string{s.substr(0, n)} + " (expected " +
           list +
           ((unit == 'Y' || unit == 'M') && units == "WD" ? "; RFC 5545 durations have no years or months)" : ")"));
    }
    const long long value = std::stoll(std::string{s.substr(0, n)});
    s.remove_prefix(n + 1);
    return {value, unit};
  };
  if (s.empty()) fail("no number of weeks, days, hours, minutes or seconds follows P");
  if (s.front() != 'T') {
    const auto [value, unit] = number("WD");
    seconds = value * (unit == 'W' ? 7 * 86400 : 86400);
    if (unit == 'W' && !s.empty()) fail("weeks cannot be combined with other units (RFC 5545)");
  }
  if (!s.empty()) {
    if (s.front() != 'T') fail("expected T before hours, minutes or seconds");
    s.remove_prefix(1);
    if (s.empty()) fail("no hours, minutes or seconds follow T");
    std::string_view units = "HMS";
    while (!s.empty()) {
      const auto [value, unit] = number(units);
      seconds += value * (unit == 'H' ? 3600 : unit == 'M' ? 60 : 1);
      units = units.substr(units.find(unit) + 1);
      if (!s.empty() && units.empty()) fail("nothing may follow the seconds");
    }
  }
  if (seconds == 0) fail("a reminder must be before the visit (not zero)");
  if (seconds > 366LL * 86400) fail("at most 366 days before the visit");
  std::optional<std::string> normal = ical().duration(text);
  if (!normal) fail("not a duration libical accepts");
  return *std::move(normal);
}

// RFC 5545 content lines as libical 3.0 writes them (icalproperty_as_ical_string_r), so that the
// calendars keep their bytes: tests/io/write/ical_test.cc compares both on the goldens and random events.

// libical's folding, applied to a whole content line with its CRLF: a line of 75 octets or more (counting
// the CRLF) breaks after the last ';', ':' or ' ' among its first 74 octets, else before the last UTF-8
// lead or ASCII octet among its first 75, else after 74; the rest goes on as "\r\n " + the same again.
std::size_t fold_point(std::string_view line) {
  constexpr std::size_t kMax = 75;
  for (std::size_t pos = kMax - 2; pos > 0; --pos)
    if (line[pos] == ';' || line[pos] == ':' || line[pos] == ' ') return pos + 1;
  for (std::size_t pos = kMax - 1; pos > 0; --pos) {
    const auto c = static_cast<unsigned char>(line[pos]);
    if ((c & 0x80) == 0 || (c & 0xC0) == 0xC0) return pos;
  }
  return kMax - 1;
}

void append_folded(std::string& out, std::string_view line) {
  while (line.size() >= 75) {
    const std::size_t next = fold_point(line);
    out.append(line.data(), next).append("\r\n "sv);
    line.remove_prefix(next);
  }
  out.append(line);
}

// A TEXT value escaped as libical does: newline as \n; ';', ',' and '\' behind a backslash; CR, BS and FF
// dropped; a NUL ends the text (libical takes C strings). Runs of other octets are copied whole.
void append_text(std::string& out, std::string_view text) {
  static constexpr std::array<bool, 256> kSpecial = [] {
    std::array<bool, 256> special{};
    for (const unsigned char c : {'\0', '\n', '\r', '\b', '\f', ';', ',', '\\'}) special[c] = true;
    return special;
  }();
  std::size_t run = 0;  // the first octet not yet copied
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (!kSpecial[static_cast<unsigned char>(c)]) continue;
    out.append(text.data() + run, i - run);
    run = i + 1;
    if (c == '\0') return;
    if (c == '\n') out += "\\n";
    if (c == ';' || c == ',' || c == '\\') {
      out += '\\';
      out += c;
    }
  }
  out.append(text.data() + run, text.size() - run);
}

void append_number(std::string& out, long n, int width = 0) {
  std::array<char, 24> digits{};
  const auto end = std::to_chars(digits.data(), digits.data() + digits.size(), n).ptr;
  for (auto w = end - digits.data(); w < width; ++w) out += '0';
  out.append(digits.data(), end);
}

// YYYYMMDD of a date in the supported range (in_supported_range), from the date table (io/write/date_text.h), at `at`
void put_ical_date(char* at, Date d) {
  const char* t = date_texts().text(d).data();
  std::copy_n(t, 4, at);
  std::copy_n(t + 5, 2, at + 4);
  std::copy_n(t + 8, 2, at + 6);
}

// YYYYMMDD
void append_ical_date(std::string& out, Date d) {
  if (in_supported_range(d)) {
    std::array<char, 8> digits{};
    put_ical_date(digits.data(), d);
    out.append(digits.data(), digits.size());
    return;
  }
  const date::year_month_day ymd{d};
  append_number(out, static_cast<int>(ymd.year()), 4);
  append_number(out, static_cast<unsigned>(ymd.month()), 2);
  append_number(out, static_cast<unsigned>(ymd.day()), 2);
}

// YYYY-MM-DD
void append_iso_date(std::string& out, Date d) {
  if (in_supported_range(d)) {
    out += date_texts().text(d);
    return;
  }
  const date::year_month_day ymd{d};
  append_number(out, static_cast<int>(ymd.year()), 4);
  out += '-';
  append_number(out, static_cast<unsigned>(ymd.month()), 2);
  out += '-';
  append_number(out, static_cast<unsigned>(ymd.day()), 2);
}

// YYYYMMDDTHHMMSSZ
void append_ical_utc(std::string& out, date::sys_seconds t) {
  const Date day = date::floor<date::days>(t);
  const date::hh_mm_ss hms{t - day};
  append_ical_date(out, day);
  out += 'T';
  append_number(out, hms.hours().count(), 2);
  append_number(out, hms.minutes().count(), 2);
  append_number(out, hms.seconds().count(), 2);
  out += 'Z';
}

// Builds each content line in `line`, then appends it folded to `out`.
class ContentLines {
 public:
  explicit ContentLines(std::string& out) : out_{out} {}
  // "NAME:" + the escaped text
  void text(std::string_view name, std::string_view value) {
    start(name);
    append_text(line_, value);
    end();
  }
  // "NAME:" + the value as it is
  void raw(std::string_view name, std::string_view value) {
    start(name);
    line_ += value;
    end();
  }
  std::string& start(std::string_view name) {
    line_.assign(name);
    return line_;
  }
  void end() {
    line_ += "\r\n";
    append_folded(out_, line_);
  }

 private:
  std::string& out_;
  std::string line_;
};

// YYYYMMDDTHHMM00 (local time)
void append_ical_local(std::string& out, Date d, TimeOfDay t) {
  append_ical_date(out, d);
  out += 'T';
  append_number(out, t.hours(), 2);
  append_number(out, t.minutes(), 2);
  out += "00";
}

// DTSTART or DTEND: all day ("DTSTART;VALUE=DATE:20260119"), or local time in a zone
// ("DTSTART;TZID=Europe/Berlin:20260119T090000") or floating ("DTSTART:20260119T090000").
void append_ical_when(ContentLines& lines, std::string_view name, Date d, const std::optional<TimeOfDay>& t,
                      const std::string& zone) {
  std::string& line = lines.start(name);
  if (!t) {
    line += ";VALUE=DATE:";
    append_ical_date(line, d);
  } else {
    if (!zone.empty()) line.append(";TZID=").append(zone);
    line += ':';
    append_ical_local(line, d, *t);
  }
  lines.end();
}

// DTSTART and DTEND (none for a timed event of unknown length)
void append_event_dates(std::string& out, const CalendarEvent& shown) {
  if (!shown.start_time && !shown.end_time) {                                // all day: short lines, never folded
    if (in_supported_range(shown.start) && in_supported_range(shown.end)) {  // one copy, from the date table
      constexpr std::string_view kLines = "DTSTART;VALUE=DATE:YYYYMMDD\r\nDTEND;VALUE=DATE:YYYYMMDD\r\n";
      std::array<char, kLines.size()> text{};
      std::copy(kLines.begin(), kLines.end(), text.begin());
      put_ical_date(text.data() + kLines.find('Y'), shown.start);
      put_ical_date(text.data() + kLines.rfind('Y') - 3, shown.end);
      out.append(text.data(), text.size());
      return;
    }
    out += "DTSTART;VALUE=DATE:"sv;
    append_ical_date(out, shown.start);
    out += "\r\nDTEND;VALUE=DATE:"sv;
    append_ical_date(out, shown.end);
    out += "\r\n"sv;
    return;
  }
  ContentLines lines{out};
  append_ical_when(lines, "DTSTART", shown.start, shown.start_time, shown.zone);
  if (!shown.start_time || shown.end_time) append_ical_when(lines, "DTEND", shown.end, shown.end_time, shown.zone);
}

std::string escaped(std::string_view text) {
  std::string out;
  append_text(out, text);
  return out;
}

bool has_nul(std::string_view text) { return text.find('\0') != std::string_view::npos; }

// The description's note on the visit's status, with its newline ("" for a planned visit); raw or escaped (the
// notes' only special characters are written both ways here).
void append_status_note(std::string& out, const PlannedVisit& pv, bool escape) {
  switch (pv.status) {
    case VisitStatus::planned: return;
    case VisitStatus::shifted: {
      const long days = pv.shift().count();
      out += "Moved "sv;
      append_number(out, days);
      out += days == 1 || days == -1 ? " day"sv : " days"sv;
      out += days < 0 ? " earlier"sv : " later"sv;
      out += " than the target (site closed or dose gap)"sv;
      break;
    }
    case VisitStatus::conflict:
      out += escape ? "CONFLICT: no day in the window is open and keeps the dose gap\\; shown on the target date"sv
                    : "CONFLICT: no day in the window is open and keeps the dose gap; shown on the target date"sv;
      break;
    case VisitStatus::done:
      out += escape ? "Done on this date\\, in the window"sv : "Done on this date, in the window"sv;
      break;
    case VisitStatus::early:
      out += escape ? "Done on this date\\, before the window"sv : "Done on this date, before the window"sv;
      break;
    case VisitStatus::late:
      out += escape ? "Done on this date\\, after the window"sv : "Done on this date, after the window"sv;
      break;
  }
  out += escape ? "\\n"sv : "\n"sv;
}

}  // namespace

std::string ics_uid(std::string_view study, std::string_view subject, std::string_view visit) {
  std::string out;
  UidHash{study, subject}.append(out, visit);
  return out;
}

void append_ics_event(std::string& out, const CalendarEvent& shown) {
  out += "BEGIN:VEVENT\r\n";
  ContentLines lines{out};
  lines.text("UID:", shown.uid);
  append_ical_utc(lines.start("DTSTAMP:"), shown.stamp);
  lines.end();
  append_number(lines.start("SEQUENCE:"), shown.sequence);
  lines.end();
  append_event_dates(out, shown);
  lines.text("SUMMARY:", shown.summary);
  if (!shown.description.empty()) lines.text("DESCRIPTION:", shown.description);
  if (!shown.location.empty()) lines.text("LOCATION:", shown.location);
  lines.raw("STATUS:", shown.status);
  out += "TRANSP:TRANSPARENT\r\n";
  for (const std::string& r : shown.reminders) {
    out += "BEGIN:VALARM\r\nACTION:DISPLAY\r\n";
    lines.raw("TRIGGER:", r);
    lines.text("DESCRIPTION:", shown.summary);
    out += "END:VALARM\r\n";
  }
  out += "END:VEVENT\r\n";
}

IcsWriter::IcsWriter(const Protocol& protocol, IcsOptions options) : protocol_{protocol}, options_{std::move(options)} {
  if (!options_.stamp.empty()) stamp_ = parse_stamp(options_.stamp);
  for (const std::string& r : options_.reminders) {
    triggers_.push_back("-" + parse_reminder(r));
    append_folded(trigger_lines_.emplace_back(), "TRIGGER:" + triggers_.back() + "\r\n");
  }
  has_nul_ = has_nul(protocol_.study.id);
  for (const Arm& arm : protocol_.arms) {
    std::vector<VisitText>& texts = text_.emplace_back();
    for (const Visit& v : protocol_.visits) {
      texts.push_back(visit_text(v, arm.id));
      const VisitPieces& raw = texts.back().raw;
      has_nul_ = has_nul_ || has_nul(raw.summary) || has_nul(raw.visit) || has_nul(raw.activities);
    }
  }
  if (options_.blind) check_blindable();
  if (options_.previous) {
    if (!stamp_) throw InputError{"planner: error: --previous: the update needs its time of issue (--stamp)"};
    replanned_ = std::vector<std::atomic<bool>>(options_.previous->events.size());
  }
}

std::map<std::string, std::string> IcsWriter::blinded_schedule(const Arm& arm) const {
  std::map<std::string, std::string> out;
  for (const Visit& v : protocol_.visits)
    if (v.applies_to(arm.id))
      out[v.id] = v.label + '\t' + format_duration(v.at) + '\t' + (v.after ? protocol_.visits[*v.after].id : "") +
                  '\t' + format_duration(v.window.early) + '\t' + format_duration(v.window.late) + '\t' +
                  activity_text(v, arm.id);
  return out;
}

void IcsWriter::check_blindable() const {
  const auto first = blinded_schedule(protocol_.arms.front());
  for (const Arm& arm : protocol_.arms) {
    const auto other = blinded_schedule(arm);
    if (other == first) continue;
    std::string differ;  // the visits, in protocol order, that one arm has and the other lacks or has otherwise
    for (const Visit& v : protocol_.visits) {
      const auto a = first.find(v.id);
      const auto b = other.find(v.id);
      const bool same = (a == first.end()) == (b == other.end()) && (a == first.end() || a->second == b->second);
      if (!same) differ += (differ.empty() ? "" : ", ") + v.id;
    }
    throw InputError{"planner: error: --blind: arms " + protocol_.arms.front().id + " and " + arm.id + " of " +
                     protocol_.study.id + " differ at visit" + (differ.find(',') == std::string::npos ? " " : "s ") +
                     differ + ": a calendar without arm names would still reveal the arm"};
  }
}

std::string IcsWriter::calendar_name(const std::string& subject) const {
  const std::string study = options_.blind ? "Study visits" : protocol_.study.id;
  return subject.empty() ? study : study + ": " + subject;
}

std::string IcsWriter::begin(const std::string& name) const {
  std::string text = ical().calendar("-//planner//planner " PLANNER_VERSION "//EN", name);
  return text.substr(0, text.rfind("END:VCALENDAR"));  // the events go before it
}

std::string IcsWriter::activity_text(const Visit& v, const std::string& arm) const {
  return visit_activities_text(protocol_, v, arm, options_.blind);
}

IcsWriter::VisitText IcsWriter::visit_text(const Visit& v, const std::string& arm) const {
  const std::string activities = activity_text(v, arm);
  VisitPieces raw{v.label + " (" + v.id + ")", "Visit: " + v.id + " - " + v.label + "\n",
                  activities.empty() ? "" : "Activities: " + activities + "\n"};
  VisitPieces text{escaped(raw.summary), escaped(raw.visit), escaped(raw.activities)};
  return {std::move(raw), std::move(text)};
}

void IcsWriter::description_head(std::string& out, const Subject& s) const {
  if (!options_.blind) out.append("Study: "sv).append(protocol_.study.id) += '\n';
  if (!s.id.empty()) out.append("Subject: "sv).append(s.id) += '\n';
  if (!options_.blind) out.append("Arm: "sv).append(s.arm) += '\n';
}

void IcsWriter::describe(std::string& out, std::string_view head, const Subject& s, const PlannedVisit& pv,
                         const VisitPieces& text, bool escape) const {
  const std::string_view newline = escape ? "\\n"sv : "\n"sv;
  out += head;
  out += text.visit;
  if (in_supported_range(pv.earliest) && in_supported_range(pv.latest) && in_supported_range(pv.target)) {
    // One copy, the dates from the date table.
    constexpr std::string_view kWindow = "Window: YYYY-MM-DD to YYYY-MM-DD (target YYYY-MM-DD";
    std::array<char, kWindow.size()> window{};
    std::copy(kWindow.begin(), kWindow.end(), window.begin());
    const DateTexts& dates = date_texts();
    std::size_t at = 0;
    for (const Date d : {pv.earliest, pv.latest, pv.target}) {
      at = kWindow.find('Y', at);
      std::copy_n(dates.text(d).data(), 10, window.data() + at);
      at += 10;
    }
    out.append(window.data(), window.size());
  } else {
    out += "Window: "sv;
    append_iso_date(out, pv.earliest);
    out += " to "sv;
    append_iso_date(out, pv.latest);
    out += " (target "sv;
    append_iso_date(out, pv.target);
  }
  out += escape ? "\\, study day "sv : ", study day "sv;
  append_number(out, pv.study_day(s.day1).number());
  out += ')';
  out += newline;
  append_status_note(out, pv, escape);
  out += text.activities;
  out.resize(out.size() - newline.size());  // the last line's
}

void IcsWriter::revise(CalendarEvent& shown, date::sys_seconds stamp) const {
  shown.sequence = 0;
  shown.stamp = stamp;
  if (!options_.previous) return;
  const CalendarEvent* before = options_.previous->find(shown.uid);
  if (!before) return;
  replanned_[static_cast<std::size_t>(before - options_.previous->events.data())].store(true,
                                                                                        std::memory_order_relaxed);
  const bool unchanged = before->shows_as(shown);
  shown.sequence = before->sequence + (unchanged ? 0 : 1);
  if (unchanged) shown.stamp = before->stamp;
}

void IcsWriter::append(std::string& out, const Subject& s, const std::vector<PlannedVisit>& visits) const {
  write(out, s, visits, nullptr);
}

namespace {

// The byte a shared text has for each byte of the id (IcsWriter::append with a memo). A text of the protocol or
// a site with it would add to the count of them, and the text would not be shared.
constexpr char kIdByte = '\x01';

// Whether every line with `id` in it is written and folded the same whatever its bytes (as with kIdByte): printable
// ASCII that is neither escaped (append_text) nor a place to fold (fold_point).
bool plain_id(std::string_view id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return c > ' ' && c < '\x7F' && c != ';' && c != ',' && c != '\\' && c != ':';
  });
}

}  // namespace

void IcsWriter::append(std::string& out, const Subject& s, const std::vector<PlannedVisit>& visits, CalendarMemo& memo,
                       std::uint64_t alike) const {
  if (options_.previous || !plain_id(s.id) || !memo.in_use()) return write(out, s, visits, nullptr);
  const CalendarMemo::Entry* e = memo.find(s, visits, nullptr, alike);
  if (!e || e->id_size != s.id.size()) {
    CalendarMemo::Entry& added = memo.add(s, visits, nullptr, alike);
    Subject stand_in = s;
    stand_in.id.assign(s.id.size(), kIdByte);
    write(added.text, stand_in, visits, &added.uids);
    for (std::size_t at = 0; (at = added.text.find(kIdByte, at)) != std::string::npos; ++at)
      added.id_bytes.push_back(at);
    // The id is in each event's SUMMARY and DESCRIPTION and in each reminder's DESCRIPTION; any other kIdByte (in a
    // text of the protocol), or events written otherwise than by append_escaped, and the text is not shared.
    const std::size_t ids = visits.size() * (2 + trigger_lines_.size());
    if (added.uids.size() != visits.size() || added.id_bytes.size() != ids * s.id.size())
      return write(out, s, visits, nullptr);  // (added.id_size stays 0: no plain id takes the entry)
    added.id_size = s.id.size();
    e = &added;
  }
  char* text = CalendarMemo::copy(out, *e);
  for (std::size_t i = 0; i < e->id_bytes.size(); ++i) text[e->id_bytes[i]] = s.id[i % s.id.size()];
  const UidHash uid{protocol_.study.id, s.id};
  for (std::size_t i = 0; i < e->uids.size(); ++i) uid.write(text + e->uids[i], protocol_.visits[visits[i].visit].id);
}

void IcsWriter::write(std::string& out, const Subject& s, const std::vector<PlannedVisit>& visits,
                      std::vector<std::size_t>* uids) const {
  const date::sys_seconds stamp = stamp_.value_or(date::sys_seconds{s.day1});  // default: Day 1, 00:00Z
  const Arm* arm = protocol_.find_arm(s.arm);
  std::vector<VisitText> other;  // an arm the protocol does not have (never from a roster): made here
  if (!arm)
    for (const Visit& v : protocol_.visits) other.push_back(visit_text(v, s.arm));
  const std::vector<VisitText>& texts = arm ? text_[static_cast<std::size_t>(arm - protocol_.arms.data())] : other;
  CalendarEvent shown;  // reused for every visit: its strings keep their memory
  shown.location = s.site;
  const Site* site = nullptr;
  if (options_.sites)
    for (const Site& candidate : *options_.sites)
      if (candidate.id == s.site) site = &candidate;
  if (site && !site->name.empty()) shown.location = site->name;
  // A NUL ends a text where libical writes it (append_text), so text escaped in pieces would go on past it.
  const bool nul = has_nul_ || has_nul(s.id) || has_nul(s.arm) || has_nul(shown.location);
  if (!options_.previous && !nul) {
    append_escaped(out, s, visits, texts, site, shown, stamp, uids);
    return;
  }
  std::string head;
  description_head(head, s);
  shown.reminders = triggers_;
  const std::string summary = s.id.empty() ? "" : s.id + ": ";
  const UidHash uid{protocol_.study.id, s.id};
  for (const PlannedVisit& pv : visits) {
    const Visit& v = protocol_.visits[pv.visit];
    const VisitText& text = texts[pv.visit];
    shown.uid.clear();
    uid.append(shown.uid, v.id);
    set_time(shown, v, pv, s.arm, site);
    shown.summary.assign(summary) += text.raw.summary;
    shown.description.clear();
    describe(shown.description, head, s, pv, text.raw, false);
    shown.status = pv.status == VisitStatus::conflict ? "TENTATIVE" : "CONFIRMED";
    revise(shown, stamp);
    append_ics_event(out, shown);
    note_zone(shown);
  }
}

void IcsWriter::append_escaped(std::string& out, const Subject& s, const std::vector<PlannedVisit>& visits,
                               const std::vector<VisitText>& texts, const Site* site, CalendarEvent& shown,
                               date::sys_seconds stamp, std::vector<std::size_t>* uids) const {
  // A subject's texts, escaped; each thread keeps their memory from one subject to the next.
  thread_local struct { std::string revision, location, head, summary, line; } t;
  t.revision.assign("DTSTAMP:"sv);  // and SEQUENCE: every event is new
  append_ical_utc(t.revision, stamp);
  t.revision += "\r\nSEQUENCE:0\r\n"sv;
  t.location.clear();
  if (!shown.location.empty()) {
    t.line.assign("LOCATION:"sv);
    append_text(t.line, shown.location);
    t.line += "\r\n"sv;
    append_folded(t.location, t.line);
  }
  t.line.clear();
  description_head(t.line, s);
  t.head.clear();
  append_text(t.head, t.line);
  t.summary.clear();
  if (!s.id.empty()) {
    append_text(t.summary, s.id);
    t.summary += ": "sv;
  }
  const UidHash uid{protocol_.study.id, s.id};
  std::string& line = t.line;  // each folded line, whole
  const auto fold = [&](std::string_view name, std::string_view text) {
    line.assign(name).append(t.summary).append(text) += "\r\n"sv;
    append_folded(out, line);
  };
  constexpr std::string_view kBegin = "BEGIN:VEVENT\r\nUID:"sv;
  std::array<char, kBegin.size() + 36 + 2> begin{};  // the UID written into it for each event
  std::copy(kBegin.begin(), kBegin.end(), begin.begin());
  begin[begin.size() - 2] = '\r';
  begin[begin.size() - 1] = '\n';
  for (const PlannedVisit& pv : visits) {
    const Visit& v = protocol_.visits[pv.visit];
    const VisitPieces& text = texts[pv.visit].escaped;
    uid.write(begin.data() + kBegin.size(), v.id);
    if (uids) uids->push_back(out.size() + kBegin.size());
    out.append(begin.data(), begin.size());
    out += t.revision;
    set_time(shown, v, pv, s.arm, site);
    append_event_dates(out, shown);
    fold("SUMMARY:"sv, text.summary);
    line.assign("DESCRIPTION:"sv);
    describe(line, t.head, s, pv, text, true);
    line += "\r\n"sv;
    append_folded(out, line);
    out += t.location;
    out += pv.status == VisitStatus::conflict ? "STATUS:TENTATIVE\r\nTRANSP:TRANSPARENT\r\n"sv
                                              : "STATUS:CONFIRMED\r\nTRANSP:TRANSPARENT\r\n"sv;
    for (const std::string& trigger : trigger_lines_) {
      out += "BEGIN:VALARM\r\nACTION:DISPLAY\r\n"sv;
      out += trigger;
      fold("DESCRIPTION:"sv, text.summary);
      out += "END:VALARM\r\n"sv;
    }
    out += "END:VEVENT\r\n"sv;
    note_zone(shown);
  }
}

void IcsWriter::set_time(CalendarEvent& shown, const Visit& v, const PlannedVisit& pv, const std::string& arm,
                         const Site* site) const {
  shown.start = pv.scheduled;
  shown.end = pv.scheduled + Days{1};
  shown.start_time = appointment_time(v, site);
  shown.end_time.reset();
  shown.zone.clear();
  if (!shown.start_time) return;
  shown.zone = site ? site->time_zone : options_.time_zone;
  shown.end = shown.start;
  if (const auto length = visit_length(protocol_, v, arm)) {
    const Minutes end = *shown.start_time + *length;  // may pass midnight
    constexpr long kDay = 24L * 60;
    shown.end = shown.start + Days{end.count() / kDay};
    shown.end_time = TimeOfDay{Minutes{end.count() % kDay}};
  }
}

void IcsWriter::note_zone(const CalendarEvent& shown) const {
  if (!shown.start_time || shown.zone.empty()) return;
  const std::lock_guard<std::mutex> lock{zones_mutex_};
  const auto it = zones_.try_emplace(shown.zone, shown.start, shown.end).first;
  it->second.first = std::min(it->second.first, shown.start);
  it->second.second = std::max(it->second.second, shown.end);
}

std::string IcsWriter::end() const {
  std::string out;
  if (options_.previous)
    for (std::size_t i = 0; i < replanned_.size(); ++i) {
      if (replanned_[i].load(std::memory_order_relaxed)) continue;
      CalendarEvent gone = options_.previous->events[i];
      if (gone.status != "CANCELLED") {  // cancelled now; one cancelled before stays as it was
        gone.status = "CANCELLED";
        gone.sequence += 1;
        gone.stamp = *stamp_;
        gone.reminders.clear();
      }
      append_ics_event(out, gone);
      note_zone(gone);
    }
  for (const auto& [zone, days] : zones_) append_vtimezone(out, zone, days.first, days.second);
  return out + "END:VCALENDAR\r\n";
}

std::string calendar_ics(const Protocol& p, const Subject& s, const std::vector<PlannedVisit>& visits,
                         const IcsOptions& options) {
  const IcsWriter writer{p, options};
  std::string out = writer.begin(writer.calendar_name(s.id));
  writer.append(out, s, visits);
  return out + writer.end();
}

}  // namespace planner
