#include "planner/io/interop/usdm/export.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <utility>
#include <vector>

#include "planner/core/blinding.h"
#include "planner/core/dose.h"
#include "planner/core/trial_design.h"
#include "planner/io/interop/sdtm/trial_design.h"
#include "planner/io/interop/usdm/walk.h"
#include "planner/io/iso8601.h"

namespace planner {
namespace {

using json = nlohmann::ordered_json;

constexpr const char* kCodeSystem = "http://www.cdisc.org";
constexpr const char* kCodeSystemVersion = "2024-09-27";

std::string join_ids(const std::vector<std::string>& ids) {
  std::string out;
  for (const std::string& id : ids) out += (out.empty() ? "" : ",") + id;
  return out;
}

std::string number_text(double x) {
  std::ostringstream out;
  out << x;
  return out.str();
}

// "-3..3 days" when both ends are whole days, else "-P1M..P1M".
std::string window_label(const Window& w) {
  const auto early = w.early.exact_days(), late = w.late.exact_days();
  if (early && late)
    return "-" + std::to_string(early->count()) + ".." + std::to_string(late->count()) +
           (late->count() == 1 && early->count() == 1 ? " day" : " days");
  return "-" + format_duration(w.early) + ".." + format_duration(w.late);
}

class Exporter {
 public:
  explicit Exporter(const Protocol& p) : p_{p} {}

  std::string run() {
    json root;
    root["study"] = study();
    root["usdmVersion"] = "4.0.0";
    root["systemName"] = "planner";
    root["systemVersion"] = "export-usdm";
    return root.dump(2) + "\n";
  }

 private:
  std::string next(const std::string& kind) { return kind + "_" + std::to_string(++counters_[kind]); }

  json code(const std::string& c, const std::string& decode) {
    return json{{"id", next("Code")},        {"extensionAttributes", json::array()},    {"code", c},
                {"codeSystem", kCodeSystem}, {"codeSystemVersion", kCodeSystemVersion}, {"decode", decode},
                {"instanceType", "Code"}};
  }

  // One ExtensionAttribute per value that is not empty.
  json extensions(const std::vector<std::pair<std::string, std::string>>& values) {
    json out = json::array();
    for (const auto& [key, value] : values)
      if (!value.empty())
        out.push_back(json{{"id", next("ExtensionAttribute")},
                           {"url", std::string{usdm::kExtensionUrl} + key},
                           {"valueString", value},
                           {"instanceType", "ExtensionAttribute"}});
    return out;
  }

  json study() {
    json s;
    s["id"] = "Study_1";
    s["name"] = p_.study.id;
    s["description"] = p_.study.note.empty() ? json(nullptr) : json(p_.study.note);
    s["label"] = p_.study.title;
    s["versions"] = json::array({version()});
    s["instanceType"] = "Study";
    return s;
  }

  json version() {
    json v;
    v["id"] = "StudyVersion_1";
    v["extensionAttributes"] = json::array();
    v["versionIdentifier"] = "1";
    v["titles"] = json::array();
    if (!p_.study.title.empty())
      v["titles"].push_back(json{{"id", "StudyTitle_1"},
                                 {"extensionAttributes", json::array()},
                                 {"text", p_.study.title},
                                 {"type", code("C99905x2", "Official Study Title")},
                                 {"instanceType", "StudyTitle"}});
    identifiers(v);
    v["studyDesigns"] = json::array({design()});
    v["conditions"] = std::move(conditions_);
    v["instanceType"] = "StudyVersion";
    return v;
  }

  // The registry numbers, scoped by one "Study Registry" organization.
  void identifiers(json& v) {
    v["studyIdentifiers"] = json::array();
    v["organizations"] = json::array();
    if (p_.study.registry.empty()) return;
    v["organizations"].push_back(json{{"id", "Organization_1"},
                                      {"extensionAttributes", json::array()},
                                      {"name", "REGISTRY"},
                                      {"label", "Trial registry"},
                                      {"type", code("C93453", "Study Registry")},
                                      {"instanceType", "Organization"}});
    for (const std::string& r : p_.study.registry)
      v["studyIdentifiers"].push_back(json{{"id", next("StudyIdentifier")},
                                           {"extensionAttributes", json::array()},
                                           {"text", r},
                                           {"scopeId", "Organization_1"},
                                           {"instanceType", "StudyIdentifier"}});
  }

