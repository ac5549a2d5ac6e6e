#include "planner/core/lint.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <string_view>
#include <tuple>

#include "planner/core/blinding.h"
#include "planner/core/constraint.h"
#include "planner/core/scheduler.h"
#include "planner/core/study_day.h"
#include "planner/core/timeline.h"

namespace planner {
namespace {

constexpr std::string_view kRules[] = {"load",
                                       "visit-order",
                                       "window-overlap",
                                       "window-gap",
                                       "published-injections",
                                       "published-treatment",
                                       "published-follow-up",
                                       "published-length",
                                       "element-duration",
                                       "endpoint-timepoint",
                                       "endpoint-published",
                                       "feasibility",
                                       "preparation",
                                       "constraint",
                                       "visit-hours",
                                       "blinding",
                                       "lint-accept"};

std::size_t rule_rank(std::string_view rule) {
  return static_cast<std::size_t>(std::find(std::begin(kRules), std::end(kRules), rule) - std::begin(kRules));
}

std::string iso(Date d) { return date::format("%F", d); }

// "1 day", "5 days", "1 week", "4 weeks" (whole weeks when the count divides by 7); the sign is dropped.
std::string span(Days days) {
  const long n = days < Days{0} ? -days.count() : days.count();
  if (n != 0 && n % 7 == 0) return std::to_string(n / 7) + (n == 7 ? " week" : " weeks");
  return std::to_string(n) + (n == 1 ? " day" : " days");
}

std::string_view weekday_name(date::weekday d) {
  static constexpr std::array<std::string_view, 7> names{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  return names[d.c_encoding()];
}

// "Sat or Sun", "Fri, Sat or Sun".
std::string either(const std::vector<std::string>& items, std::string_view last_joiner) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? std::string{last_joiner} : ", ";
    out += items[i];
  }
  return out;
}

// The checks for one arm, from a reference plan at kLintReferenceDay1 with every day open.
class ArmLint {
 public:
  ArmLint(const Protocol& protocol, std::string arm, const LintOptions& options)
      : p_{protocol}, arm_{std::move(arm)}, o_{options} {
    planned_ = plan(p_, PlanRequest{kLintReferenceDay1, arm_, nullptr, Prefer::earlier});
    std::stable_sort(planned_.begin(), planned_.end(), [](const PlannedVisit& a, const PlannedVisit& b) {
      return std::tie(a.target, a.visit) < std::tie(b.target, b.visit);
    });
  }

  std::vector<Finding> run() {
    visit_order();
    windows();
    published();
    published_length();
    element_durations();
    endpoints();
    preparation();
    constraints();
    visit_hours();
    feasibility();
    return std::move(out_);
  }

 private:
  void add(std::string_view rule, Severity severity, const SourceLocation& where, std::string visit,
           std::string message) {
    out_.push_back(Finding{std::string{rule}, severity, where, std::move(visit), std::move(message)});
  }
  const Visit& visit(const PlannedVisit& pv) const { return p_.visits[pv.visit]; }
  // The study day of a date of the reference plan, as text.
  static std::string day(Date d) { return std::to_string(study_day_of(kLintReferenceDay1, d).number()); }
  static std::string days(Date from, Date to) {
    return from == to ? "day " + day(from) : "days " + day(from) + ".." + day(to);
  }
  std::vector<const PlannedVisit*> doses() const {
    std::vector<const PlannedVisit*> out;
    for (const PlannedVisit& pv : planned_)
      if (p_.is_dose_visit(visit(pv), arm_)) out.push_back(&pv);
    return out;
  }
  // A [published] duration in days (months and years counted from the reference Day 1).
  Days published_days(const Duration& d) const {
    if (const auto exact = d.exact_days()) return *exact;
    const auto to = planner::add(kLintReferenceDay1, d, p_.month_end.value_or(MonthEnd::clamp));
    return to ? *to - kLintReferenceDay1 : Days{0};
  }

  // A visit defined after a visit whose target is later.
  void visit_order() {
    std::vector<const PlannedVisit*> by_definition;
    for (const PlannedVisit& pv : planned_) by_definition.push_back(&pv);
    std::sort(by_definition.begin(), by_definition.end(),
              [](const PlannedVisit* a, const PlannedVisit* b) { return a->visit < b->visit; });
    const PlannedVisit* latest = nullptr;  // the visit defined so far with the latest target
    for (const PlannedVisit* pv : by_definition) {
      if (latest && pv->target < latest->target) {
        const Visit& v = visit(*pv);
        add("visit-order", Severity::warning, v.where, v.id,
            "visit " + v.id + " (day " + day(pv->target) + ") is defined after " + visit(*latest).id + " (day " +
                day(latest->target) + ") but comes before it: keep the visits in chronological order");
      }
      if (!latest || pv->target > latest->target) latest = pv;
    }
  }

