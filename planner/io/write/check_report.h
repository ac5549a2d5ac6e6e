// Reports of `planner check`: one row per visit record or missed visit, then summaries per visit and per
// subject (table), or the rows alone as CSV:
//   subject,visit,target_day,actual_day,target,earliest,latest,actual,deviation,verdict,line
// target_day and actual_day are the SDTM study days of the target and of the actual date (empty when there
// is none, or no Day 1); deviation is actual - target in days; line is the visit-log line (empty for a
// missed visit).
//
// The per-subject summary counts each record once: RECORDS = IN WINDOW + EARLY + LATE + OTHER +
// UNSCHEDULED + NOT PLANNED; MISSED counts planned visits without a record (no record, so not in RECORDS):
//   SUBJECT  RECORDS  IN WINDOW  EARLY  LATE  OTHER  UNSCHEDULED  NOT PLANNED  MISSED
//   S1             3          1      0     1      0            1            0       1
// A protocol with [[event]] tables adds a CONDITIONAL column to both summaries (records of conditional
// visits whose event date is not known); other protocols' summaries are as above.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "planner/core/protocol.h"
#include "planner/core/subject.h"
#include "planner/core/visit_check.h"
#include "planner/io/write/csv.h"

namespace planner {

// The date before which a window must have closed for a planned visit without a record to be missed:
// `--as-of`, or by default the latest date in the visit log (`from_log`). The summary says which.
struct AsOf {
  Date date;
  bool from_log = false;
};

// The counts behind the summaries, for every writer of them (check's table, summary and JSON, the report's
// check section). Every record counts in `records` and in exactly one of in_window, early, late, other (the
// other deviations), unscheduled, not_planned and conditional, so these add up to `records`; a missed visit is no
// record and counts in `missed` alone.
struct CheckCount {
  long records = 0, in_window = 0, early = 0, late = 0, other = 0, unscheduled = 0, not_planned = 0, missed = 0;
  long conditional = 0;  // records of conditional visits whose event date is not known
  void add(Verdict v);
};
struct CheckCounts {
  std::map<std::size_t, CheckCount> per_visit;                  // by visit index: protocol order
  std::vector<std::pair<std::string, CheckCount>> per_subject;  // in the order the rows first name them
  std::vector<std::pair<Verdict, long>> per_verdict;            // in the verdicts' order, absent ones left out
};
CheckCounts check_counts(const std::vector<VisitCheck>& rows);
// The sentence that says which date decided what is missed (no newline).
std::string check_as_of_text(const std::optional<AsOf>& as_of);
// Each row's cells, as the CSV columns above (`roster`: the subjects whose Day 1 gives the study days).
std::vector<std::vector<std::string>> check_cells(const std::vector<VisitCheck>& rows,
                                                  const std::vector<Subject>& roster);

std::string check_csv(const std::vector<VisitCheck>& rows, const std::vector<Subject>& roster, CsvOptions csv = {});
std::string check_table(const Protocol& protocol, const std::vector<VisitCheck>& rows,
                        const std::vector<Subject>& roster, const std::optional<AsOf>& as_of = std::nullopt);
// JSON (stable key order):
//   {"protocol": id, "as_of": date, "records": [{"subject", "visit", "target_day", "actual_day", "target",
//    "earliest", "latest", "actual", "deviation", "verdict", "line"}...], "per_visit": [{"visit", "records",
//    "in_window", "early", "late", "missed", "other"}...], "totals": {verdict: count}}
//   (absent values are null; totals in the verdicts' order, as in the summary)
std::string check_json(const Protocol& protocol, const std::vector<VisitCheck>& rows,
                       const std::vector<Subject>& roster, const std::optional<AsOf>& as_of = std::nullopt);

// The summaries alone: the as-of line, per visit, per subject (in the order of the rows: the roster's), and
// the totals by verdict (in the verdicts' order).
std::string check_summary(const Protocol& protocol, const std::vector<VisitCheck>& rows,
                          const std::optional<AsOf>& as_of = std::nullopt);

}  // namespace planner
