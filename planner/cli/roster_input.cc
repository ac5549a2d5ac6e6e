#include "planner/cli/roster_input.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <unordered_set>

#include "planner/cli/messages.h"
#include "planner/core/error.h"
#include "planner/io/read/visit_log.h"
#include "planner/io/source_text.h"

namespace planner::cli {

CohortPlanner::Next dm_subjects(const std::vector<Subject>& subjects, const std::vector<Site>* sites,
                                const std::string& path, std::size_t& cursor) {
  return [&subjects, sites, &path, &cursor](PlannedSubject& ps) {
    if (cursor == subjects.size()) return false;
    ps.subject = subjects[cursor++];
    ps.line = 0;  // the DM reader keeps no lines: errors name the subject
    ps.site = 0;
    if (sites) {
      const auto it = std::find_if(sites->begin(), sites->end(),
                                   [&](const Site& s) { return s.id == ps.subject.site; });
      if (it == sites->end())
        throw InputError{located_error(path, 0, 0, msg::unknown_site_of_subject(ps.subject.id, ps.subject.site))};
      ps.site = static_cast<std::size_t>(it - sites->begin());
    }
    return true;
  };
}

RosterInput::RosterInput(const Args& args, const Cohort& cohort) : cohort_{cohort} {
  const bool sdtm = args.has("roster-sdtm");
  if (sdtm && (args.has("roster") || args.has("actuals"))) throw InputError{msg::roster_or_sdtm()};
  if (!sdtm && args.has("actuals-sdtm")) throw InputError{msg::goes_with("--actuals-sdtm", "--roster-sdtm")};
  path_ = sdtm ? args.text("roster-sdtm") : args.required("roster");
  if (args.has("events")) events_ = events_by_subject(load_events(args.text("events"), cohort.protocol));
  if (!sdtm) {
    csv_.emplace(path_, cohort.protocol, cohort.site_list());
    if (args.has("actuals")) log_.emplace(load_visit_log(args.text("actuals"), nullptr), args.text("actuals"));
    return;
  }
  dm_ = load_sdtm_dm(path_, cohort.protocol);
  if (!dm_.unplanned.empty()) spdlog::warn(msg::dm_subjects_not_planned(path_, dm_.unplanned.size()));
  if (!args.has("actuals-sdtm")) return;
  // SV holds more than the protocol's visits (unscheduled visits, follow-up calls): those are not re-planned.
  const std::string sv = args.text("actuals-sdtm");
  std::vector<ActualVisit> visits = load_sdtm_sv(sv, cohort.protocol, dm_);
  std::unordered_set<std::string> unplanned;  // screen failures: no plan to re-plan (warned about above)
  for (const auto& [id, why] : dm_.unplanned) unplanned.insert(id);
  visits.erase(std::remove_if(visits.begin(), visits.end(),
                              [&](const ActualVisit& a) { return unplanned.count(a.subject) != 0; }),
               visits.end());
  const auto other = std::remove_if(visits.begin(), visits.end(), [&](const ActualVisit& a) {
    return a.unscheduled || cohort.protocol.find_visit(a.visit) == nullptr;
  });
  if (const auto n = static_cast<std::size_t>(visits.end() - other))
    spdlog::warn(msg::sv_records_not_in_protocol(sv, n, cohort.protocol.study.id));
  visits.erase(other, visits.end());
  log_.emplace(std::move(visits), sv);
}

void RosterInput::replan(CohortPlanner& planner) {
  if (events_) planner.use_events(&*events_);
  if (!log_) return;
  planner.use_actuals([this](PlannedSubject& s) { log_->find(cohort_.protocol, s.subject, s.actuals); });
}

CohortPlanner::Next RosterInput::next() {
  if (csv_)
    return [this](PlannedSubject& ps) {
      if (!csv_->next(ps.subject, ps.site)) return false;
      ps.line = csv_->line();
      return true;
    };
  return dm_subjects(dm_.planned, cohort_.site_list(), path_, dm_next_);
}

void RosterInput::warn_unused() const {
  if (!log_) return;
  const std::vector<std::string> unused = log_->unused();
  if (!unused.empty()) spdlog::warn(msg::actuals_not_in_roster(log_->path(), unused, path_));
}

}  // namespace planner::cli
