#include "planner/io/interop/usdm/emit.h"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <toml++/toml.h>
#include <utility>

#include "planner/io/interop/usdm/ids.h"
#include "planner/io/iso8601.h"
#include "planner/io/text_check.h"

namespace planner::usdm {
namespace {

constexpr std::size_t kSharedListed = 8;  // visits named in a note on a shared encounter or a condition, at most

// Basic strings only ("...", escapes; UTF-8 as it is), no literal or multi-line strings, tabs escaped.
constexpr toml::format_flags kFlags = toml::format_flags::allow_unicode_strings |
                                      toml::format_flags::indent_array_elements;

template <typename V>
std::string line_of(std::string_view key, V&& value) {
  toml::table one;
  one.insert(key, std::forward<V>(value));
  std::ostringstream out;
  out << toml::toml_formatter{one, kFlags};
  return out.str() + "\n";
}

toml::array strings(const std::vector<std::string>& items) {
  toml::array out;
  for (const std::string& s : items) out.push_back(readable_text(s));
  return out;
}

std::string array_line(std::string_view key, const std::vector<std::string>& items) {
  return line_of(key, strings(items));
}

// The imported visits in time order (ties: USDM order).
std::vector<std::size_t> visit_order(const std::vector<Placement>& placements) {
  std::vector<std::size_t> order;
  for (std::size_t k = 0; k < placements.size(); ++k)
    if (placements[k].imported) order.push_back(k);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return placements[a].approximate_offset < placements[b].approximate_offset;
  });
  return order;
}

class Emitter {
 public:
  Emitter(const UsdmStudy& study, const std::vector<Placement>& placements, const std::vector<Condition>& conditions)
      : s_{study}, p_{placements}, order_{visit_order(placements)} {
    for (std::size_t k = 0; k < s_.instances.size(); ++k)
      if (p_[k].imported && !s_.instances[k].encounter.empty()) sharing_[s_.instances[k].encounter].push_back(k);
    for (const Condition& c : conditions) report_condition(c);
  }

  UsdmImport run() {
    std::string out = head();
    out += study_table();
    out += anchor_table();
    out += schedule_table();
    out += arm_tables();
    out += epoch_tables();
    out += activity_tables();
    IdMaker visit_ids;
    for (const std::size_t k : order_) visit_id_[k] = visit_ids.make(s_.instances[k].name, s_.instances[k].id);
    for (const std::size_t k : order_) out += visit_table(k);
    return UsdmImport{std::move(out), std::move(warnings_)};
  }

 private:
  std::string usdm(const std::string& what) const { return "USDM " + s_.file + ": " + what; }

  // A `# not represented:` comment, and the same text as a warning.
  std::string report(const std::string& message) {
    warnings_.push_back(message);
    return "# not represented: " + printable(message, 100000) + "\n";
  }

  // Where the file comes from, and what is left out of it as a whole.
  std::string head() {
    const Instance& anchor = s_.instances[s_.anchor];
    std::string out = "# Imported by `planner import-usdm` from " + printable(s_.file, 200);
    if (!s_.usdm_version.empty() || !s_.system.empty())
      out += " (USDM " + printable(s_.usdm_version, 40) +
             (s_.system.empty() ? "" : ", written by " + printable(s_.system, 80)) + ")";
    out += ":\n# study design " + printable(s_.design_id, 80) +
           (s_.design_name.empty() ? "" : " " + q(s_.design_name, 80)) + ", timeline " + printable(s_.timeline_id, 80) +
           (s_.timeline_name.empty() ? "" : " " + q(s_.timeline_name, 80)) + ".\n";
    out += "# Day 1 is instance " + printable(anchor.who(), 200) + ", timed by the Fixed Reference " +
           printable(s_.timings[s_.anchor_timing].id, 80) +
           ".\n"
           "# Every activity is a procedure: USDM does not say which are doses (product, route) or assessments\n"
           "# (instrument); change their kind before planning doses.\n";
    std::vector<std::string> header = s_.reports;
    for (std::size_t k = 0; k < s_.instances.size(); ++k)
      if (!p_[k].imported) header.push_back(p_[k].why_not);
    if (!header.empty()) out += "#\n";
    for (const std::string& w : header) out += report(w);
    return out + "\n" + line_of("format", 1);
  }