  // Consecutive windows that overlap; consecutive doses whose windows allow less than min_gap.
  void windows() {
    for (std::size_t i = 1; i < planned_.size(); ++i) {
      const PlannedVisit &a = planned_[i - 1], &b = planned_[i];
      if (b.earliest > a.latest) continue;
      add("window-overlap", Severity::warning, visit(b).where, visit(b).id,
          "the windows of " + visit(a).id + " (" + days(a.earliest, a.latest) + ") and " + visit(b).id + " (" +
              days(b.earliest, b.latest) + ") overlap: a visit on " + days(b.earliest, std::min(a.latest, b.latest)) +
              " could be either");
    }
    if (!p_.dosing.min_gap) return;
    const Days gap = *p_.dosing.min_gap->exact_days();
    const auto d = doses();
    for (std::size_t i = 1; i < d.size(); ++i) {
      const PlannedVisit &a = *d[i - 1], &b = *d[i];
      const Days closest = b.earliest - a.latest;
      if (closest <= Days{0} || closest >= gap) continue;  // overlapping windows are window-overlap's
      add("window-gap", Severity::warning, visit(b).where, visit(b).id,
          "the windows of doses " + visit(a).id + " (" + days(a.earliest, a.latest) + ") and " + visit(b).id + " (" +
              days(b.earliest, b.latest) + ") allow them " + span(closest) + " apart, less than [dosing] min_gap (" +
              span(gap) + ")");
    }
  }

  // Dose count, treatment duration and end of follow-up against [published].
  void published() {
    if (!p_.published || planned_.empty()) return;
    const Published& pub = *p_.published;
    const auto d = doses();
    if (pub.injections && static_cast<long>(d.size()) != *pub.injections) {
      const long diff = static_cast<long>(d.size()) - *pub.injections;
      add("published-injections", Severity::error, pub.where, "",
          "injections: the schedule has " + std::to_string(d.size()) +
              " dose visits, [published] injections = " + std::to_string(*pub.injections) + " (" +
              std::to_string(diff < 0 ? -diff : diff) + (diff < 0 ? " fewer" : " more") + ")");
    }
    if (pub.treatment && !d.empty()) {
      const PlannedVisit& last = *d.back();
      const long weeks = treatment_weeks(last.target - kLintReferenceDay1);
      const Days planned{7 * weeks};
      const Days stated = published_days(*pub.treatment);
      if (planned != stated) {
        const long first_week = treatment_weeks(d.front()->target - kLintReferenceDay1) - 1;
        add("published-treatment", Severity::error, pub.where, "",
            "treatment: doses in weeks " + std::to_string(first_week) + "-" + std::to_string(weeks - 1) +
                " (last dose " + visit(last).id + ", day " + day(last.target) + ") make " + span(planned) +
                "; [published] treatment = " + span(stated) + " (the schedule is " + span(planned - stated) +
                (planned > stated ? " longer)" : " shorter)"));
      }
    }
    if (pub.follow_up_end) {
      const PlannedVisit& last = *std::max_element(planned_.begin(), planned_.end(),
                                                   [](const PlannedVisit& a, const PlannedVisit& b) {
                                                     return a.target < b.target;
                                                   });
      const Days end = last.target - kLintReferenceDay1;
      const Days stated = published_days(*pub.follow_up_end);
      if (end != stated)
        add("published-follow-up", Severity::error, pub.where, "",
            "follow_up_end: the last visit " + visit(last).id + " is on day " + day(last.target) + ", " + span(end) +
                " after Day 1; [published] follow_up_end = " + span(stated) + " (the schedule ends " +
                span(end - stated) + (end > stated ? " later)" : " earlier)"));
    }
  }

  // "09:30", "24:15" (a visit's end may pass midnight).
  static std::string clock(Minutes m) {
    const auto two = [](long n) {
      return std::string{static_cast<char>('0' + n / 10), static_cast<char>('0' + n % 10)};
    };
    return two(m.count() / 60) + ":" + two(m.count() % 60);
  }
  static std::string hours_text(const OpeningHours& h) {
    return clock(h.open.since_midnight()) + "-" + clock(h.close.since_midnight());
  }