  json design() {
    json d;
    d["id"] = "StudyDesign_1";
    d["extensionAttributes"] = json::array();
    d["name"] = p_.study.id;
    d["label"] = p_.study.title;
    d["description"] = p_.study.design;
    d["arms"] = arms();
    d["studyCells"] = json::array();  // trial_design()
    d["epochs"] = epochs();
    d["elements"] = json::array();  // trial_design()
    d["encounters"] = encounters();
    d["activities"] = activities();
    d["indications"] = json::array();
    if (!p_.study.condition.empty())
      d["indications"].push_back(json{{"id", "Indication_1"},
                                      {"extensionAttributes", json::array()},
                                      {"name", p_.study.condition},
                                      {"label", p_.study.condition},
                                      {"instanceType", "Indication"}});
    design_codes(d);
    d["objectives"] = objectives();
    d["scheduleTimelines"] = timelines();
    d["extensionAttributes"] = planner_tables();  // numbered last: the ids before it stay as they were
    trial_design(d);
    d["instanceType"] = "InterventionalStudyDesign";
    return d;
  }

  json arms() {
    json out = json::array();
    for (const Arm& a : p_.arms)
      out.push_back(json{{"id", next("StudyArm")},
                         {"extensionAttributes",
                          extensions({{"source", a.provenance.source}, {"assumed", a.provenance.assumed}})},
                         {"name", a.id},
                         {"label", a.label},
                         {"description", a.label},
                         {"instanceType", "StudyArm"}});
    return out;
  }

  json epoch_type(const Epoch& e) {
    std::string text = e.id + " " + e.label;
    for (char& c : text) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (text.find("screen") != std::string::npos) return code("C202487", "Screening Epoch");
    if (text.find("follow") != std::string::npos) return code("C202578", "Follow-Up Epoch");
    if (text.find("treat") != std::string::npos) return code("C101526", "Treatment Epoch");
    return code("C17649", "Other");
  }

  json epochs() {
    json out = json::array();
    for (const Epoch& e : p_.epochs) {
      epoch_ids_.push_back(next("StudyEpoch"));
      out.push_back(json{{"id", epoch_ids_.back()},
                         {"extensionAttributes", json::array()},
                         {"name", e.id},
                         {"label", e.label},
                         {"type", epoch_type(e)},
                         {"instanceType", "StudyEpoch"}});
    }
    for (std::size_t i = 0; i < out.size(); ++i) {
      out[i]["previousId"] = i == 0 ? json(nullptr) : json(epoch_ids_[i - 1]);
      out[i]["nextId"] = i + 1 == out.size() ? json(nullptr) : json(epoch_ids_[i + 1]);
    }
    return out;
  }

  json encounters() {
    json out = json::array();
    for (const Visit& v : p_.visits) {
      encounter_ids_.push_back(next("Encounter"));
      out.push_back(json{{"id", encounter_ids_.back()},
                         {"extensionAttributes", json::array()},
                         {"name", v.id},
                         {"label", v.label},
                         {"description", v.note},
                         {"type", code("C25716", "Visit")},
                         {"instanceType", "Encounter"}});
    }
    for (std::size_t i = 0; i < out.size(); ++i) {
      out[i]["previousId"] = i == 0 ? json(nullptr) : json(encounter_ids_[i - 1]);
      out[i]["nextId"] = i + 1 == out.size() ? json(nullptr) : json(encounter_ids_[i + 1]);
    }
    return out;
  }

  json activities() {
    json out = json::array();
    for (const Activity& a : p_.activities) {
      activity_ids_.push_back(next("Activity"));
      out.push_back(
          json{{"id", activity_ids_.back()},
               {"extensionAttributes",
                extensions({{"kind", std::string{to_string(a.kind)}},
                            {"product", a.product},
                            {"route", a.route},
                            {"amount", a.amount ? to_string(*a.amount) : ""},
                            {"instrument", a.instrument},
                            {"role", a.kind == ActivityKind::assessment ? std::string{to_string(a.role)} : ""},
                            {"duration", a.duration ? format_time_duration(*a.duration) : ""},
                            {"arms", join_ids(a.arms)},
                            {"participant_label", a.participant_label},
                            {"prepares", a.prepares ? p_.activities[*a.prepares].id : ""},
                            {"lead_time", a.lead_time ? format_duration(*a.lead_time) : ""},
                            {"source", a.provenance.source},
                            {"assumed", a.provenance.assumed}})},
               {"name", a.id},
               {"label", a.label},
               {"description", a.note},
               {"timelineId", nullptr},
               {"instanceType", "Activity"}});
      for (const auto& [arm, label] : a.arm_labels)
        for (json& x : extensions({{"arm_label." + arm, label}})) out.back()["extensionAttributes"].push_back(x);
    }
    return out;
  }

