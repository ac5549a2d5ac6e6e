#include "planner/io/write/protocol.h"

#include <algorithm>

#include "planner/core/blinding.h"
#include "planner/core/constraint.h"
#include "planner/core/protocol_summary.h"
#include "planner/core/study_day.h"
#include "planner/core/timeline.h"
#include "planner/io/display_width.h"
#include "planner/io/iso8601.h"
#include "planner/io/write/text_table.h"
#include "planner/io/write/timing_text.h"

namespace planner {
namespace {

std::string indented(const std::string& text) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    out += "  " + text.substr(start, end - start) + "\n";
    start = end == std::string::npos ? text.size() : end + 1;
  }
  return out;
}

void field(std::string& out, const std::string& name, const std::string& value) {
  out += "  " + padded(name, 10) + ' ' + (value.empty() ? "-" : value) + "\n";
}

std::string join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : sep) + s;
  return out;
}

std::string days_text(Days d) {
  const long n = d.count();
  return std::to_string(n) + (n == 1 || n == -1 ? " day" : " days");
}

std::string visit_activities(const Protocol& p, const Visit& v) {
  std::string out;
  for (std::size_t a : v.activities) {
    const Activity& act = p.activities[a];
    out += (out.empty() ? "" : " ") + act.id;
    if (act.kind == ActivityKind::dose && v.amount) out += "(" + to_string(*v.amount) + ")";
  }
  return out;
}

std::string series_text(const Protocol& p, std::size_t index) {
  const Series& s = p.series[index];
  std::vector<std::string> days, ids;
  for (const Duration& d : s.days) days.push_back(format_duration(d));
  for (const Visit& v : p.visits)
    if (v.series == index) ids.push_back(v.id);
  std::string out = s.id + "  \"" + s.label + "\": from " + format_duration(s.start) + " after Day 1, every " +
                    format_duration(s.every) + " x " + std::to_string(s.count) + ", on " + join(days, ", ") +
                    " of each period";
  if (s.number_from != 1) out += ", {n} from " + std::to_string(s.number_from);
  return out + "\n    -> " + join(ids, ", ") + " (" + std::to_string(ids.size()) + " visits)\n";
}

}  // namespace

std::vector<Assumption> assumptions(const Protocol& p) {
  std::vector<Assumption> out;
  const auto add = [&](const SourceLocation& where, const std::string& what, const Provenance& prov) {
    if (!prov.assumed.empty()) out.push_back({where, what, prov.assumed});
  };
  add(p.study.where, "[study]", p.study.provenance);
  add(p.anchor_where, "[anchor]", p.anchor_provenance);
  for (const Arm& a : p.arms) add(a.where, "arm " + a.id, a.provenance);
  for (const Stratum& st : p.strata) add(st.where, "stratum " + st.id, st.provenance);
  if (p.blinding) add(p.blinding->where, "[blinding]", p.blinding->provenance);
  for (const Activity& a : p.activities) add(a.where, "activity " + a.id, a.provenance);
  // Visits and series in file order; a series once, not per occurrence.
  std::vector<bool> series_done(p.series.size(), false);
  for (const Visit& v : p.visits) {
    if (v.rule) continue;  // a dose rule's doses: the rule, below
    std::string what = "visit " + v.id;
    if (v.series) {
      if (series_done[*v.series]) continue;
      series_done[*v.series] = true;
      what = "series " + p.series[*v.series].id;
      add(v.where, what, p.series[*v.series].provenance);
    } else {
      add(v.where, what, v.provenance);
    }
    if (v.window.own_provenance) add(v.window.where, what + " window", v.window.provenance);
    for (const ActivityProvenance& ap : v.activity_provenance)
      add(ap.where, what + " activity " + p.activities[ap.activity].id, ap.provenance);
  }
  for (const Endpoint& e : p.endpoints) add(e.where, "endpoint " + e.id, e.provenance);
  if (!p.dosing.provenance.empty()) add(p.dosing.where, "[dosing]", p.dosing.provenance);
  for (const Constraint& c : p.constraints) add(c.where, "constraint " + c.id, c.provenance);
  for (const DosingPeriod& d : p.dosing_periods) add(d.where, "dosing period " + d.id, d.provenance);
  for (const DoseRule& r : p.dose_rules) add(r.where, "dose rule " + r.id, r.provenance);
  if (p.published) add(p.published->where, "[published]", p.published->provenance);
  std::stable_sort(out.begin(), out.end(),
                   [](const Assumption& a, const Assumption& b) { return a.where.line < b.where.line; });
  return out;
}

