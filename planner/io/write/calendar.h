// A subject's planned visits as text: CSV for machines, an aligned table for a terminal.
//
// CSV columns (exactly these, in this order):
//   subject,arm,site,visit,label,epoch,study_day,target,earliest,latest,scheduled,shift,status,activities
// study_day is the SDTM study day of the target; shift = scheduled - target in days (negative: earlier);
// status is planned, shifted or conflict; activities are the visit's activity ids for the arm, joined with ';'.
// With `stratum` (a roster with a stratum column) a column `stratum` follows `arm`; without, none.
#pragma once

#include <string>
#include <vector>

#include "planner/core/protocol.h"
#include "planner/core/scheduler.h"
#include "planner/core/site.h"
#include "planner/core/subject.h"
#include "planner/io/write/csv.h"

namespace planner {

// The header row, after csv_start(options).
std::string calendar_csv_header(CsvOptions options = {}, bool stratum = false);

// Formats calendar CSV rows fast: the text that depends only on the protocol and arm (visit code, label,
// epoch, activities) is escaped once, when the writer is made; rows then only format dates and numbers.
// Thread-safe once constructed (append is const).
class CalendarCsvWriter {
 public:
  explicit CalendarCsvWriter(const Protocol& protocol, CsvOptions options = {}, bool stratum = false);
  // Appends one row per planned visit.
  void append(std::string& out, const Subject& subject, const std::vector<PlannedVisit>& visits) const;

 private:
  struct VisitText {
    std::string prefix;  // visit,label,epoch,
    std::string suffix;  // ,activities\n
  };
  const Protocol& protocol_;
  CsvOptions options_;
  bool stratum_ = false;
  std::vector<std::vector<VisitText>> text_;  // [arm index][visit index]
};

// One-off convenience over CalendarCsvWriter.
void append_calendar_csv(std::string& out, const Protocol& protocol, const Subject& subject,
                         const std::vector<PlannedVisit>& visits, CsvOptions options = {});

// One subject's calendar as JSON (keys in this order; dates YYYY-MM-DD):
//   {"protocol": id, "subject": {"id", "arm", "site", "day1"},
//    "visits": [{"visit", "label", "epoch", "study_day", "target", "earliest", "latest", "scheduled", "shift",
//                "status", "activities": [ids]}]}
// A visit with a time of day (its own, else the site's visit_time) adds "time": "09:30" (and "time_zone", the
// site's), one with a length "duration": "PT45M" (protocol format 2; format 1 calendars are unchanged).
// A protocol with [[constraint]] rules for the arm adds "constraints": [{"constraint", "kind", "first",
// "first_visit", "then", "then_visit", "min_days", "max_days", "label"}] (absent visits and bounds null).
std::string calendar_json(const Protocol& protocol, const Subject& subject, const std::vector<PlannedVisit>& visits,
                          const Site* site = nullptr);

// The terminal view: a short heading (protocol, subject, arm, Day 1), aligned columns, a status summary.
std::string calendar_table(const Protocol& protocol, const Subject& subject, const std::vector<PlannedVisit>& visits);

}  // namespace planner
