#include "planner/io/interop/usdm/walk.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "planner/core/error.h"
#include "planner/core/spelling.h"
#include "planner/core/verdict.h"
#include "planner/io/interop/usdm/ids.h"
#include "planner/io/iso8601.h"

namespace planner::usdm {

using json = nlohmann::json;

bool Timing::fixed() const { return same_text(type, "Fixed Reference"); }
bool Timing::before() const { return same_text(type, "Before"); }

namespace {

template <typename T>
const T* find_in(const std::vector<T>& items, const IdIndex& index, std::string_view id) {
  const auto it = index.find(id);
  return it == index.end() ? nullptr : &items[it->second];
}

template <typename T>
IdIndex index_of(const std::vector<T>& items) {
  IdIndex out;
  for (std::size_t i = 0; i < items.size(); ++i) out.emplace(items[i].id, i);
  return out;
}

struct Node {
  const json* value = nullptr;  // null when absent
  std::string pointer;          // RFC 6901
};

std::string escape(std::string_view key) {
  std::string out;
  for (const char c : key) out += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
  return out;
}

// The member `key` of an object node (callers have checked that it is one).
Node child(const Node& object, std::string_view key) {
  Node out{nullptr, object.pointer + "/" + escape(key)};
  if (object.value && object.value->is_object()) {
    const auto it = object.value->find(key);
    if (it != object.value->end()) out.value = &*it;
  }
  return out;
}

Node item(const Node& array, std::size_t i) {
  return Node{&(*array.value)[i], array.pointer + "/" + std::to_string(i)};
}

std::string got(const json* j) {
  if (!j) return "nothing";
  switch (j->type()) {
    case json::value_t::null: return "null";
    case json::value_t::object: return "an object";
    case json::value_t::array: return "an array";
    case json::value_t::string: return q(j->get_ref<const std::string&>());
    case json::value_t::boolean: return j->get<bool>() ? "true" : "false";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return "the number " + j->dump();
    default: return "a value of another kind";
  }
}

// Reading typed values out of nodes: every failure names the JSON pointer.
class Reader {
 public:
  explicit Reader(const SourceText& src) : src_{src} {}

  [[noreturn]] void fail(const std::string& pointer, const std::string& message) const {
    fail_at(src_, pointer, message);
  }

  void expect_object(const Node& n, std::string_view what) const {
    if (!n.value || !n.value->is_object()) fail(n.pointer, "expected " + std::string{what} + ", got " + got(n.value));
  }

  std::size_t expect_array(const Node& n, std::string_view what) const {
    if (!n.value || !n.value->is_array()) fail(n.pointer, "expected " + std::string{what} + ", got " + got(n.value));
    return n.value->size();
  }

  // The length of an optional array: 0 when absent or null.
  std::size_t opt_array(const Node& n) const {
    if (!n.value || n.value->is_null()) return 0;
    return expect_array(n, "an array or null");
  }

  std::string req_string(const Node& n, std::string_view what) const {
    if (!n.value || !n.value->is_string() || n.value->get_ref<const std::string&>().empty())
      fail(n.pointer, "expected " + std::string{what} + " (a non-empty string), got " + got(n.value));
    return n.value->get<std::string>();
  }

  std::string opt_string(const Node& n) const {
    if (!n.value || n.value->is_null()) return "";
    if (!n.value->is_string()) fail(n.pointer, "expected a string or null, got " + got(n.value));
    return n.value->get<std::string>();
  }

  bool opt_bool(const Node& n) const {
    if (!n.value || n.value->is_null()) return false;
    if (!n.value->is_boolean()) fail(n.pointer, "expected true or false, got " + got(n.value));
    return n.value->get<bool>();
  }

  std::vector<std::string> opt_strings(const Node& n) const {
    std::vector<std::string> out;
    for (std::size_t i = 0, size = opt_array(n); i < size; ++i) out.push_back(req_string(item(n, i), "an id"));
    return out;
  }

  // The decode of a Code (or of the standardCode of an AliasCode); "" when absent.
  std::string decode(const Node& code) const {
    if (!code.value || code.value->is_null()) return "";
    expect_object(code, "a Code object");
    if (const Node standard = child(code, "standardCode"); standard.value) return decode(standard);
    return opt_string(child(code, "decode"));
  }

  // planner's ExtensionAttributes of an object (export.h); those of other systems are not read.
  Extensions extensions(const Node& object) const {
    Extensions out;
    const Node list = child(object, "extensionAttributes");
    for (std::size_t i = 0, n = opt_array(list); i < n; ++i) {
      const Node x = item(list, i);
      expect_object(x, "an ExtensionAttribute object");
      const Node url = child(x, "url");
      if (!url.value || !url.value->is_string()) continue;
      const std::string& text = url.value->get_ref<const std::string&>();
      if (text.rfind(kExtensionUrl, 0) != 0) continue;
      const std::string key = text.substr(kExtensionUrl.size());
      const Node value = child(x, "valueString");
      out[key] = req_string(value, "the extension's value");
      if (key == "kind" && out[key] != "dose" && out[key] != "assessment" && out[key] != "procedure" &&
          out[key] != "sample")
        fail(value.pointer,
             "expected an activity kind \"dose\", \"assessment\", \"procedure\" or \"sample\", got " + q(out[key]));
      if (key == "derived" && out[key] != "true")  // an element planner's export derived (leave_out_derived_elements)
        fail(value.pointer, "expected the planner extension derived to be \"true\", got " + q(out[key]));
    }
    return out;
  }

  // A list of named objects with unique ids; `extra` reads what else a T holds.
  template <typename T, typename Extra>
  std::vector<T> named(const Node& list, std::string_view what, Extra&& extra) const {
    std::vector<T> out;
    std::map<std::string, std::string> seen;  // id -> pointer
    for (std::size_t i = 0, n = opt_array(list); i < n; ++i) {
      const Node x = item(list, i);
      expect_object(x, what);
      T e;
      e.id = req_string(child(x, "id"), "an id");
      e.name = opt_string(child(x, "name"));
      e.label = opt_string(child(x, "label"));
      e.pointer = x.pointer;
      if (const auto [it, fresh] = seen.emplace(e.id, x.pointer); !fresh)
        fail(x.pointer + "/id", "duplicate id " + q(e.id) + " (also at " + it->second + ")");
      extra(e, x);
      out.push_back(std::move(e));
    }
    return out;
  }