  // A visit with a time must end the day it starts, and within the site's opening hours when lint is given
  // them (--hours); a visit without a time must at least be shorter than the hours.
  void visit_hours() {
    const std::optional<OpeningHours>& hours = o_.hours;
    for (const Visit& v : p_.visits) {
      if (!v.applies_to(arm_)) continue;
      const auto length = visit_length(p_, v, arm_);
      const std::string lasting = length ? " lasting " + std::to_string(length->count()) + " minutes" : "";
      if (v.time) {
        const Minutes end = *v.time + length.value_or(Minutes{0});
        const std::string what = v.id + " at " + clock(v.time->since_midnight()) + lasting + " ends at " + clock(end);
        if (hours && !hours->fits(*v.time, length.value_or(Minutes{0})))
          add("visit-hours", Severity::warning, v.where, v.id,
              what + ", outside the opening hours " + hours_text(*hours));
        else if (end > Minutes{24 * 60})
          add("visit-hours", Severity::warning, v.where, v.id, what + ", after midnight");
      } else if (hours && length && *length > hours->length()) {
        add("visit-hours", Severity::warning, v.where, v.id,
            v.id + lasting + " is longer than the opening hours " + hours_text(*hours));
      }
    }
  }

  // [published] length against the span of the arm's plan, first visit (screening included) to last.
  void published_length() {
    if (!p_.published || !p_.published->length || planned_.empty()) return;
    const auto [first, last] = std::minmax_element(planned_.begin(), planned_.end(),
                                                   [](const PlannedVisit& a, const PlannedVisit& b) {
                                                     return a.target < b.target;
                                                   });
    const Days planned = last->target - first->target;
    const Days stated = published_days(*p_.published->length);
    if (planned == stated) return;
    add("published-length", Severity::error, p_.published->where, "",
        "length: the schedule runs " + span(planned) + " from its first visit " + visit(*first).id + " (day " +
            day(first->target) + ") to its last " + visit(*last).id + " (day " + day(last->target) +
            "); [published] length = " + span(stated) + " (the schedule is " + span(planned - stated) +
            (planned > stated ? " longer)" : " shorter)"));
  }

  // Stated elements ([[element]]): the durations of the arm's elements, from the first that has one, add up to
  // the span of its visits from the first visit of that element's epoch to its last visit (the CDISC pilot's
  // HIS P2W + HIM P22W + HIE P2W = 26 weeks, BASELINE to WEEK 26).
  void element_durations() {
    const Arm* arm = p_.find_arm(arm_);
    if (!arm || arm->elements.empty() || planned_.empty()) return;
    Days total{0};
    std::optional<std::size_t> epoch;
    std::string names;
    for (std::size_t e : arm->elements) {
      const TrialElement& el = p_.elements[e];
      if (!el.length) continue;
      if (!epoch) epoch = el.epoch;
      total += published_days(*el.length);
      names += (names.empty() ? "" : " + ") + el.id + " " + el.duration;
    }
    if (!epoch) return;
    const auto first = std::find_if(planned_.begin(), planned_.end(),  // in target order
                                    [&](const PlannedVisit& pv) { return visit(pv).epoch >= *epoch; });
    if (first == planned_.end()) return;
    const PlannedVisit& last = planned_.back();
    const Days planned = last.target - first->target;
    if (planned == total) return;
    add("element-duration", Severity::warning, arm->where, "",
        "arm " + arm_ + ": its elements last " + span(total) + " (" + names + ") but its visits from " +
            visit(*first).id + " (day " + day(first->target) + ") to " + visit(last).id + " (day " + day(last.target) +
            ") span " + span(planned));
  }

