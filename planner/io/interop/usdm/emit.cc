#include "planner/io/interop/usdm/emit.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>
#include <sstream>
#include <toml++/toml.h>
#include <utility>

#include "planner/io/interop/usdm/ids.h"
#include "planner/io/interop/usdm/timelines.h"
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
    if (placements[k].imported && !placements[k].anchor_only) order.push_back(k);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return placements[a].approximate_offset < placements[b].approximate_offset;
  });
  return order;
}

class Emitter {
 public:
  Emitter(const UsdmStudy& study, const std::vector<Placement>& placements, const std::vector<OtherTimeline>& others,
          const std::vector<Condition>& conditions)
      : s_{study}, p_{placements}, others_{others}, order_{visit_order(placements)} {
    for (std::size_t k = 0; k < s_.instances.size(); ++k)
      if (p_[k].imported && !s_.instances[k].encounter.empty()) sharing_[s_.instances[k].encounter].push_back(k);
    IdMaker event_ids;
    for (std::size_t t = 0; t < others_.size(); ++t) {
      if (others_[t].use != TimelineUse::event) continue;
      const Timeline& tl = s_.others[t];
      event_id_[t] = event_ids.make(tl.timeline_name, tl.timeline_id);
      for (const std::size_t k : visit_order(others_[t].placements)) event_visits_.emplace_back(t, k);
    }
    for (const Condition& c : conditions) report_condition(c);
  }

  UsdmImport run() {
    std::string out = head();
    out += study_table();
    out += anchor_table();
    out += schedule_table();
    const std::string epochs = epoch_tables();  // before the arms: they list their elements in the epochs' order
    plan_elements();
    out += arm_tables();
    out += epochs;
    out += element_tables();
    out += activity_tables();
    out += event_tables();
    IdMaker visit_ids;
    for (const std::size_t k : order_) visit_id_[k] = visit_ids.make(s_.instances[k].name, s_.instances[k].id);
    for (const auto& [t, k] : event_visits_)
      event_visit_id_[{t, k}] = visit_ids.make(s_.others[t].instances[k].name, s_.others[t].instances[k].id);
    find_expanded();
    for (const std::size_t k : order_) out += expanded_.count(k) ? rule_table(k) : visit_table(k);
    for (const auto& [t, k] : event_visits_) out += event_visit_table(t, k);
    out += endpoint_tables();
    for (const PlannerTable& t : s_.tables) out += planner_table(t);
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
           printable(s_.timings[s_.anchor_timing].id, 80) + ".\n";
    if (std::any_of(s_.activities.begin(), s_.activities.end(),
                    [](const UsdmActivity& a) { return !a.planner.count("kind"); }))
      out +=
          "# Every activity is a procedure: USDM does not say which are doses (product, route) or assessments\n"
          "# (instrument); change their kind before planning doses.\n";
    std::vector<std::string> header = s_.reports;
    for (std::size_t k = 0; k < s_.instances.size(); ++k)
      if (!p_[k].imported) header.push_back(p_[k].why_not);
    for (const OtherTimeline& o : others_) {
      if (o.use == TimelineUse::not_imported) header.push_back(o.why_not);
      if (o.use != TimelineUse::event) continue;
      for (const Placement& p : o.placements)
        if (!p.imported) header.push_back(p.why_not);
    }
    if (!header.empty()) out += "#\n";
    for (const std::string& w : header) out += report(w);
    return out + "\n" + line_of("format", 2);
  }

  std::string study_table() const {
    std::string out = "\n[study]\n" + toml_line("id", s_.study_id);
    if (!s_.title.empty()) out += toml_line("title", s_.title);
    const Extensions kept = table_values("study");  // planner's export: the [study] keys USDM has no field for
    const bool ours = !kept.empty();                // then design, note and provenance are the protocol's own, or none
    if (!s_.design.empty() && !ours) out += toml_line("design", s_.design);
    if (!s_.condition.empty()) out += toml_line("condition", s_.condition);
    out += array_line("registry", s_.registry);
    for (const char* key : {"model", "allocation", "design", "citation", "doi", "note"})
      if (kept.count(key)) out += toml_line(key, kept.at(key));
    if (!s_.note.empty() && !ours) out += toml_line("note", s_.note);
    if (ours) return out + (kept.count("source") || kept.count("assumed") ? provenance_lines(kept, "", {}) : "");
    return out +
           provenance_lines(kept,
                            usdm("study " + (s_.study_name.empty() ? std::string{"(no name)"} : q(s_.study_name, 200)) +
                                 ", " + s_.version_id + (s_.title_source.empty() ? "" : ", title " + s_.title_source)),
                            {});
  }

  // The keys of planner's table `name` (the first of that name), empty when the export wrote none.
  Extensions table_values(std::string_view name) const {
    Extensions out;
    for (const PlannerTable& t : s_.tables)
      if (t.table == name) {
        for (const auto& [key, value] : t.values) out.emplace(key, value);
        out.emplace("", t.id);
        break;
      }
    return out;
  }