  template <typename T>
  std::vector<T> named(const Node& list, std::string_view what) const {
    return named<T>(list, what, [](T&, const Node&) {});
  }

 private:
  const SourceText& src_;
};

struct Organization : Named {
  std::string type;  // the decode of its type: "Clinical Study Sponsor", "Study Registry"...
};

// One walk from the root to the chosen timeline, filling a UsdmStudy.
class StudyWalk {
 public:
  StudyWalk(const SourceText& src, const json& root, const std::string& wanted) : r_{src}, wanted_{wanted} {
    root_ = Node{&root, ""};
    out_.file = std::filesystem::path{src.name()}.filename().string();
  }

  UsdmStudy run() {
    locate();
    read_names();
    read_title();
    read_design();
    read_identifiers();
    out_.arms = r_.named<UsdmArm>(child(design_, "arms"), "a StudyArm object",
                                  [&](UsdmArm& a, const Node& n) { a.planner = r_.extensions(n); });
    out_.epochs = r_.named<Named>(child(design_, "epochs"), "a StudyEpoch object");
    out_.encounters = r_.named<UsdmEncounter>(child(design_, "encounters"), "an Encounter object",
                                              [&](UsdmEncounter& e, const Node& n) {
                                                e.start_rule = rule_text(child(n, "transitionStartRule"));
                                                e.end_rule = rule_text(child(n, "transitionEndRule"));
                                              });
    out_.activities = r_.named<UsdmActivity>(child(design_, "activities"), "an Activity object",
                                             [&](UsdmActivity& a, const Node& n) {
                                               a.timeline = r_.opt_string(child(n, "timelineId"));
                                               a.description = r_.opt_string(child(n, "description"));
                                               a.planner = r_.extensions(n);
                                             });
    for (const UsdmActivity& a : out_.activities) check_arms(a.planner, a.pointer);
    for (const UsdmActivity& a : out_.activities) check_prepares(a);
    out_.epoch_index = index_of(out_.epochs);
    out_.encounter_index = index_of(out_.encounters);
    out_.activity_index = index_of(out_.activities);
    read_trial_design();
    read_timeline();
    read_endpoints();
    read_tables();
    return std::move(out_);
  }

 private:
  // planner's `arms` extension names arms by their names, comma-separated.
  void check_arms(const Extensions& planner, const std::string& pointer) const {
    for (const auto& [key, value] : planner) {
      if (key.rfind("arm_label.", 0) != 0) continue;
      const std::string arm = key.substr(10);
      if (std::none_of(out_.arms.begin(), out_.arms.end(), [&](const Named& a) { return a.name == arm; }))
        r_.fail(pointer + "/extensionAttributes",
                "the planner extension " + q(key) + " names no arm of the design: " + q(arm));
    }
    const auto it = planner.find("arms");
    if (it == planner.end()) return;
    std::string::size_type start = 0;
    while (start <= it->second.size()) {
      const auto comma = std::min(it->second.find(',', start), it->second.size());
      const std::string arm = it->second.substr(start, comma - start);
      if (std::none_of(out_.arms.begin(), out_.arms.end(), [&](const Named& a) { return a.name == arm; }))
        r_.fail(pointer + "/extensionAttributes", "the planner extension arms names no arm of the design: " + q(arm));
      start = comma + 1;
    }
  }

  // An activity's `prepares` names an activity of the design, its `lead_time` is a duration.
  void check_prepares(const UsdmActivity& a) const {
    const std::string where = a.pointer + "/extensionAttributes";
    if (const auto it = a.planner.find("prepares"); it != a.planner.end())
      if (std::none_of(out_.activities.begin(), out_.activities.end(),
                       [&](const UsdmActivity& x) { return x.name == it->second; }))
        r_.fail(where, "the planner extension prepares names no activity of the design: " + q(it->second));
    if (const auto it = a.planner.find("lead_time"); it != a.planner.end()) {
      const Parsed<Duration> d = parse_duration(it->second);
      if (!d.value) r_.fail(where, "the planner extension lead_time: " + d.error);
    }
  }

  // An instance's activity_source.<name>, activity_assumed.<name>, activity_note.<name> name one of its
  // activities.
  void check_activity_provenance(const Instance& s) const {
    for (const auto& [key, value] : s.planner) {
      if (key.rfind("activity_", 0) != 0) continue;
      const auto dot = key.find('.');
      const std::string part = key.substr(0, dot), name = dot == std::string::npos ? "" : key.substr(dot + 1);
      if (part != "activity_source" && part != "activity_assumed" && part != "activity_note")
        r_.fail(s.pointer + "/extensionAttributes", "unknown planner extension " + q(key) +
                                                        " (planner writes activity_source.<activity>, "
                                                        "activity_assumed.<activity>, activity_note.<activity>)");
      if (std::none_of(s.activities.begin(), s.activities.end(),
                       [&](const std::string& id) { return known().activity(id)->name == name; }))
        r_.fail(s.pointer + "/extensionAttributes",
                "the planner extension " + q(key) + " names no activity of the instance: " + q(name));
    }
  }

  // The text of a TransitionRule (null: ""), each non-breaking space as a space (the CDISC pilot writes
  // "Administration\u00a0of\u00a0first\u00a0dose" where its TE has spaces).
  std::string rule_text(const Node& rule) const {
    if (!rule.value || rule.value->is_null()) return "";
    r_.expect_object(rule, "a TransitionRule object or null");
    std::string text = r_.opt_string(child(rule, "text"));
    constexpr std::string_view kNoBreakSpace = "\xC2\xA0";  // U+00A0 in UTF-8
    for (auto at = text.find(kNoBreakSpace); at != std::string::npos; at = text.find(kNoBreakSpace, at))
      text.replace(at, kNoBreakSpace.size(), " ");
    return text;
  }