  std::string study_table() const {
    std::string out = "\n[study]\n" + toml_line("id", s_.study_id);
    if (!s_.title.empty()) out += toml_line("title", s_.title);
    if (!s_.design.empty()) out += toml_line("design", s_.design);
    if (!s_.condition.empty()) out += toml_line("condition", s_.condition);
    out += array_line("registry", s_.registry);
    if (!s_.note.empty()) out += toml_line("note", s_.note);
    return out + toml_line("source",
                           usdm("study " + (s_.study_name.empty() ? std::string{"(no name)"} : q(s_.study_name, 200)) +
                                ", " + s_.version_id + (s_.title_source.empty() ? "" : ", title " + s_.title_source)));
  }

  std::string anchor_table() const {
    const Instance& anchor = s_.instances[s_.anchor];
    const Timing& fixed = s_.timings[s_.anchor_timing];
    const std::string timeline = s_.timeline_name.empty() ? s_.timeline_id : q(s_.timeline_name);
    return "\n[anchor]\n" +
           toml_line("event", visit_label(s_.anchor) + " (USDM instance " +
                                  (anchor.name.empty() ? anchor.id : anchor.name) +
                                  ", the Fixed Reference of timeline " + timeline + ")") +
           toml_line("source", usdm(anchor.id + ", timing " + fixed.id + " (Fixed Reference" +
                                    (fixed.value.empty() ? "" : ", value " + fixed.value) + ")"));
  }

  // planner needs a month-end rule for durations in months or years; USDM gives none.
  std::string schedule_table() {
    const bool calendar_units = std::any_of(order_.begin(), order_.end(), [&](std::size_t k) {
      return !p_[k].at.is_exact() || !p_[k].early.is_exact() || !p_[k].late.is_exact();
    });
    if (!calendar_units) return "";
    return "\n" +
           report(
               "durations in months or years need a month-end rule that USDM does not give: "
               "month_end = \"clamp\" is assumed (Jan 31 + P1M = Feb 28)") +
           "[schedule]\n" + toml_line("month_end", "clamp");
  }

  std::string arm_tables() {
    IdMaker arm_ids;
    std::string out;
    if (s_.arms.empty())
      out += "\n" + report("the study design lists no arms: one arm ALL is assumed") + "[[arm]]\n" +
             toml_line("id", "ALL") + toml_line("label", "All subjects") +
             toml_line("assumed", "the USDM study design " + s_.design_id + " lists no arms");
    for (const Named& a : s_.arms)
      out += "\n[[arm]]\n" + toml_line("id", arm_ids.make(a.name, a.id)) + toml_line("label", a.shown()) +
             toml_line("source", usdm(a.id));
    return out;
  }

  // In the order the visits meet them.
  std::string epoch_tables() {
    IdMaker epoch_ids;
    std::string out;
    for (const std::size_t k : order_) {
      const std::string& e = s_.instances[k].epoch;
      if (epoch_id_.count(e)) continue;
      const Named* epoch = s_.epoch(e);
      const std::string id = epoch ? epoch_ids.make(epoch->name, epoch->id) : epoch_ids.make("no-epoch", "");
      epoch_id_[e] = id;
      out += "\n[[epoch]]\n" + toml_line("id", id) + toml_line("label", epoch ? epoch->shown() : "(no epoch in USDM)") +
             toml_line("note", epoch ? "USDM " + epoch->id : "for the instances USDM gives no epoch");
    }
    return out;
  }

  // In USDM order, those the visits use; a placeholder for visits with none.
  std::string activity_tables() {
    std::set<std::string> used;
    bool needs_placeholder = false;
    for (const std::size_t k : order_) {
      used.insert(s_.instances[k].activities.begin(), s_.instances[k].activities.end());
      needs_placeholder = needs_placeholder || s_.instances[k].activities.empty();
    }
    IdMaker activity_ids;
    std::string out;
    for (const UsdmActivity& a : s_.activities) {
      if (!used.count(a.id)) continue;
      activity_id_[a.id] = activity_ids.make(a.name, a.id);
      out += "\n";
      if (!a.timeline.empty())
        out += report("activity " + a.id + " " + q(a.shown()) + " runs timeline " + a.timeline +
                      " at each visit: imported as one procedure; the timings within that timeline are not "
                      "represented");
      out += "[[activity]]\n" + toml_line("id", activity_id_[a.id]) + toml_line("kind", "procedure") +
             toml_line("label", a.shown()) + toml_line("source", usdm(a.id));
      if (!a.timeline.empty()) out += toml_line("note", "USDM runs timeline " + a.timeline + " for this activity");
    }
    if (needs_placeholder) {
      placeholder_ = activity_ids.make("NO_ACTIVITY", "");
      out += "\n[[activity]]\n" + toml_line("id", placeholder_) + toml_line("kind", "procedure") +
             toml_line("label", "(no activity in USDM)") +
             toml_line("assumed", "planner needs an activity at every visit");
    }
    return out;
  }