  // One Objective per [[endpoint]], at the endpoint's level, with the endpoint as its Endpoint: USDM's level
  // is the role; the assessment, the visit, `published`, the provenance are planner's extensions.
  json objectives() {
    json out = json::array();
    for (const Endpoint& e : p_.endpoints) {
      const std::string level{to_string(e.role)};
      std::string title = level;  // "Primary"
      title[0] = static_cast<char>(title[0] - 'a' + 'A');
      static const std::map<std::string, std::pair<std::string, std::string>> codes{{"primary", {"C85826", "C94496"}},
                                                                                    {"secondary",
                                                                                     {"C85827", "C139173"}},
                                                                                    {"exploratory",
                                                                                     {"C163559", "C170559"}}};
      const auto& [objective_code, endpoint_code] = codes.at(level);
      json endpoint{{"id", next("Endpoint")},
                    {"extensionAttributes", extensions({{"activity", p_.activities[e.activity].id},
                                                        {"visit", p_.visits[e.visit].id},
                                                        {"published", e.published ? format_duration(*e.published) : ""},
                                                        {"measure", e.measure},
                                                        {"source", e.provenance.source},
                                                        {"assumed", e.provenance.assumed}})},
                    {"name", e.id},
                    {"label", e.label},
                    {"description", e.note},
                    {"text", p_.activities[e.activity].label + " at " + p_.visits[e.visit].label +
                                 (e.measure.empty() ? "" : ", " + e.measure)},
                    {"dictionaryId", nullptr},
                    {"purpose", e.measure},
                    {"level", code(endpoint_code, title + " Endpoint")},
                    {"notes", json::array()},
                    {"instanceType", "Endpoint"}};
      out.push_back(json{{"id", next("Objective")},
                         {"extensionAttributes", json::array()},
                         {"name", e.id},
                         {"label", e.label},
                         {"description", e.note},
                         {"text", endpoint["text"]},
                         {"dictionaryId", nullptr},
                         {"level", code(objective_code, title + " Objective")},
                         {"endpoints", json::array({std::move(endpoint)})},
                         {"notes", json::array()},
                         {"instanceType", "Objective"}});
    }
    return out;
  }

  // A planner table USDM has no object for: an ExtensionAttribute of the design whose url ends in the table's
  // name ("constraint"), whose valueString is the table's id, and whose own extensionAttributes are its keys.
  json table(const std::string& name, const std::string& id,
             const std::vector<std::pair<std::string, std::string>>& values) {
    return json{{"id", next("ExtensionAttribute")},
                {"url", std::string{usdm::kExtensionUrl} + name},
                {"valueString", id},
                {"extensionAttributes", extensions(values)},
                {"instanceType", "ExtensionAttribute"}};
  }

  static std::string days_text(const std::optional<Days>& d) { return d ? "P" + std::to_string(d->count()) + "D" : ""; }

  // The intervention model and the blinding schema, as the CDISC pilot writes them (for other systems: planner
  // reads its own tables back).
  void design_codes(json& d) {
    static const std::map<DesignModel, std::pair<const char*, const char*>>
        models{{DesignModel::parallel, {"C82639", "Parallel Study"}},
               {DesignModel::crossover, {"C82637", "Crossover Study"}},
               {DesignModel::single_group, {"C82640", "Single Group Study"}},
               {DesignModel::factorial, {"C82638", "Factorial Study"}},
               {DesignModel::sequential, {"C142568", "Sequential Study"}}};
    if (p_.study.model) d["model"] = code(models.at(*p_.study.model).first, models.at(*p_.study.model).second);
    const std::string schema = blinding_schema(p_);
    if (schema.empty()) return;
    const bool open = schema == "OPEN LABEL", single = schema == "SINGLE BLIND";
    d["blindingSchema"] = json{{"id", next("AliasCode")},
                               {"extensionAttributes", json::array()},
                               {"standardCode", open     ? code("C49659", "Open Label Study")
                                                : single ? code("C28233", "Single Blind Study")
                                                         : code("C15228", "Double Blind Study")},
                               {"standardCodeAliases", json::array()},
                               {"instanceType", "AliasCode"}};
  }