  // The design's StudyElements and StudyCells (UsdmElement, UsdmCell), every reference checked.
  void read_trial_design() {
    out_.elements = r_.named<UsdmElement>(child(design_, "elements"), "a StudyElement object",
                                          [&](UsdmElement& e, const Node& n) {
                                            e.description = r_.opt_string(child(n, "description"));
                                            e.start_rule = rule_text(child(n, "transitionStartRule"));
                                            e.end_rule = rule_text(child(n, "transitionEndRule"));
                                            e.planner = r_.extensions(n);
                                            check_element(e);
                                          });
    const IdIndex arm_index = index_of(out_.arms), element_index = index_of(out_.elements);
    const Node list = child(design_, "studyCells");
    for (std::size_t i = 0, n = r_.opt_array(list); i < n; ++i) {
      const Node x = item(list, i);
      r_.expect_object(x, "a StudyCell object");
      UsdmCell c;
      c.id = r_.req_string(child(x, "id"), "an id");
      c.pointer = x.pointer;
      c.arm = known_id(arm_index, child(x, "armId"), "arm");
      c.epoch = known_id(out_.epoch_index, child(x, "epochId"), "epoch");
      const Node ids = child(x, "elementIds");
      for (std::size_t k = 0, m = r_.opt_array(ids); k < m; ++k)
        c.elements.push_back(known_id(element_index, item(ids, k), "element"));
      out_.cells.push_back(std::move(c));
    }
    leave_out_derived_elements();
  }

  // The elements planner's export derived for a protocol without [[element]] (planner's extension derived =
  // "true"): planner derives them again, so they and the cells' references to them are left out; a cell left
  // with no element goes too.
  void leave_out_derived_elements() {
    if (std::none_of(out_.elements.begin(), out_.elements.end(),
                     [](const UsdmElement& e) { return e.planner.count("derived") > 0; }))
      return;
    constexpr std::size_t kDerived = static_cast<std::size_t>(-1);
    std::vector<std::size_t> kept(out_.elements.size(), kDerived);  // old index -> new index
    std::vector<UsdmElement> elements;
    for (std::size_t e = 0; e < out_.elements.size(); ++e)
      if (!out_.elements[e].planner.count("derived")) {
        kept[e] = elements.size();
        elements.push_back(std::move(out_.elements[e]));
      }
    out_.elements = std::move(elements);
    std::vector<UsdmCell> cells;
    for (UsdmCell& c : out_.cells) {
      const bool had = !c.elements.empty();
      std::vector<std::size_t> ids;
      for (const std::size_t e : c.elements)
        if (kept[e] != kDerived) ids.push_back(kept[e]);
      c.elements = std::move(ids);
      if (!had || !c.elements.empty()) cells.push_back(std::move(c));
    }
    out_.cells = std::move(cells);
  }

  // The index of the object a reference names: "unknown arm 'X'" otherwise.
  std::size_t known_id(const IdIndex& index, const Node& n, const std::string& what) const {
    const std::string id = r_.req_string(n, "the id of an " + what);
    const auto it = index.find(id);
    if (it == index.end()) r_.fail(n.pointer, "unknown " + what + " " + q(id));
    return it->second;
  }

  // planner's extensions of an element: its duration is one, its epoch names an epoch of the design.
  void check_element(const UsdmElement& e) const {
    const std::string where = e.pointer + "/extensionAttributes";
    if (const auto it = e.planner.find("duration"); it != e.planner.end()) {
      const Parsed<Duration> d = parse_duration(it->second);
      if (!d.value) r_.fail(where, "the planner extension duration: " + d.error);
      if (d.value->negative)
        r_.fail(where, "the planner extension duration must not be negative, got " + q(it->second));
    }
    if (const auto it = e.planner.find("epoch"); it != e.planner.end())
      if (std::none_of(out_.epochs.begin(), out_.epochs.end(), [&](const Named& x) { return x.name == it->second; }))
        r_.fail(where, "the planner extension epoch names no epoch of the design: " + q(it->second));
  }

  // The Endpoints of the design's Objectives that planner's export wrote (those with its extensions).
  void read_endpoints() {
    const Node objectives = child(design_, "objectives");
    for (std::size_t i = 0, n = r_.opt_array(objectives); i < n; ++i) {
      const Node o = item(objectives, i);
      r_.expect_object(o, "an Objective object");
      const Node list = child(o, "endpoints");
      for (std::size_t j = 0, m = r_.opt_array(list); j < m; ++j) {
        const Node x = item(list, j);
        r_.expect_object(x, "an Endpoint object");
        UsdmEndpoint e;
        e.planner = r_.extensions(x);
        if (!e.planner.count("activity") && !e.planner.count("visit")) continue;
        e.id = r_.req_string(child(x, "id"), "an id");
        e.name = r_.req_string(child(x, "name"), "the endpoint's name");
        e.label = r_.opt_string(child(x, "label"));
        e.description = r_.opt_string(child(x, "description"));
        e.pointer = x.pointer;
        check_endpoint(e, x);
        out_.endpoints.push_back(std::move(e));
      }
    }
  }

  // The design's planner tables (PlannerTable), each key checked.
  void read_tables() {
    const Node list = child(design_, "extensionAttributes");
    for (std::size_t i = 0, n = r_.opt_array(list); i < n; ++i) {
      const Node x = item(list, i);
      r_.expect_object(x, "an ExtensionAttribute object");
      const std::string url = r_.opt_string(child(x, "url"));
      if (url.rfind(kExtensionUrl, 0) != 0) continue;
      PlannerTable t;
      t.table = url.substr(kExtensionUrl.size());
      if (!is_planner_table(t.table))
        r_.fail(x.pointer + "/url", "unknown planner table " + q(t.table) +
                                        " (planner writes study, anchor, schedule, stratum, blinding, published, "
                                        "constraint, dosing_period, dosing, trial_summary, analysis_window, series, "
                                        "dose_rule, check, lint_accept)");
      t.id = r_.req_string(child(x, "valueString"), "the " + t.table + "'s id");
      t.pointer = x.pointer;
      const Node keys = child(x, "extensionAttributes");
      for (std::size_t k = 0, m = r_.opt_array(keys); k < m; ++k) {
        const Node key = item(keys, k);
        r_.expect_object(key, "an ExtensionAttribute object");
        const std::string key_url = r_.req_string(child(key, "url"), "the extension's url");
        const std::string name = key_url.rfind(kExtensionUrl, 0) == 0 ? key_url.substr(kExtensionUrl.size())
                                                                      : std::string{};
        const auto role = table_key(t.table, name);
        if (!role) {
          const std::string guess = closest_match(name, table_keys(t.table));
          r_.fail(key.pointer + "/url",
                  "not a key of a planner " + t.table + ": " + q(key_url) +
                      (guess.empty() ? "" : "; did you mean " + q(std::string{kExtensionUrl} + guess) + "?"));
        }
        const Node value = child(key, "valueString");
        t.values.emplace_back(name, r_.req_string(value, "the extension's value"));
        check_value(t.table, *role, name, t.values.back().second, value.pointer);
      }
      if (t.table == "series" || t.table == "dose_rule") check_rule(t, x);
      out_.tables.push_back(std::move(t));
    }
  }