  std::string anchor_table() const {
    if (const Extensions kept = table_values("anchor"); !kept.empty())  // planner's export: the event as written
      return "\n[anchor]\n" + toml_line("event", kept.at("")) +
             (kept.count("source") || kept.count("assumed") ? provenance_lines(kept, "", {}) : "");
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
    if (const Extensions kept = table_values("schedule"); kept.count("month_end"))  // planner's export
      return "\n[schedule]\n" + toml_line("month_end", kept.at("month_end"));
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
    for (const UsdmArm& a : s_.arms)
      out += "\n[[arm]]\n" + toml_line("id", arm_ids.make(a.name, a.id)) + toml_line("label", a.shown()) +
             arm_design_lines(a) + provenance_lines(a.planner, usdm(a.id), {});
    return out;
  }

  // In the order the visits meet them.
  std::string epoch_tables() {
    IdMaker epoch_ids;
    std::string out;
    std::vector<std::string> met;
    for (const std::size_t k : order_) met.push_back(s_.instances[k].epoch);
    for (const auto& [t, k] : event_visits_) met.push_back(s_.others[t].instances[k].epoch);
    for (const std::string& e : element_epochs()) met.push_back(e);
    for (const std::string& e : met) {
      if (epoch_id_.count(e)) continue;
      const Named* epoch = s_.epoch(e);
      const std::string id = epoch ? epoch_ids.make(epoch->name, epoch->id) : epoch_ids.make("no-epoch", "");
      epoch_id_[e] = id;
      epoch_order_.push_back(e);
      out += "\n[[epoch]]\n" + toml_line("id", id) + toml_line("label", epoch ? epoch->shown() : "(no epoch in USDM)") +
             toml_line("note", epoch ? "USDM " + epoch->id : "for the instances USDM gives no epoch");
    }
    return out;
  }

  // The epochs of the study cells, and those planner's extension epoch names (of an element in no cell), in
  // USDM order: with the visits' epochs, the epochs imported.
  std::vector<std::string> element_epochs() const {
    std::vector<std::string> out;
    if (s_.elements.empty()) return out;
    for (std::size_t epoch = 0; epoch < s_.epochs.size(); ++epoch) {
      const std::string& name = s_.epochs[epoch].name;
      const bool celled = std::any_of(s_.cells.begin(), s_.cells.end(),
                                      [&](const UsdmCell& c) { return c.epoch == epoch; });
      const bool named = std::any_of(s_.elements.begin(), s_.elements.end(), [&](const UsdmElement& e) {
        const auto it = e.planner.find("epoch");
        return it != e.planner.end() && it->second == name;
      });
      if (celled || named) out.push_back(s_.epochs[epoch].id);
    }
    return out;
  }

  // The trial design (walk.h: UsdmElement, UsdmCell) as [[element]] tables and each arm's `elements`: an
  // element's epoch is the first (in the imported epochs' order) of its study cells, else the epoch planner's
  // extension names; an arm's elements are those of its cells in the epochs' order, an element that goes on
  // into the next epoch listed once (the CDISC pilot's Placebo element fills three treatment epochs). When
  // planner cannot take them (an arm with no cell, an arm whose elements go back in time), none is imported.
  void plan_elements() {
    if (s_.elements.empty()) return;
    std::map<std::string, std::size_t> rank;  // USDM epoch id -> its place among the imported epochs
    for (std::size_t i = 0; i < epoch_order_.size(); ++i) rank.emplace(epoch_order_[i], i);
    const auto rank_of = [&](std::size_t epoch) { return rank.at(s_.epochs[epoch].id); };
    std::vector<const UsdmCell*> cells;
    for (const UsdmCell& c : s_.cells) cells.push_back(&c);
    std::stable_sort(cells.begin(), cells.end(),
                     [&](const UsdmCell* a, const UsdmCell* b) { return rank_of(a->epoch) < rank_of(b->epoch); });
    element_epoch_.assign(s_.elements.size(), std::nullopt);
    std::vector<std::vector<std::size_t>> lists(s_.arms.size());
    for (const UsdmCell* c : cells)
      for (const std::size_t e : c->elements) {
        if (!element_epoch_[e]) element_epoch_[e] = c->epoch;
        if (lists[c->arm].empty() || lists[c->arm].back() != e) lists[c->arm].push_back(e);
      }
    for (std::size_t e = 0; e < s_.elements.size(); ++e)
      if (const auto it = s_.elements[e].planner.find("epoch");
          !element_epoch_[e] && it != s_.elements[e].planner.end())
        for (std::size_t epoch = 0; epoch < s_.epochs.size(); ++epoch)
          if (s_.epochs[epoch].name == it->second) element_epoch_[e] = epoch;
    if (std::string why = elements_refused(lists, rank_of); !why.empty()) {
      element_reports_.push_back(std::move(why));
      return;
    }
    IdMaker element_ids{8};  // SDTM ETCD: at most 8 characters
    for (std::size_t e = 0; e < s_.elements.size(); ++e) {
      const UsdmElement& x = s_.elements[e];
      if (element_epoch_[e])
        element_id_[e] = element_ids.make(x.name, x.id);
      else
        element_reports_.push_back(
            "element " + x.id + " " + q(x.shown()) +
            " is in no study cell and names no epoch: planner's elements have one; not imported");
    }
    for (std::size_t a = 0; a < s_.arms.size(); ++a)
      for (const std::size_t e : lists[a]) arm_elements_[s_.arms[a].id].push_back(element_id_.at(e));
  }