  // Every primary assessment has an [[endpoint]] naming its timepoint (format 2); each endpoint's
  // `published` timepoint is its visit's planned target.
  void endpoints() {
    if (p_.format >= 2)
      for (std::size_t a = 0; a < p_.activities.size(); ++a) {
        const Activity& act = p_.activities[a];
        if (act.kind != ActivityKind::assessment || act.role != EndpointRole::primary || !act.applies_to(arm_))
          continue;
        const bool named = std::any_of(p_.endpoints.begin(), p_.endpoints.end(),
                                       [&](const Endpoint& e) { return e.activity == a; });
        if (!named)
          add("endpoint-timepoint", Severity::warning, act.where, "",
              "activity " + act.id + " has role primary but no [[endpoint]] names the visit of its read-out");
      }
    for (const Endpoint& e : p_.endpoints) {
      if (!e.published) continue;
      const auto pv = std::find_if(planned_.begin(), planned_.end(),
                                   [&](const PlannedVisit& x) { return x.visit == e.visit; });
      if (pv == planned_.end()) continue;  // not this arm's visit
      const Days planned = pv->target - kLintReferenceDay1;
      const Days stated = published_days(*e.published);
      if (planned == stated) continue;
      add("endpoint-published", Severity::error, e.where, visit(*pv).id,
          "endpoint " + e.id + ": " + p_.activities[e.activity].id + " at " + visit(*pv).id + " is planned on day " +
              day(pv->target) + ", " + span(planned) + " after Day 1; its published timepoint is " + span(stated) +
              " after Day 1 (the plan is " + span(planned - stated) + (planned > stated ? " later)" : " earlier)"));
    }
  }

  // A draw must precede the first dose it prepares by its lead time, whatever days the windows give.
  void preparation() {
    for (std::size_t ai = 0; ai < p_.activities.size(); ++ai) {
      const Activity& draw = p_.activities[ai];
      if (!draw.prepares) continue;
      const Activity& dose = p_.activities[*draw.prepares];
      if (!dose.applies_to(arm_)) continue;
      const auto has = [&](const PlannedVisit& pv, std::size_t activity) {
        const auto& acts = visit(pv).activities;
        return std::find(acts.begin(), acts.end(), activity) != acts.end();
      };
      const auto first_dose = std::find_if(planned_.begin(), planned_.end(),
                                           [&](const PlannedVisit& pv) { return has(pv, *draw.prepares); });
      if (first_dose == planned_.end()) continue;
      const auto first_draw = std::find_if(planned_.begin(), planned_.end(), [&](const PlannedVisit& pv) {
        return draw.applies_to(arm_) && has(pv, ai);
      });
      if (first_draw == planned_.end()) {
        add("preparation", Severity::error, draw.where, "",
            draw.id + " prepares " + dose.id + ", but no visit has " + draw.id + " before the first " + dose.id);
        continue;
      }
      const Days lead = *draw.lead_time->exact_days();
      const Days closest = first_dose->earliest - first_draw->latest;
      if (closest >= lead) continue;
      add("preparation", Severity::error, visit(*first_draw).where, visit(*first_draw).id,
          draw.id + " at " + visit(*first_draw).id + " (latest day " + day(first_draw->latest) + ") can be " +
              (closest < Days{0} ? "after" : span(closest) + " before") + " the first " + dose.id + " at " +
              visit(*first_dose).id + " (earliest day " + day(first_dose->earliest) + "); its lead_time needs " +
              span(lead));
    }
  }

  // Each constraint pair against the windows of its two visits: an error when the targets break it, a warning
  // when some choice of days within the windows does (the closest or farthest the windows allow).
  void constraints() {
    std::map<std::size_t, const PlannedVisit*> by_visit;
    for (const PlannedVisit& pv : planned_) by_visit.emplace(pv.visit, &pv);
    for (const ConstraintPair& pair : constraint_pairs(p_, arm_)) {
      const Constraint& c = p_.constraints[pair.constraint];
      const PlannedVisit& a = *by_visit.at(pair.first);
      const PlannedVisit& b = *by_visit.at(pair.then);
      const std::string head = "constraint " + c.id + " (" + std::string{to_string(c.kind)} + ", " +
                               p_.activities[c.then].id + " " + constraint_bounds(c) + " after " +
                               p_.activities[c.first].id + "): ";
      const std::string pair_text = visit(a).id + " (" + days(a.earliest, a.latest) + ") to " + visit(b).id + " (" +
                                    days(b.earliest, b.latest) + ")";
      const bool same = pair.first == pair.then;  // one visit: the gap is 0 whatever its date
      if (const auto at_targets = judge_gap(c, pair, same ? Days{0} : b.target - a.target)) {
        add("constraint", Severity::error, c.where, visit(b).id,
            head + "at their targets " + visit(a).id + " (day " + day(a.target) + ") and " + visit(b).id + " (day " +
                day(b.target) + ") are " + apart(at_targets->gap, visit(b).id, visit(a).id) + ", " +
                span(at_targets->by) + (at_targets->too_soon ? " too few" : " too many"));
        continue;
      }
      if (same) continue;
      for (const bool soonest : {true, false}) {
        const Date from = soonest ? a.latest : a.earliest, to = soonest ? b.earliest : b.latest;
        const auto breach = judge_gap(c, pair, to - from);
        if (!breach || breach->too_soon != soonest) continue;
        std::string message = head;
        message += "the windows of " + pair_text + " allow " + visit(a).id + " on day " + day(from);
        message += " and " + visit(b).id + " on day " + day(to) + ", " + apart(to - from, visit(b).id, visit(a).id);
        message += ", " + span(breach->by) + (soonest ? " too few" : " too many");
        add("constraint", Severity::warning, c.where, visit(b).id, std::move(message));
      }
    }
  }
  // "21 days apart", "on the same day", "W0 2 days before SCR" (a negative gap).
  static std::string apart(Days gap, const std::string& then, const std::string& first) {
    if (gap == Days{0}) return "on the same day";
    if (gap < Days{0}) return then + " " + span(gap) + " before " + first;
    return span(gap) + " apart";
  }