  bool names_instance(const std::string& name) const {
    const auto named = [&](const Timeline& tl) {
      return std::any_of(tl.instances.begin(), tl.instances.end(), [&](const Instance& s) { return s.name == name; });
    };
    return named(out_) || std::any_of(out_.others.begin(), out_.others.end(), named);
  }

  // One value of a planner table: what it names exists, a duration or a choice is one planner writes.
  void check_value(const std::string& table, KeyRole role, const std::string& key, const std::string& value,
                   const std::string& pointer) const {
    const bool single = table == "blinding" || table == "published" || table == "study" || table == "anchor" ||
                        table == "schedule" || table == "dosing" || table == "check";
    const std::string where = table == "lint_accept" ? "[[lint.accept]] "
                              : single               ? "[" + table + "] "
                                                     : "[[" + table + "]] ";
    const auto fail = [&](const std::string& what) { r_.fail(pointer, "planner's " + where + key + ": " + what); };
    if (role == KeyRole::activity && std::none_of(out_.activities.begin(), out_.activities.end(),
                                                  [&](const UsdmActivity& a) { return a.name == value; }))
      fail("no activity of the design is named " + q(value));
    if (role == KeyRole::visit && !names_instance(value)) fail("no scheduled instance is named " + q(value));
    if (role == KeyRole::visits)
      for (const std::string& v : split_list(value))
        if (!names_instance(v)) fail("no scheduled instance is named " + q(v));
    if (role == KeyRole::arm_amount) {
      const std::string arm = key.substr(key.find('.') + 1);
      if (std::none_of(out_.arms.begin(), out_.arms.end(), [&](const Named& a) { return a.name == arm; }))
        fail("no arm of the design is named " + q(arm));
    }
    if (role == KeyRole::count &&
        (value.size() > 6 || !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })))
      fail("expected a whole number, got " + q(value));
    if (table == "trial_summary" && key == "seq" && (std::stoi(value) == 0 || std::stoi(value) > 9999))
      fail("expected a TSSEQ from 1 to 9999, got " + q(value));
    if (role == KeyRole::study_day) {
      const std::string digits = value.substr(!value.empty() && value[0] == '-' ? 1 : 0);
      if (digits.empty() || digits.size() > 6 ||
          !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
          std::stoi(digits) == 0 || std::stoi(digits) > 100000)
        fail("expected a study day (no day 0; -100000..100000), got " + q(value));
    }
    if (table == "analysis_window" && key == "ties" && value != "later" && value != "earlier")
      fail("expected \"later\" or \"earlier\", got " + q(value));
    if (key == "min" || key == "max" || key == "every" || key == "treatment" || key == "follow_up_end" ||
        key == "length") {
      const Parsed<Duration> d = parse_duration(value);
      if (!d.value) fail(d.error);
    }
    if (table == "series" || table == "dose_rule") check_rule_value(key, value, fail);
    check_setting(table, key, value, fail);
    const auto one_of = [&](std::initializer_list<const char*> choices) {
      std::vector<std::string> quoted_choices;
      for (const char* c : choices) {
        if (value == c) return;
        quoted_choices.push_back(std::string{"\""} + c + "\"");
      }
      fail("expected " + join(quoted_choices, ", ") + ", got " + q(value));
    };
    if (table == "constraint" && key == "kind") one_of({"washout", "storage", "gap"});
    if (key == "model") one_of({"parallel", "crossover", "single-group", "factorial", "sequential"});
    if (key == "allocation") one_of({"randomised", "non-randomised"});
    if (key == "masking") one_of({"participant", "investigator", "outcome assessor", "care provider"});
    if (role == KeyRole::arms)
      for (const std::string& arm : split_list(value))
        if (std::none_of(out_.arms.begin(), out_.arms.end(), [&](const Named& a) { return a.name == arm; }))
          fail("no arm of the design is named " + q(arm));
    if (key == "where") one_of({"home", "site"});
  }

  // [schedule] month_end, [dosing] min_gap, [check] tolerate.
  template <typename Fail>
  static void check_setting(const std::string& table, const std::string& key, const std::string& value,
                            const Fail& fail) {
    if (table == "schedule" && value != "clamp" && value != "reject")
      fail("expected \"clamp\" or \"reject\", got " + q(value));
    if (table == "dosing" && key == "min_gap") {
      const Parsed<Duration> d = parse_duration(value);
      if (!d.value) fail(d.error);
      if (!d.value->is_exact() || d.value->negative)
        fail("expected a duration in weeks or days, not negative, got " + q(value));
    }
    if (table == "check" && key == "tolerate") {
      const std::optional<Verdict> v = parse_verdict(value);
      if (!v || !is_deviation(*v))
        fail("expected a deviation planner check reports (\"late\", \"early\"...), got " + q(value));
    }
  }

  // A duration of a series or a dose rule: in days or weeks (`days`: each of the list); `every`, `within` and
  // `min_gap` positive.
  template <typename Fail>
  static void check_rule_value(const std::string& key, const std::string& value, const Fail& fail) {
    if (key != "start" && key != "every" && key != "days" && key != "within" && key != "min_gap") return;
    for (const std::string& part : key == "days" ? split_list(value) : std::vector<std::string>{value}) {
      const Parsed<Duration> d = parse_duration(part);
      if (!d.value) fail(d.error);
      if (!d.value->is_exact()) fail("expected a duration in weeks or days, got " + q(part));
      if ((key != "start" && d.value->negative) || (key != "start" && key != "days" && d.value->is_zero()))
        fail("expected a positive duration, got " + q(part));
    }
  }