  // Why planner cannot take the study cells as its arms' elements; "" when it can.
  template <typename Rank>
  std::string elements_refused(const std::vector<std::vector<std::size_t>>& lists, const Rank& rank_of) const {
    const std::string head = "the " + std::to_string(s_.elements.size()) + " study elements are not imported: ";
    if (s_.arms.empty()) return head + "the study design lists no arms";
    for (std::size_t a = 0; a < s_.arms.size(); ++a) {
      const std::string arm = "arm " + s_.arms[a].id + " " + q(s_.arms[a].shown());
      if (lists[a].empty())
        return head + arm + " is in no study cell with elements (with [[element]], planner needs every arm's)";
      for (std::size_t i = 1; i < lists[a].size(); ++i) {
        const std::size_t e = lists[a][i], before = lists[a][i - 1];
        if (rank_of(*element_epoch_[e]) < rank_of(*element_epoch_[before]))
          return head + arm + " passes through element " + s_.elements[e].id + " (epoch " +
                 s_.epochs[*element_epoch_[e]].id + ") after " + s_.elements[before].id + " (epoch " +
                 s_.epochs[*element_epoch_[before]].id +
                 "): planner's elements are each in one epoch, an arm's in the order of the epochs";
      }
    }
    return "";
  }

  // An arm's elements (plan_elements) and planner's extension branch (SDTM TA's TABRANCH).
  std::string arm_design_lines(const UsdmArm& a) const {
    std::string out;
    if (const auto it = arm_elements_.find(a.id); it != arm_elements_.end()) out += array_line("elements", it->second);
    if (const auto it = a.planner.find("branch"); it != a.planner.end()) out += toml_line("branch", it->second);
    return out;
  }

  // The [[element]] tables, in USDM order (SDTM TE's).
  std::string element_tables() {
    std::string out;
    for (const std::string& r : element_reports_) out += "\n" + report(r);
    for (const auto& [e, id] : element_id_) {
      const UsdmElement& x = s_.elements[e];
      std::vector<std::string> assumed;
      std::string comments, start = x.start_rule;
      if (start.empty()) {
        start = "(not given in USDM)";
        assumed.emplace_back("USDM gives the element no transitionStartRule");
        comments = report("element " + x.id + " " + q(x.shown()) + " has no transitionStartRule: its start_rule is " +
                          q(start));
      }
      out += "\n" + comments + "[[element]]\n" + toml_line("id", id) + toml_line("label", x.shown()) +
             toml_line("epoch", epoch_id_.at(s_.epochs[*element_epoch_[e]].id)) + toml_line("start_rule", start);
      if (!x.end_rule.empty()) out += toml_line("end_rule", x.end_rule);
      if (const auto it = x.planner.find("duration"); it != x.planner.end()) out += toml_line("duration", it->second);
      if (!x.description.empty()) out += toml_line("note", x.description);
      out += provenance_lines(x.planner, usdm(x.id + (x.name.empty() ? "" : " " + x.name)), assumed);
    }
    return out;
  }

  // A visit's start and end rules: its encounter's transition rules (SDTM TV's TVSTRL and TVENRL).
  std::string rule_lines(const Instance& s) const {
    const UsdmEncounter* e = s_.encounter(s.encounter);
    if (!e) return "";
    return (e->start_rule.empty() ? "" : toml_line("start_rule", e->start_rule)) +
           (e->end_rule.empty() ? "" : toml_line("end_rule", e->end_rule));
  }

  // In USDM order, those the visits use; a placeholder for visits with none.
  std::string activity_tables() {
    std::set<std::string> used;
    bool needs_placeholder = false;
    std::vector<const Instance*> visits;
    for (const std::size_t k : order_) visits.push_back(&s_.instances[k]);
    for (const auto& [t, k] : event_visits_) visits.push_back(&s_.others[t].instances[k]);
    for (const Instance* i : visits) {
      used.insert(i->activities.begin(), i->activities.end());
      needs_placeholder = needs_placeholder || i->activities.empty();
    }
    for (const PlannerTable& t : s_.tables)  // a dose given only at home is at no visit
      for (const auto& [key, value] : t.values)
        if (table_key(t.table, key) == KeyRole::activity)
          for (const UsdmActivity& a : s_.activities)
            if (a.name == value) used.insert(a.id);
    IdMaker activity_ids;
    std::string out;
    for (const UsdmActivity& a : s_.activities)  // first, so that `prepares` can name a later one
      if (used.count(a.id)) activity_id_[a.id] = activity_ids.make(a.name, a.id);
    for (const UsdmActivity& a : s_.activities) {
      if (!used.count(a.id)) continue;
      const std::optional<std::size_t> run = other_timeline(a.timeline);
      out += "\n";
      if (!a.timeline.empty() && (!run || others_[*run].use == TimelineUse::not_imported))
        out += report("activity " + a.id + " " + q(a.shown()) + " runs timeline " + a.timeline +
                      " at each visit: imported as one procedure; the timings within that timeline are not "
                      "represented");
      out += "[[activity]]\n" + toml_line("id", activity_id_[a.id]) + toml_line("kind", kind_of(a)) +
             toml_line("label", a.shown()) + planner_activity_lines(a);
      if (run && others_[*run].use == TimelineUse::steps && others_[*run].span && !a.planner.count("duration"))
        out += toml_line("duration", format_time_duration(*others_[*run].span));
      if (a.planner.count("kind") && !a.planner.count("source") && !a.planner.count("assumed")) {
        // planner's export of an activity the protocol gives no provenance
      } else {
        out += provenance_lines(a.planner, usdm(a.id), {});
      }
      if (!a.timeline.empty())
        out += toml_line("note", runs_note(a.timeline, run));
      else if (!a.planner.empty() && !a.description.empty())  // planner's export: the note
        out += toml_line("note", a.description);
    }
    if (needs_placeholder) {
      placeholder_ = activity_ids.make("NO_ACTIVITY", "");
      out += "\n[[activity]]\n" + toml_line("id", placeholder_) + toml_line("kind", "procedure") +
             toml_line("label", "(no activity in USDM)") +
             toml_line("assumed", "planner needs an activity at every visit");
    }
    return out;
  }

