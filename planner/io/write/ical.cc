#include "planner/io/write/ical.h"

#include <algorithm>
#include <boost/uuid/name_generator_sha1.hpp>
#include <boost/uuid/uuid_io.hpp>
#include <libical/ical.h>
#include <map>
#include <memory>
#include <sstream>

#include "planner/core/error.h"
#include "planner/io/iso8601.h"
#include "planner/io/source_text.h"
#include "planner/io/write/timing_text.h"

#ifndef PLANNER_VERSION
#define PLANNER_VERSION "unknown"
#endif

namespace planner {
namespace {

// Owns a libical component; the text of a component is taken with ical_text().
struct ComponentFree {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using Component = std::unique_ptr<icalcomponent, ComponentFree>;

std::string ical_text(icalcomponent* c) {
  char* text = icalcomponent_as_ical_string_r(c);  // folded at 75 octets, CRLF line ends
  std::string out{text};
  icalmemory_free_buffer(text);
  return out;
}

icaltimetype ical_date(Date d) {
  const date::year_month_day ymd{d};
  icaltimetype t = icaltime_null_date();
  t.year = static_cast<int>(ymd.year());
  t.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  t.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
  return t;
}

// The namespace of planner's name-based UUIDs: a fixed random UUID that must never change (every UID depends on it).
const boost::uuids::uuid kUidNamespace{
    {0x9b, 0x1d, 0x3a, 0x54, 0x60, 0x2f, 0x5e, 0x8c, 0xa4, 0x17, 0x0e, 0x63, 0x2b, 0xd5, 0x71, 0xc9}};

std::string event_uid(const Protocol& p, const Subject& s, const Visit& v) {
  // Unit separators keep ("a", "bc") and ("ab", "c") apart.
  const std::string name = p.study.id + '\x1f' + s.id + '\x1f' + v.id;
  return boost::uuids::to_string(boost::uuids::name_generator_sha1{kUidNamespace}(name));
}

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

// A UTC DATE-TIME.
icaltimetype ical_utc(date::sys_seconds t) {
  const Date day = date::floor<date::days>(t);
  const date::hh_mm_ss hms{t - day};
  icaltimetype out = ical_date(day);
  out.is_date = 0;
  out.hour = static_cast<int>(hms.hours().count());
  out.minute = static_cast<int>(hms.minutes().count());
  out.second = static_cast<int>(hms.seconds().count());
  out.zone = icaltimezone_get_utc_timezone();
  return out;
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
  const icaldurationtype d = icaldurationtype_from_string(text.c_str());
  if (icaldurationtype_is_bad_duration(d)) fail("not a duration libical accepts");
  char* normal = icaldurationtype_as_ical_string_r(d);
  std::string out{normal};
  icalmemory_free_buffer(normal);
  return out;
}

std::string plural_days(long n) { return std::to_string(n) + (n == 1 || n == -1 ? " day" : " days"); }

// One VEVENT: all day from start to end (exclusive), reminders as alarms showing the summary.
std::string event_text(const CalendarEvent& shown) {
  Component event{icalcomponent_new_vevent()};
  icalcomponent* e = event.get();
  icalcomponent_add_property(e, icalproperty_new_uid(shown.uid.c_str()));
  icalcomponent_add_property(e, icalproperty_new_dtstamp(ical_utc(shown.stamp)));
  icalcomponent_add_property(e, icalproperty_new_sequence(shown.sequence));
  icalcomponent_add_property(e, icalproperty_new_dtstart(ical_date(shown.start)));
  icalcomponent_add_property(e, icalproperty_new_dtend(ical_date(shown.end)));
  icalcomponent_add_property(e, icalproperty_new_summary(shown.summary.c_str()));
  if (!shown.description.empty())
    icalcomponent_add_property(e, icalproperty_new_description(shown.description.c_str()));
  if (!shown.location.empty()) icalcomponent_add_property(e, icalproperty_new_location(shown.location.c_str()));
  icalcomponent_add_property(e, icalproperty_new_status(icalproperty_string_to_status(shown.status.c_str())));
  icalcomponent_add_property(e, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
  for (const std::string& r : shown.reminders) {
    const icaltriggertype trigger{icaltime_null_time(), icaldurationtype_from_string(r.c_str())};
    icalcomponent* alarm = icalcomponent_vanew(ICAL_VALARM_COMPONENT, icalproperty_new_action(ICAL_ACTION_DISPLAY),
                                               icalproperty_new_trigger(trigger),
                                               icalproperty_new_description(shown.summary.c_str()), nullptr);
    icalcomponent_add_component(e, alarm);  // owned by the event from here
  }
  return ical_text(e);
}

}  // namespace

IcsWriter::IcsWriter(const Protocol& protocol, IcsOptions options) : protocol_{protocol}, options_{std::move(options)} {
  icaltimezone_get_utc_timezone();  // libical builds its UTC zone lazily: do it here, not in a worker thread
  if (!options_.stamp.empty()) stamp_ = parse_stamp(options_.stamp);
  for (const std::string& r : options_.reminders) reminders_.push_back(parse_reminder(r));
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
  Component cal{icalcomponent_vanew(ICAL_VCALENDAR_COMPONENT, icalproperty_new_version("2.0"),
                                    icalproperty_new_prodid("-//planner//planner " PLANNER_VERSION "//EN"),
                                    icalproperty_new_calscale("GREGORIAN"), nullptr)};
  icalproperty* calname = icalproperty_new_x(name.c_str());
  icalproperty_set_x_name(calname, "X-WR-CALNAME");
  icalcomponent_add_property(cal.get(), calname);
  std::string text = ical_text(cal.get());
  return text.substr(0, text.rfind("END:VCALENDAR"));  // the events go before it
}

std::string IcsWriter::activity_text(const Visit& v, const std::string& arm) const {
  return visit_activities_text(protocol_, v, arm, options_.blind);
}

std::string IcsWriter::description(const Subject& s, const PlannedVisit& pv) const {
  const Visit& v = protocol_.visits[pv.visit];
  std::string out;
  if (!options_.blind) out += "Study: " + protocol_.study.id + "\n";
  if (!s.id.empty()) out += "Subject: " + s.id + "\n";
  if (!options_.blind) out += "Arm: " + s.arm + "\n";
  out += "Visit: " + v.id + " - " + v.label + "\n";
  out += "Window: " + format_date(pv.earliest) + " to " + format_date(pv.latest) + " (target " +
         format_date(pv.target) + ", study day " + std::to_string(pv.study_day(s.day1).number()) + ")\n";
  switch (pv.status) {
    case VisitStatus::planned: break;
    case VisitStatus::shifted:
      out += "Moved " + plural_days(pv.shift().count()) + (pv.shift().count() < 0 ? " earlier" : " later") +
             " than the target (site closed or dose gap)\n";
      break;
    case VisitStatus::conflict:
      out += "CONFLICT: no day in the window is open and keeps the dose gap; shown on the target date\n";
      break;
    case VisitStatus::done: out += "Done on this date, in the window\n"; break;
    case VisitStatus::early: out += "Done on this date, before the window\n"; break;
    case VisitStatus::late: out += "Done on this date, after the window\n"; break;
  }
  const std::string activities = activity_text(v, s.arm);
  if (!activities.empty()) out += "Activities: " + activities + "\n";
  out.pop_back();
  return out;
}

CalendarEvent IcsWriter::revised(CalendarEvent shown, date::sys_seconds stamp) const {
  shown.sequence = 0;
  shown.stamp = stamp;
  if (!options_.previous) return shown;
  const CalendarEvent* before = options_.previous->find(shown.uid);
  if (!before) return shown;
  replanned_[static_cast<std::size_t>(before - options_.previous->events.data())].store(true,
                                                                                        std::memory_order_relaxed);
  const bool unchanged = before->shows_as(shown);
  shown.sequence = before->sequence + (unchanged ? 0 : 1);
  if (unchanged) shown.stamp = before->stamp;
  return shown;
}

void IcsWriter::append(std::string& out, const Subject& s, const std::vector<PlannedVisit>& visits) const {
  const date::sys_seconds stamp = stamp_.value_or(date::sys_seconds{s.day1});  // default: Day 1, 00:00Z
  std::string location = s.site;
  if (options_.sites)
    for (const Site& site : *options_.sites)
      if (site.id == s.site && !site.name.empty()) location = site.name;

  for (const PlannedVisit& pv : visits) {
    const Visit& v = protocol_.visits[pv.visit];
    CalendarEvent shown;
    shown.uid = event_uid(protocol_, s, v);
    shown.start = pv.scheduled;
    shown.end = pv.scheduled + Days{1};
    shown.summary = (s.id.empty() ? "" : s.id + ": ") + v.label + " (" + v.id + ")";
    shown.description = description(s, pv);
    shown.location = location;
    shown.status = pv.status == VisitStatus::conflict ? "TENTATIVE" : "CONFIRMED";
    for (const std::string& r : reminders_) shown.reminders.push_back("-" + r);
    out += event_text(revised(std::move(shown), stamp));
  }
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
      out += event_text(gone);
    }
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
