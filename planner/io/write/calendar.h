// A subject's planned visits as text: CSV for machines, an aligned table for a terminal.
//
// CSV columns (exactly these, in this order):
//   subject,arm,site,visit,label,epoch,study_day,target,earliest,latest,scheduled,shift,status,activities
// study_day is the SDTM study day of the target; shift = scheduled - target in days (negative: earlier);
// status is planned, shifted or conflict; activities are the visit's activity ids for the arm, joined with ';'.
// When the protocol gives visits a time of day or a length, or a site gives an appointment time (format 2),
// two more follow: time, the local start HH:MM (the visit's own, else its site's visit_time; empty: all day),
// and duration, its length as PT45M (empty when unknown):
//   S01,SERUM,KR01,W2,Week 2,tx,15,2026-01-19,2026-01-17,2026-01-21,2026-01-19,0,planned,SCORAD;INJ,09:30,PT45M
// With `stratum` (a roster with a stratum column) a column `stratum` follows `arm`; without, none.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "planner/core/protocol.h"
#include "planner/core/scheduler.h"
#include "planner/core/site.h"
#include "planner/core/subject.h"
#include "planner/io/write/csv.h"

namespace planner {

// The header row, after csv_start(options); with `stratum`, the stratum column after arm; with `times`, the
// time and duration columns.
std::string calendar_csv_header(CsvOptions options = {}, bool stratum = false, bool times = false);

// The text of subjects planned alike, kept by one thread (a memo is not shared) for CalendarCsvWriter,
// CalendarJsonWriter and IcsWriter. Subjects of the same arm, stratum and site with the same Day 1 and equal plans (a
// cohort enrolled on the same days) differ only by their ids: their text is written once and copied with each one's id
// put in. At most kBytes (or the bytes given) are kept; all are forgotten at once when full.
class CalendarMemo {
 public:
  struct Entry {
    Subject subject;  // the subject the text was written for
    const Site* site = nullptr;
    std::vector<PlannedVisit> visits;
    std::string text;
    std::vector<std::size_t> ids;  // where its id is in text (each row's start, for CSV)
    std::size_t id_size = 0;       // the length of its id there (quoted or escaped as written)
    std::uint64_t alike = 0;       // PlannedSubject::alike of the subject
    // iCalendar (IcsWriter): the text has an id of `id_size` stand-in bytes; where each of them is (a folded line
    // may split an id), and where each event's UID is.
    std::vector<std::size_t> id_bytes, uids;
  };
  // The most bytes kept by default: the CSV or JSON of a few thousand subjects (Nahm 2023: 1.5 KB of CSV each).
  static constexpr std::size_t kBytes = std::size_t{12} << 20;
  explicit CalendarMemo(std::size_t bytes = kBytes) : limit_{bytes} {}

  // Whether to write the next subject through the memo. Not for a while after the memo filled up with texts that
  // were used no more than once each (alike subjects too far apart in the roster for it to keep): it would only
  // cost copies. The while doubles each time that happens again.
  bool in_use() {
    if (rest_ == 0) return true;
    --rest_;
    return false;
  }
  // The text of a subject like `s` (same arm, stratum, site and Day 1, equal plan), or null. `alike`: a cohort's
  // PlannedSubject::alike, which (when not 0) says the arm, Day 1 and plan are those of any subject with the same.
  const Entry* find(const Subject& s, const std::vector<PlannedVisit>& visits, const Site* site = nullptr,
                    std::uint64_t alike = 0) const;
  // A new entry for `s`, to be written by the caller.
  Entry& add(const Subject& s, const std::vector<PlannedVisit>& visits, const Site* site = nullptr,
             std::uint64_t alike = 0);
  // Appends the text of `e` with `id` (as written: quoted or escaped) where e's subject's id was.
  static void put(std::string& out, const Entry& e, std::string_view id);
  // Appends the text of `e` as it is; where it starts in `out`.
  static char* copy(std::string& out, const Entry& e);

 private:
  std::unordered_map<std::size_t, Entry> entries_;  // by a hash of (arm, stratum, site, Day 1) or of alike
  std::size_t limit_;
  std::size_t bytes_ = 0;            // about, of the entries before last_
  Entry* last_ = nullptr;            // the entry added last (its text is counted at the next)
  mutable std::size_t found_ = 0;    // texts found since the memo was last emptied
  std::size_t added_ = 0;            // texts added since then
  std::size_t rest_ = 0, idle_ = 0;  // subjects left to write without the memo; the last such while
};

// Formats calendar CSV rows fast: the text that depends only on the protocol and arm (visit code, label,
// epoch, activities) is escaped once, when the writer is made; rows then only format dates and numbers.
// Thread-safe once constructed (append is const).
class CalendarCsvWriter {
 public:
  // `sites`: the subjects' sites (their visit_time times visits that give none); `stratum`: rows carry the
  // subject's stratum after its arm.
  explicit CalendarCsvWriter(const Protocol& protocol, CsvOptions options = {}, std::span<const Site> sites = {},
                             bool stratum = false);
  // Whether rows have the time and duration columns, and the header row that goes with them.
  bool times() const { return times_; }
  std::string header() const { return calendar_csv_header(options_, stratum_, times_); }
  // Appends one row per planned visit.
  void append(std::string& out, const Subject& subject, const std::vector<PlannedVisit>& visits) const;

  // The same rows as append() above, through `memo` (a subject like one before costs a copy of its rows).
  void append(std::string& out, const Subject& subject, const std::vector<PlannedVisit>& visits, CalendarMemo& memo,
              std::uint64_t alike = 0) const;