  std::optional<std::size_t> other_timeline(const std::string& id) const {
    for (std::size_t t = 0; t < s_.others.size(); ++t)
      if (!id.empty() && s_.others[t].timeline_id == id) return t;
    return std::nullopt;
  }

  // What an activity that runs a timeline says about it.
  std::string runs_note(const std::string& timeline, std::optional<std::size_t> t) const {
    const std::string head = "USDM runs timeline " + timeline;
    if (!t || others_[*t].use == TimelineUse::not_imported) return head + " for this activity";
    const Timeline& tl = s_.others[*t];
    if (others_[*t].use == TimelineUse::event)
      return head + " " + q(tl.shown(), 200) + ", imported as the event " + event_id_.at(*t);
    return head + " " + q(tl.shown(), 200) + " for this activity, in steps: " + others_[*t].steps +
           (others_[*t].span ? "; its duration is the span from the first step to the start of the last (the last "
                               "step's own length is not given)"
                             : "");
  }

  // The other timelines imported as events: [[event]] tables, in USDM order.
  std::string event_tables() const {
    std::string out;
    for (const auto& [t, id] : event_id_) {
      const Timeline& tl = s_.others[t];
      const std::string label = tl.timeline_label.empty() ? tl.shown() : tl.timeline_label;
      out += "\n[[event]]\n" + toml_line("id", id) + toml_line("label", label);
      if (!tl.planner.empty()) {  // planner's export: the event's own note and provenance
        if (!tl.description.empty()) out += toml_line("note", tl.description);
        out += provenance_lines(tl.planner, "", {});
        continue;
      }
      out += toml_line("note", "USDM timeline " + tl.timeline_id +
                                   (tl.entry.empty() ? std::string{} : ", entered when " + q(tl.entry, 200)) +
                                   (event_note_.count(t) ? "; " + event_note_.at(t) : std::string{})) +
             toml_line("source", usdm(tl.timeline_id + ", Fixed Reference " + tl.timings[tl.anchor_timing].id));
    }
    return out;
  }

  // The kind planner's export states (export.h), else "procedure".
  static std::string kind_of(const UsdmActivity& a) {
    const auto it = a.planner.find("kind");
    if (it != a.planner.end())
      for (const char* kind : {"dose", "assessment", "procedure", "sample"})
        if (it->second == kind) return kind;
    return "procedure";
  }

  // What planner's export keeps in extensions: the values of a dose or an assessment, the arms.
  std::string planner_activity_lines(const UsdmActivity& a) const {
    std::string out;
    const std::string kind = kind_of(a);
    const auto value = [&](const char* key) {
      const auto it = a.planner.find(key);
      return it == a.planner.end() ? std::string{} : it->second;
    };
    for (const char* key : {"product", "route", "amount"})
      if (kind == "dose" && !value(key).empty()) out += toml_line(key, value(key));
    for (const char* key : {"instrument", "role"})  // "secondary" is the role an assessment has unless stated
      if (kind == "assessment" && !value(key).empty() && value(key) != "secondary") out += toml_line(key, value(key));
    if (!value("arms").empty()) out += array_line("arms", split_list(value("arms")));
    if (!value("duration").empty()) out += toml_line("duration", value("duration"));
    if (!value("participant_label").empty()) out += toml_line("participant_label", value("participant_label"));
    if (!value("prepares").empty() && !activity_named(value("prepares")).empty())
      out += toml_line("prepares", activity_named(value("prepares")));
    if (!value("lead_time").empty()) out += toml_line("lead_time", value("lead_time"));
    toml::table arm_labels;
    for (const auto& [key, text] : a.planner)
      if (key.rfind("arm_label.", 0) == 0) arm_labels.insert(key.substr(10), readable_text(text));
    if (!arm_labels.empty()) {
      arm_labels.is_inline(true);
      out += line_of("arm_labels", std::move(arm_labels));
    }
    return out;
  }

