// Calendars as iCalendar (RFC 5545), written with libical: what a coordinator or a participant imports into
// the calendar app they already use.
//
// One VEVENT per planned visit, all day on its scheduled (proposed) date:
//
//   BEGIN:VEVENT
//   UID:8d3c1f0e-…                       UUID v5 of protocol id, subject and visit id: re-importing an
//                                        updated calendar updates the event instead of adding a second one
//   DTSTAMP:20261125T090000Z             --stamp, else the subject's Day 1 at 00:00 UTC (deterministic)
//   DTSTART;VALUE=DATE:20260119          the scheduled date; DTEND is the next day (exclusive)
//   SUMMARY:S01: Week 2 (W2)
//   DESCRIPTION:Study: …\nSubject: S01\nArm: …\nWindow: 2026-01-17 to 2026-01-21 (target …, study day 15)…
//   STATUS:CONFIRMED                     TENTATIVE for a visit in conflict (no open day in its window)
//   BEGIN:VALARM … TRIGGER:-P1D …        one per --remind duration
//
// Blinded calendars (--blind) are for participants of a blinded trial: no arm, no product, route, amount or
// dose label, no study title; dose activities read "study treatment". A blinded calendar must not depend on
// the arm at all, so the writer refuses (InputError) a protocol whose arms differ in any visit, timing or
// non-dose activity: such a calendar would unblind by its mere shape.
//
// Visits have no time of day in protocol format 1, so every event is all day (a floating DATE): no time zone
// is needed.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "planner/core/protocol.h"
#include "planner/core/scheduler.h"
#include "planner/core/site.h"
#include "planner/core/subject.h"

namespace planner {

struct IcsOptions {
  // DTSTAMP as a UTC date-time "2026-11-25T09:00:00Z" or "20261125T090000Z"; empty: each subject's Day 1 at
  // 00:00:00Z. Give the time of issue when sending an updated calendar, so that apps take the newer events.
  std::string stamp;
  // Reminders, each a duration before the visit's day starts: "P1D", "PT18H", "P1DT12H" (RFC 5545 durations).
  std::vector<std::string> reminders;
  bool blind = false;
  // Sites of a roster run (for LOCATION: the site's name); may be null: LOCATION is the subject's site id.
  const std::vector<Site>* sites = nullptr;
};

// Turns planned visits into iCalendar text. Thread-safe once constructed (append is const).
class IcsWriter {
 public:
  // InputError (naming the option) for a malformed stamp or reminder, or when --blind is asked of a protocol
  // whose arms do not share one blinded schedule.
  IcsWriter(const Protocol& protocol, IcsOptions options);

  // BEGIN:VCALENDAR with VERSION, PRODID, METHOD:PUBLISH and X-WR-CALNAME (`name`).
  std::string begin(const std::string& name) const;
  // The VEVENTs of one subject.
  void append(std::string& out, const Subject& subject, const std::vector<PlannedVisit>& visits) const;
  std::string end() const;

  // The calendar name: "<study id>" ("<study id>: <subject>"), or "Study visits" when blinded.
  std::string calendar_name(const std::string& subject) const;

 private:
  std::string description(const Subject& subject, const PlannedVisit& pv) const;
  std::string activity_text(const Visit& visit, const std::string& arm) const;
  // What the calendar shows of an arm's schedule (label, timing, window, activities) by visit id; under
  // --blind, equal for every arm.
  std::map<std::string, std::string> blinded_schedule(const Arm& arm) const;
  void check_blindable() const;  // InputError naming every visit where two arms differ

  const Protocol& protocol_;
  IcsOptions options_;
  std::vector<std::string> reminders_;      // normalised "P1D"
  std::optional<date::sys_seconds> stamp_;  // --stamp
};

// One subject's calendar: begin + events + end.
std::string calendar_ics(const Protocol& protocol, const Subject& subject, const std::vector<PlannedVisit>& visits,
                         const IcsOptions& options);

}  // namespace planner