namespace {

// Per arm: its doses, the study days of the first and last, and the week of its last visit.
std::string arms_table(const Protocol& p, const Timeline& timeline) {
  TextTable arms{{"ARM", "LABEL", "DOSES", "DOSE DAYS", "LAST VISIT"}, {}, {false, false, true}};
  for (const Arm& a : p.arms) {
    const ArmSummary sum = summarize_arm(p, timeline, a.id);
    std::string dose_days = "-";
    if (sum.first_dose && sum.last_dose)
      dose_days = "day " + std::to_string(StudyDay::from_offset(*sum.first_dose).number()) + ".." +
                  std::to_string(StudyDay::from_offset(*sum.last_dose).number());
    const std::string last = sum.last_visit ? "week " + week_text(*sum.last_visit) + " (" + sum.last_visit_id + ")"
                                            : "-";
    arms.rows.push_back({a.id, a.label, std::to_string(sum.doses), dose_days, last});
  }
  return indented(render(arms, TableFormat::table));
}

// The visits in planned order: the planned ones, or the conditional ones (on an event).
std::string visits_table(const Protocol& p, const Timeline& timeline, bool conditional = false) {
  TextTable visits{{"VISIT", "LABEL", "EPOCH", "TIMING", "DAY", "WEEK", "WINDOW", "ARMS", "ACTIVITIES"},
                   {},
                   {false, false, false, false, true, true}};
  const bool times = has_times(p);  // format 2: a TIME column after WINDOW
  if (times) visits.header.insert(visits.header.begin() + 7, "TIME");
  for (std::size_t i : timeline.planned_order()) {
    const Visit& v = p.visits[i];
    if (v.on.has_value() != conditional) continue;
    visits.rows.push_back({v.id, v.label, p.epochs[v.epoch].id, timing_text(p, v), study_day_text(p, i),
                           visit_week_text(p, i), window_text(v.window), arms_text(v.arms), visit_activities(p, v)});
    if (times) visits.rows.back().insert(visits.rows.back().begin() + 7, visit_time_text(p, v));
  }
  return indented(render(visits, TableFormat::table));
}

// The [[constraint]] tables: id, kind, the two activities (and their pinned visits), the bounds.
std::string constraints_table(const Protocol& p) {
  TextTable t{{"CONSTRAINT", "KIND", "FIRST", "THEN", "GAP", "LABEL"}, {}, {}};
  const auto at = [&](std::size_t activity, const std::optional<std::size_t>& visit) {
    return p.activities[activity].id + (visit ? " at " + p.visits[*visit].id : "");
  };
  for (const Constraint& c : p.constraints)
    t.rows.push_back({c.id, std::string{to_string(c.kind)}, at(c.first, c.first_visit), at(c.then, c.then_visit),
                      constraint_bounds(c), c.label});
  return indented(render(t, TableFormat::table));
}

// The dosing periods: what, when, how often and where, the amount per arm and the dispensing visits.
std::string periods_table(const Protocol& p) {
  if (p.dosing_periods.empty()) return "  none\n";
  TextTable periods{{"PERIOD", "ACTIVITY", "FROM", "TO", "DOSING", "AMOUNTS", "DISPENSED AT"}, {}, {}};
  for (const DosingPeriod& d : p.dosing_periods) {
    std::vector<std::string> amounts, dispense;
    for (const auto& [arm, amount] : d.amounts) amounts.push_back(arm + " " + to_string(amount));
    if (amounts.empty())
      amounts.push_back(p.activities[d.activity].amount ? "all " + to_string(*p.activities[d.activity].amount)
                                                        : "not stated");
    for (std::size_t v : d.dispense) dispense.push_back(p.visits[v].id);
    periods.rows.push_back({d.id, p.activities[d.activity].id, p.visits[d.from].id, p.visits[d.to].id,
                            period_cadence_text(d), join(amounts, ", "), join(dispense, ", ")});
  }
  return indented(render(periods, TableFormat::table));
}

// The [[endpoint]] tables: each assessment at the visit of its read-out, with its role.
std::string endpoints_table(const Protocol& p) {
  TextTable t{{"ENDPOINT", "ROLE", "ACTIVITY", "VISIT", "DAY", "PUBLISHED", "MEASURE"},
              {},
              {false, false, false, false, true}};
  for (const Endpoint& e : p.endpoints)
    t.rows.push_back({e.id, std::string{to_string(e.role)}, p.activities[e.activity].id, p.visits[e.visit].id,
                      study_day_text(p, e.visit), e.published ? format_duration(*e.published) : "-",
                      e.measure.empty() ? "-" : e.measure});
  return indented(render(t, TableFormat::table));
}

// Strata (format 2), when the protocol has any: id, label, arms, criterion.
std::string strata_text(const Protocol& p) {
  if (p.strata.empty()) return "";
  TextTable strata{{"STRATUM", "LABEL", "ARMS", "CRITERION"}, {}, {}};
  for (const Stratum& st : p.strata) strata.rows.push_back({st.id, st.label, arms_text(st.arms), st.criterion});
  return "\nStrata (groups by a baseline characteristic, not randomised)\n" +
         indented(render(strata, TableFormat::table));
}

// [blinding] (format 2), when the protocol has it: the masked and unblinded roles, then what a masked
// participant is told of each activity that has its own participant text or a site text per arm.
std::string blinding_text(const Protocol& p) {
  if (!p.blinding) return "";
  const Blinding& b = *p.blinding;
  std::vector<std::string> masked;
  for (const MaskedRole r : b.masking) masked.emplace_back(to_string(r));
  std::string out = "\nBlinding\n";
  field(out, "masked", masked.empty() ? "none (open label)" : join(masked, ", "));
  field(out, "unblinded", join(b.unblinded, ", "));
  field(out, "source", b.provenance.source);
  TextTable acts{{"ACTIVITY", "PARTICIPANT TEXT", "SITE TEXT BY ARM"}, {}, {}};
  for (const Activity& a : p.activities) {
    if (a.participant_label.empty() && a.arm_labels.empty()) continue;
    std::vector<std::string> by_arm;
    for (const auto& [arm, text] : a.arm_labels) by_arm.push_back(std::string{arm}.append(": ").append(text));
    acts.rows.push_back({a.id, participant_text(a), by_arm.empty() ? "-" : join(by_arm, "; ")});
  }
  if (!acts.rows.empty()) out += indented(render(acts, TableFormat::table));
  return out;
}

// The Dosing section: the minimum gap, the dosing periods and the flexible dose rules.
std::string dosing_text(const Protocol& p) {
  std::string out;
  out += "\nDosing\n";
  if (const auto& gap = p.dosing.min_gap)
    out += "  minimum gap between doses: " + format_duration(*gap) + " (" + days_text(*gap->exact_days()) + ")\n";
  else
    out += "  no minimum gap between doses\n";
  if (!p.dosing_periods.empty())
    out += "\nDosing periods (each from its FROM visit up to, not including, its TO visit)\n" + periods_table(p);
  if (!p.dose_rules.empty()) out += "\nDose rules (flexible dosing: the scheduler places the doses in the span)\n";
  for (std::size_t r = 0; r < p.dose_rules.size(); ++r) {
    const DoseRule& rule = p.dose_rules[r];
    std::vector<std::string> ids;
    for (const Visit& v : p.visits)
      if (v.rule == r) ids.push_back(v.id);
    out += "  " + rule.id + ": " + std::to_string(rule.count) + " doses within " + std::to_string(rule.within) +
           " days, at least " + std::to_string(rule.min_gap) + " days apart\n    -> " + join(ids, ", ") + "\n";
  }
  return out;
}

}  // namespace