  // A series or dose rule: the keys that say how it expands are there, and `visits` names as many instances
  // of the main timeline as it expands into, none of them another rule's.
  void check_rule(const PlannerTable& t, const Node& x) {
    const auto value = [&](const char* key) -> std::string {
      for (const auto& [k, v] : t.values)
        if (k == key) return v;
      r_.fail(x.pointer + "/extensionAttributes",
              "planner's [[" + t.table + "]] " + q(t.id) + " has no " + key + " (urn:planner:usdm:" + key + ")");
    };
    const bool series = t.table == "series";
    for (const char* key : series ? std::vector<const char*>{"start", "every", "count", "days", "visits"}
                                  : std::vector<const char*>{"within", "min_gap", "count", "start", "visits"})
      (void)value(key);
    const std::size_t count = std::stoul(value("count"));
    const std::size_t expected = series ? count * split_list(value("days")).size() : count;
    const std::vector<std::string> visits = split_list(value("visits"));
    const auto pointer_of = [&](const char* key) {  // the value of `key`, which is there
      std::size_t k = 0;
      while (t.values[k].first != key) ++k;
      return x.pointer + "/extensionAttributes/" + std::to_string(k) + "/valueString";
    };
    const std::string pointer = pointer_of("visits");
    if (count < 1 || count > 1000)
      r_.fail(pointer_of("count"), "planner's [[" + t.table + "]] " + q(t.id) +
                                       ": count must be between 1 and 1000, got " + std::to_string(count));
    if (visits.size() != expected)
      r_.fail(pointer, "planner's [[" + t.table + "]] " + q(t.id) + " expands into " + std::to_string(expected) +
                           " visits, but visits names " + std::to_string(visits.size()));
    for (const std::string& v : visits) {
      if (std::none_of(out_.instances.begin(), out_.instances.end(), [&](const Instance& s) { return s.name == v; }))
        r_.fail(pointer, "planner's [[" + t.table + "]] visits: " + q(v) + " is no instance of the main timeline");
      if (const auto [it, fresh] = expanded_.emplace(v, t.id); !fresh)
        r_.fail(pointer, "planner's [[" + t.table + "]] visits: " + q(v) + " is already a visit of " + q(it->second));
    }
  }

  // The level is the role; the activity and the visit are names of an activity and an instance of the design.
  void check_endpoint(UsdmEndpoint& e, const Node& x) const {
    const Node level = child(x, "level");
    const std::string decode = r_.decode(level);
    for (const char* role : {"primary", "secondary", "exploratory"})
      if (same_text(decode, std::string{role} + " endpoint")) e.role = role;
    if (e.role.empty())
      r_.fail(level.pointer + "/decode",
              "expected an endpoint level \"Primary Endpoint\", \"Secondary Endpoint\" or \"Exploratory "
              "Endpoint\", got " +
                  (decode.empty() ? std::string{"nothing"} : q(decode)));
    const std::string where = x.pointer + "/extensionAttributes";
    const auto value = [&](const char* key) {
      const auto it = e.planner.find(key);
      if (it == e.planner.end()) r_.fail(where, std::string{"the planner extension "} + key + " is missing");
      return it->second;
    };
    const std::string activity = value("activity");
    if (std::none_of(out_.activities.begin(), out_.activities.end(),
                     [&](const UsdmActivity& a) { return a.name == activity; }))
      r_.fail(where, "the planner extension activity names no activity of the design: " + q(activity));
    const std::string visit = value("visit");
    const auto named = [&](const Timeline& tl) {
      return std::any_of(tl.instances.begin(), tl.instances.end(), [&](const Instance& s) { return s.name == visit; });
    };
    if (!named(out_) && std::none_of(out_.others.begin(), out_.others.end(), named))
      r_.fail(where, "the planner extension visit names no scheduled instance: " + q(visit));
    if (const auto it = e.planner.find("published"); it != e.planner.end()) {
      const Parsed<Duration> published = parse_duration(it->second);
      if (!published.value) r_.fail(where, "the planner extension published: " + published.error);
    }
  }

  // /study/versions/0/studyDesigns/0, and a report when there are more.
  void locate() {
    r_.expect_object(root_, "a USDM study: a JSON object with \"study\"");
    study_ = child(root_, "study");
    r_.expect_object(study_, "the USDM Study object");
    const Node versions = child(study_, "versions");
    const std::size_t version_count = r_.expect_array(versions, "an array of study versions");
    if (version_count == 0) r_.fail(versions.pointer, "expected at least one study version, got an empty array");
    version_ = item(versions, 0);
    r_.expect_object(version_, "a StudyVersion object");
    const Node designs = child(version_, "studyDesigns");
    const std::size_t design_count = r_.expect_array(designs, "an array of study designs");
    if (design_count == 0) r_.fail(designs.pointer, "expected at least one study design, got an empty array");
    design_ = item(designs, 0);
    r_.expect_object(design_, "a StudyDesign object");
    if (version_count > 1)
      out_.reports.push_back("the study has " + std::to_string(version_count) + " versions: only the first, " +
                             r_.req_string(child(version_, "id"), "an id") + ", is imported");
    if (design_count > 1)
      out_.reports.push_back("study version " + r_.req_string(child(version_, "id"), "an id") + " has " +
                             std::to_string(design_count) + " study designs: only the first, " +
                             r_.req_string(child(design_, "id"), "an id") + ", is imported");
  }

  void read_names() {
    out_.usdm_version = r_.opt_string(child(root_, "usdmVersion"));
    out_.system = join({r_.opt_string(child(root_, "systemName")), r_.opt_string(child(root_, "systemVersion"))}, " ");
    out_.study_name = r_.opt_string(child(study_, "name"));
    const std::string study_id = r_.opt_string(child(study_, "id"));
    out_.study_id = sanitize_id(out_.study_name, 64);
    if (out_.study_id.empty()) out_.study_id = sanitize_id(study_id, 64);
    if (out_.study_id.empty()) out_.study_id = "usdm-study";
    out_.version_id = r_.req_string(child(version_, "id"), "an id");
    out_.design_id = r_.req_string(child(design_, "id"), "an id");
    out_.design_name = r_.opt_string(child(design_, "label"));
    if (out_.design_name.empty()) out_.design_name = r_.opt_string(child(design_, "name"));
  }