  // The encounter's label; the instance's too when several instances share the encounter.
  std::string visit_label(std::size_t k) const {
    const Instance& s = s_.instances[k];
    const Named* e = s_.encounter(s.encounter);
    if (!e) return s.shown();
    std::string label = e->shown();
    if (!s.label.empty() && s.label != label && shared_encounter(k)) label += " (" + s.label + ")";
    return label;
  }

  bool shared_encounter(std::size_t k) const {
    const auto it = sharing_.find(s_.instances[k].encounter);
    return it != sharing_.end() && it->second.size() > 1;
  }

  // The comments above a visit: what of its instance and timing is not represented.
  std::string visit_comments(std::size_t k) {
    const Instance& s = s_.instances[k];
    const Placement& p = p_[k];
    const Timing& t = s_.timings[*s.timing];
    const std::string who = "visit " + s.who() + ", timing " + t.id;
    std::string out;
    for (const std::string& a : p.assumed) {
      std::string message = who + ": ";
      message += a;
      out += report(message + " (planner times visits in whole days)");
    }
    if (!t.relative.empty() && !same_text(t.relative, "Start to Start"))
      out += report(who + ": " + relative_assumed(t) + " (planner visits have no duration)");
    if (s.encounter.empty())
      out += report("instance " + s.who() + " has no encounter: imported as a visit labelled " + q(s.shown()));
    if (s.epoch.empty()) out += report("instance " + s.who() + " has no epoch: put in the epoch " + epoch_id_.at(""));
    if (!s.timeline.empty())
      out += report("instance " + s.who() + " runs timeline " + s.timeline +
                    ": its activities are imported; the timings within that timeline are not represented");
    if (s.activities.empty())
      out += report("instance " + s.who() + " lists no activity: given the placeholder activity " + placeholder_);
    for (const std::size_t timing : s.extra_timings)
      out += report(who + ": timing " + s_.timings[timing].id + " times it too; planner keeps one timing per visit (" +
                    t.id + ")");
    if (const auto it = at_visit_.find(k); it != at_visit_.end())
      for (const std::string& w : it->second) out += report(w);
    if (!p.window_report.empty()) out += report(who + ": " + p.window_report);
    return out;
  }

  static std::string relative_assumed(const Timing& t) {
    return "relativeToFrom " + q(t.relative) + " taken as 'Start to Start'";
  }

  std::string visit_table(std::size_t k) {
    const Instance& s = s_.instances[k];
    const Placement& p = p_[k];
    const Timing& t = s_.timings[*s.timing];
    std::string out = "\n" + visit_comments(k) + "[[visit]]\n";
    out += toml_line("id", visit_id_.at(k)) + toml_line("label", visit_label(k)) +
           toml_line("epoch", epoch_id_.at(s.epoch));
    if (p.after) out += toml_line("after", visit_id_.at(*p.after));
    out += toml_line("at", format_duration(p.at));
    toml::table window{{"early", format_duration(p.early)}, {"late", format_duration(p.late)}};
    if (!p.window_assumed.empty()) window.insert("assumed", readable_text(join(p.window_assumed, "; ")));
    window.is_inline(true);
    out += line_of("window", std::move(window));
    std::vector<std::string> ids;
    for (const std::string& a : s.activities) {
      const std::string& id = activity_id_.at(a);
      if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
    }
    if (ids.empty()) ids.push_back(placeholder_);
    out += array_line("activities", ids) + toml_line("source", visit_source(s, t));
    std::vector<std::string> assumed = p.assumed;
    if (!t.relative.empty() && !same_text(t.relative, "Start to Start")) assumed.push_back(relative_assumed(t));
    if (!assumed.empty()) out += toml_line("assumed", join(assumed, "; "));
    if (!s.encounter.empty() && shared_encounter(k)) out += toml_line("note", shared_note(k));
    return out;
  }

  // Where a visit comes from, for a reviewer.
  std::string visit_source(const Instance& s, const Timing& t) const {
    std::string timing = t.id + " (";
    if (t.fixed()) {
      timing += "Fixed Reference" + (t.value.empty() ? "" : ", value " + t.value);
    } else {
      const Instance& ref = s_.instances[*t.to_index];
      timing += t.type + " " + t.value + " " + ref.id + " " + ref.name + (t.relative.empty() ? "" : ", " + t.relative);
    }
    if (!t.lower.empty() || !t.upper.empty())
      timing += ", window " + (t.lower.empty() ? "-" : t.lower) + ".." + (t.upper.empty() ? "-" : t.upper);
    timing += ")";
    return usdm(s.id + " " + s.name + (s.encounter.empty() ? "" : ", encounter " + s.encounter) + ", timing " + timing);
  }

