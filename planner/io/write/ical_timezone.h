// The VTIMEZONE of an IANA time zone (RFC 5545 3.6.5), for the timed events of a calendar
// (`DTSTART;TZID=Europe/Berlin:20260330T090000`): the zone's UTC offsets over the days the calendar covers, taken
// from the tz database through Hinnant's date/tz.h (the one planner already validates site time zones with).
//
// One observance (STANDARD, or DAYLIGHT while daylight-saving time is in force) per period of the zone that
// overlaps the days, each with the DTSTART of its onset in the local time before it, TZOFFSETFROM, TZOFFSETTO and
// TZNAME; no RRULE, so the component says exactly what the tz database says for those years, and a later change
// of the rules cannot make it wrong for them. Europe/Berlin over 2026-03-01..2026-04-30:
//
//   BEGIN:VTIMEZONE
//   TZID:Europe/Berlin
//   BEGIN:STANDARD
//   DTSTART:20251026T030000       the period in force on 2026-02-28 began 2025-10-26 at 03:00 CEST
//   TZOFFSETFROM:+0200
//   TZOFFSETTO:+0100
//   TZNAME:CET
//   END:STANDARD
//   BEGIN:DAYLIGHT
//   DTSTART:20260329T020000       2026-03-29 at 02:00 CET the clocks go forward
//   TZOFFSETFROM:+0100
//   TZOFFSETTO:+0200
//   TZNAME:CEST
//   END:DAYLIGHT
//   END:VTIMEZONE
//
// A zone without transitions in the days (Asia/Seoul) has one STANDARD observance, from its last change (1988 for
// Seoul) or from 1900-01-01 when that was earlier.
#pragma once

#include <string>

#include "planner/core/date.h"

namespace planner {

// Appends the VTIMEZONE of `zone` covering the days first..last (UTC days; the observances reach one day beyond
// either end, for local times on those days anywhere on earth). InputError for a zone the tz database lacks.
void append_vtimezone(std::string& out, const std::string& zone, Date first, Date last);

}  // namespace planner