 private:
  // The rows, each starting with `subject` (the subject's cells and the comma after them); `starts` (if given)
  // receives where each row starts in `out`.
  void write_rows(std::string& out, std::string_view subject, const Subject& s, const std::vector<PlannedVisit>& visits,
                  std::vector<std::size_t>* starts) const;
  struct VisitText {
    std::string prefix;  // visit,label,epoch,
    std::string suffix;  // ,activities\n -- with times: ,activities,
    std::string time;    // with times: the visit's own time, or "" (the site's then)
    std::string tail;    // with times: ,duration\n
  };
  const Protocol& protocol_;
  CsvOptions options_;
  bool stratum_ = false;
  bool times_ = false;
  std::vector<std::vector<VisitText>> text_;                 // [arm index][visit index]
  std::unordered_map<std::string, std::string> site_times_;  // site id -> its visit_time HH:MM
};

// One-off convenience over CalendarCsvWriter, without the header (`site`: the subject's, or null).
void append_calendar_csv(std::string& out, const Protocol& protocol, const Subject& subject,
                         const std::vector<PlannedVisit>& visits, CsvOptions options = {}, const Site* site = nullptr);

// One subject's calendar as JSON (keys in this order; dates YYYY-MM-DD):
//   {"protocol": id, "subject": {"id", "arm", "site", "day1"},
//    "visits": [{"visit", "label", "epoch", "study_day", "target", "earliest", "latest", "scheduled", "shift",
//                "status", "activities": [ids]}]}
// A visit with a time of day (its own, else the site's visit_time) adds "time": "09:30" (and "time_zone", the
// site's), one with a length "duration": "PT45M" (protocol format 2; format 1 calendars are unchanged).
// A protocol with [[constraint]] rules for the arm adds "constraints": [{"constraint", "kind", "first",
// "first_visit", "then", "then_visit", "min_days", "max_days", "label"}] (absent visits and bounds null).
// A subject with a stratum (a roster's stratum column) has "stratum" after "arm". (The pretty-printed form,
// indent 2, of what CalendarJsonWriter writes compact.)
std::string calendar_json(const Protocol& protocol, const Subject& subject, const std::vector<PlannedVisit>& visits,
                          const Site* site = nullptr);

// Formats calendar JSON fast, compact: the object calendar_json describes, one per subject, keys in the same order.
// What depends only on the protocol, the arm or the site (visit ids, labels, activities, constraints, time zones)
// is rendered once, escaped by nlohmann::json, when the writer is made; a subject then only adds its own strings,
// dates and numbers. Thread-safe once constructed (append is const). A cohort is one JSON document, a subject
// a line:
//   {"protocol":"P1","subjects":[
//   {"protocol":"P1","subject":{"id":"S01","arm":"A","site":"KR01","day1":"2026-01-05"},"visits":[...]},
//   {"protocol":"P1","subject":{"id":"S02",...},"visits":[...]}
//   ]}
// written as begin(), then for each subject ",\n" (none before the first) and append(), then end().
class CalendarJsonWriter {
 public:
  // `sites`: the sites append is given (their visit_time and time_zone are rendered once).
  explicit CalendarJsonWriter(const Protocol& protocol, std::span<const Site> sites = {});
  // Appends the subject's calendar object (no newline). `site`: the subject's (its appointment time and time
  // zone), or null.
  void append(std::string& out, const Subject& subject, const std::vector<PlannedVisit>& visits,
              const Site* site = nullptr) const;
  // The same through `memo` (a subject like one before costs a copy of its object).
  void append(std::string& out, const Subject& subject, const std::vector<PlannedVisit>& visits, const Site* site,
              CalendarMemo& memo, std::uint64_t alike = 0) const;
  // The cohort document's opening, {"protocol":"P1","subjects":[, and its end, a newline then ]} and a newline.
  std::string begin() const;
  static std::string end() { return "\n]}\n"; }

 private:
  struct VisitText {
    std::string prefix;      // {"visit":..,"label":..,"epoch":..,"study_day":
    std::string activities;  // ,"activities":[..]
    std::string time;        // ,"time":"09:30" when the visit has its own time, else ""
    std::string tail;        // ,"duration":"PT45M"} or }
  };
  struct ArmText {
    std::vector<VisitText> visits;  // [visit index]
    std::string constraints;        // ,"constraints":[..] or ""
    bool periods = false;           // whether the arm has dosing periods
    std::size_t size = 0;           // about the size of a subject's object, without dosing periods
  };
  struct SiteText {
    std::string time;  // ,"time":"08:30" (the site's visit_time) or ""
    std::string zone;  // ,"time_zone":"Asia/Seoul" or ""
  };
  static SiteText site_text(const Site& site);
  void append_periods(std::string& out, const Subject& subject, const std::vector<PlannedVisit>& visits) const;

  const Protocol& protocol_;
  std::span<const Site> sites_;
  std::string protocol_key_;           // "protocol":"P1"
  std::vector<ArmText> arms_;          // [arm index]
  std::vector<SiteText> site_texts_;   // [index into sites_]
  std::vector<std::string> statuses_;  // ,"status":"planned" by VisitStatus
};

// The terminal view: a short heading (protocol, subject, arm, Day 1), aligned columns, a status summary. A TIME
// column ("09:30-10:15", "09:30", or "45 min" for a visit with a length but no time) comes after SCHEDULED
// when the protocol or the site gives times.
std::string calendar_table(const Protocol& protocol, const Subject& subject, const std::vector<PlannedVisit>& visits,
                           const Site* site = nullptr);

}  // namespace planner