  // [anchor] (the event, as the main timeline's entryCondition, and its provenance), [schedule], [dosing],
  // [check] and [[lint.accept]].
  void settings_tables(json& out) {
    out.push_back(table("anchor", p_.anchor_event,
                        {{"source", p_.anchor_provenance.source}, {"assumed", p_.anchor_provenance.assumed}}));
    if (p_.month_end)
      out.push_back(
          table("schedule", "schedule", {{"month_end", *p_.month_end == MonthEnd::clamp ? "clamp" : "reject"}}));
    if (p_.dosing.min_gap || !p_.dosing.provenance.empty())
      out.push_back(table("dosing", "dosing",
                          {{"min_gap", p_.dosing.min_gap ? format_duration(*p_.dosing.min_gap) : ""},
                           {"source", p_.dosing.provenance.source},
                           {"assumed", p_.dosing.provenance.assumed}}));
    if (!p_.check_tolerates.empty()) {
      std::vector<std::pair<std::string, std::string>> values;
      for (const Verdict v : p_.check_tolerates) values.emplace_back("tolerate", to_string(v));
      out.push_back(table("check", "check", values));
    }
    for (const LintAccept& a : p_.lint_accepts)
      out.push_back(table("lint_accept", a.rule, {{"visit", a.visit}, {"reason", a.reason}}));
  }

  // [study] model and allocation, [[stratum]], [published] and [blinding] (masking and unblinded: one key per
  // role).
  void design_tables(json& out) {
    out.push_back(table("study", p_.study.id,
                        {{"model", p_.study.model ? std::string{to_string(*p_.study.model)} : ""},
                         {"allocation", p_.study.allocation ? std::string{to_string(*p_.study.allocation)} : ""},
                         {"design", p_.study.design},
                         {"citation", p_.study.citation},
                         {"doi", p_.study.doi},
                         {"note", p_.study.note},
                         {"source", p_.study.provenance.source},
                         {"assumed", p_.study.provenance.assumed}}));
    settings_tables(out);
    for (const Stratum& st : p_.strata)
      out.push_back(table("stratum", st.id,
                          {{"label", st.label},
                           {"arms", join_ids(st.arms)},
                           {"criterion", st.criterion},
                           {"source", st.provenance.source},
                           {"assumed", st.provenance.assumed}}));
    if (const auto& pub = p_.published) {
      const auto duration = [](const std::optional<Duration>& d) { return d ? format_duration(*d) : std::string{}; };
      out.push_back(table("published", "published",
                          {{"injections", pub->injections ? std::to_string(*pub->injections) : ""},
                           {"treatment", duration(pub->treatment)},
                           {"follow_up_end", duration(pub->follow_up_end)},
                           {"length", duration(pub->length)},
                           {"source", pub->provenance.source},
                           {"assumed", pub->provenance.assumed}}));
    }
    if (!p_.blinding) return;
    std::vector<std::pair<std::string, std::string>> values;
    for (const MaskedRole role : p_.blinding->masking) values.emplace_back("masking", to_string(role));
    for (const std::string& role : p_.blinding->unblinded) values.emplace_back("unblinded", role);
    values.emplace_back("source", p_.blinding->provenance.source);
    values.emplace_back("assumed", p_.blinding->provenance.assumed);
    out.push_back(table("blinding", "blinding", values));
  }

  // The ids of the visits a series (or a dose rule, `rule`) expands into, in order.
  std::string expanded_visits(std::size_t index, bool rule) const {
    std::vector<std::string> ids;
    for (const Visit& v : p_.visits)
      if ((rule ? v.rule : v.series) == index) ids.push_back(v.id);
    return join_ids(ids);
  }

  // [[series]] and [[dose_rule]] as written, with the visits they expand into (`visits`): those are written
  // natively too (encounters and instances), and carry what the series or rule gives each of its visits (epoch,
  // window, activities, arms, time, length, amounts, note); the import writes the rule instead of its visits.
  void rule_tables(json& out) {
    for (std::size_t i = 0; i < p_.series.size(); ++i) {
      const Series& s = p_.series[i];
      std::vector<std::string> days;
      for (const Duration& d : s.days) days.push_back(format_duration(d));
      out.push_back(table("series", s.id,
                          {{"label", s.label},
                           {"start", format_duration(s.start)},
                           {"every", format_duration(s.every)},
                           {"count", std::to_string(s.count)},
                           {"days", join_ids(days)},
                           {"number_from", std::to_string(s.number_from)},
                           {"visits", expanded_visits(i, false)},
                           {"source", s.provenance.source},
                           {"assumed", s.provenance.assumed}}));
    }
    for (std::size_t i = 0; i < p_.dose_rules.size(); ++i) {
      const DoseRule& r = p_.dose_rules[i];
      const auto first = std::find_if(p_.visits.begin(), p_.visits.end(), [&](const Visit& v) { return v.rule == i; });
      out.push_back(table("dose_rule", r.id,
                          {{"label", r.label},
                           {"count", std::to_string(r.count)},
                           {"within", "P" + std::to_string(r.within) + "D"},
                           {"min_gap", "P" + std::to_string(r.min_gap) + "D"},
                           {"start", format_duration(first->at)},
                           {"after", first->after ? p_.visits[*first->after].id : ""},
                           {"visits", expanded_visits(i, true)},
                           {"source", r.provenance.source},
                           {"assumed", r.provenance.assumed}}));
    }
  }