std::string show_text(const Protocol& p) {
  const Study& s = p.study;
  std::string out = s.id + "\n";
  field(out, "title", s.title);
  field(out, "design", s.design);
  if (s.model) field(out, "model", std::string{to_string(*s.model)});
  if (s.allocation) field(out, "allocation", std::string{to_string(*s.allocation)});
  field(out, "condition", s.condition);
  field(out, "citation", s.citation);
  field(out, "DOI", s.doi);
  field(out, "registry", join(s.registry, ", "));
  field(out, "source", s.provenance.source);
  if (!s.note.empty()) field(out, "note", s.note);
  field(out, "file", p.file);

  out += "\nAnchor\n  Day 1 = " + p.anchor_event +
         ". Study day 1 is Day 1 (no day 0); week N is Day 1 + 7N days (study day 7N+1).\n";
  if (!p.anchor_provenance.source.empty()) out += "  source: " + p.anchor_provenance.source + "\n";

  const Timeline timeline{p};
  out += "\nArms\n" + arms_table(p, timeline);
  out += strata_text(p) + blinding_text(p);

  out += "\nEpochs\n";
  TextTable epochs{{"EPOCH", "LABEL"}, {}, {}};
  for (const Epoch& e : p.epochs) epochs.rows.push_back({e.id, e.label});
  out += indented(render(epochs, TableFormat::table));

  out += "\nActivities\n";
  TextTable acts{{"ACTIVITY", "KIND", "ARMS", "WHAT"}, {}, {}};
  for (const Activity& a : p.activities)
    acts.rows.push_back({a.id, std::string{to_string(a.kind)}, arms_text(a.arms), activity_text(p, a)});
  out += indented(render(acts, TableFormat::table));

  out +=
      "\nVisits (planned order; DAY and WEEK of visits timed from Day 1; WINDOW in days before/after the "
      "target)\n" +
      visits_table(p, timeline);
  if (!p.events.empty()) {  // format 2: the events and the visits they bring, apart from the planned ones
    out += "\nEvents\n";
    TextTable events{{"EVENT", "LABEL"}, {}, {}};
    for (const Event& e : p.events) events.rows.push_back({e.id, e.label});
    out += indented(render(events, TableFormat::table));
    out += "\nConditional visits (only when their event occurs; TIMING from the event unless after a visit)\n" +
           visits_table(p, timeline, true);
  }

  out += "\nSeries\n";
  if (p.series.empty()) out += "  none\n";
  for (std::size_t i = 0; i < p.series.size(); ++i) out += "  " + series_text(p, i);

  out += dosing_text(p);

  if (!p.constraints.empty())
    out += "\nConstraints (THEN at least/at most GAP after the latest FIRST at or before it)\n" + constraints_table(p);

  out += "\nPublished\n";
  if (!p.published) {
    out += "  nothing stated\n";
  } else {
    const Published& pub = *p.published;
    field(out, "injections", pub.injections ? std::to_string(*pub.injections) : "");
    field(out, "treatment", pub.treatment ? format_duration(*pub.treatment) : "");
    field(out, "follow-up", pub.follow_up_end ? "to " + format_duration(*pub.follow_up_end) + " after Day 1" : "");
    if (pub.length) field(out, "length", format_duration(*pub.length) + " from the first visit to the last");
    field(out, "source", pub.provenance.source);
  }

  if (!p.endpoints.empty()) out += "\nEndpoints\n" + endpoints_table(p);

  const std::vector<Assumption> list = assumptions(p);
  out += "\nAssumptions (" + std::to_string(list.size()) + ")\n";
  if (list.empty()) out += "  none\n";
  for (const Assumption& a : list)
    out += "  " + a.where.file + ":" + std::to_string(a.where.line) + "  " + a.what + ": " + a.text + "\n";
  return out;
}

}  // namespace planner
