#include "planner/io/read/previous_calendar.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <memory>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "planner/core/error.h"
#include "planner/io/ical_library.h"
#include "planner/io/module.h"
#include "planner/io/read/input_file.h"
#include "planner/io/source_text.h"

namespace planner {
namespace {

// A content line, unfolded, and where it starts in the file.
struct ContentLine {
  std::string text;
  int line = 0;
  std::size_t first_length = 0;  // bytes of it on its first physical line
};

// libical, loaded the first time a previous calendar is read (io/module.h).
const IcalLibrary& ical() {
  static const IcalLibrary& library = module_library<IcalLibrary>("ical", "--previous");
  return library;
}

int columns(std::string_view text) {  // UTF-8 code points
  return static_cast<int>(std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::vector<ContentLine> unfold(const SourceText& src) {
  std::vector<ContentLine> out;
  std::string_view rest = src.text();
  if (rest.starts_with("\xEF\xBB\xBF")) rest.remove_prefix(3);
  for (int line = 1; !rest.empty(); ++line) {
    const auto nl = rest.find('\n');
    std::string_view content = rest.substr(0, nl);
    rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
    if (content.ends_with('\r')) content.remove_suffix(1);
    if (content.starts_with(' ') || content.starts_with('\t')) {
      if (out.empty()) throw InputError{src.error(line, 1, "a folded line continues no content line")};
      out.back().text += content.substr(1);
    } else if (!content.empty()) {
      out.push_back({std::string{content}, line, content.size()});
    }
  }
  return out;
}

// "DTSTART;VALUE=DATE:20260119" -> "DTSTART" (names are case-insensitive: upper-cased).
std::string property_name(const std::string& text) {
  std::string name = text.substr(0, text.find_first_of(";:"));
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::toupper(c); });
  return name;
}

class Reader {
 public:
  explicit Reader(const SourceText& src) : src_{src} {}

  PreviousCalendar read() {
    const std::vector<ContentLine> lines = unfold(src_);
    for (const ContentLine& cl : lines) {
      if (done_) fail(cl, 1, "nothing may follow END:VCALENDAR");
      const std::string name = property_name(cl.text);
      const std::string value = cl.text.substr(std::min(cl.text.size(), name.size() + 1));
      if (name == "BEGIN")
        begin(cl, value);
      else if (name == "END")
        end(cl, value);
      else if (open_.empty())
        fail(cl, 1, "expected BEGIN:VCALENDAR (an iCalendar file, as calendar --format ics writes)");
      else if (open_.size() == 2 && open_[1].first == "VEVENT")
        property(cl, name);
      else if (open_.size() == 3 && open_[1].first == "VEVENT" && open_[2].first == "VALARM" && name == "TRIGGER")
        event_.reminders.push_back(trigger(cl));
    }
    if (lines.empty()) throw InputError{src_.error(0, 0, "expected an iCalendar file, got an empty file")};
    if (!open_.empty())
      throw InputError{
          src_.error(open_.back().second, 1, "BEGIN:" + open_.back().first + " has no END:" + open_.back().first)};
    return std::move(out_);
  }

 private:
  [[noreturn]] void fail(const ContentLine& cl, int column, const std::string& what) const {
    throw InputError{src_.error(cl.line, column, what)};
  }
  // The column of the value (after the first ':'), when it is on the first physical line; else 1.
  static int value_column(const ContentLine& cl) {
    const auto colon = cl.text.find(':');
    return colon != std::string::npos && colon + 1 < cl.first_length ? columns(cl.text.substr(0, colon + 1)) + 1 : 1;
  }

  void begin(const ContentLine& cl, const std::string& component) {
    if (open_.empty() && component != "VCALENDAR")
      fail(cl, 1, "expected BEGIN:VCALENDAR (an iCalendar file, as calendar --format ics writes)");
    open_.emplace_back(component, cl.line);
    if (open_.size() == 2 && component == "VEVENT") {
      event_ = CalendarEvent{};
      event_.line = cl.line;
      seen_.clear();
    }
  }

  void end(const ContentLine& cl, const std::string& component) {
    if (open_.empty() || open_.back().first != component)
      fail(cl, value_column(cl),
           open_.empty() ? "END:" + component + " without BEGIN:" + component
                         : "expected END:" + open_.back().first + " (BEGIN:" + open_.back().first + " is on line " +
                               std::to_string(open_.back().second) + "), got END:" + component);
    if (open_.size() == 2 && component == "VEVENT") finish_event(cl);
    open_.pop_back();
    done_ = open_.empty();
  }

  void finish_event(const ContentLine& cl) {
    for (const char* required : {"UID", "DTSTAMP", "DTSTART"})
      if (!seen_.contains(required))
        throw InputError{src_.error(event_.line, 1,
                                    "this event (ending on line " + std::to_string(cl.line) + ") has no " + required +
                                        ": expected the events of a calendar planner wrote")};
    if (!seen_.contains("DTEND")) event_.end = event_.start_time ? event_.start : event_.start + Days{1};
    if (const auto [it, added] = out_.by_uid.emplace(event_.uid, out_.events.size()); !added)
      throw InputError{src_.error(uid_line_, 1,
                                  "UID " + quoted(event_.uid) + " is also the event on line " +
                                      std::to_string(out_.events[it->second].line) + ": each event has its own UID")};
    out_.events.push_back(std::move(event_));
  }