  json planner_tables() {
    json out = json::array();
    design_tables(out);
    for (const Constraint& c : p_.constraints)
      out.push_back(table("constraint", c.id,
                          {{"label", c.label},
                           {"kind", std::string{to_string(c.kind)}},
                           {"first", p_.activities[c.first].id},
                           {"then", p_.activities[c.then].id},
                           {"first_visit", c.first_visit ? p_.visits[*c.first_visit].id : ""},
                           {"then_visit", c.then_visit ? p_.visits[*c.then_visit].id : ""},
                           {"min", days_text(c.min)},
                           {"max", days_text(c.max)},
                           {"note", c.note},
                           {"source", c.provenance.source},
                           {"assumed", c.provenance.assumed}}));
    for (const DosingPeriod& d : p_.dosing_periods) {
      std::vector<std::pair<std::string, std::string>> values{{"label", d.label},
                                                              {"activity", p_.activities[d.activity].id},
                                                              {"from", p_.visits[d.from].id},
                                                              {"to", p_.visits[d.to].id},
                                                              {"every", "P" + std::to_string(d.every) + "D"},
                                                              {"where",
                                                               d.place == DosingPeriod::Place::home ? "home" : "site"}};
      for (const auto& [arm, amount] : d.amounts) values.emplace_back("amount." + arm, to_string(amount));
      std::vector<std::string> dispense;
      for (const std::size_t v : d.dispense) dispense.push_back(p_.visits[v].id);
      values.emplace_back("dispense", join_ids(dispense));
      values.emplace_back("source", d.provenance.source);
      values.emplace_back("assumed", d.provenance.assumed);
      out.push_back(table("dosing_period", d.id, values));
    }
    for (const TrialSummaryEntry& e : p_.trial_summary)
      out.push_back(table("trial_summary", e.parameter,
                          {{"parameter", e.parameter},
                           {"name", e.name},
                           {"value", e.value},
                           {"seq", std::to_string(e.seq)},
                           {"source", e.provenance.source},
                           {"assumed", e.provenance.assumed}}));
    const auto day = [](const std::optional<StudyDay>& d) { return d ? std::to_string(d->number()) : std::string{}; };
    for (const AnalysisWindow& w : p_.analysis_windows)
      out.push_back(table("analysis_window", w.name,
                          {{"name", w.name},
                           {"target", day(w.target)},
                           {"lower", day(w.lower)},
                           {"upper", day(w.upper)},
                           {"ties", w.ties_later ? "later" : "earlier"},
                           {"source", w.provenance.source},
                           {"assumed", w.provenance.assumed}}));
    rule_tables(out);
    return out;
  }

  // A TransitionRule with the text; null when there is none.
  json rule(const std::string& name, const std::string& text) {
    if (text.empty()) return nullptr;
    return json{{"id", next("TransitionRule")},
                {"extensionAttributes", json::array()},
                {"name", name},
                {"label", nullptr},
                {"description", nullptr},
                {"text", text},
                {"instanceType", "TransitionRule"}};
  }