  // Every visit placed in an open day of its window, keeping the dose gap, for each Day 1 the site allows.
  void feasibility() {
    const SiteCalendar& cal = o_.calendar;
    std::vector<Date> candidates;  // possible Day-1 dates
    const bool holidays = !cal.closed_dates().empty();
    std::string closed;
    for (unsigned wd = 1; wd <= 7; ++wd)
      if (cal.is_closed(date::weekday{wd % 7}))
        closed += (closed.empty() ? "" : ", ") + std::string{weekday_name(date::weekday{wd % 7})};
    std::string site = closed.empty() ? "" : "closed " + closed;
    std::string years;
    if (holidays) {
      const auto first = date::year_month_day{cal.closed_dates().front()}.year();
      const auto last = date::year_month_day{cal.closed_dates().back()}.year();
      years = std::to_string(int{first}) + (first == last ? "" : "-" + std::to_string(int{last}));
      site += std::string{site.empty() ? "" : " and "} + "on the holidays of " + years;
      for (Date d = Date{first / 1 / 1}; d <= Date{last / 12 / 31}; d += Days{1})
        if (cal.is_open(d)) candidates.push_back(d);
    } else {
      for (int k = 0; k < 7; ++k)
        if (cal.is_open(kLintReferenceDay1 + Days{k})) candidates.push_back(kLintReferenceDay1 + Days{k});
    }
    if (candidates.empty()) {
      add("feasibility", Severity::error, {p_.file, 0, 0}, "", "the site is never open (" + site + ")");
      return;
    }
    std::map<std::size_t, std::vector<Date>> conflicts;  // visit index -> Day-1 dates that leave it no day
    std::set<std::size_t> gap;                           // visits for which an open day was refused by the dose gap
    std::size_t failing = 0;
    std::vector<Conflict> why;
    for (Date day1 : candidates) {
      why.clear();
      plan(p_, PlanRequest{day1, arm_, &cal, Prefer::earlier, nullptr, nullptr, &why});
      for (const Conflict& c : why) {
        conflicts[c.visit].push_back(day1);
        for (const Blocked& b : c.days)
          if (b.why == Blocked::Why::dose_gap) gap.insert(c.visit);
      }
      failing += why.empty() ? 0 : 1;
    }
    for (const PlannedVisit& pv : planned_) {  // in target order
      const auto it = conflicts.find(pv.visit);
      if (it == conflicts.end()) continue;
      std::string message = "visit " + visit(pv).id + ": no open day in its window" +
                            (gap.count(pv.visit) ? " that keeps the dose gap" : "");
      if (holidays) {
        std::vector<std::string> examples;
        for (std::size_t i = 0; i < it->second.size() && i < 3; ++i) examples.push_back(iso(it->second[i]));
        message += " for " + std::to_string(it->second.size()) + " of " + std::to_string(candidates.size()) +
                   " possible Day-1 dates (site " + site + "), e.g. Day 1 on " + either(examples, ", ") +
                   (it->second.size() > 3 ? ", ..." : "");
      } else {
        std::vector<std::string> names;
        for (Date d : it->second) names.emplace_back(weekday_name(date::weekday{d}));
        message += " when Day 1 is a " + either(names, " or ") + (site.empty() ? "" : " (site " + site + ")");
      }
      add("feasibility", Severity::warning, visit(pv).where, visit(pv).id, message);
    }
    if (failing == candidates.size())
      add("feasibility", Severity::error, {p_.file, 0, 0}, "",
          "no possible Day 1 lets every visit be placed" + (site.empty() ? std::string{} : " (site " + site + ")"));
  }