  // The planner id of the imported visit whose instance is named `name`; "" when none is.
  std::string visit_named(const std::string& name) const {
    for (const auto& [k, id] : visit_id_)
      if (s_.instances[k].name == name) return id;
    for (const auto& [tk, id] : event_visit_id_)
      if (s_.others[tk.first].instances[tk.second].name == name) return id;
    return "";
  }

  // `source` and `assumed`: the protocol's own when planner's export kept them (extensions source, assumed),
  // else where the USDM object is; what the import assumed is added to `assumed`.
  static std::string provenance_lines(const Extensions& planner, const std::string& usdm_source,
                                      std::vector<std::string> assumed) {
    const auto source = planner.find("source");
    const auto kept = planner.find("assumed");
    if (kept != planner.end()) assumed.insert(assumed.begin(), kept->second);
    std::string out;
    if (source != planner.end())
      out += toml_line("source", source->second);
    else if (kept == planner.end())
      out += toml_line("source", usdm_source);
    if (!assumed.empty()) out += toml_line("assumed", join(assumed, "; "));
    return out;
  }

  // The planner id of the imported activity named `name`; "" when none is.
  std::string activity_named(const std::string& name) const {
    for (const UsdmActivity& a : s_.activities)
      if (a.name == name && activity_id_.count(a.id)) return activity_id_.at(a.id);
    return "";
  }

  // A planner table (walk.h: PlannerTable) as a TOML table, naming the planner ids of its activities and visits.
  std::string planner_table(const PlannerTable& t) {
    std::string body;
    toml::table amounts;
    const auto flush = [&] {
      if (amounts.empty()) return;
      amounts.is_inline(true);
      body += line_of("amounts", std::move(amounts));
      amounts = toml::table{};
    };
    if (t.table == "study" || t.table == "series" || t.table == "dose_rule" || t.table == "anchor" ||
        t.table == "schedule")
      return "";  // study_table, rule_table, anchor_table, schedule_table
    std::set<std::string> listed;
    if (t.table == "blinding" &&
        std::none_of(t.values.begin(), t.values.end(), [](const auto& kv) { return kv.first == "masking"; }))
      body += array_line("masking", {});  // open label
    for (const auto& [key, value] : t.values) {
      const KeyRole role = *table_key(t.table, key);
      if (role == KeyRole::list) {
        if (!listed.insert(key).second) continue;
        std::vector<std::string> items;
        for (const auto& [k, v] : t.values)
          if (k == key) items.push_back(v);
        body += array_line(key, items);
        continue;
      }
      if (role == KeyRole::count || role == KeyRole::study_day) {
        body += line_of(key, std::stoll(value));
        continue;
      }
      if (role == KeyRole::arms) {
        body += array_line(key, split_list(value));
        continue;
      }
      if (role == KeyRole::arm_amount) {
        amounts.insert(key.substr(key.find('.') + 1), readable_text(value));
        continue;
      }
      flush();
      std::vector<std::string> ids;
      for (const std::string& name : role == KeyRole::visits ? split_list(value) : std::vector<std::string>{value})
        ids.push_back(role == KeyRole::activity ? activity_named(name)
                      : role == KeyRole::text   ? name
                                                : visit_named(name));
      for (const std::string& id : ids)
        if (id.empty())
          return "\n" + report(t.table + " " + q(t.id) + ": its " + key + " " + q(value) + " is not imported");
      body += role == KeyRole::visits ? array_line(key, ids) : toml_line(key, ids.front());
    }
    flush();
    if (t.table == "blinding" || t.table == "published" || t.table == "dosing" || t.table == "check")
      return "\n[" + t.table + "]\n" + body;
    if (t.table == "lint_accept") return "\n[[lint.accept]]\n" + toml_line("rule", t.id) + body;
    if (t.table == "trial_summary" || t.table == "analysis_window")  // no id: the parameter or name says which
      return "\n[[" + t.table + "]]\n" + body;
    return "\n[[" + t.table + "]]\n" + toml_line("id", t.id) + body;
  }

  // The instances planner's series and dose rules expand into (walk.h checked their names): each is written as
  // its rule, not as a visit.
  void find_expanded() {
    std::map<std::string, std::size_t> by_name;
    for (const std::size_t k : order_) by_name.emplace(s_.instances[k].name, k);
    for (const PlannerTable& t : s_.tables) {
      if (t.table != "series" && t.table != "dose_rule") continue;
      std::vector<std::size_t> visits;
      for (const auto& [key, value] : t.values)
        if (key == "visits")
          for (const std::string& name : split_list(value))
            if (const auto it = by_name.find(name); it != by_name.end()) visits.push_back(it->second);
      for (const std::size_t k : visits) expanded_[k] = {&t, visits};
    }
  }