  // SDTM's trial design in USDM's own objects: each [[element]] a StudyElement (name: the ETCD; transition
  // rules: TESTRL and TEENRL), each arm's elements StudyCells (one per epoch it passes through), each visit's
  // start and end rules its Encounter's transition rules. What USDM has no field for is planner's extension:
  // an element's duration, provenance and (when it is in no arm, so no cell gives it) epoch; an arm's branch
  // (TABRANCH). Numbered after the planner tables, so that the ids before them stay as they were.
  void trial_design(json& d) {
    for (std::size_t k = 0; k < p_.visits.size(); ++k) {
      const std::string n = std::to_string(k + 1);
      d["encounters"][k]["transitionStartRule"] = rule("ENCOUNTER_START_RULE_" + n, p_.visits[k].start_rule);
      d["encounters"][k]["transitionEndRule"] = rule("ENCOUNTER_END_RULE_" + n, p_.visits[k].end_rule);
    }
    if (p_.elements.empty()) {
      derived_trial_design(d);
      return;
    }
    std::vector<bool> in_arm(p_.elements.size(), false);
    for (const Arm& a : p_.arms)
      for (const std::size_t e : a.elements) in_arm[e] = true;
    std::vector<std::string> element_ids;
    for (std::size_t i = 0; i < p_.elements.size(); ++i) {
      const TrialElement& e = p_.elements[i];
      const std::string n = std::to_string(i + 1);
      element_ids.push_back(next("StudyElement"));
      d["elements"].push_back(
          json{{"id", element_ids.back()},
               {"extensionAttributes", extensions({{"duration", e.duration},
                                                   {"epoch", in_arm[i] ? "" : p_.epochs[e.epoch].id},
                                                   {"source", e.provenance.source},
                                                   {"assumed", e.provenance.assumed}})},
               {"name", e.id},
               {"label", e.label},
               {"description", e.note},
               {"transitionStartRule", rule("ELEMENT_START_RULE_" + n, e.start_rule)},
               {"transitionEndRule", rule("ELEMENT_END_RULE_" + n, e.end_rule)},
               {"studyInterventionIds", json::array()},
               {"notes", json::array()},
               {"instanceType", "StudyElement"}});
    }
    for (std::size_t a = 0; a < p_.arms.size(); ++a) {
      const Arm& arm = p_.arms[a];
      arm_branch(d, a);
      for (std::size_t epoch = 0; epoch < p_.epochs.size(); ++epoch) {
        json ids = json::array();
        for (const std::size_t e : arm.elements)
          if (p_.elements[e].epoch == epoch) ids.push_back(element_ids[e]);
        study_cell(d, a, epoch, std::move(ids));
      }
    }
  }

  // A protocol without [[element]]: the elements planner derives (planner/core/trial_design.h), with the rules
  // and durations of `planner sdtm --domain TE`, each marked with planner's extension derived = "true" (import-usdm
  // leaves them out: planner derives them again), and each arm's cell in every epoch it has elements in.
  void derived_trial_design(json& d) {
    const TrialDesign design = planner::trial_design(p_);
    const TextTable te = trial_design_table(p_, "TE", p_.study.id);  // a row per element, in design's order
    std::vector<std::string> element_ids;
    for (std::size_t i = 0; i < design.elements.size(); ++i) {
      const std::vector<std::string>& row = te.rows.at(i);  // STUDYID,DOMAIN,ETCD,ELEMENT,TESTRL,TEENRL,TEDUR
      const std::string n = std::to_string(i + 1);
      element_ids.push_back(next("StudyElement"));
      d["elements"].push_back(json{{"id", element_ids.back()},
                                   {"extensionAttributes", extensions({{"duration", row[6]}, {"derived", "true"}})},
                                   {"name", row[2]},
                                   {"label", row[3]},
                                   {"description", nullptr},
                                   {"transitionStartRule", rule("ELEMENT_START_RULE_" + n, row[4])},
                                   {"transitionEndRule", rule("ELEMENT_END_RULE_" + n, row[5])},
                                   {"studyInterventionIds", json::array()},
                                   {"notes", json::array()},
                                   {"instanceType", "StudyElement"}});
    }
    for (std::size_t a = 0; a < p_.arms.size(); ++a) {
      arm_branch(d, a);
      for (std::size_t epoch = 0; epoch < p_.epochs.size(); ++epoch) {
        json ids = json::array();
        for (const std::size_t e : design.arm_path[a])
          if (design.elements[e].epoch == epoch) ids.push_back(element_ids[e]);
        study_cell(d, a, epoch, std::move(ids));
      }
    }
  }

  // Arm a's StudyCell in the epoch, with the elements it passes through there; none when there are none.
  void study_cell(json& d, std::size_t a, std::size_t epoch, json ids) {
    if (ids.empty()) return;
    d["studyCells"].push_back(json{{"id", next("StudyCell")},
                                   {"extensionAttributes", json::array()},
                                   {"armId", d["arms"][a]["id"]},
                                   {"epochId", epoch_ids_[epoch]},
                                   {"elementIds", std::move(ids)},
                                   {"instanceType", "StudyCell"}});
  }

  // planner's extension branch (SDTM TA's TABRANCH) of arm a.
  void arm_branch(json& d, std::size_t a) {
    for (json& x : extensions({{"branch", p_.arms[a].branch}}))
      d["arms"][a]["extensionAttributes"].push_back(std::move(x));
  }

