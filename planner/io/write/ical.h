// Calendars as iCalendar (RFC 5545): what a coordinator or a participant imports into the calendar app they
// already use. The events are written directly, octet for octet as libical 3.0 serialises them (libical is
// the reference in the tests and reads --previous); the calendar's header is built with libical.
//
// One VEVENT per planned visit, all day on its scheduled (proposed) date:
//
//   BEGIN:VEVENT
//   UID:8d3c1f0e-…                       UUID v5 of protocol id, subject and visit id: re-importing an
//                                        updated calendar updates the event instead of adding a second one
//   DTSTAMP:20261125T090000Z             --stamp, else the subject's Day 1 at 00:00 UTC (deterministic)
//   SEQUENCE:0                           the event's revision: raised when an update changes it (below)
//   DTSTART;VALUE=DATE:20260119          the scheduled date; DTEND is the next day (exclusive)
//   SUMMARY:S01: Week 2 (W2)
//   DESCRIPTION:Study: …\nSubject: S01\nArm: …\nWindow: 2026-01-17 to 2026-01-21 (target …, study day 15)…
//   STATUS:CONFIRMED                     TENTATIVE for a visit in conflict (no open day in its window)
//   BEGIN:VALARM … TRIGGER:-P1D …        one per --remind duration
//
// Blinded calendars (--blind) are for participants of a blinded trial: no arm, no product, route, amount or
// dose label, no study title; dose activities read "study treatment". A blinded calendar must not depend on
// the arm at all, so the writer refuses (InputError) a protocol whose arms differ in any visit, timing or
// non-dose activity: such a calendar would unblind by its mere shape. Planning depends on the arm only through
// the visits and doses that apply to it, so arms that pass this check are planned on the same dates too: a
// blinded calendar can be made without knowing the arm (calendar --blind needs no --arm).
//
// Updates (--previous, io/calendar_event.h): given the calendar issued before, an event whose date or text
// changed gets SEQUENCE + 1 and the new DTSTAMP, an unchanged one keeps its SEQUENCE and DTSTAMP, and an event
// of the previous calendar that is no longer planned comes out (after the others) as STATUS:CANCELLED with
// SEQUENCE + 1, its date and text kept, without reminders. Calendar apps replace an event of the same UID
// only by a higher SEQUENCE (or a later DTSTAMP), so without this a moved visit may stay on its old day.
//
// No METHOD property: METHOD:PUBLISH makes the file an iTIP message (RFC 5546), whose VEVENTs must have an
// ORGANIZER (libical's icalrestriction_check refuses them otherwise), and planner knows no organizer's
// address; an invented one would make apps offer replies to nobody. A calendar without METHOD is a plain
// iCalendar object, which calendar apps import and subscribe to alike.
//
// Visits without a time of day (every visit of a format 1 protocol) are all-day events (a floating DATE): no time
// zone is needed, for one subject as for a roster (a site's time_zone does not change an all-day date). A visit
// with a time (its own `time`, else its site's `visit_time`; protocol format 2) is a timed event at that local
// time on its scheduled date, lasting visit_length (no DTEND when unknown), in its site's time_zone (or
// IcsOptions::time_zone without sites) with the zone's VTIMEZONE (io/write/ical_timezone.h) written once per zone
// at the end of the calendar, covering the days of its events; without a zone, the time is floating:
//   DTSTART;TZID=Europe/Berlin:20260330T090000
//   DTEND;TZID=Europe/Berlin:20260330T094500
#pragma once

#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "planner/core/protocol.h"
#include "planner/core/scheduler.h"
#include "planner/core/site.h"
#include "planner/core/subject.h"
#include "planner/io/calendar_event.h"
#include "planner/io/write/calendar.h"

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
  // The calendar issued before (--previous), or null: every event has SEQUENCE 0. With it, `stamp` is needed
  // (the time of this update; the CLI gives the current time when --stamp is not given).
  const PreviousCalendar* previous = nullptr;
  // The IANA zone of timed events when there are no sites (calendar --timezone); "": floating local times.
  std::string time_zone = {};
};

// Turns planned visits into iCalendar text. Thread-safe once constructed (append is const).
class IcsWriter {
 public:
  // InputError (naming the option) for a malformed stamp or reminder, a previous calendar without a stamp, or
  // when --blind is asked of a protocol whose arms do not share one blinded schedule.
  IcsWriter(const Protocol& protocol, IcsOptions options);

  // BEGIN:VCALENDAR with VERSION, PRODID, CALSCALE and X-WR-CALNAME (`name`).
  std::string begin(const std::string& name) const;
  // The VEVENTs of one subject. May run on several threads at once.
  void append(std::string& out, const Subject& subject, const std::vector<PlannedVisit>& visits) const;
  // The same through `memo` (a thread's; `alike`: PlannedSubject::alike). A subject like one before (CalendarMemo)
  // whose id has that one's length and is plain ASCII (nothing to escape, nowhere to fold) costs a copy of the
  // events' text with its id put in and its UIDs hashed: its id changes no line's folding. Not with --previous.
  void append(std::string& out, const Subject& subject, const std::vector<PlannedVisit>& visits, CalendarMemo& memo,
              std::uint64_t alike = 0) const;
  // The cancelled events (those of the previous calendar no append wrote), then END:VCALENDAR. Once all
  // appends are done.
  std::string end() const;

