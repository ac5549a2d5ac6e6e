// Reading a calendar planner issued before (`calendar --format ics --previous old.ics`): its events, so that
// the update raises SEQUENCE where something changed and cancels what is no longer planned.
//
//   BEGIN:VCALENDAR
//   BEGIN:VEVENT
//   UID:8d3c1f0e-…                  required; each UID once in the file
//   DTSTAMP:20261125T090000Z        required, a UTC date and time
//   SEQUENCE:2                      optional (0), digits
//   DTSTART;VALUE=DATE:20260119     required, a DATE (planner's events are all day)
//   DTEND;VALUE=DATE:20260120       optional, a DATE
//   SUMMARY, DESCRIPTION, LOCATION, STATUS, and each VALARM's TRIGGER: what the event shows
//   END:VEVENT
//   END:VCALENDAR
//
// Content lines are unfolded (RFC 5545 3.1: CRLF or LF, then a space or tab), and each property is parsed by
// libical (parameters, escapes, values). Other properties and components (VTIMEZONE, VTODO) are skipped.
// Errors name file:line:col with the line and a caret (InputError, exit 2): a file that is no iCalendar,
// a BEGIN without its END, a property libical cannot read, a value of the wrong type, a duplicate UID.
#pragma once

#include <string>

#include "planner/io/calendar_event.h"

namespace planner {

PreviousCalendar parse_previous_calendar(const std::string& text, const std::string& name);
PreviousCalendar load_previous_calendar(const std::string& path);

}  // namespace planner