  // The main timeline, then one per event that has visits.
  json timelines() {
    json out = json::array();
    std::vector<std::size_t> main;
    for (std::size_t k = 0; k < p_.visits.size(); ++k)
      if (!p_.visits[k].on) main.push_back(k);
    out.push_back(timeline("Main Timeline", "Main Timeline", p_.anchor_event, main, std::nullopt));
    out.back()["mainTimeline"] = true;
    for (std::size_t e = 0; e < p_.events.size(); ++e) {
      std::vector<std::size_t> visits;
      for (std::size_t k = 0; k < p_.visits.size(); ++k)
        if (p_.visits[k].on == e) visits.push_back(k);
      if (visits.empty()) continue;
      const Event& event = p_.events[e];
      out.push_back(timeline(event.id, event.label, event.label, visits, e));
    }
    return out;
  }

  // The visit that is the Fixed Reference: at P0D from Day 1 (or from the event), not chained.
  std::optional<std::size_t> anchor_of(const std::vector<std::size_t>& visits) const {
    for (const std::size_t k : visits)
      if (!p_.visits[k].after && p_.visits[k].at.is_zero()) return k;
    return std::nullopt;
  }

  // What a visit states of its own provenance beyond `source` and `assumed`: its window's, and that of each
  // activity written as an inline table (activity_source.<id>, activity_assumed.<id>, activity_note.<id>).
  json visit_provenance(const Visit& v) {
    std::vector<std::pair<std::string, std::string>> values;
    if (v.window.own_provenance) {
      values.emplace_back("window_source", v.window.provenance.source);
      values.emplace_back("window_assumed", v.window.provenance.assumed);
    }
    for (const ActivityProvenance& a : v.activity_provenance) {
      const std::string& id = p_.activities[a.activity].id;
      values.emplace_back("activity_source." + id, a.provenance.source);
      values.emplace_back("activity_assumed." + id, a.provenance.assumed);
      values.emplace_back("activity_note." + id, a.note);
    }
    return extensions(values);
  }

  json instance(const Visit& v, std::size_t k) {
    json out = instance_json(v, k);
    for (json& x : visit_provenance(v)) out["extensionAttributes"].push_back(std::move(x));
    return out;
  }

  json instance_json(const Visit& v, std::size_t k) {
    return json{{"id", instance_ids_.at(k)},
                {"extensionAttributes", extensions({{"arms", join_ids(v.arms)},
                                                    {"amount", v.amount ? to_string(*v.amount) : ""},
                                                    {"visitnum", v.visitnum ? number_text(*v.visitnum) : ""},
                                                    {"time", v.time ? format_time_of_day(*v.time) : ""},
                                                    {"duration", v.duration ? format_time_duration(*v.duration) : ""},
                                                    {"after", v.on && v.after ? p_.visits[*v.after].id : ""},
                                                    {"source", v.provenance.source},
                                                    {"assumed", v.provenance.assumed}})},
                {"name", v.id},
                {"label", v.label},
                {"description", v.note},
                {"defaultConditionId", nullptr},
                {"epochId", epoch_ids_.at(v.epoch)},
                {"instanceType", "ScheduledActivityInstance"},
                {"timelineId", nullptr},
                {"timelineExitId", nullptr},
                {"activityIds", visit_activities(v)},
                {"encounterId", encounter_ids_.at(k)}};
  }

  json visit_activities(const Visit& v) const {
    json out = json::array();
    for (const std::size_t a : v.activities) out.push_back(activity_ids_.at(a));
    return out;
  }

  json timing(const std::string& from, const std::string& to, const std::string& name, const Duration& at,
              const std::optional<Window>& window, bool fixed) {
    json t;
    t["id"] = next("Timing");
    t["extensionAttributes"] = json::array();
    t["name"] = name;
    Duration value = at;
    value.negative = false;
    const std::string type = fixed ? "Fixed Reference" : at.negative ? "Before" : "After";
    t["label"] = fixed ? std::string{"Day 1"} : format_duration(value) + " " + type;
    t["type"] = fixed ? code("C201358", type) : at.negative ? code("C201357", type) : code("C201356", type);
    t["value"] = fixed ? std::string{"P1D"} : format_duration(value);
    t["valueLabel"] = fixed ? std::string{"Day 1"} : format_duration(value);
    t["relativeToFrom"] = code("C201355", "Start to Start");
    t["relativeFromScheduledInstanceId"] = from;
    t["relativeToScheduledInstanceId"] = to;
    // No window on the exact day (USDM's way of saying it, as in the CDISC pilot)
    const bool has_window = window && !(window->early.is_zero() && window->late.is_zero());
    t["windowLower"] = has_window ? json(format_duration(window->early)) : json(nullptr);
    t["windowUpper"] = has_window ? json(format_duration(window->late)) : json(nullptr);
    t["windowLabel"] = has_window ? window_label(*window) : std::string{};
    t["instanceType"] = "Timing";
    return t;
  }