  IcalProperty parsed(const ContentLine& cl, const std::string& name) const {
    IcalProperty p = ical().property(cl.text);
    if (!p.read) fail(cl, 1, "cannot read this " + name + " property");
    return p;
  }

  void property(const ContentLine& cl, const std::string& name) {
    static const std::vector<std::string> kRead{"UID",     "DTSTAMP",     "SEQUENCE", "DTSTART", "DTEND",
                                                "SUMMARY", "DESCRIPTION", "LOCATION", "STATUS"};
    if (std::find(kRead.begin(), kRead.end(), name) == kRead.end()) return;
    if (!seen_.insert(name).second) fail(cl, 1, "a second " + name + " in this event");
    const IcalProperty p = parsed(cl, name);
    if (name == "UID") {
      event_.uid = p.text;
      uid_line_ = cl.line;
      if (event_.uid.empty()) fail(cl, value_column(cl), "expected a UID, got nothing");
    } else if (name == "SEQUENCE") {
      const std::string value = cl.text.substr(cl.text.find(':') + 1);
      if (value.empty() || value.size() > 9 || value.find_first_not_of("0123456789") != std::string::npos)
        fail(cl, value_column(cl), "expected SEQUENCE as a number such as 2, got " + quoted(value));
      event_.sequence = std::stoi(value);
    } else if (name == "DTSTAMP") {
      event_.stamp = utc(cl, p.time);
    } else if (name == "DTSTART" || name == "DTEND") {
      const IcalTime& t = p.time;
      (name == "DTSTART" ? event_.start : event_.end) = day(cl, t, name);
      if (!t.is_date) {  // a timed event: local time, in the zone of its TZID (none: floating)
        (name == "DTSTART" ? event_.start_time : event_.end_time) = TimeOfDay{Minutes{t.hour * 60 + t.minute}};
        event_.zone = p.tzid;
      }
    } else if (name == "SUMMARY") {
      event_.summary = p.text;
    } else if (name == "DESCRIPTION") {
      event_.description = p.text;
    } else if (name == "LOCATION") {
      event_.location = p.text;
    } else {
      event_.status = p.text;
      if (event_.status != "CONFIRMED" && event_.status != "TENTATIVE" && event_.status != "CANCELLED")
        fail(cl, value_column(cl), "expected STATUS CONFIRMED, TENTATIVE or CANCELLED, got " + quoted(event_.status));
    }
  }

  std::optional<Date> valid(const IcalTime& t) const {
    const date::year_month_day ymd{date::year{t.year}, date::month{static_cast<unsigned>(t.month)},
                                   date::day{static_cast<unsigned>(t.day)}};
    if (!ymd.ok() || Date{ymd} < kFirstDate || Date{ymd} > kLastDate) return std::nullopt;
    return Date{ymd};
  }

  Date day(const ContentLine& cl, const IcalTime& t, const std::string& name) const {
    const auto d = valid(t);
    if (!d || t.is_utc || t.hour > 23 || t.minute > 59 || t.second != 0)
      fail(cl, value_column(cl),
           "expected an all-day date such as " + name + ";VALUE=DATE:20260119 or a local time such as " + name +
               ";TZID=Europe/Berlin:20260119T090000 (between 1900 and 2200)");
    return *d;
  }

  date::sys_seconds utc(const ContentLine& cl, const IcalTime& t) const {
    const auto d = valid(t);
    if (t.is_date || !t.is_utc || !d || t.hour > 23 || t.minute > 59 || t.second > 60)
      fail(cl, value_column(cl), "expected a UTC date and time such as DTSTAMP:20261125T090000Z");
    return date::sys_seconds{*d} + std::chrono::hours{t.hour} + std::chrono::minutes{t.minute} +
           std::chrono::seconds{t.second};
  }

  std::string trigger(const ContentLine& cl) const {
    IcalProperty p = parsed(cl, "TRIGGER");
    if (p.duration.empty() || !p.time.is_null) fail(cl, value_column(cl), "expected a TRIGGER duration such as -P1D");
    return std::move(p.duration);
  }

  const SourceText& src_;
  PreviousCalendar out_;
  std::vector<std::pair<std::string, int>> open_;  // components open, with their BEGIN line
  CalendarEvent event_;
  std::set<std::string> seen_;  // properties of event_ read so far
  int uid_line_ = 0;
  bool done_ = false;
};

}  // namespace

PreviousCalendar parse_previous_calendar(const std::string& text, const std::string& name) {
  const SourceText src{name, text};
  return Reader{src}.read();
}

PreviousCalendar load_previous_calendar(const std::string& path) {
  return parse_previous_calendar(read_file(path), path);
}

}  // namespace planner