  // A [[series]] or [[dose_rule]] at its first visit (in time order), with what its visits share (epoch, window,
  // activities, arms, time, length, note) from that visit, and a series' `amounts` from each of its visits.
  std::string rule_table(std::size_t k) {
    const auto& [t, visits] = expanded_.at(k);
    if (!rules_written_.insert(t).second) return "";
    const Instance& s = s_.instances[visits.front()];
    const bool series = t->table == "series";
    std::string out = "\n[[" + t->table + "]]\n" + toml_line("id", t->id);
    std::string provenance;
    for (const auto& [key, value] : t->values) {
      if (key == "visits" || value.empty() || (key == "days" && value == "P0D") ||
          (key == "number_from" && value == "1"))
        continue;
      if (key == "source" || key == "assumed")
        provenance += toml_line(key, value);
      else if (key == "count" || key == "number_from")
        out += line_of(key, std::stoll(value));
      else if (key == "days")
        out += array_line(key, split_list(value));
      else
        out += toml_line(key, key == "after" ? visit_named(value) : value);
    }
    out += toml_line("epoch", epoch_id_.at(s.epoch));
    if (series) out += window_line(p_[visits.front()], s.planner);
    const auto conditions = conditions_at_.find(visits.front());
    out += activities_line(s, series && conditions != conditions_at_.end() ? &conditions->second : nullptr);
    if (const auto it = s.planner.find("arms"); it != s.planner.end())
      out += array_line("arms", split_list(it->second));
    for (const char* key : {"time", "duration"})
      if (const auto it = s.planner.find(key); series && it != s.planner.end()) out += toml_line(key, it->second);
    std::vector<std::string> amounts;
    for (const std::size_t v : visits)
      if (const auto it = s_.instances[v].planner.find("amount"); it != s_.instances[v].planner.end())
        amounts.push_back(it->second);
    if (series && !amounts.empty()) out += array_line("amounts", amounts);
    return out + kept_note(s) + provenance;
  }

  // planner's endpoints (walk.h: UsdmEndpoint), after the visits they name.
  std::string endpoint_tables() {
    IdMaker endpoint_ids;
    std::string out;
    for (const UsdmEndpoint& e : s_.endpoints) {
      const std::string& activity_name = e.planner.at("activity");
      std::string activity;
      for (const UsdmActivity& a : s_.activities)
        if (a.name == activity_name && activity_id_.count(a.id)) activity = activity_id_.at(a.id);
      const std::string visit = visit_named(e.planner.at("visit"));
      if (activity.empty() || visit.empty()) {
        out += "\n" + report("endpoint " + e.id + " " + q(e.name) + ": its activity or visit is not imported");
        continue;
      }
      const auto value = [&](const char* key) {
        const auto it = e.planner.find(key);
        return it == e.planner.end() ? std::string{} : it->second;
      };
      out += "\n[[endpoint]]\n" + toml_line("id", endpoint_ids.make(e.name, e.id));
      if (!e.label.empty()) out += toml_line("label", e.label);
      out += toml_line("activity", activity) + toml_line("visit", visit) + toml_line("role", e.role);
      for (const char* key : {"published", "measure"})
        if (!value(key).empty()) out += toml_line(key, value(key));
      if (!e.description.empty()) out += toml_line("note", e.description);
      if (!value("source").empty() || value("assumed").empty())
        out += toml_line("source", value("source").empty() ? usdm(e.id) : value("source"));
      if (!value("assumed").empty()) out += toml_line("assumed", value("assumed"));
    }
    return out;
  }

