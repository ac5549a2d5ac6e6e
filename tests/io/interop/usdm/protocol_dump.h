// A protocol as sorted lines "path = value", one per field of every table planner holds (core/protocol.h),
// with indices written as the ids they point to and nothing about where the file spelled it (SourceLocation,
// the file name): two protocols that mean the same have the same dump, whatever their order of tables.
//
//   visit[W2].at = P2W
//   visit[W2].activity[INJ].source = KMJ-abs ...     (an activity written as an inline table at W2)
//   visit[W2].window.assumed = site default ...
//   order.visits = SCR W0 W1 W2                      (the orders a protocol keeps are lines of their own)
//
// Used by tests/io/interop/usdm/export_test.cc to compare a protocol with the import of its USDM export.
#pragma once

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "planner/core/protocol.h"
#include "planner/io/iso8601.h"

namespace planner::testing {

class ProtocolDump {
 public:
  explicit ProtocolDump(const Protocol& p) : p_{p} {}

  std::vector<std::string> lines() {
    study();
    arms_and_design();
    for (const Epoch& e : p_.epochs) put("epoch[" + e.id + "].label", e.label);
    elements();
    for (const Event& e : p_.events) {
      const std::string at = "event[" + e.id + "]";
      put(at + ".label", e.label);
      put(at + ".note", e.note);
      provenance(at, e.provenance);
    }
    activities();
    for (const Visit& v : p_.visits) visit(v);
    rules();
    tables();
    order();
    std::sort(out_.begin(), out_.end());
    return out_;
  }