  // The Official Study Title, else the Brief Study Title, else the first; else the study's label.
  void read_title() {
    const Node titles = child(version_, "titles");
    int best = 3;
    for (std::size_t i = 0, n = r_.opt_array(titles); i < n; ++i) {
      const Node t = item(titles, i);
      r_.expect_object(t, "a StudyTitle object");
      const std::string text = r_.opt_string(child(t, "text"));
      const std::string type = r_.decode(child(t, "type"));
      const int rank = same_text(type, "Official Study Title") ? 0 : same_text(type, "Brief Study Title") ? 1 : 2;
      if (text.empty() || rank >= best) continue;
      best = rank;
      out_.title = text;
      out_.title_source = r_.req_string(child(t, "id"), "an id") + (type.empty() ? "" : " (" + type + ")");
    }
    if (out_.title.empty()) out_.title = r_.opt_string(child(study_, "label"));
  }

  void read_design() {
    std::vector<std::string> design_parts;
    for (const char* key : {"studyType", "model", "blindingSchema", "studyPhase"})
      if (std::string d = r_.decode(child(design_, key)); !d.empty()) design_parts.push_back(d);
    out_.design = join(design_parts, "; ");

    std::vector<std::string> conditions;
    std::set<std::string> seen_conditions;
    const Node indications = child(design_, "indications");
    for (std::size_t i = 0, n = r_.opt_array(indications); i < n; ++i) {
      const Node x = item(indications, i);
      r_.expect_object(x, "an Indication object");
      std::string c = r_.opt_string(child(x, "label"));
      if (c.empty()) c = r_.opt_string(child(x, "name"));
      if (!c.empty() && seen_conditions.insert(c).second) conditions.push_back(c);
    }
    out_.condition = join(conditions, "; ");
  }

  // Identifiers; those scoped by a study registry go to `registry`.
  void read_identifiers() {
    const auto organizations = r_.named<Organization>(child(version_, "organizations"), "an Organization object",
                                                      [&](Organization& o, const Node& n) {
                                                        o.type = r_.decode(child(n, "type"));
                                                      });
    const IdIndex organization_index = index_of(organizations);
    const Node identifiers = child(version_, "studyIdentifiers");
    std::vector<std::string> listed;
    for (std::size_t i = 0, n = r_.opt_array(identifiers); i < n; ++i) {
      const Node x = item(identifiers, i);
      r_.expect_object(x, "a StudyIdentifier object");
      const std::string text = r_.opt_string(child(x, "text"));
      if (text.empty()) continue;
      const Organization* org = find_in(organizations, organization_index, r_.opt_string(child(x, "scopeId")));
      listed.push_back(text + (org ? " (" + org->shown() + ")" : ""));
      if (org && org->type.find("Registry") != std::string::npos) out_.registry.push_back(text);
    }
    if (!listed.empty()) out_.note = "USDM study identifiers: " + join(listed, ", ");
  }

  // The index of the timeline --timeline names (by id, name or label), or of the main one.
  std::size_t choose_timeline(const Node& timelines, std::size_t count) const {
    std::vector<std::string> names;  // for messages: "id 'name'"
    std::vector<std::string> keys;   // ids, names and labels, for "did you mean"
    std::optional<std::size_t> chosen;
    for (std::size_t i = 0; i < count; ++i) {
      const Node t = item(timelines, i);
      r_.expect_object(t, "a ScheduleTimeline object");
      const std::string id = r_.req_string(child(t, "id"), "an id");
      const std::string name = r_.opt_string(child(t, "name")), label = r_.opt_string(child(t, "label"));
      names.push_back(id + (name.empty() ? "" : " " + q(name)));
      for (const std::string& k : {id, name, label})
        if (!k.empty()) keys.push_back(k);
      const bool match = wanted_.empty() ? r_.opt_bool(child(t, "mainTimeline"))
                                         : (wanted_ == id || wanted_ == name || wanted_ == label);
      if (match && !chosen) chosen = i;
    }
    if (chosen) return *chosen;
    const std::string known = names.empty() ? std::string{"none"} : join(names, ", ");
    if (wanted_.empty())
      r_.fail(timelines.pointer,
              "no timeline has \"mainTimeline\": true; choose one with --timeline (timelines: " + known + ")");
    std::vector<std::string_view> views{keys.begin(), keys.end()};
    const std::string guess = closest_match(wanted_, views);
    r_.fail(timelines.pointer,
            "--timeline: no timeline has the id, name or label " + q(wanted_) +
                (guess.empty() ? " (timelines: " + known + ")" : "; did you mean " + q(guess) + "?"));
  }

  void read_timeline() {
    const Node timelines = child(design_, "scheduleTimelines");
    const std::size_t count = r_.expect_array(timelines, "an array of schedule timelines");
    const std::size_t chosen = choose_timeline(timelines, count);
    static_cast<Timeline&>(out_) = read_one(item(timelines, chosen), true);
    for (std::size_t i = 0; i < count; ++i)
      if (i != chosen) out_.others.push_back(read_one(item(timelines, i), false));
  }

  // The chosen timeline needs a Fixed Reference (Day 1); another without one is not imported.
  Timeline read_one(const Node& timeline, bool chosen) const {
    Timeline t;
    r_.expect_object(timeline, "a ScheduleTimeline object");
    t.timeline_id = r_.req_string(child(timeline, "id"), "an id");
    t.timeline_name = r_.opt_string(child(timeline, "name"));
    t.timeline_label = r_.opt_string(child(timeline, "label"));
    t.entry = r_.opt_string(child(timeline, "entryCondition"));
    t.description = r_.opt_string(child(timeline, "description"));
    t.planner = r_.extensions(timeline);
    t.timeline_pointer = timeline.pointer;
    read_instances(t, child(timeline, "instances"));
    read_timings(t, child(timeline, "timings"), chosen);
    return t;
  }