  // A visit's arms, amount and VISITNUM from planner's export.
  static std::string planner_visit_lines(const Instance& s) {
    std::string out;
    if (const auto it = s.planner.find("arms"); it != s.planner.end())
      out += array_line("arms", split_list(it->second));
    if (const auto it = s.planner.find("amount"); it != s.planner.end()) out += toml_line("amount", it->second);
    if (const auto it = s.planner.find("time"); it != s.planner.end()) out += toml_line("time", it->second);
    if (const auto it = s.planner.find("duration"); it != s.planner.end()) out += toml_line("duration", it->second);
    if (const auto it = s.planner.find("visitnum"); it != s.planner.end()) {
      char* end = nullptr;
      const double x = std::strtod(it->second.c_str(), &end);
      if (end != it->second.c_str() && *end == '\0') out += line_of("visitnum", x);
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
    out += toml_line("at", format_duration(p.at)) + window_line(p, s.planner);
    const auto conditions = conditions_at_.find(k);
    out += activities_line(s, conditions == conditions_at_.end() ? nullptr : &conditions->second) +
           planner_visit_lines(s) + rule_lines(s);
    std::vector<std::string> assumed = p.assumed;
    if (!t.relative.empty() && !same_text(t.relative, "Start to Start")) assumed.push_back(relative_assumed(t));
    out += provenance_lines(s.planner, visit_source(s_, s, t), assumed);
    if (!s.encounter.empty() && shared_encounter(k))
      out += toml_line("note", shared_note(k));
    else
      out += kept_note(s);
    return out;
  }

  // planner's export: the visit's note (the instance's description).
  static std::string kept_note(const Instance& s) {
    return s.planner.empty() || s.description.empty() ? "" : toml_line("note", s.description);
  }

  // The window; planner's export (its extensions on the instance) keeps the window's own source and assumed,
  // and writes no USDM window for the exact day (not an assumption then).
  static std::string window_line(const Placement& p, const Extensions& planner) {
    toml::table window{{"early", format_duration(p.early)}, {"late", format_duration(p.late)}};
    std::vector<std::string> assumed = p.window_assumed;
    const bool ours = planner.count("source") || planner.count("assumed");
    if (ours && assumed == std::vector<std::string>{"USDM gives no window"}) assumed.clear();
    if (const auto it = planner.find("window_assumed"); it != planner.end())
      assumed.insert(assumed.begin(), it->second);
    if (const auto it = planner.find("window_source"); it != planner.end())
      window.insert("source", readable_text(it->second));
    if (!assumed.empty()) window.insert("assumed", readable_text(join(assumed, "; ")));
    window.is_inline(true);
    return line_of("window", std::move(window));
  }

  // The visit's activities by planner id; one a condition applies to at this visit is an inline table whose
  // note is the condition (format 2: the activity's own provenance at the visit).
  std::string activities_line(const Instance& s,
                              const std::map<std::string, std::vector<const Condition*>>* conditions) {
    toml::array items;
    std::set<std::string> listed;
    for (const std::string& a : s.activities) {
      const std::string& id = activity_id_.at(a);
      if (!listed.insert(id).second) continue;
      const auto it = conditions ? conditions->find(a) : decltype(conditions->end()){};
      if (!conditions || it == conditions->end()) {
        push_activity(items, s, a, id);
        continue;
      }
      std::vector<std::string> ids, texts;
      for (const Condition* c : it->second) {
        ids.push_back(c->id + (c->name.empty() ? "" : " " + q(c->name)));
        texts.push_back("condition" + (c->name.empty() ? "" : " " + c->name) + ": " + c->text);
      }
      toml::table entry{{"id", id},
                        {"source", readable_text(usdm(join(ids, ", ")))},
                        {"note", readable_text(join(texts, "; "))}};
      entry.is_inline(true);
      items.push_back(std::move(entry));
    }
    if (items.empty()) items.push_back(placeholder_);
    return line_of("activities", std::move(items));
  }

  // An activity at a visit as planner's export kept it: its id, or an inline table with its own provenance
  // (the instance's activity_source.<name>, activity_assumed.<name>, activity_note.<name>).
  void push_activity(toml::array& items, const Instance& s, const std::string& usdm_id, const std::string& id) const {
    const std::string& name = s_.activity(usdm_id)->name;
    toml::table entry{{"id", id}};
    for (const char* key : {"source", "assumed", "note"})
      if (const auto it = s.planner.find(std::string{"activity_"} + key + "." + name); it != s.planner.end())
        entry.insert(key, readable_text(it->second));
    if (entry.size() == 1) {
      items.push_back(id);
      return;
    }
    entry.is_inline(true);
    items.push_back(std::move(entry));
  }

  // A conditional visit: an instance of a timeline imported as an event, `on` it, `at` from its date.
  std::string event_visit_table(std::size_t t, std::size_t k) {
    const Timeline& tl = s_.others[t];
    const Instance& s = tl.instances[k];
    const Placement& p = others_[t].placements[k];
    const Timing& x = tl.timings[*s.timing];
    const std::string who = "visit " + s.who() + " of timeline " + tl.timeline_id + ", timing " + x.id;
    std::string comments;
    for (const std::string& a : p.assumed) {
      std::string message = who + ": ";
      message += a;
      comments += report(message + " (planner times visits in whole days)");
    }
    if (!p.window_report.empty()) comments += report(who + ": " + p.window_report);
    if (s.activities.empty())
      comments += report("instance " + s.who() + " lists no activity: given the placeholder activity " + placeholder_);
    Duration at = p.at;
    if (p.after) {  // chained within its timeline: from the event's date
      at = Duration::of_days(std::lround(p.approximate_offset));
      if (std::floor(p.approximate_offset) != p.approximate_offset)
        comments += report(who + ": its chain of timings adds up to " + std::to_string(p.approximate_offset) +
                           " days from the event, rounded to " + format_duration(at));
    }
    std::string after;
    if (const auto it = s.planner.find("after"); it != s.planner.end()) {
      for (const auto& [main, id] : visit_id_)
        if (id == it->second) after = id;
      if (after.empty())
        comments += report(who + ": planner's extension after " + q(it->second) +
                           " names no visit of the imported timeline: the visit is timed from the event");
    }
    const Named* e = s_.encounter(s.encounter);
    std::string out = "\n" + comments + "[[visit]]\n" + toml_line("id", event_visit_id_.at({t, k})) +
                      toml_line("label", e ? e->shown() : s.shown()) + toml_line("epoch", epoch_id_.at(s.epoch)) +
                      toml_line("on", event_id_.at(t));
    if (!after.empty()) out += toml_line("after", after);
    out += toml_line("at", format_duration(at)) + window_line(p, s.planner) + activities_line(s, nullptr) +
           planner_visit_lines(s) + rule_lines(s);
    std::vector<std::string> assumed = p.assumed;
    if (!x.relative.empty() && !same_text(x.relative, "Start to Start")) assumed.push_back(relative_assumed(x));
    out += provenance_lines(s.planner, visit_source(tl, s, x), assumed) + kept_note(s);
    return out;
  }

  // Where a visit comes from, for a reviewer.
  std::string visit_source(const Timeline& tl, const Instance& s, const Timing& t) const {
    std::string timing = t.id + " (";
    if (t.fixed()) {
      timing += "Fixed Reference" + (t.value.empty() ? "" : ", value " + t.value);
    } else {
      const Instance& ref = tl.instances[*t.to_index];
      timing += t.type + " " + t.value + " " + ref.id + " " + ref.name + (t.relative.empty() ? "" : ", " + t.relative);
    }
    if (!t.lower.empty() || !t.upper.empty())
      timing += ", window " + (t.lower.empty() ? "-" : t.lower) + ".." + (t.upper.empty() ? "-" : t.upper);
    timing += ")";
    return usdm(s.id + " " + s.name + (s.encounter.empty() ? "" : ", encounter " + s.encounter) +
                (&tl == &s_ ? "" : ", timeline " + tl.timeline_id) + ", timing " + timing);
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
      if (!p_[k].imported || p_[k].anchor_only) continue;
      if (!c.contexts.empty() && !named(c.contexts, s.id) && !named(c.contexts, s.encounter)) continue;
      bool hit = false;
      for (const std::string& a : c.applies) {
        if (named(s.activities, a)) conditions_at_[k][a].push_back(&c);  // kept at the activity
        if (a == s.id || a == s.encounter) {
          targets.insert(a);
          hit = true;
        }
      }
      if (hit) visits.push_back(k);
    }
    for (const auto& [t, id] : event_id_) {  // a condition on an event's instances is the event's
      const Timeline& tl = s_.others[t];
      if (std::any_of(c.applies.begin(), c.applies.end(), [&](const std::string& a) { return tl.instance(a); }))
        event_note_[t] += (event_note_[t].empty() ? "" : "; ") + std::string{"condition "} + c.id +
                          (c.name.empty() ? "" : " " + q(c.name)) + (c.text.empty() ? "" : ": " + q(c.text, 200));
    }
    if (visits.empty()) return;
    std::vector<std::string> visit_names;
    for (const std::size_t k : visits) {
      if (visit_names.size() == kSharedListed) break;  // the rest counted, as for a shared encounter
      visit_names.push_back(s_.instances[k].name.empty() ? s_.instances[k].id : s_.instances[k].name);
    }
    if (const std::size_t more = visits.size() - visit_names.size())
      visit_names.back() += " and " + std::to_string(more) + (more == 1 ? " other visit" : " other visits");
    at_visit_[visits.front()].push_back("condition " + c.id + (c.name.empty() ? "" : " " + q(c.name)) +
                                        (c.text.empty() ? "" : " (" + q(c.text) + ")") + " on the visit " +
                                        join(visit_names, ", ") +
                                        ": planner has no conditions on a visit of the schedule; imported as "
                                        "unconditional");
  }