 private:
  void put(const std::string& path, const std::string& value) {
    if (!value.empty()) out_.push_back(path + " = " + value);
  }
  void provenance(const std::string& at, const Provenance& p) {
    put(at + ".source", p.source);
    put(at + ".assumed", p.assumed);
  }
  static std::string list(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& i : items) out += (out.empty() ? "" : " ") + i;
    return out;
  }
  std::string visits(const std::vector<std::size_t>& indices) const {
    std::vector<std::string> ids;
    for (const std::size_t v : indices) ids.push_back(p_.visits[v].id);
    return list(ids);
  }
  static std::string duration(const std::optional<Duration>& d) { return d ? format_duration(*d) : ""; }
  static std::string minutes(const std::optional<Minutes>& m) { return m ? format_time_duration(*m) : ""; }
  static std::string amount(const std::optional<Amount>& a) { return a ? to_string(*a) : ""; }
  static std::string number(double x) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", x);
    return text;
  }

  void study() {
    const Study& s = p_.study;
    put("format", std::to_string(p_.format));
    put("study.id", s.id);
    put("study.title", s.title);
    put("study.design", s.design);
    put("study.condition", s.condition);
    put("study.citation", s.citation);
    put("study.doi", s.doi);
    put("study.registry", list(s.registry));
    put("study.note", s.note);
    put("study.model", s.model ? std::string{to_string(*s.model)} : "");
    put("study.allocation", s.allocation ? std::string{to_string(*s.allocation)} : "");
    provenance("study", s.provenance);
    put("anchor.event", p_.anchor_event);
    provenance("anchor", p_.anchor_provenance);
    if (p_.month_end) put("schedule.month_end", *p_.month_end == MonthEnd::clamp ? "clamp" : "reject");
  }

  void arms_and_design() {
    for (const Arm& a : p_.arms) {
      const std::string at = "arm[" + a.id + "]";
      put(at + ".label", a.label);
      std::vector<std::string> elements;
      for (const std::size_t e : a.elements) elements.push_back(p_.elements[e].id);
      put(at + ".elements", list(elements));
      put(at + ".branch", a.branch);
      provenance(at, a.provenance);
    }
    for (const Stratum& s : p_.strata) {
      const std::string at = "stratum[" + s.id + "]";
      put(at + ".label", s.label);
      put(at + ".arms", list(s.arms));
      put(at + ".criterion", s.criterion);
      provenance(at, s.provenance);
    }
    if (const auto& b = p_.blinding) {
      std::vector<std::string> masking;
      for (const MaskedRole r : b->masking) masking.emplace_back(to_string(r));
      put("blinding", "present");
      put("blinding.masking", list(masking));
      put("blinding.unblinded", list(b->unblinded));
      provenance("blinding", b->provenance);
    }
  }

  void elements() {
    for (const TrialElement& e : p_.elements) {
      const std::string at = "element[" + e.id + "]";
      put(at + ".label", e.label);
      put(at + ".epoch", p_.epochs[e.epoch].id);
      put(at + ".start_rule", e.start_rule);
      put(at + ".end_rule", e.end_rule);
      put(at + ".duration", e.duration);
      put(at + ".note", e.note);
      provenance(at, e.provenance);
    }
  }

  void activities() {
    for (const Activity& a : p_.activities) {
      const std::string at = "activity[" + a.id + "]";
      put(at + ".label", a.label);
      put(at + ".kind", std::string{to_string(a.kind)});
      put(at + ".arms", list(a.arms));
      put(at + ".product", a.product);
      put(at + ".route", a.route);
      put(at + ".amount", amount(a.amount));
      put(at + ".participant_label", a.participant_label);
      for (const auto& [arm, label] : a.arm_labels) put(at + ".arm_label[" + arm + "]", label);
      put(at + ".instrument", a.instrument);
      if (a.kind == ActivityKind::assessment) put(at + ".role", std::string{to_string(a.role)});
      put(at + ".prepares", a.prepares ? p_.activities[*a.prepares].id : "");
      put(at + ".lead_time", duration(a.lead_time));
      put(at + ".duration", minutes(a.duration));
      put(at + ".note", a.note);
      provenance(at, a.provenance);
    }
  }

  void visit(const Visit& v) {
    const std::string at = "visit[" + v.id + "]";
    put(at + ".label", v.label);
    put(at + ".epoch", p_.epochs[v.epoch].id);
    put(at + ".at", format_duration(v.at));
    put(at + ".after", v.after ? p_.visits[*v.after].id : "");
    put(at + ".on", v.on ? p_.events[*v.on].id : "");
    put(at + ".window", format_duration(v.window.early) + ".." + format_duration(v.window.late));
    if (v.window.own_provenance) provenance(at + ".window", v.window.provenance);
    std::vector<std::string> activities;
    for (const std::size_t a : v.activities) activities.push_back(p_.activities[a].id);
    put(at + ".activities", list(activities));
    for (const ActivityProvenance& a : v.activity_provenance) {
      provenance(at + ".activity[" + p_.activities[a.activity].id + "]", a.provenance);
      put(at + ".activity[" + p_.activities[a.activity].id + "].note", a.note);
    }
    put(at + ".arms", list(v.arms));
    put(at + ".amount", amount(v.amount));
    put(at + ".visitnum", v.visitnum ? number(*v.visitnum) : "");
    put(at + ".start_rule", v.start_rule);
    put(at + ".end_rule", v.end_rule);
    put(at + ".series", v.series ? p_.series[*v.series].id : "");
    put(at + ".dose_rule", v.rule ? p_.dose_rules[*v.rule].id : "");
    if (v.series || v.rule) put(at + ".occurrence", std::to_string(v.occurrence));
    put(at + ".time", v.time ? format_time_of_day(*v.time) : "");
    put(at + ".duration", minutes(v.duration));
    put(at + ".note", v.note);
    provenance(at, v.provenance);
  }

  void rules() {
    for (const Series& s : p_.series) {
      const std::string at = "series[" + s.id + "]";
      std::vector<std::string> days;
      for (const Duration& d : s.days) days.push_back(format_duration(d));
      put(at + ".label", s.label);
      put(at + ".start", format_duration(s.start));
      put(at + ".every", format_duration(s.every));
      put(at + ".count", std::to_string(s.count));
      put(at + ".days", list(days));
      put(at + ".number_from", std::to_string(s.number_from));
      provenance(at, s.provenance);
    }
    for (const DoseRule& r : p_.dose_rules) {
      const std::string at = "dose_rule[" + r.id + "]";
      put(at + ".label", r.label);
      put(at + ".count", std::to_string(r.count));
      put(at + ".within", std::to_string(r.within));
      put(at + ".min_gap", std::to_string(r.min_gap));
      provenance(at, r.provenance);
    }
  }

  void tables() {
    put("dosing.min_gap", duration(p_.dosing.min_gap));
    provenance("dosing", p_.dosing.provenance);
    for (const Constraint& c : p_.constraints) {
      const std::string at = "constraint[" + c.id + "]";
      const auto days = [](const std::optional<Days>& d) { return d ? std::to_string(d->count()) : std::string{}; };
      put(at + ".label", c.label);
      put(at + ".kind", std::string{to_string(c.kind)});
      put(at + ".first", p_.activities[c.first].id);
      put(at + ".then", p_.activities[c.then].id);
      put(at + ".first_visit", c.first_visit ? p_.visits[*c.first_visit].id : "");
      put(at + ".then_visit", c.then_visit ? p_.visits[*c.then_visit].id : "");
      put(at + ".min", days(c.min));
      put(at + ".max", days(c.max));
      put(at + ".note", c.note);
      provenance(at, c.provenance);
    }
    for (const DosingPeriod& d : p_.dosing_periods) {
      const std::string at = "dosing_period[" + d.id + "]";
      put(at + ".label", d.label);
      put(at + ".activity", p_.activities[d.activity].id);
      put(at + ".from", p_.visits[d.from].id);
      put(at + ".to", p_.visits[d.to].id);
      put(at + ".every", std::to_string(d.every));
      put(at + ".where", d.place == DosingPeriod::Place::home ? "home" : "site");
      for (const auto& [arm, a] : d.amounts) put(at + ".amount[" + arm + "]", to_string(a));
      put(at + ".dispense", visits(d.dispense));
      provenance(at, d.provenance);
    }
    if (const auto& pub = p_.published) {
      put("published", "present");
      put("published.injections", pub->injections ? std::to_string(*pub->injections) : "");
      put("published.treatment", duration(pub->treatment));
      put("published.follow_up_end", duration(pub->follow_up_end));
      put("published.length", duration(pub->length));
      provenance("published", pub->provenance);
    }
    outcomes();
  }

  void outcomes() {
    for (const Endpoint& e : p_.endpoints) {
      const std::string at = "endpoint[" + e.id + "]";
      put(at + ".label", e.label);
      put(at + ".activity", p_.activities[e.activity].id);
      put(at + ".visit", p_.visits[e.visit].id);
      put(at + ".role", std::string{to_string(e.role)});
      put(at + ".published", duration(e.published));
      put(at + ".measure", e.measure);
      put(at + ".note", e.note);
      provenance(at, e.provenance);
    }
    for (const TrialSummaryEntry& e : p_.trial_summary) {
      const std::string at = "trial_summary[" + e.parameter + " " + std::to_string(e.seq) + "]";
      put(at + ".name", e.name);
      put(at + ".value", e.value);
      provenance(at, e.provenance);
    }
    const auto day = [](const std::optional<StudyDay>& d) { return d ? std::to_string(d->number()) : std::string{}; };
    for (const AnalysisWindow& w : p_.analysis_windows) {
      const std::string at = "analysis_window[" + w.name + "]";
      put(at + ".target", day(w.target));
      put(at + ".lower", day(w.lower));
      put(at + ".upper", day(w.upper));
      put(at + ".ties", w.ties_later ? "later" : "earlier");
      provenance(at, w.provenance);
    }
    std::vector<std::string> tolerate;
    for (const Verdict v : p_.check_tolerates) tolerate.emplace_back(to_string(v));
    put("check.tolerate", list(tolerate));
    for (const LintAccept& a : p_.lint_accepts)
      put("lint.accept[" + a.rule + (a.visit.empty() ? "" : " " + a.visit) + "].reason", a.reason);
  }

  // The orders that mean something: arms (SDTM TA), epochs, elements (TE), trial-summary rows (TS), visits
  // (the file's order: soa columns, show).
  void order() {
    std::vector<std::string> arms, epochs, elements, visit_ids, rows;
    for (const Arm& a : p_.arms) arms.push_back(a.id);
    for (const Epoch& e : p_.epochs) epochs.push_back(e.id);
    for (const TrialElement& e : p_.elements) elements.push_back(e.id);
    for (const Visit& v : p_.visits) visit_ids.push_back(v.id);
    for (const TrialSummaryEntry& e : p_.trial_summary) rows.push_back(e.parameter);
    put("order.arms", list(arms));
    put("order.epochs", list(epochs));
    put("order.elements", list(elements));
    put("order.visits", list(visit_ids));
    put("order.trial_summary", list(rows));
  }

  const Protocol& p_;
  std::vector<std::string> out_;
};

inline std::vector<std::string> protocol_dump(const Protocol& p) { return ProtocolDump{p}.lines(); }

}  // namespace planner::testing
