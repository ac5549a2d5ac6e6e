#include "planner/cli/actuals.h"

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
