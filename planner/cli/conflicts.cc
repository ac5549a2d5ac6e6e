#include "planner/cli/conflicts.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "planner/cli/messages.h"
#include "planner/io/iso8601.h"
#include "planner/io/write/conflict.h"

namespace planner::cli {

void warn_conflicts(const Protocol& protocol, const Subject& subject, const std::vector<PlannedVisit>& visits,
                    const std::vector<Conflict>& conflicts, const Site* site) {
  for (const Conflict& c : conflicts) {
    const auto pv = std::find_if(visits.begin(), visits.end(),
                                 [&](const PlannedVisit& v) { return v.visit == c.visit; });
    if (pv == visits.end()) continue;
    spdlog::warn(msg::visit_conflict(protocol.visits[c.visit].id, subject.id.empty() ? "-" : subject.id,
                                     format_date(pv->earliest) + ".." + format_date(pv->latest),
                                     format_date(pv->target), conflict_reasons(protocol, c, site)));
  }
}

void list_conflicts(bool verbose, CohortPlanner& planner, const Cohort& cohort) {
  if (!verbose) return;
  planner.report([&cohort](const PlannedSubject& s) {
    warn_conflicts(cohort.protocol, s.subject, s.visits, s.conflicts,
                   cohort.sites ? &(*cohort.sites)[s.site] : nullptr);
  });
}

}  // namespace planner::cli
