#include "planner/io/write/soa.h"

#include <algorithm>

#include "planner/core/blinding.h"
#include "planner/core/constraint.h"
#include "planner/core/timeline.h"
#include "planner/io/write/timing_text.h"

namespace planner {
namespace {

// Whether `activity` happens at `visit` for `arm`, or for any arm when arm is empty.
bool happens(const Protocol& p, const Visit& v, std::size_t activity, const std::optional<std::string>& arm) {
  if (std::find(v.activities.begin(), v.activities.end(), activity) == v.activities.end()) return false;
  const Activity& a = p.activities[activity];
  if (arm) return v.applies_to(*arm) && a.applies_to(*arm);
  return std::any_of(p.arms.begin(), p.arms.end(),
                     [&](const Arm& x) { return v.applies_to(x.id) && a.applies_to(x.id); });
}

// The cell of a dose activity at a visit inside one of its dosing periods (from the period's `from` visit up to,
// not including, its `to` visit, by nominal offset): "daily at home", with the arm's amount when one arm is
// shown, and ", dispensed" at its dispensing visits. Empty outside every period.
std::string period_cell(const Protocol& p, const Timeline& timeline, std::size_t activity, std::size_t visit,
                        const std::optional<std::string>& arm) {
  const auto at = timeline.offset(visit);
  if (!at) return {};
  std::string out;
  for (const DosingPeriod& d : p.dosing_periods) {
    const auto from = timeline.offset(d.from), to = timeline.offset(d.to);
    if (d.activity != activity || !from || !to || *at < *from || *at >= *to) continue;
    if (arm && !d.applies_to(p, *arm)) continue;
    const bool dispensed = std::find(d.dispense.begin(), d.dispense.end(), visit) != d.dispense.end();
    out += (out.empty() ? "" : "; ") + period_cadence_text(d, arm ? d.amount_for(p, *arm) : std::nullopt) +
           (dispensed ? ", dispensed" : "");
  }
  return out;
}

// The activity rows: one per activity (shown arm's), or blinded one per participant text (activities told alike
// merged, in the order of their first activity).
struct SoaRow {
  std::vector<std::size_t> activities;
  std::string name, what;
};
std::vector<SoaRow> soa_rows(const Protocol& p, const std::optional<std::string>& arm, bool blind) {
  std::vector<SoaRow> rows;
  for (std::size_t a = 0; a < p.activities.size(); ++a) {
    const Activity& act = p.activities[a];
    if (arm && !act.applies_to(*arm)) continue;
    if (!blind) {
      rows.push_back(
          {{a}, act.id + (!arm && !act.arms.empty() ? " [" + arms_text(act.arms) + "]" : ""), activity_text(p, act)});
      continue;
    }
    const std::string told = participant_text(act);
    const auto same = std::find_if(rows.begin(), rows.end(), [&](const SoaRow& r) { return r.name == told; });
    if (same != rows.end())
      same->activities.push_back(a);
    else
      rows.push_back({{a}, told, std::string{to_string(act.kind)}});
  }
  return rows;
}

// The cell of `row` at visit `i`: X (or the visit's dose amount, not blinded), a dosing period's cadence, and
// the read-out's role.
std::string soa_cell(const Protocol& p, const Timeline& timeline, const SoaRow& row, std::size_t i,
                     const std::optional<std::string>& arm, bool blind) {
  const Visit& v = p.visits[i];
  std::string cell, role;
  for (std::size_t a : row.activities) {
    const Activity& act = p.activities[a];
    const bool mark = happens(p, v, a, arm);
    std::string here = !mark ? "" : act.kind == ActivityKind::dose && v.amount && !blind ? to_string(*v.amount) : "X";
    if (act.kind == ActivityKind::dose && here.empty())
      here = period_cell(p, timeline, a, i, blind ? std::nullopt : arm);
    if (cell.empty()) cell = here;
    if (const Endpoint* e = mark && role.empty() ? p.endpoint_at(i, a) : nullptr)
      role = " (" + std::string{to_string(e->role)} + ")";
  }
  return cell + role;
}

}  // namespace

std::string soa_footnotes(const Protocol& p, const std::optional<std::string>& arm, bool blind) {
  const auto at = [&](std::size_t activity, const std::optional<std::size_t>& visit) {
    const Activity& a = p.activities[activity];
    return (blind ? participant_text(a) : a.id) + (visit ? " at " + p.visits[*visit].id : "");
  };
  std::string out;
  for (const Constraint& c : p.constraints) {
    if (arm && !(p.activities[c.first].applies_to(*arm) && p.activities[c.then].applies_to(*arm))) continue;
    out += "* " + c.id + " (" + std::string{to_string(c.kind)} + "): " + at(c.then, c.then_visit) + " " +
           constraint_bounds(c) + " after " + at(c.first, c.first_visit) +
           (c.label.empty() || c.label == c.id ? "" : ": " + c.label) + "\n";
  }
  return out;
}

TextTable soa_table(const Protocol& p, const std::optional<std::string>& arm, bool blind) {
  std::vector<std::size_t> visits;
  const Timeline timeline{p};
  // The planned visits, then the conditional ones (on an event) apart, after them with a row naming the event.
  for (const bool conditional : {false, true})
    for (std::size_t i : timeline.planned_order())
      if ((!arm || p.visits[i].applies_to(*arm)) && p.visits[i].on.has_value() == conditional) visits.push_back(i);

  TextTable t{{"ACTIVITY", "WHAT"}, {}, {}};
  std::vector<std::string> day{"study day", ""}, week{"week", ""}, window{"window", ""}, arms{"arms", ""},
      on{"on event", ""}, time{"time", ""};
  bool arm_specific_visits = false, conditional_visits = false;
  for (std::size_t i : visits) {
    const Visit& v = p.visits[i];
    t.header.push_back(v.id);
    day.push_back(study_day_text(p, i));
    week.push_back(visit_week_text(p, i));
    window.push_back(window_text(v.window));
    time.push_back(visit_time_text(p, v, arm));
    arms.push_back(arms_text(v.arms));
    arm_specific_visits = arm_specific_visits || !v.arms.empty();
    on.push_back(v.on ? p.events[*v.on].id : "");
    conditional_visits = conditional_visits || v.on;
  }
  t.rows = {day, week, window};
  if (has_times(p)) t.rows.push_back(time);  // format 2: when each visit starts and how long it takes
  if (conditional_visits) t.rows.push_back(on);
  if (!arm && !blind && arm_specific_visits) t.rows.push_back(arms);

  for (const SoaRow& r : soa_rows(p, arm, blind)) {
    std::vector<std::string> row{r.name, r.what};
    for (std::size_t i : visits) row.push_back(soa_cell(p, timeline, r, i, arm, blind));
    t.rows.push_back(std::move(row));
  }
  return t;
}

}  // namespace planner