  // The calendar name: "<study id>" ("<study id>: <subject>"), or "Study visits" when blinded.
  std::string calendar_name(const std::string& subject) const;

 private:
  // The text of a visit that depends only on the protocol and the arm, made once (the constructor).
  struct VisitPieces {
    std::string summary;     // "label (id)"
    std::string visit;       // "Visit: id - label\n"
    std::string activities;  // "Activities: …\n", or "" without activities
  };
  struct VisitText {
    VisitPieces raw;      // as an app shows them (CalendarEvent)
    VisitPieces escaped;  // as a content line has them: "Visit: W2 - Week 2\\n"
  };
  VisitText visit_text(const Visit& visit, const std::string& arm) const;
  // Appends "Study: …\nSubject: …\nArm: …\n", as far as --blind and the subject's id let it.
  void description_head(std::string& out, const Subject& subject) const;
  // Appends the event's DESCRIPTION: `head`, then the visit's; `text` and `head` raw or escaped (`escape`).
  void describe(std::string& out, std::string_view head, const Subject& subject, const PlannedVisit& pv,
                const VisitPieces& text, bool escape) const;
  // append(), telling where each event's UID is when `uids` is given and the events are written by append_escaped.
  void write(std::string& out, const Subject& subject, const std::vector<PlannedVisit>& visits,
             std::vector<std::size_t>* uids) const;
  // The events of one subject written from text escaped once (the visits' texts per arm, the subject's per call):
  // no escaping per event. For a calendar without --previous (every event new); `shown` has the location.
  void append_escaped(std::string& out, const Subject& subject, const std::vector<PlannedVisit>& visits,
                      const std::vector<VisitText>& texts, const Site* site, CalendarEvent& shown,
                      date::sys_seconds stamp, std::vector<std::size_t>* uids) const;
  std::string activity_text(const Visit& visit, const std::string& arm) const;
  // Gives `shown` the revision the previous calendar calls for (a new event: SEQUENCE 0 at `stamp`).
  void revise(CalendarEvent& shown, date::sys_seconds stamp) const;
  // What the calendar shows of an arm's schedule (label, timing, window, activities) by visit id; under
  // --blind, equal for every arm.
  std::map<std::string, std::string> blinded_schedule(const Arm& arm) const;
  void check_blindable() const;  // InputError naming every visit where two arms differ
  // A timed event's start, end and zone for the visit (site: the subject's, or null); all day without a time.
  void set_time(CalendarEvent& shown, const Visit& visit, const PlannedVisit& pv, const std::string& arm,
                const Site* site) const;
  void note_zone(const CalendarEvent& shown) const;  // the days each zone's VTIMEZONE must cover

  const Protocol& protocol_;
  IcsOptions options_;
  std::vector<std::string> triggers_;         // the reminders, normalised: "-P1D"
  std::vector<std::string> trigger_lines_;    // their TRIGGER lines, folded
  bool has_nul_ = false;                      // in a text of the protocol: no escaping in pieces (append)
  std::vector<std::vector<VisitText>> text_;  // [arm index][visit index]
  std::optional<date::sys_seconds> stamp_;    // --stamp
  // Which events of the previous calendar were written by append (index into its events).
  mutable std::vector<std::atomic<bool>> replanned_;
  mutable std::mutex zones_mutex_;
  mutable std::map<std::string, std::pair<Date, Date>> zones_;  // zone -> the first and last days of its events
};

// The UID of a subject's event: the name-based UUID (version 5, RFC 4122) of "study\x1fsubject\x1fvisit" in
// planner's fixed namespace, so that it stays the same on every run:
//   ics_uid("nahm2023-autologous-serum-ad", "S0000000", "SCR")  ->  "8c7e72ae-3f11-5e61-83ae-287f3e28617e"
std::string ics_uid(std::string_view study, std::string_view subject, std::string_view visit);

// Appends one VEVENT (with a VALARM per reminder), folded at 75 octets and escaped byte for byte as libical
// 3.0 writes it (the reference in tests/io/write/ical_test.cc), without libical's heap object per property:
//   BEGIN:VEVENT\r\nUID:…\r\nDTSTAMP:20261125T090000Z\r\nSEQUENCE:0\r\nDTSTART;VALUE=DATE:20260119\r\n…
//   END:VEVENT\r\n
void append_ics_event(std::string& out, const CalendarEvent& shown);

// One subject's calendar: begin + events + end.
std::string calendar_ics(const Protocol& protocol, const Subject& subject, const std::vector<PlannedVisit>& visits,
                         const IcsOptions& options);

}  // namespace planner
