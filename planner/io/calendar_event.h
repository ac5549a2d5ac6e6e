// An all-day event of an iCalendar file as planner writes it (io/write/ical.h) and reads it back from a calendar
// issued before (`calendar --format ics --previous old.ics`, io/read/previous_calendar.h): its revision
// (SEQUENCE, DTSTAMP) and what it shows. Apps keep an event they already have unless the new copy has a higher
// SEQUENCE (or, at equal SEQUENCE, a later DTSTAMP), so the writer (ical.h) compares every re-planned event with
// the previous event of the same UID:
//
//   previous event                           re-planned               written
//   UID:8d3c… SEQUENCE:2 DTSTART:20260119    same date and text       SEQUENCE:2, the previous DTSTAMP
//   UID:8d3c… SEQUENCE:2 DTSTART:20260119    moved to 2026-01-20      SEQUENCE:3, the new DTSTAMP
//   UID:41aa… SEQUENCE:0 DTSTART:20260302    no longer planned        STATUS:CANCELLED, SEQUENCE:1, new DTSTAMP
//   (none)                                   a new visit              SEQUENCE:0, the new DTSTAMP
//
// The texts are as an app shows them (unfolded, unescaped): "S01: Week 2 (W2)".
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "planner/core/date.h"
#include "planner/core/time_of_day.h"

namespace planner {

struct CalendarEvent {
  std::string uid;
  int sequence = 0;         // 0 when the event had no SEQUENCE (RFC 5545's default)
  date::sys_seconds stamp;  // DTSTAMP (UTC)
  Date start;               // DTSTART (all day)
  Date end;                 // DTEND (exclusive); start + 1 day when the event had none
  // A timed event (a visit with a time of day): DTSTART is `start` at `start_time`, DTEND `end` at `end_time`
  // (no DTEND when end_time is nullopt: the visit's length is unknown), local time in `zone` (the TZID; "":
  // floating time, the same wall-clock time wherever the reader is). All day when start_time is nullopt.
  std::optional<TimeOfDay> start_time;
  std::optional<TimeOfDay> end_time;
  std::string zone;
  std::string summary;  // "" when absent, as are the others
  std::string description;
  std::string location;
  std::string status;                  // "CONFIRMED", "TENTATIVE", "CANCELLED"
  std::vector<std::string> reminders;  // its alarms' TRIGGER durations, as libical writes them: "-P1D"
  int line = 0;                        // of its BEGIN:VEVENT in a file read, for messages

  // Whether an app would show the two alike: same dates, texts, status and reminders (revision and line aside).
  bool shows_as(const CalendarEvent& other) const {
    return start == other.start && end == other.end && start_time == other.start_time && end_time == other.end_time &&
           zone == other.zone && summary == other.summary && description == other.description &&
           location == other.location && status == other.status && reminders == other.reminders;
  }
};

// The events of a calendar issued before.
struct PreviousCalendar {
  std::vector<CalendarEvent> events;                    // in file order; each UID once
  std::unordered_map<std::string, std::size_t> by_uid;  // UID -> index into events

  // The event with this UID, or null.
  const CalendarEvent* find(const std::string& uid) const {
    const auto it = by_uid.find(uid);
    return it == by_uid.end() ? nullptr : &events[it->second];
  }
};

}  // namespace planner