  void read_instances(Timeline& tl, const Node& list) const {
    const std::size_t n = r_.expect_array(list, "an array of scheduled instances");
    for (std::size_t i = 0; i < n; ++i) {
      const Node x = item(list, i);
      r_.expect_object(x, "a ScheduledActivityInstance or ScheduledDecisionInstance object");
      Instance s;
      s.id = r_.req_string(child(x, "id"), "an id");
      if (const auto [it, fresh] = tl.instance_index.emplace(s.id, tl.instances.size()); !fresh)
        r_.fail(x.pointer + "/id", "duplicate id " + q(s.id) + " (also at " + tl.instances[it->second].pointer + ")");
      s.name = r_.opt_string(child(x, "name"));
      s.label = r_.opt_string(child(x, "label"));
      s.pointer = x.pointer;
      s.decision = r_.opt_string(child(x, "instanceType")) == "ScheduledDecisionInstance";
      s.encounter = r_.opt_string(child(x, "encounterId"));
      if (!s.encounter.empty() && !known().encounter(s.encounter))
        r_.fail(x.pointer + "/encounterId", "unknown encounter " + q(s.encounter));
      s.epoch = r_.opt_string(child(x, "epochId"));
      if (!s.epoch.empty() && !known().epoch(s.epoch)) r_.fail(x.pointer + "/epochId", "unknown epoch " + q(s.epoch));
      s.timeline = r_.opt_string(child(x, "timelineId"));
      s.planner = r_.extensions(x);
      s.description = r_.opt_string(child(x, "description"));
      check_arms(s.planner, x.pointer);
      const Node ids = child(x, "activityIds");
      s.activities = r_.opt_strings(ids);
      for (std::size_t k = 0; k < s.activities.size(); ++k)
        if (!known().activity(s.activities[k]))
          r_.fail(ids.pointer + "/" + std::to_string(k), "unknown activity " + q(s.activities[k]));
      check_activity_provenance(s);
      tl.instances.push_back(std::move(s));
    }
  }

  // The design's epochs, encounters and activities, read before the timelines.
  const UsdmStudy& known() const { return out_; }

  std::size_t known_instance(const Timeline& tl, const Node& n, std::string_view what) const {
    const std::string id = r_.req_string(n, what);
    if (const auto i = tl.instance(id)) return *i;
    r_.fail(n.pointer, "unknown instance " + q(id) + " (not an instance of timeline " + tl.timeline_id + ")");
  }

  Timing read_timing(const Timeline& tl, const Node& x) const {
    r_.expect_object(x, "a Timing object");
    Timing t;
    t.id = r_.req_string(child(x, "id"), "an id");
    t.name = r_.opt_string(child(x, "name"));
    t.label = r_.opt_string(child(x, "label"));
    t.pointer = x.pointer;
    const Node type = child(x, "type");
    t.type = r_.decode(type);
    if (!t.fixed() && !t.before() && !same_text(t.type, "After"))
      r_.fail(type.pointer + "/decode", "expected a timing type \"Fixed Reference\", \"Before\" or \"After\", got " +
                                            (t.type.empty() ? std::string{"nothing"} : q(t.type)));
    t.value = r_.opt_string(child(x, "value"));
    t.from_index = known_instance(tl, child(x, "relativeFromScheduledInstanceId"), "the id of the instance it times");
    t.from = tl.instances[t.from_index].id;
    const Node to = child(x, "relativeToScheduledInstanceId");
    if (!t.fixed() || (to.value && !to.value->is_null())) {
      t.to_index = known_instance(tl, to, "the id of the instance it is relative to");
      t.to = tl.instances[*t.to_index].id;
    }
    t.relative = r_.decode(child(x, "relativeToFrom"));
    t.lower = r_.opt_string(child(x, "windowLower"));
    t.upper = r_.opt_string(child(x, "windowUpper"));
    t.window_label = r_.opt_string(child(x, "windowLabel"));
    return t;
  }

  // Day 1 is the instance of the first Fixed Reference; each instance is timed by its first timing.
  void read_timings(Timeline& tl, const Node& list, bool chosen) const {
    for (std::size_t i = 0, n = r_.opt_array(list); i < n; ++i) tl.timings.push_back(read_timing(tl, item(list, i)));
    const auto fixed = std::find_if(tl.timings.begin(), tl.timings.end(), [](const Timing& t) { return t.fixed(); });
    if (fixed == tl.timings.end() && !chosen) return;
    if (fixed == tl.timings.end())
      r_.fail(list.pointer, "no timing of type \"Fixed Reference\": planner needs the instance that is Day 1");
    tl.has_anchor = true;
    tl.anchor_timing = static_cast<std::size_t>(fixed - tl.timings.begin());
    tl.anchor = fixed->from_index;
    tl.instances[tl.anchor].timing = tl.anchor_timing;
    for (std::size_t i = 0; i < tl.timings.size(); ++i) {
      Instance& s = tl.instances[tl.timings[i].from_index];
      if (!s.timing)
        s.timing = i;
      else if (*s.timing != i)
        s.extra_timings.push_back(i);
    }
  }

  Reader r_;
  std::map<std::string, std::string> expanded_;  // visit name -> the series or dose rule that expands into it
  const std::string& wanted_;
  Node root_, study_, version_, design_;
  UsdmStudy out_;
};

// line and column (1-based, in characters) of byte `at`
std::pair<int, int> line_column(std::string_view text, std::size_t at) {
  int line = 1, column = 1;
  for (std::size_t i = 0; i < at; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return {line, column};
}

}  // namespace

namespace {

using TableKeys = std::map<std::string, std::map<std::string, KeyRole, std::less<>>, std::less<>>;

// The keys of the series, dose rule and settings tables.
const TableKeys& rule_and_setting_keys() {
  using R = KeyRole;
  static const TableKeys keys{{"series",
                               {{"label", R::text},
                                {"start", R::text},
                                {"every", R::text},
                                {"count", R::count},
                                {"days", R::text},
                                {"number_from", R::count},
                                {"visits", R::visits},
                                {"source", R::text},
                                {"assumed", R::text}}},
                              {"dose_rule",
                               {{"label", R::text},
                                {"count", R::count},
                                {"within", R::text},
                                {"min_gap", R::text},
                                {"start", R::text},
                                {"after", R::visit},
                                {"visits", R::visits},
                                {"source", R::text},
                                {"assumed", R::text}}},
                              {"anchor", {{"source", R::text}, {"assumed", R::text}}},
                              {"schedule", {{"month_end", R::text}}},
                              {"dosing", {{"min_gap", R::text}, {"source", R::text}, {"assumed", R::text}}},
                              {"check", {{"tolerate", R::list}}},
                              {"lint_accept", {{"visit", R::text}, {"reason", R::text}}}};
  return keys;
}

}  // namespace