  json timeline(const std::string& name, const std::string& label, const std::string& entry,
                const std::vector<std::size_t>& visits, std::optional<std::size_t> event) {
    json t;
    const std::string id = next("ScheduleTimeline");
    t["id"] = id;
    t["extensionAttributes"] = json::array();
    t["name"] = name;
    t["label"] = label;
    t["description"] = event ? p_.events[*event].note : p_.study.design;
    t["mainTimeline"] = false;
    t["entryCondition"] = entry;
    if (event)
      t["extensionAttributes"] = extensions(
          {{"source", p_.events[*event].provenance.source}, {"assumed", p_.events[*event].provenance.assumed}});
    json instances = json::array(), timings = json::array();
    const std::optional<std::size_t> anchor = anchor_of(visits);
    std::string anchor_id;
    if (!anchor) {  // the event (or Day 1) itself, as an instance with no encounter
      anchor_id = next("ScheduledActivityInstance");
      instances.push_back(json{{"id", anchor_id},
                               {"extensionAttributes", extensions({{"anchor", "true"}})},
                               {"name", event ? p_.events[*event].id : std::string{"DAY1"}},
                               {"label", event ? p_.events[*event].label : std::string{"Day 1"}},
                               {"description", event ? "the date of the event" : "Day 1"},
                               {"defaultConditionId", nullptr},
                               {"epochId", nullptr},
                               {"instanceType", "ScheduledActivityInstance"},
                               {"timelineId", nullptr},
                               {"timelineExitId", nullptr},
                               {"activityIds", json::array()},
                               {"encounterId", nullptr}});
      timings.push_back(timing(anchor_id, anchor_id, anchor_id, Duration{}, std::nullopt, true));
    }
    for (const std::size_t k : visits) instance_ids_[k] = next("ScheduledActivityInstance");
    if (anchor) anchor_id = instance_ids_.at(*anchor);
    for (const std::size_t k : visits) {
      const Visit& v = p_.visits[k];
      instances.push_back(instance(v, k));
      const bool fixed = anchor == k;
      const std::string to = fixed || !v.after || v.on ? anchor_id : instance_ids_.at(*v.after);
      timings.push_back(timing(instance_ids_.at(k), to, v.id, v.at, v.window, fixed));
    }
    for (std::size_t i = 0; i + 1 < instances.size(); ++i) instances[i]["defaultConditionId"] = instances[i + 1]["id"];
    const std::string exit = next("ScheduleTimelineExit");
    instances.back()["timelineExitId"] = exit;
    t["entryId"] = instances.front()["id"];
    t["exits"] = json::array(
        {json{{"id", exit}, {"extensionAttributes", json::array()}, {"instanceType", "ScheduleTimelineExit"}}});
    if (event) condition(*event, instances);
    t["timings"] = std::move(timings);
    t["instances"] = std::move(instances);
    t["plannedDuration"] = nullptr;
    t["instanceType"] = "ScheduleTimeline";
    return t;
  }

  // The event as a Condition on the instances of its timeline.
  void condition(std::size_t e, const json& instances) {
    const Event& event = p_.events[e];
    json applies = json::array();
    for (const json& i : instances) applies.push_back(i["id"]);
    conditions_.push_back(json{{"id", next("Condition")},
                               {"extensionAttributes", json::array()},
                               {"name", event.id},
                               {"label", event.label},
                               {"description", event.note},
                               {"text", "Performed when: " + event.label},
                               {"instanceType", "Condition"},
                               {"contextIds", json::array()},
                               {"appliesToIds", std::move(applies)}});
  }

  const Protocol& p_;
  std::map<std::string, int> counters_;
  std::vector<std::string> epoch_ids_, encounter_ids_, activity_ids_;
  std::map<std::size_t, std::string> instance_ids_;  // visit index -> instance id
  json conditions_ = json::array();
};

}  // namespace

std::string export_usdm(const Protocol& protocol) { return Exporter{protocol}.run(); }

}  // namespace planner