  // At most kSharedListed others by id (in USDM order), then how many more: a note stays short when
  // thousands of instances share an encounter (the whole list in every note would be quadratic).
  std::string shared_note(std::size_t k) const {
    const std::string& encounter = s_.instances[k].encounter;
    const std::vector<std::size_t>& sharing = sharing_.at(encounter);
    std::vector<std::string> others;
    for (const std::size_t j : sharing) {
      if (j == k) continue;
      if (others.size() == kSharedListed) break;
      others.push_back(visit_id_.at(j));
    }
    const std::size_t more = sharing.size() - 1 - others.size();
    return "USDM encounter " + encounter + " is also the encounter of " + join(others, ", ") +
           (more ? " and " + std::to_string(more) + (more == 1 ? " other visit" : " other visits") : "");
  }

  // A condition is reported at the first imported visit it concerns: those of its contexts (every visit
  // when it names none) that are, have the encounter of, or list an activity it applies to.
  void report_condition(const Condition& c) {
    const auto named = [](const std::vector<std::string>& ids, const std::string& x) {
      return !x.empty() && std::find(ids.begin(), ids.end(), x) != ids.end();
    };
    std::set<std::string> targets;
    std::vector<std::size_t> visits;
    for (std::size_t k = 0; k < s_.instances.size(); ++k) {
      const Instance& s = s_.instances[k];
      if (!p_[k].imported) continue;
      if (!c.contexts.empty() && !named(c.contexts, s.id) && !named(c.contexts, s.encounter)) continue;
      bool hit = false;
      for (const std::string& a : c.applies)
        if (a == s.id || a == s.encounter || named(s.activities, a)) {
          targets.insert(a);
          hit = true;
        }
      if (hit) visits.push_back(k);
    }
    if (visits.empty()) return;
    std::vector<std::string> visit_names, target_names;
    for (const std::size_t k : visits) {
      if (visit_names.size() == kSharedListed) break;  // the rest counted, as for a shared encounter
      visit_names.push_back(s_.instances[k].name.empty() ? s_.instances[k].id : s_.instances[k].name);
    }
    if (const std::size_t more = visits.size() - visit_names.size())
      visit_names.back() += " and " + std::to_string(more) + (more == 1 ? " other visit" : " other visits");
    for (const std::string& a : c.applies) {
      if (!targets.count(a)) continue;
      const UsdmActivity* activity = s_.activity(a);
      target_names.push_back(activity ? a + " " + q(activity->shown()) : a);
    }
    at_visit_[visits.front()].push_back("condition " + c.id + (c.name.empty() ? "" : " " + q(c.name)) +
                                        (c.text.empty() ? "" : " (" + q(c.text) + ")") + " on " +
                                        join(target_names, ", ") + " at " + join(visit_names, ", ") +
                                        ": planner has no conditions; imported as unconditional");
  }

  const UsdmStudy& s_;
  const std::vector<Placement>& p_;
  std::vector<std::size_t> order_;                            // the imported instances in time order
  std::map<std::string, std::vector<std::size_t>> sharing_;   // encounter -> its imported instances, in order
  std::map<std::size_t, std::vector<std::string>> at_visit_;  // reports about one visit (instance index)
  std::map<std::string, std::string> epoch_id_;               // USDM id ("" for none) -> planner id
  std::map<std::string, std::string> activity_id_;            // USDM id -> planner id
  std::string placeholder_;                                   // the activity of visits that list none
  std::map<std::size_t, std::string> visit_id_;               // instance index -> planner id
  std::vector<std::string> warnings_;
};

}  // namespace

std::string readable_text(std::string_view s) {
  std::string out;
  while (const auto problem = check_text(s, TextKind::multiline)) {
    out += s.substr(0, problem->offset);
    const bool cr = s[problem->offset] == '\r';
    if (!cr)
      out += "\uFFFD";
    else if (problem->offset + 1 == s.size() || s[problem->offset + 1] != '\n')
      out += '\n';
    s.remove_prefix(problem->offset + problem->length);
  }
  return out += s;
}

std::string toml_line(std::string_view key, std::string_view value) { return line_of(key, readable_text(value)); }

UsdmImport emit_protocol(const UsdmStudy& study, const std::vector<Placement>& placements,
                         const std::vector<Condition>& conditions) {
  return Emitter{study, placements, conditions}.run();
}

}  // namespace planner::usdm