namespace {

// The keys of planner table `table` and what each names; null: not a planner table.
const std::map<std::string, KeyRole, std::less<>>* keys_of(std::string_view table) {
  using R = KeyRole;
  static const TableKeys
      keys{{"constraint",
            {{"label", R::text},
             {"kind", R::text},
             {"first", R::activity},
             {"then", R::activity},
             {"first_visit", R::visit},
             {"then_visit", R::visit},
             {"min", R::text},
             {"max", R::text},
             {"note", R::text},
             {"source", R::text},
             {"assumed", R::text}}},
           {"dosing_period",
            {{"label", R::text},
             {"activity", R::activity},
             {"from", R::visit},
             {"to", R::visit},
             {"every", R::text},
             {"where", R::text},
             {"dispense", R::visits},
             {"source", R::text},
             {"assumed", R::text}}},
           {"study",
            {{"model", R::text},
             {"allocation", R::text},
             {"design", R::text},
             {"citation", R::text},
             {"doi", R::text},
             {"note", R::text},
             {"source", R::text},
             {"assumed", R::text}}},
           {"stratum",
            {{"label", R::text}, {"arms", R::arms}, {"criterion", R::text}, {"source", R::text}, {"assumed", R::text}}},
           {"blinding", {{"masking", R::list}, {"unblinded", R::list}, {"source", R::text}, {"assumed", R::text}}},
           {"published",
            {{"injections", R::count},
             {"treatment", R::text},
             {"follow_up_end", R::text},
             {"length", R::text},
             {"source", R::text},
             {"assumed", R::text}}},
           {"trial_summary",
            {{"parameter", R::text},
             {"name", R::text},
             {"value", R::text},
             {"seq", R::count},
             {"source", R::text},
             {"assumed", R::text}}},
           {"analysis_window",
            {{"name", R::text},
             {"target", R::study_day},
             {"lower", R::study_day},
             {"upper", R::study_day},
             {"ties", R::text},
             {"source", R::text},
             {"assumed", R::text}}}};
  const TableKeys& more = rule_and_setting_keys();
  if (const auto t = keys.find(table); t != keys.end()) return &t->second;
  if (const auto t = more.find(table); t != more.end()) return &t->second;
  return nullptr;
}

}  // namespace

std::optional<KeyRole> table_key(std::string_view table, std::string_view key) {
  const auto* keys = keys_of(table);
  if (!keys) return std::nullopt;
  if (key.empty()) return KeyRole::text;
  if (table == "dosing_period" && key.rfind("amount.", 0) == 0 && key.size() > 7) return KeyRole::arm_amount;
  const auto k = keys->find(key);
  return k == keys->end() ? std::nullopt : std::optional{k->second};
}

std::vector<std::string_view> table_keys(std::string_view table) {
  std::vector<std::string_view> out;
  if (const auto* keys = keys_of(table))
    for (const auto& [key, role] : *keys) out.emplace_back(key);
  return out;
}

bool is_planner_table(std::string_view table) { return keys_of(table) != nullptr; }

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> out;
  std::string_view::size_type start = 0;
  for (auto comma = text.find(','); comma != std::string_view::npos; comma = text.find(',', start)) {
    out.emplace_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  out.emplace_back(text.substr(start));
  return out;
}

void fail_at(const SourceText& src, const std::string& pointer, const std::string& message) {
  throw InputError{src.error(0, 0, pointer.empty() ? message : pointer + ": " + message)};
}

std::string q(std::string_view text, std::size_t max) { return planner::quoted(text, max); }

bool same_text(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
           return lower(x) == lower(y);
         });
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : std::string{separator}) + p;
  return out;
}

const Named* UsdmStudy::epoch(std::string_view id) const { return find_in(epochs, epoch_index, id); }
const UsdmEncounter* UsdmStudy::encounter(std::string_view id) const {
  return find_in(encounters, encounter_index, id);
}
const UsdmActivity* UsdmStudy::activity(std::string_view id) const { return find_in(activities, activity_index, id); }
std::optional<std::size_t> Timeline::instance(std::string_view id) const {
  const auto it = instance_index.find(id);
  return it == instance_index.end() ? std::nullopt : std::optional{it->second};
}

UsdmDocument::UsdmDocument(const SourceText& src) : src_{src} {
  try {
    root_ = json::parse(src_.text(), nullptr, true, false);
  } catch (const json::parse_error& e) {
    // e.byte is the 1-based position of the character that did not fit
    const std::size_t at = std::min<std::size_t>(e.byte == 0 ? 0 : e.byte - 1, src_.text().size());
    const auto [line, column] = line_column(src_.text(), at);
    std::string what = e.what();  // "[json.exception.parse_error.101] parse error at line 1, column 2: <what>"
    if (const auto colon = what.find(": "); colon != std::string::npos) what = what.substr(colon + 2);
    throw InputError{src_.error(line, column, "malformed JSON: " + printable(what, 200))};
  } catch (const json::exception& e) {  // e.g. a number too large for a double
    std::string what = e.what();
    if (const auto bracket = what.find("] "); bracket != std::string::npos) what = what.substr(bracket + 2);
    throw InputError{src_.error(0, 0, "malformed JSON: " + printable(what, 200))};
  }
}

UsdmStudy UsdmDocument::study(const std::string& timeline) const { return StudyWalk{src_, root_, timeline}.run(); }

std::vector<Condition> UsdmDocument::conditions() const {
  const Reader r{src_};
  const Node root{&root_, ""};
  const Node version = item(child(child(root, "study"), "versions"), 0);
  const Node design = item(child(version, "studyDesigns"), 0);
  std::vector<Condition> out;
  for (const Node& holder : {version, design}) {
    const Node list = child(holder, "conditions");
    for (std::size_t i = 0, n = r.opt_array(list); i < n; ++i) {
      const Node c = item(list, i);
      r.expect_object(c, "a Condition object");
      Condition x;
      x.id = r.req_string(child(c, "id"), "an id");
      x.name = r.opt_string(child(c, "label")).empty() ? r.opt_string(child(c, "name"))
                                                       : r.opt_string(child(c, "label"));
      x.text = r.opt_string(child(c, "text"));
      x.contexts = r.opt_strings(child(c, "contextIds"));
      x.applies = r.opt_strings(child(c, "appliesToIds"));
      out.push_back(std::move(x));
    }
  }
  return out;
}

}  // namespace planner::usdm