  const UsdmStudy& s_;
  const std::vector<Placement>& p_;
  const std::vector<OtherTimeline>& others_;
  std::map<std::size_t, std::string> event_id_;                    // other timeline imported as an event -> id
  std::map<std::size_t, std::string> event_note_;                  // its conditions
  std::vector<std::pair<std::size_t, std::size_t>> event_visits_;  // (other timeline, instance), in order
  std::map<std::pair<std::size_t, std::size_t>, std::string> event_visit_id_;
  // instance index -> USDM activity id -> the conditions on it at that visit
  std::map<std::size_t, std::map<std::string, std::vector<const Condition*>>> conditions_at_;
  std::vector<std::size_t> order_;                            // the imported instances in time order
  std::map<std::string, std::vector<std::size_t>> sharing_;   // encounter -> its imported instances, in order
  std::map<std::size_t, std::vector<std::string>> at_visit_;  // reports about one visit (instance index)
  std::map<std::string, std::string> epoch_id_;               // USDM id ("" for none) -> planner id
  std::map<std::string, std::string> activity_id_;            // USDM id -> planner id
  std::string placeholder_;                                   // the activity of visits that list none
  std::map<std::size_t, std::string> visit_id_;               // instance index -> planner id
  // instance index -> the series or dose rule that expands into it, and all its instances (in its order)
  std::map<std::size_t, std::pair<const PlannerTable*, std::vector<std::size_t>>> expanded_;
  std::set<const PlannerTable*> rules_written_;
  std::vector<std::string> warnings_;

  // The trial design (plan_elements)
  std::vector<std::string> epoch_order_;                          // the USDM ids of the imported epochs, in order
  std::vector<std::optional<std::size_t>> element_epoch_;         // USDM element -> its USDM epoch
  std::map<std::size_t, std::string> element_id_;                 // USDM element imported -> planner id
  std::map<std::string, std::vector<std::string>> arm_elements_;  // USDM arm id -> its planner element ids
  std::vector<std::string> element_reports_;                      // what of it is not imported
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
                         const std::vector<OtherTimeline>& others, const std::vector<Condition>& conditions) {
  return Emitter{study, placements, others, conditions}.run();
}

}  // namespace planner::usdm
