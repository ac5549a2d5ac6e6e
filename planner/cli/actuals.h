// The visits that happened, for re-planning around them (`calendar --actuals`, `load --actuals`): a visit
// log (CSV, or SDTM SV) indexed by subject once, so that each subject of a streamed roster finds its rows
// without a walk over the log.
//
//   ActualsIndex log{load_visit_log("examples/visits.csv", nullptr), "examples/visits.csv"};
//   std::map<std::size_t, Date> actuals;
//   log.find(protocol, Subject{"S001", "SERUM", "KR01", day1}, actuals);  // S001's visits: index -> date
//   log.unused()  // the log's subjects never looked up (not in the roster), in log order
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "planner/core/protocol.h"
#include "planner/core/subject.h"
#include "planner/core/visit_check.h"
#include "planner/io/read/events.h"
#include "planner/io/write/check_report.h"

namespace planner::cli {

// `rows` (the subject's rows of the log at `path`) as actual visits by visit index, added to `out`.
// InputError (path:line) for a visit the subject's arm does not have, or a visit recorded twice; unscheduled
// visits (SDTM VISITNUM with a fraction) are not protocol visits and are skipped.
void add_actual_visits(const Protocol& protocol, const Subject& subject, std::span<const ActualVisit> rows,
                       const std::string& path, std::map<std::size_t, Date>& out);

// What `planner check` finds: every record of `log` and every missed visit of the `planned` subjects (in their
// order; the log's records of other subjects are not looked at), then the records of the `unplanned` subjects
// (screen failures: id, why) as not planned. Without `as_of`, the latest date in the log decides what is missed.
// `deviations`: a record deviates and the protocol's [check] tolerate does not list its verdict. `events`: the
// dates of the subjects' events (`--events`), by which their conditional visits are judged.
struct CheckResult {
  std::vector<VisitCheck> rows;
  std::optional<AsOf> as_of;
  bool deviations = false;
};
CheckResult check_visits(const Protocol& protocol, const std::vector<Subject>& planned,
                         const std::vector<std::pair<std::string, std::string>>& unplanned,
                         std::vector<ActualVisit> log, std::optional<Date> as_of, const std::string& roster_path,
                         const std::vector<SubjectEvent>& events = {});

class ActualsIndex {
 public:
  ActualsIndex(std::vector<ActualVisit> log, std::string path);

  // The actual visits of `subject` (none when the log has no row of it). Safe to call from several threads
  // at once for different subjects (a roster lists each subject once).
  void find(const Protocol& protocol, const Subject& subject, std::map<std::size_t, Date>& out);
  // The subjects of the log that find() was never asked about, in log order.
  std::vector<std::string> unused() const;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::vector<std::string> ids_;                        // the log's subjects, in log order
  std::vector<std::vector<ActualVisit>> rows_;          // per subject (as ids_), in log order
  std::unordered_map<std::string, std::size_t> index_;  // id -> position in ids_
  std::vector<char> used_;                              // per subject: found (char, not bool: one byte per thread)
};

}  // namespace planner::cli