  const Protocol& p_;
  std::string arm_;
  const LintOptions& o_;
  std::vector<PlannedVisit> planned_;  // reference plan, by target then definition order
  std::vector<Finding> out_;
};

// A masked participant must see the same at a visit whatever the arm: each visit's participant texts
// (core/blinding.h) compared between the first arm that has the visit and each other arm that has it.
std::vector<Finding> blinding(const Protocol& p) {
  std::vector<Finding> out;
  if (!participant_masked(p)) return out;
  for (const Visit& v : p.visits) {
    const Arm* first = nullptr;
    std::string seen;
    for (const Arm& arm : p.arms) {
      if (!v.applies_to(arm.id)) continue;
      std::string text = participant_visit_text(p, v, arm.id);
      if (!first) {
        first = &arm;
        seen = std::move(text);
      } else if (text != seen) {
        std::string message = "visit " + v.id + ": the participant is masked but is told \"";
        message.append(seen).append("\" in arm ").append(first->id).append(" and \"").append(text);
        message.append("\" in arm ").append(arm.id).append(": give the arm-specific activities one participant_label");
        out.push_back(Finding{"blinding", Severity::error, v.where, v.id, std::move(message)});
        break;
      }
    }
  }
  return out;
}

}  // namespace

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "info";
  }
  return "error";
}

std::span<const std::string_view> lint_rules() { return kRules; }

long treatment_weeks(Days last_dose_offset) { return week_of(last_dose_offset).week + 1; }

std::vector<Finding> lint(const Protocol& protocol, const LintOptions& options) {
  // Run each arm; a finding several arms share is reported once, naming the arms unless it is all of them.
  struct Group {
    Finding finding;
    std::vector<std::string> arms;
  };
  std::vector<Group> groups;
  using Key = std::tuple<std::string, Severity, int, std::string, std::string>;
  std::map<Key, std::size_t> group_of;  // a finding's rule, severity, line, visit, message -> its group
  for (const Arm& arm : protocol.arms) {
    for (Finding& f : ArmLint{protocol, arm.id, options}.run()) {
      const auto [it, inserted] = group_of.try_emplace(Key{f.rule, f.severity, f.where.line, f.visit, f.message},
                                                       groups.size());
      if (!inserted)
        groups[it->second].arms.push_back(arm.id);
      else
        groups.push_back(Group{std::move(f), {arm.id}});
    }
  }
  std::vector<Finding> out;
  for (Group& g : groups) {
    if (g.arms.size() < protocol.arms.size())
      g.finding.message = (g.arms.size() == 1 ? "arm " : "arms ") + either(g.arms, ", ") + ": " + g.finding.message;
    out.push_back(std::move(g.finding));
  }
  for (Finding& f : blinding(protocol)) out.push_back(std::move(f));

  // Accepted findings become info; an acceptance that matches nothing is itself a finding (except for
  // feasibility, whose findings depend on the site given on the command line).
  // A finding takes the first acceptance of its rule that names its visit or no visit.
  std::vector<bool> used(protocol.lint_accepts.size(), false);
  std::map<std::pair<std::string_view, std::string_view>, std::size_t> first_accept;  // rule, visit -> index
  for (std::size_t i = 0; i < protocol.lint_accepts.size(); ++i)
    first_accept.try_emplace({protocol.lint_accepts[i].rule, protocol.lint_accepts[i].visit}, i);
  for (Finding& f : out) {
    std::size_t i = protocol.lint_accepts.size();
    for (std::string_view visit : {std::string_view{f.visit}, std::string_view{}})
      if (const auto it = first_accept.find({f.rule, visit}); it != first_accept.end()) i = std::min(i, it->second);
    if (i == protocol.lint_accepts.size()) continue;
    used[i] = true;
    f.severity = Severity::info;
    f.message += " (accepted: " + protocol.lint_accepts[i].reason + ")";
  }
  for (std::size_t i = 0; i < protocol.lint_accepts.size(); ++i) {
    const LintAccept& a = protocol.lint_accepts[i];
    if (used[i] || a.rule == "feasibility") continue;
    out.push_back(Finding{"lint-accept", Severity::warning, a.where, a.visit,
                          "[[lint.accept]] of rule " + a.rule + (a.visit.empty() ? "" : " for visit " + a.visit) +
                              " matches no finding: remove it"});
  }
  std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
    return std::tuple{a.where.line, rule_rank(a.rule)} < std::tuple{b.where.line, rule_rank(b.rule)};
  });
  return out;
}

}  // namespace planner
