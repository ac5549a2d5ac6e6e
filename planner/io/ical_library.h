// What libical does for planner's iCalendar, behind an interface of planner's own: the planner-ical module
// (ical_library.cc, linked with libical and through it ICU, loaded when a command reads or writes iCalendar:
// io/module.h) implements it; the calendar writer (write/ical.h) and the reader of a previous calendar
// (read/previous_calendar.h) use it. No libical type crosses it, so the program itself never links libical.
//
//   const auto& ical = module_library<IcalLibrary>("ical", "iCalendar");
//   ical.duration("P1DT0H")                        -> "P1D"        (nullopt: not a duration libical accepts)
//   ical.calendar("-//planner//planner 0.1.0//EN", "NAHM2023")
//     ->
//     "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:…\r\nCALSCALE:GREGORIAN\r\nX-WR-CALNAME:NAHM2023\r\nEND:VCALENDAR\r\n"
//   ical.property("DTSTART;TZID=Europe/Berlin:20260119T090000")
//     -> {read, time {2026, 1, 19, 9, 0, 0, date: no, utc: no}, tzid "Europe/Berlin"}
#pragma once

#include <optional>
#include <string>

namespace planner {

// A DATE or DATE-TIME value as libical reads it (icaltimetype's fields).
struct IcalTime {
  int year = 0;
  int month = 0;
  int day = 0;
  int hour = 0;
  int minute = 0;
  int second = 0;
  bool is_date = false;  // a DATE (no time of day)
  bool is_utc = false;   // ends in Z
  bool is_null = true;   // no time at all (a TRIGGER that is a duration)
};

// One content line read by libical. What is filled depends on the property.
struct IcalProperty {
  bool read = false;     // false: libical cannot read the line
  std::string text;      // UID, SUMMARY, DESCRIPTION, LOCATION: the value (unescaped); STATUS: the value
  IcalTime time;         // DTSTAMP, DTSTART, DTEND; TRIGGER: a date-time trigger
  std::string tzid;      // DTSTART, DTEND: the TZID parameter, "" without one
  std::string duration;  // TRIGGER: the duration as libical writes it, "" when it is no good duration
};

class IcalLibrary {
 public:
  IcalLibrary() = default;
  IcalLibrary(const IcalLibrary&) = delete;
  IcalLibrary& operator=(const IcalLibrary&) = delete;
  IcalLibrary(IcalLibrary&&) = delete;
  IcalLibrary& operator=(IcalLibrary&&) = delete;
  virtual ~IcalLibrary() = default;

  // An RFC 5545 duration in libical's normal form; nullopt when libical cannot read it.
  virtual std::optional<std::string> duration(const std::string& text) const = 0;
  // An empty VCALENDAR with VERSION, PRODID, CALSCALE and X-WR-CALNAME, folded and with CRLF line ends.
  virtual std::string calendar(const std::string& prodid, const std::string& name) const = 0;
  // One unfolded content line "NAME;PARAM=…:VALUE".
  virtual IcalProperty property(const std::string& line) const = 0;
};

}  // namespace planner

// The module's entry (io/module.h).
extern "C" const planner::IcalLibrary* planner_ical_library();
