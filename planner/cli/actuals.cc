#include "planner/cli/actuals.h"

#include <algorithm>

#include "planner/cli/messages.h"
#include "planner/core/error.h"
#include "planner/io/source_text.h"

namespace planner::cli {

void add_actual_visits(const Protocol& protocol, const Subject& subject, std::span<const ActualVisit> rows,
                       const std::string& path, std::map<std::size_t, Date>& out) {
  std::map<std::size_t, int> lines;
  for (const ActualVisit& a : rows) {
    if (a.unscheduled) continue;
    const Visit* v = protocol.find_visit(a.visit);
    if (!v || !v->applies_to(subject.arm))
      throw InputError{
          located_error(path, a.line, 0, msg::not_a_visit_of_arm(a.visit, subject.arm, protocol.study.id))};
    const auto index = static_cast<std::size_t>(v - protocol.visits.data());
    if (const auto it = lines.find(index); it != lines.end())
      throw InputError{located_error(path, a.line, 0, msg::recorded_twice(a.visit, it->second))};
    lines[index] = a.line;
    out[index] = a.date;
  }
}

CheckResult check_visits(const Protocol& protocol, const std::vector<Subject>& planned,
                         const std::vector<std::pair<std::string, std::string>>& unplanned,
                         std::vector<ActualVisit> log, std::optional<Date> as_of, const std::string& roster_path,
                         const std::vector<SubjectEvent>& events) {
  CheckResult out;
  const EventDates events_of = events_by_subject(events);
  const std::map<std::size_t, Date> no_events;
  if (as_of) {
    out.as_of = AsOf{*as_of};
  } else if (!log.empty()) {  // without --as-of: what was due before the latest record is missed
    const auto by_date = [](const ActualVisit& a, const ActualVisit& b) { return a.date < b.date; };
    out.as_of = AsOf{std::max_element(log.begin(), log.end(), by_date)->date, true};
  }
  std::map<std::string, std::vector<ActualVisit>> by_subject;
  for (ActualVisit& a : log) by_subject[a.subject].push_back(std::move(a));
  const auto& tolerates = protocol.check_tolerates;
  for (const Subject& s : planned) {
    std::vector<VisitCheck> checks;
    try {
      const auto found = events_of.find(s.id);
      checks = check_subject(protocol, s, by_subject[s.id], out.as_of ? std::optional{out.as_of->date} : std::nullopt,
                             found == events_of.end() ? &no_events : &found->second);
    } catch (const PlanError& e) {  // say whose plan it was (its Day 1 comes from the roster)
      throw InputError{located_error(roster_path, 0, 0, msg::subject_not_planned(s.id, e.what()))};
    }
    for (VisitCheck& c : checks) {
      const bool tolerated = std::find(tolerates.begin(), tolerates.end(), c.verdict) != tolerates.end();
      out.deviations = out.deviations || (is_deviation(c.verdict) && !tolerated);
      out.rows.push_back(std::move(c));
    }
  }
  for (const auto& [id, why] : unplanned)  // screen failures: their records, reported as such
    for (const ActualVisit& a : by_subject[id])
      out.rows.push_back({id, a.visit, std::nullopt, a.date, {}, {}, {}, {}, Verdict::not_planned, a.line, {}});
  return out;
}

ActualsIndex::ActualsIndex(std::vector<ActualVisit> log, std::string path) : path_{std::move(path)} {
  for (ActualVisit& a : log) {
    const auto [it, added] = index_.try_emplace(a.subject, ids_.size());
    if (added) {
      ids_.push_back(a.subject);
      rows_.emplace_back();
    }
    rows_[it->second].push_back(std::move(a));
  }
  used_.assign(ids_.size(), 0);
}

void ActualsIndex::find(const Protocol& protocol, const Subject& subject, std::map<std::size_t, Date>& out) {
  const auto it = index_.find(subject.id);
  if (it == index_.end()) return;
  used_[it->second] = 1;
  add_actual_visits(protocol, subject, rows_[it->second], path_, out);
}

std::vector<std::string> ActualsIndex::unused() const {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < ids_.size(); ++i)
    if (!used_[i]) out.push_back(ids_[i]);
  return out;
}

}  // namespace planner::cli
