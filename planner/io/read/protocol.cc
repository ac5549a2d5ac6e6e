#include "planner/io/read/protocol.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <toml++/toml.h>

#include "planner/core/blinding.h"
#include "planner/core/error.h"
#include "planner/core/lint.h"
#include "planner/core/spelling.h"
#include "planner/core/study_day.h"
#include "planner/core/timeline.h"
#include "planner/core/trial_summary.h"
#include "planner/io/iso8601.h"
#include "planner/io/read/input_file.h"
#include "planner/io/read/toml.h"
#include "planner/io/source_text.h"

namespace planner {
namespace {

// An amount as written, or what is wrong with it and at which byte: the one reading of the spelling rule
// of docs/protocol-format.md ("Conventions"): digits with at most one decimal point, one space, a one-word
// unit. "5 mL", "0.5 mL", "2.5 mg/kg", "100 U"; not "5mL", ".5 mL", "05 mL", "2,5 mL", "1e3 mL", "5 m L".
struct ParsedAmount {
  std::optional<Amount> amount;
  std::string problem;  // "has no unit"
  std::size_t at = 0;   // byte of `text` the problem is at
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_space(char c) { return c == ' ' || c == '\t'; }

ParsedAmount parse_amount(std::string_view text) {
  const auto error = [](std::string problem, std::size_t at) {
    return ParsedAmount{std::nullopt, std::move(problem), at};
  };
  const std::string too_long = "has more than " + std::to_string(Decimal::kMaxDigits) + " digits";
  Decimal d;
  std::size_t i = 0;
  int digits = 0;
  const auto read_digits = [&](bool after_point) {  // false when the number gets too long
    for (; i < text.size() && is_digit(text[i]); ++i) {
      if (++digits > Decimal::kMaxDigits) return false;
      d.scaled = d.scaled * 10 + (text[i] - '0');
      d.places += after_point ? 1 : 0;
    }
    return true;
  };
  if (!read_digits(false)) return error(too_long, i);
  if (i == 0) return error("must start with a number", 0);
  if (i > 1 && text[0] == '0') return error("has a leading zero", 0);
  if (i < text.size() && text[i] == '.') {
    const std::size_t point = i++;
    if (!read_digits(true)) return error(too_long, i);
    if (i == point + 1) return error("needs digits after its decimal point", point);
  }
  if (i == text.size()) return error("has no unit", i);
  if (text[i] == ',' && i + 1 < text.size() && is_digit(text[i + 1]))
    return error("needs a point, not a comma, before its decimals", i);
  if (text[i] != ' ' || i + 1 == text.size() || is_space(text[i + 1]))
    return error("needs one space between the number and the unit", i);
  const std::string_view unit = text.substr(i + 1);
  if (is_digit(unit[0])) return error("has a unit that starts with a digit", i + 1);
  if (const auto space = std::find_if(unit.begin(), unit.end(), is_space); space != unit.end())
    return error("needs a one-word unit", i + 1 + static_cast<std::size_t>(space - unit.begin()));
  return {Amount{d, std::string{unit}}, "", 0};
}

// Characters (UTF-8 code points) in `text`: a column count.
unsigned characters(std::string_view text) {
  return static_cast<unsigned>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// Reads one protocol; every check and every message of the format lives here.
class Reader : TomlReader {
  using Index = std::map<std::string, std::size_t, std::less<>>;

 public:
  using TomlReader::TomlReader;

  Protocol read() {
    const toml::table root = parse_document();
    p_.file = src_.name();
    read_format(root);
    // Each table's format 2 keys are named by format2_keys before its check_keys lists them as allowed.
    format2_keys(root, "the top level",
                 {"event", "constraint", "dosing_period", "dose_rule", "endpoint", "stratum", "blinding", "element",
                  "trial_summary"});
    check_keys(root, "the top level",
               {"format",   "study",         "anchor",          "schedule",      "arm",       "stratum",
                "blinding", "epoch",         "element",         "event",         "activity",  "visit",
                "series",   "dosing",        "constraint",      "dosing_period", "dose_rule", "published",
                "endpoint", "trial_summary", "analysis_window", "check",         "lint"});
    read_study(required_table(root, "study"));
    read_anchor(required_table(root, "anchor"));
    if (const auto* t = optional_table(root, "schedule")) read_schedule(*t);
    for_each_table(root, "arm", true, [&](const toml::table& t) { read_arm(t); });
    check_design(required_table(root, "study"));
    for_each_table(root, "stratum", false, [&](const toml::table& t) { read_stratum(t); });
    if (const auto* t = optional_table(root, "blinding")) read_blinding(*t);
    for_each_table(root, "epoch", true, [&](const toml::table& t) { read_epoch(t); });
    for_each_table(root, "element", false, [&](const toml::table& t) { read_element(t); });
    resolve_arm_elements();
    for_each_table(root, "event", false, [&](const toml::table& t) { read_event(t); });
    std::vector<std::pair<std::size_t, const toml::node*>> prepares;  // activity index, its `prepares` value
    for_each_table(root, "activity", false, [&](const toml::table& t) { read_activity(t, prepares); });
    resolve_prepares(prepares);
    std::vector<std::pair<std::size_t, const toml::node*>> afters;  // visit index, its `after` value
    // Visits and series are kept in the order they appear in the file.
    enum class Timed { visit, series, rule };
    std::vector<std::pair<const toml::table*, Timed>> timed;
    for_each_table(root, "visit", false, [&](const toml::table& t) { timed.emplace_back(&t, Timed::visit); });
    for_each_table(root, "series", false, [&](const toml::table& t) { timed.emplace_back(&t, Timed::series); });
    for_each_table(root, "dose_rule", false, [&](const toml::table& t) { timed.emplace_back(&t, Timed::rule); });
    std::stable_sort(timed.begin(), timed.end(),
                     [](const auto& a, const auto& b) { return a.first->source().begin < b.first->source().begin; });
    for (const auto& [t, kind] : timed) {
      if (kind == Timed::series)
        read_series(*t);
      else if (kind == Timed::rule)
        read_dose_rule(*t, afters);
      else
        read_visit(*t, afters);
    }
    if (p_.visits.empty()) fail(root.source(), "the protocol has no [[visit]] and no [[series]]", 1);
    check_unique_visit_ids();
    resolve_afters(afters);
    if (const auto* t = optional_table(root, "dosing")) read_dosing(*t);
    for_each_table(root, "constraint", false, [&](const toml::table& t) { read_constraint(t); });
    for_each_table(root, "dosing_period", false, [&](const toml::table& t) { read_dosing_period(t); });
    if (const auto* t = optional_table(root, "published")) read_published(*t);
    for_each_table(root, "endpoint", false, [&](const toml::table& t) { read_endpoint(t); });
    for_each_table(root, "trial_summary", false, [&](const toml::table& t) { read_trial_summary(t); });
    for_each_table(root, "analysis_window", false, [&](const toml::table& t) { read_analysis_window(t); });
    if (const auto* t = optional_table(root, "check")) read_check(*t);
    if (const auto* t = optional_table(root, "lint")) read_lint(*t);
    return std::move(p_);
  }

 private:
  template <typename F>
  void for_each_table(const toml::table& root, std::string_view key, bool required, F&& f) {
    for (const toml::table* t : tables(root, key, required)) f(*t);
  }

  // Each string of an array, with its node for messages.
  template <typename F>
  void string_array(const toml::table& t, std::string_view key, F&& each) {
    for (const auto& [text, node] : TomlReader::string_array(t, key)) each(text, *node);
  }

  Duration duration(const toml::node& n, std::string_view key) {
    if (!n.is_string())
      fail(n, quoted(key) + " must be a duration string such as \"P2W\", got " + std::string{toml_type_name(n)});
    auto parsed = parse_duration(n.as_string()->get());
    if (!parsed.value) fail(n, quoted(key) + ": " + parsed.error);
    if (!parsed.value->is_exact() && !p_.month_end)
      fail(n, quoted(n.as_string()->get()) +
                  " counts months or years: declare the month-end rule in [schedule] as month_end = \"clamp\" or "
                  "\"reject\"");
    return *parsed.value;
  }

  Duration req_duration(const toml::table& t, std::string_view key, std::string_view context) {
    const toml::node* n = t.get(key);
    if (!n) fail(t, std::string{context} + " is missing the required key " + quoted(key));
    return duration(*n, key);
  }

  Duration exact_duration(const toml::node& n, std::string_view key) {
    const Duration d = duration(n, key);
    if (!d.is_exact()) fail(n, quoted(key) + " must be in weeks or days, got " + quoted(n.as_string()->get()));
    return d;
  }

  Provenance provenance(const toml::table& t) {
    return {opt_string(t, "source").value_or(""), opt_string(t, "assumed").value_or("")};
  }

  Provenance required_provenance(const toml::table& t, std::string_view what) {
    Provenance p = provenance(t);
    if (p.empty())
      fail(t, std::string{what} +
                  " has no provenance: add source = \"...\" (where it is published) or assumed = \"...\" (why it was "
                  "chosen)");
    return p;
  }

  // An amount string: `key` names it in messages, whose caret points at the character that breaks the rule.
  Amount amount(const std::string& text, const toml::node& n, std::string_view key) {
    const ParsedAmount parsed = parse_amount(text);
    if (parsed.amount) return *parsed.amount;
    fail(inside(n, text, parsed.at), quoted(key) + " " + parsed.problem + ", got " + quoted(text) +
                                         " (write a number, one space and a unit, as in \"5 mL\" or \"0.5 mg/kg\")");
  }

  std::optional<Amount> opt_amount(const toml::table& t, std::string_view key) {
    const auto text = opt_string(t, key);
    return text ? std::optional{amount(*text, *t.get(key), key)} : std::nullopt;
  }

  // Where byte `i` of string node `n`'s value `value` is in the file, when the file spells the value as it
  // is between one pair of quotes (no escapes); else where the node begins.
  toml::source_region inside(const toml::node& n, std::string_view value, std::size_t i) const {
    toml::source_region where = n.source();
    const std::string_view line = src_.line(static_cast<int>(where.begin.line));
    std::size_t quote = 0;  // the byte at the node's column
    for (unsigned column = 1; column < where.begin.column && quote < line.size();)
      column += characters(line.substr(++quote, 1));
    const bool as_is = quote < line.size() && (line[quote] == '"' || line[quote] == '\'') &&
                       line.substr(quote + 1, value.size()) == value;
    if (as_is) where.begin.column += 1 + characters(value.substr(0, i));
    return where;
  }

  // ---- tables ---------------------------------------------------------------------------------------
  void read_format(const toml::table& root) {
    const auto format = opt_int(root, "format");
    if (!format) fail(root.source(), "missing 'format = 2' at the top of the protocol file", 1);
    if (*format != 1 && *format != 2)
      fail(*root.get("format"),
           "unsupported format " + std::to_string(*format) + " (this planner reads formats 1 and 2)");
    p_.format = static_cast<int>(*format);
  }

  // Keys that only format 2 has: in a format 1 file the first of them present is an error that says so
  // (format 1 files keep their meaning; `planner migrate` rewrites one as format 2).
  void format2_keys(const toml::table& t, std::string_view context, Keys keys) const {
    if (p_.format >= 2) return;
    for (std::string_view key : keys)
      if (const toml::node* n = t.get(key))
        fail(*n, quoted(key) + " in " + std::string{context} +
                     " needs format = 2 (this file says format = 1; 'planner migrate FILE' rewrites it as format 2)");
  }

  void read_study(const toml::table& t) {
    format2_keys(t, "[study]", {"model", "allocation"});
    check_keys(t, "[study]",
               {"id", "title", "design", "model", "allocation", "condition", "citation", "doi", "registry", "source",
                "assumed", "note"});
    Study& s = p_.study;
    s.id = req_id(t, "[study]", 64);
    s.title = opt_string(t, "title").value_or("");
    s.design = opt_string(t, "design").value_or("");
    s.condition = opt_string(t, "condition").value_or("");
    s.citation = opt_string(t, "citation").value_or("");
    s.doi = opt_string(t, "doi").value_or("");
    s.note = opt_string(t, "note").value_or("");
    string_array(t, "registry", [&](const std::string& r, const toml::node&) { s.registry.push_back(r); });
    s.model = choice<DesignModel>(t, "model",
                                  {{"parallel", DesignModel::parallel},
                                   {"crossover", DesignModel::crossover},
                                   {"single-group", DesignModel::single_group},
                                   {"factorial", DesignModel::factorial},
                                   {"sequential", DesignModel::sequential}});
    s.allocation = choice<Allocation>(t, "allocation",
                                      {{"randomised", Allocation::randomised},
                                       {"non-randomised", Allocation::non_randomised}});
    s.provenance = provenance(t);
    s.where = location(t);
  }

  // The value of string key `key`, one of `names` (misspelt: did you mean), or nothing when absent.
  template <typename T>
  std::optional<T> choice(const toml::table& t, std::string_view key,
                          std::initializer_list<std::pair<std::string_view, T>> names) {
    const auto text = opt_string(t, key);
    if (!text) return std::nullopt;
    std::vector<std::string_view> known;
    for (const auto& [name, value] : names) {
      if (name == *text) return value;
      known.push_back(name);
    }
    fail(*t.get(key), unknown_name(key, *text, known));
  }

  // "'model' must be one of ...; did you mean ...?" for a value not among `known`.
  static std::string unknown_name(std::string_view key, std::string_view text,
                                  const std::vector<std::string_view>& known) {
    std::string list;
    for (std::string_view k : known) list += (list.empty() ? "\"" : ", \"") + std::string{k} + "\"";
    const std::string guess = closest_match(text, known);
    return quoted(key) + " must be one of " + list + ", got " + quoted(text) +
           (guess.empty() ? "" : "; did you mean " + quoted(guess) + "?");
  }

  // The design's model against the arms: a single group has one arm, the other models more than one.
  void check_design(const toml::table& study) {
    const auto model = p_.study.model;
    if (!model || *model == DesignModel::sequential) return;
    const bool one = p_.arms.size() == 1;
    if (*model == DesignModel::single_group && !one)
      fail(*study.get("model"), "model = \"single-group\" but the protocol has " + std::to_string(p_.arms.size()) +
                                    " arms (groups by a baseline characteristic are [[stratum]] tables)");
    if (*model != DesignModel::single_group && one)
      fail(*study.get("model"), "model = " + quoted(to_string(*model)) +
                                    " needs two or more arms; the protocol has one (a single arm is \"single-group\")");
  }

  void read_stratum(const toml::table& t) {
    check_keys(t, "[[stratum]]", {"id", "label", "arms", "criterion", "source", "assumed", "note"});
    Stratum st;
    st.id = req_id(t, "[[stratum]]");
    check_unique(stratum_index_, p_.strata, st.id, t, "stratum");
    const std::string context = "stratum " + quoted(st.id);
    st.label = opt_string(t, "label").value_or(st.id);
    st.arms = arm_list(t);
    st.criterion = req_string(t, "criterion", context);
    if (st.criterion.empty()) fail(*t.get("criterion"), "'criterion' must say what puts a participant in the stratum");
    st.provenance = required_provenance(t, context);
    st.where = location(t);
    p_.strata.push_back(std::move(st));
  }

  void read_blinding(const toml::table& t) {
    check_keys(t, "[blinding]", {"masking", "unblinded", "source", "assumed", "note"});
    Blinding b;
    if (!t.get("masking"))
      fail(t, "[blinding] is missing the required key 'masking' (the masked roles; [] for an open-label trial)");
    string_array(t, "masking", [&](const std::string& name, const toml::node& n) {
      const auto role = parse_masked_role(name);
      if (!role) fail(n, "unknown masked role " + quoted(name) + did_you_mean(name, masked_role_names()));
      if (b.masks(*role)) fail(n, "masked role " + quoted(name) + " is listed twice");
      b.masking.push_back(*role);
    });
    string_array(t, "unblinded", [&](const std::string& name, const toml::node& n) {
      if (name.empty()) fail(n, "'unblinded' lists roles that know the allocation: an empty name says none");
      if (const auto role = parse_masked_role(name); role && b.masks(*role))
        fail(n, "role " + quoted(name) + " is both masked and unblinded");
      b.unblinded.push_back(name);
    });
    b.provenance = required_provenance(t, "[blinding]");
    b.where = location(t);
    p_.blinding = std::move(b);
  }

  static std::string did_you_mean(std::string_view text, const std::vector<std::string_view>& known) {
    const std::string guess = closest_match(text, known);
    if (!guess.empty()) return "; did you mean " + quoted(guess) + "?";
    std::string list;
    for (std::string_view k : known) list += (list.empty() ? "" : ", ") + std::string{k};
    return " (known: " + list + ")";
  }

  void read_anchor(const toml::table& t) {
    check_keys(t, "[anchor]", {"event", "source", "assumed", "note"});
    p_.anchor_event = req_string(t, "event", "[anchor]");
    p_.anchor_provenance = provenance(t);
    p_.anchor_where = location(t);
  }

  void read_schedule(const toml::table& t) {
    check_keys(t, "[schedule]", {"month_end"});
    if (const auto rule = opt_string(t, "month_end")) {
      if (*rule == "clamp")
        p_.month_end = MonthEnd::clamp;
      else if (*rule == "reject")
        p_.month_end = MonthEnd::reject;
      else
        fail(*t.get("month_end"), "'month_end' must be \"clamp\" or \"reject\", got " + quoted(*rule));
    }
  }

  // Records `id` as the next of `items` in `index`, or fails naming the first definition.
  template <typename T>
  void check_unique(Index& index, const std::vector<T>& items, const std::string& id, const toml::table& t,
                    std::string_view kind) {
    const auto [it, inserted] = index.emplace(id, items.size());
    if (!inserted)
      fail(*t.get("id"), "duplicate " + std::string{kind} + " id " + quoted(id) + " (first defined at line " +
                             std::to_string(items[it->second].where.line) + ")");
  }

  static std::optional<std::size_t> lookup(const Index& index, std::string_view id) {
    const auto it = index.find(id);
    return it == index.end() ? std::nullopt : std::optional{it->second};
  }

  void read_arm(const toml::table& t) {
    format2_keys(t, "[[arm]]", {"elements", "branch"});
    check_keys(t, "[[arm]]", {"id", "label", "elements", "branch", "source", "assumed", "note"});
    Arm a;
    a.id = req_id(t, "[[arm]]");
    check_unique(arm_index_, p_.arms, a.id, t, "arm");
    a.label = opt_string(t, "label").value_or(a.id);
    a.branch = opt_string(t, "branch").value_or("");
    arm_tables_.push_back(&t);
    a.provenance = required_provenance(t, "arm " + quoted(a.id));
    a.where = location(t);
    p_.arms.push_back(std::move(a));
  }

  void read_epoch(const toml::table& t) {
    check_keys(t, "[[epoch]]", {"id", "label", "note"});
    Epoch e;
    e.id = req_id(t, "[[epoch]]");
    check_unique(epoch_index_, p_.epochs, e.id, t, "epoch");
    e.label = opt_string(t, "label").value_or(e.id);
    e.where = location(t);
    p_.epochs.push_back(std::move(e));
  }

  // [[element]]: SDTM TE's row of a trial element (planner/core/protocol.h, TrialElement).
  void read_element(const toml::table& t) {
    check_keys(t, "[[element]]",
               {"id", "label", "epoch", "start_rule", "end_rule", "duration", "source", "assumed", "note"});
    TrialElement e;
    e.id = req_id(t, "[[element]] (its id is the SDTM ETCD)", 8);
    check_unique(element_index_, p_.elements, e.id, t, "element");
    const std::string context = "element " + quoted(e.id);
    e.label = opt_string(t, "label").value_or(e.id);
    const std::string epoch = req_string(t, "epoch", context);
    const auto found = lookup(epoch_index_, epoch);
    if (!found) fail(*t.get("epoch"), unknown("epoch", epoch, p_.epochs));
    e.epoch = *found;
    e.start_rule = req_string(t, "start_rule", context);
    e.end_rule = opt_string(t, "end_rule").value_or("");
    if (const toml::node* n = t.get("duration")) {
      e.length = duration(*n, "duration");
      if (e.length->negative) fail(*n, "'duration' must not be negative: it is how long the element lasts");
      e.duration = n->as_string()->get();
    }
    e.note = opt_string(t, "note").value_or("");
    e.provenance = required_provenance(t, context);
    e.where = location(t);
    p_.elements.push_back(std::move(e));
  }

  // Each arm's `elements`, once [[element]] is read: with [[element]] every arm lists its own, in time order.
  void resolve_arm_elements() {
    for (std::size_t a = 0; a < p_.arms.size(); ++a) {
      const toml::table& t = *arm_tables_[a];
      Arm& arm = p_.arms[a];
      if (!t.get("elements")) {
        if (!p_.elements.empty())
          fail(t, "arm " + quoted(arm.id) +
                      " has no 'elements': with [[element]] tables, each arm lists its elements in time order");
        continue;
      }
      const TrialElement* previous = nullptr;
      string_array(t, "elements", [&](const std::string& id, const toml::node& n) {
        const auto e = lookup(element_index_, id);
        if (!e) fail(n, unknown("element", id, p_.elements));
        const TrialElement& element = p_.elements[*e];
        if (previous && element.epoch < previous->epoch)
          fail(n, "element " + quoted(id) + " (epoch " + quoted(p_.epochs[element.epoch].id) + ") comes after " +
                      quoted(previous->id) + " (epoch " + quoted(p_.epochs[previous->epoch].id) +
                      "): list an arm's elements in time order, its epochs in the order of [[epoch]]");
        previous = &element;
        arm.elements.push_back(*e);
      });
      if (arm.elements.empty()) fail(*t.get("elements"), "arm " + quoted(arm.id) + " has an empty 'elements'");
    }
  }

  void read_event(const toml::table& t) {
    check_keys(t, "[[event]]", {"id", "label", "source", "assumed", "note"});
    Event e;
    e.id = req_id(t, "[[event]]");
    check_unique(event_index_, p_.events, e.id, t, "event");
    e.label = opt_string(t, "label").value_or(e.id);
    e.note = opt_string(t, "note").value_or("");
    e.provenance = required_provenance(t, "event " + quoted(e.id));
    e.where = location(t);
    p_.events.push_back(std::move(e));
  }

  // `on = "EVENT"`: the event a conditional visit happens on.
  std::optional<std::size_t> read_on(const toml::table& t) {
    const toml::node* n = t.get("on");
    if (!n) return std::nullopt;
    if (!n->is_string()) fail(*n, "'on' must be an event id, got " + std::string{toml_type_name(*n)});
    const std::string& id = n->as_string()->get();
    const auto found = lookup(event_index_, id);
    if (!found) fail(*n, unknown("event", id, p_.events));
    return found;
  }

  std::vector<std::string> arm_list(const toml::table& t) {
    std::vector<std::string> arms;
    string_array(t, "arms", [&](const std::string& id, const toml::node& n) {
      if (!lookup(arm_index_, id)) fail(n, unknown("arm", id, p_.arms));
      arms.push_back(id);
    });
    return arms;
  }

  template <typename T>
  std::string unknown(std::string_view kind, std::string_view id, const std::vector<T>& known) {
    std::vector<std::string_view> ids;
    ids.reserve(known.size());
    for (const T& k : known) ids.push_back(k.id);
    const std::string guess = closest_match(id, ids);
    std::string message = "unknown " + std::string{kind} + " " + quoted(id);
    if (!guess.empty()) return message + "; did you mean " + quoted(guess) + "?";
    std::string list;
    for (std::string_view k : ids) list += (list.empty() ? "" : ", ") + std::string{k};
    return message + " (known: " + (list.empty() ? "none" : list) + ")";
  }

  void read_activity(const toml::table& t, std::vector<std::pair<std::size_t, const toml::node*>>& prepares) {
    format2_keys(t, "[[activity]]", {"duration", "participant_label", "arm_labels"});
    check_keys(t, "[[activity]]",
               {"id", "kind", "label", "participant_label", "arm_labels", "arms", "product", "route", "amount",
                "instrument", "role", "prepares", "lead_time", "duration", "source", "assumed", "note"});
    Activity a;
    a.id = req_id(t, "[[activity]]");
    check_unique(activity_index_, p_.activities, a.id, t, "activity");
    const std::string context = "activity " + quoted(a.id);
    const std::string kind = req_string(t, "kind", context);
    if (kind == "dose")
      a.kind = ActivityKind::dose;
    else if (kind == "assessment")
      a.kind = ActivityKind::assessment;
    else if (kind == "procedure")
      a.kind = ActivityKind::procedure;
    else if (kind == "sample")
      a.kind = ActivityKind::sample;
    else
      fail(*t.get("kind"), "'kind' must be \"dose\", \"assessment\", \"procedure\" or \"sample\", got " + quoted(kind));
    a.label = opt_string(t, "label").value_or(a.id);
    a.arms = arm_list(t);
    read_participant_text(t, a);
    a.product = opt_string(t, "product").value_or("");
    a.route = opt_string(t, "route").value_or("");
    a.instrument = opt_string(t, "instrument").value_or("");
    a.note = opt_string(t, "note").value_or("");
    const auto only_for = [&](std::string_view key, std::string_view which) {
      if (t.get(key)) fail(*t.get(key), quoted(key) + " belongs to activities of kind \"" + std::string{which} + "\"");
    };
    // A dose is a claim of its own (product, route, amount). Other activities may inherit: that they happen
    // at a visit is covered by the visit's provenance; but an explicit endpoint role is a claim about the
    // trial and needs its own (docs/protocol-format.md, "Provenance").
    if (a.kind == ActivityKind::dose)
      a.provenance = required_provenance(t, context);
    else if (t.get("role"))
      a.provenance = required_provenance(t, context + " states an endpoint role but");
    else
      a.provenance = provenance(t);
    if (a.kind == ActivityKind::dose) {
      a.product = req_string(t, "product", context);
      a.route = req_string(t, "route", context);
      a.amount = opt_amount(t, "amount");
    } else {
      for (std::string_view key : {"product", "route", "amount"}) only_for(key, "dose");
    }
    if (a.kind == ActivityKind::assessment) {
      a.instrument = req_string(t, "instrument", context);
      if (const auto role = opt_string(t, "role")) {
        const auto parsed = parse_role(*role);
        if (!parsed)
          fail(*t.get("role"), "'role' must be \"primary\", \"secondary\" or \"exploratory\", got " + quoted(*role));
        a.role = *parsed;
      }
    } else {
      for (std::string_view key : {"instrument", "role"}) only_for(key, "assessment");
    }
    if (const toml::node* n = t.get("prepares")) {
      if (a.kind != ActivityKind::sample && a.kind != ActivityKind::procedure)
        fail(*n,
             "'prepares' belongs to activities of kind \"sample\" or \"procedure\" (the draw that prepares a dose)");
      if (!n->is_string()) fail(*n, "'prepares' must be a dose activity id, got " + std::string{toml_type_name(*n)});
      const toml::node* lead = t.get("lead_time");
      if (!lead) fail(*n, "'prepares' needs 'lead_time', the least time from the draw to the first dose it prepares");
      a.lead_time = exact_duration(*lead, "lead_time");
      if (a.lead_time->negative) fail(*lead, "'lead_time' must not be negative");
      prepares.emplace_back(p_.activities.size(), n);
    } else if (const toml::node* lead = t.get("lead_time")) {
      fail(*lead, "'lead_time' belongs with 'prepares' (the dose activity the draw prepares)");
    }
    a.duration = opt_time_duration(t, "duration");
    a.where = location(t);
    p_.activities.push_back(std::move(a));
  }

  // `participant_label` and `arm_labels` of an activity whose id and arms are read.
  void read_participant_text(const toml::table& t, Activity& a) {
    if (const auto text = opt_string(t, "participant_label")) {
      if (text->find_first_not_of(" \t") == std::string::npos)
        fail(*t.get("participant_label"),
             "'participant_label' must not be empty: leave it out and the participant sees the label");
      a.participant_label = *text;
    }
    const toml::node* n = t.get("arm_labels");
    if (!n) return;
    const toml::table* labels = n->as_table();
    if (!labels || labels->empty())
      fail(*n, "'arm_labels' must be an inline table of arm id = site text, as in { SALINE = \"Sham draw\" }");
    for (const auto& [key, value] : *labels) {
      const std::string arm{key.str()};
      if (!lookup(arm_index_, arm)) fail(value, unknown("arm", arm, p_.arms));
      if (!a.applies_to(arm)) fail(value, "activity " + quoted(a.id) + " does not apply to arm " + quoted(arm));
      if (!value.is_string() || value.as_string()->get().empty())
        fail(value, "'arm_labels' values must be the site's text for the arm, a non-empty string");
      a.arm_labels.emplace_back(arm, value.as_string()->get());
    }
  }

  void resolve_prepares(const std::vector<std::pair<std::size_t, const toml::node*>>& prepares) {
    for (const auto& [index, node] : prepares) {
      const std::string& id = node->as_string()->get();
      const auto found = lookup(activity_index_, id);
      if (!found) fail(*node, unknown("activity", id, p_.activities));
      const Activity* dose = &p_.activities[*found];
      if (dose->kind != ActivityKind::dose)
        fail(*node, "'prepares' must name an activity of kind \"dose\"; " + quoted(id) + " is of kind \"" +
                        std::string{to_string(dose->kind)} + "\"");
      p_.activities[index].prepares = static_cast<std::size_t>(dose - p_.activities.data());
    }
  }

  // The keys a [[visit]] and a [[series]] share: epoch, window, activities, arms, provenance.
  void read_visit_body(const toml::table& t, const std::string& context, Visit& v) {
    const std::string epoch = req_string(t, "epoch", context);
    const auto e = lookup(epoch_index_, epoch);
    if (!e) fail(*t.get("epoch"), unknown("epoch", epoch, p_.epochs));
    v.epoch = *e;
    v.provenance = required_provenance(t, context);
    v.window = read_window(t, context, v.provenance);
    if (!t.get("activities")) fail(t, context + " is missing the required key 'activities'");
    read_visit_activities(t, v);
    v.arms = arm_list(t);
    v.note = opt_string(t, "note").value_or("");
    v.where = location(t);
    if (const auto time = opt_string(t, "time")) {
      const auto parsed = parse_time_of_day(*time);
      if (!parsed.value) fail(*t.get("time"), "'time': " + parsed.error);
      v.time = parsed.value;
    }
    v.duration = opt_time_duration(t, "duration");
  }

  // A format 2 time duration "PT45M" (io/iso8601.h), or nullopt when absent.
  std::optional<Minutes> opt_time_duration(const toml::table& t, std::string_view key) const {
    const auto text = opt_string(t, key);
    if (!text) return std::nullopt;
    const auto parsed = parse_time_duration(*text);
    if (!parsed.value) fail(*t.get(key), quoted(key) + ": " + parsed.error);
    return parsed.value;
  }

  // `activities`: ids, or (format 2) inline tables { id, source, assumed, note } that give one activity at
  // this visit a provenance of its own.
  void read_visit_activities(const toml::table& t, Visit& v) {
    const toml::node& list = *t.get("activities");
    const toml::array* arr = list.as_array();
    if (!arr) fail(list, "'activities' must be an array of activity ids, got " + std::string{toml_type_name(list)});
    std::set<std::size_t> listed;
    for (const toml::node& item : *arr) {
      const toml::node* id_node = &item;
      if (const toml::table* inline_table = item.as_table()) {
        if (p_.format < 2)
          fail(item,
               "an inline table in 'activities' needs format = 2 (this file says format = 1; 'planner migrate FILE' "
               "rewrites it as format 2)");
        check_keys(*inline_table, "an activity at a visit", {"id", "source", "assumed", "note"});
        id_node = inline_table->get("id");
        if (!id_node)
          fail(item, "an activity written as an inline table needs 'id', as in { id = \"DRAW\", assumed = \"...\" }");
      } else if (!item.is_string()) {
        fail(item,
             "elements of 'activities' must be activity ids or inline tables { id = \"...\", source = \"...\" }, "
             "got " +
                 std::string{toml_type_name(item)});
      }
      if (!id_node->is_string())
        fail(*id_node, "'id' must be an activity id, got " + std::string{toml_type_name(*id_node)});
      const std::string& id = id_node->as_string()->get();
      const auto index = lookup(activity_index_, id);
      if (!index) fail(*id_node, unknown("activity", id, p_.activities));
      if (!listed.insert(*index).second) fail(*id_node, "activity " + quoted(id) + " is listed twice");
      v.activities.push_back(*index);
      if (const toml::table* inline_table = item.as_table())
        v.activity_provenance.push_back(
            {*index, required_provenance(*inline_table, "activity " + quoted(id) + " written as an inline table"),
             opt_string(*inline_table, "note").value_or(""), location(item)});
    }
    if (v.activities.empty()) fail(list, "'activities' must name at least one activity");
  }

  Window read_window(const toml::table& t, const std::string& context, const Provenance& inherited) {
    const toml::node* n = t.get("window");
    if (!n)
      fail(t, context + " is missing the required key 'window' (e.g. window = { early = \"P1D\", late = \"P1D\" })");
    const toml::table* w = n->as_table();
    if (!w)
      fail(*n, "'window' must be an inline table { early = \"P1D\", late = \"P1D\" }, got " +
                   std::string{toml_type_name(*n)});
    check_keys(*w, "the window", {"early", "late", "source", "assumed"});
    Window out;
    for (auto [key, field] : {std::pair{"early", &out.early}, std::pair{"late", &out.late}}) {
      const toml::node* part = w->get(key);
      if (!part)
        fail(*n, "the window is missing " + quoted(key) + " (the days allowed " +
                     (field == &out.early ? "before" : "after") + " the target)");
      *field = duration(*part, key);
      if (field->negative)
        fail(*part, quoted(key) + " must not be negative: it counts the days allowed " +
                        (field == &out.early ? "before" : "after") + " the target");
    }
    out.provenance = provenance(*w);
    out.own_provenance = !out.provenance.empty();
    if (!out.own_provenance) out.provenance = inherited;
    out.where = location(*n);
    return out;
  }

  void read_visit(const toml::table& t, std::vector<std::pair<std::size_t, const toml::node*>>& afters) {
    format2_keys(t, "[[visit]]", {"time", "duration", "on", "start_rule", "end_rule"});
    check_keys(t, "[[visit]]",
               {"id", "label", "epoch", "at", "after", "on", "window", "activities", "arms", "amount", "visitnum",
                "start_rule", "end_rule", "time", "duration", "source", "assumed", "note"});
    Visit v;
    v.id = req_id(t, "[[visit]]");
    const std::string context = "visit " + quoted(v.id);
    v.label = req_string(t, "label", context);
    v.at = req_duration(t, "at", context);
    v.on = read_on(t);
    read_visit_body(t, context, v);
    v.amount = opt_amount(t, "amount");
    v.start_rule = opt_string(t, "start_rule").value_or("");
    v.end_rule = opt_string(t, "end_rule").value_or("");
    if (const toml::node* num = t.get("visitnum")) {
      const double value = num->value<double>().value_or(-1);  // nan and inf are TOML numbers too
      if (!num->is_number() || !(value > 0 && value <= 1e6))
        fail(*num, "'visitnum' must be a positive number up to 1000000 (the SDTM VISITNUM, e.g. 4 or 3.5)");
      v.visitnum = *num->value<double>();
      const auto [other, inserted] = visitnums_.emplace(*v.visitnum, p_.visits.size());
      if (!inserted) fail(*num, "visit " + quoted(p_.visits[other->second].id) + " has the same visitnum");
    }
    if (const toml::node* after = t.get("after")) {
      if (!after->is_string()) fail(*after, "'after' must be a visit id, got " + std::string{toml_type_name(*after)});
      afters.emplace_back(p_.visits.size(), after);
    }
    p_.visits.push_back(std::move(v));
  }

  void read_series(const toml::table& t) {
    format2_keys(t, "[[series]]", {"time", "duration", "on"});
    if (const toml::node* on = t.get("on"))
      fail(*on,
           "a [[series]] cannot be conditional: write each visit that happens on an event as a [[visit]] with "
           "'on'");
    check_keys(t, "[[series]]",
               {"id", "label", "epoch", "start", "every", "count", "days", "number_from", "window", "activities",
                "arms", "amounts", "time", "duration", "source", "assumed", "note"});
    Series s;
    s.id = req_string(t, "id", "[[series]]");
    const std::string context = "series " + quoted(s.id);
    s.label = req_string(t, "label", context);
    for (auto [key, field] : {std::pair{"start", &s.start}, std::pair{"every", &s.every}}) {
      const toml::node* n = t.get(key);
      if (!n) fail(t, context + " is missing the required key " + quoted(key));
      *field = exact_duration(*n, key);
    }
    if (s.every.negative || s.every.is_zero()) fail(*t.get("every"), "'every' must be a positive duration");
    const auto count = opt_int(t, "count");
    if (!count) fail(t, context + " is missing the required key 'count'");
    if (*count < 1 || *count > 1000) fail(*t.get("count"), "'count' must be between 1 and 1000");
    s.count = static_cast<int>(*count);
    const auto number_from = opt_int(t, "number_from").value_or(1);
    if (number_from < 0 || number_from > 100000)
      fail(*t.get("number_from"), "'number_from' must be between 0 and 100000");
    s.number_from = static_cast<int>(number_from);
    if (const toml::node* days = t.get("days")) {
      const toml::array* arr = days->as_array();
      if (!arr || arr->empty()) fail(*days, "'days' must be a non-empty array of durations such as [\"P0D\", \"P3D\"]");
      for (const toml::node& d : *arr) {
        const Duration offset = exact_duration(d, "days");
        if (offset.negative) fail(d, "offsets in 'days' must not be negative");
        s.days.push_back(offset);
      }
    } else {
      s.days.push_back(Duration{});
    }
    s.provenance = required_provenance(t, context);
    s.where = location(t);

    Visit prototype;
    read_visit_body(t, context, prototype);
    std::vector<Amount> amounts;
    string_array(t, "amounts",
                 [&](const std::string& a, const toml::node& n) { amounts.push_back(amount(a, n, "amounts")); });
    const std::size_t occurrences = static_cast<std::size_t>(s.count) * s.days.size();
    if (t.get("amounts") && amounts.size() != occurrences)
      fail(*t.get("amounts"), "'amounts' has " + std::to_string(amounts.size()) + " entries but the series has " +
                                  std::to_string(occurrences) + " occurrences");

    const std::size_t series_index = p_.series.size();
    const long start = s.start.exact_days()->count(), every = s.every.exact_days()->count();
    int n = 0;
    for (int period = 0; period < s.count; ++period) {
      for (const Duration& d : s.days) {
        const long offset = start + period * every + d.exact_days()->count();
        Visit v = prototype;
        ++n;
        v.series = series_index;
        v.occurrence = n;
        v.at = Duration::of_days(offset);
        v.id = expand(s.id, s.number_from + n - 1, offset);
        v.label = expand(s.label, s.number_from + n - 1, offset);
        if (!amounts.empty()) v.amount = amounts[static_cast<std::size_t>(n - 1)];
        if (!is_valid_id(v.id))
          fail(*t.get("id"), "series id " + quoted(s.id) + " gives " + quoted(v.id) +
                                 ", not a valid id: use 1-32 characters of A-Z, a-z, 0-9, '_', '.', '-' and "
                                 "the placeholders {n}, {week}, {day}");
        p_.visits.push_back(std::move(v));
      }
    }
    p_.series.push_back(std::move(s));
  }

  // Days of an exact, positive duration at `key` of a dose rule.
  int rule_days(const toml::table& t, std::string_view key, const std::string& context) {
    const toml::node* n = t.get(key);
    if (!n) fail(t, context + " is missing the required key " + quoted(key));
    const Duration d = exact_duration(*n, key);
    if (d.negative || d.is_zero()) fail(*n, quoted(key) + " must be a positive duration such as \"P3D\"");
    if (d.exact_days()->count() > 3660) fail(*n, quoted(key) + " must be at most 3660 days");
    return static_cast<int>(d.exact_days()->count());
  }

  // A [[dose_rule]]: its doses become visits D1..Dn (Protocol::dose_rules documents the expansion).
  void read_dose_rule(const toml::table& t, std::vector<std::pair<std::size_t, const toml::node*>>& afters) {
    check_keys(t, "[[dose_rule]]",
               {"id", "label", "epoch", "activities", "arms", "count", "within", "start", "after", "min_gap", "source",
                "assumed", "note"});
    DoseRule r;
    r.id = req_string(t, "id", "[[dose_rule]]");
    const std::string context = "dose rule " + quoted(r.id);
    r.label = req_string(t, "label", context);
    const auto count = opt_int(t, "count");
    if (!count) fail(t, context + " is missing the required key 'count'");
    if (*count < 1 || *count > 1000) fail(*t.get("count"), "'count' must be between 1 and 1000");
    r.count = static_cast<int>(*count);
    r.within = rule_days(t, "within", context);
    r.min_gap = rule_days(t, "min_gap", context);
    if (static_cast<long>(r.count - 1) * r.min_gap > r.within - 1)
      fail(*t.get("min_gap"), context + ": " + std::to_string(r.count) + " doses at least " +
                                  std::to_string(r.min_gap) + " days apart need " +
                                  std::to_string(static_cast<long>(r.count - 1) * r.min_gap + 1) +
                                  " days, but 'within' gives " + std::to_string(r.within));
    const Duration start = t.get("start") ? exact_duration(*t.get("start"), "start") : Duration{};
    r.provenance = required_provenance(t, context);
    r.where = location(t);

    Visit prototype;
    const std::string epoch = req_string(t, "epoch", context);
    const auto e = lookup(epoch_index_, epoch);
    if (!e) fail(*t.get("epoch"), unknown("epoch", epoch, p_.epochs));
    prototype.epoch = *e;
    prototype.provenance = r.provenance;
    if (!t.get("activities")) fail(t, context + " is missing the required key 'activities'");
    string_array(t, "activities", [&](const std::string& id, const toml::node& n) {
      const auto index = lookup(activity_index_, id);
      if (!index) fail(n, unknown("activity", id, p_.activities));
      prototype.activities.push_back(*index);
    });
    if (std::none_of(prototype.activities.begin(), prototype.activities.end(),
                     [&](std::size_t a) { return p_.activities[a].kind == ActivityKind::dose; }))
      fail(*t.get("activities"), context + ": 'activities' must name a dose activity (the rule places doses)");
    prototype.arms = arm_list(t);
    prototype.note = opt_string(t, "note").value_or("");
    prototype.where = r.where;
    const toml::node* after = t.get("after");
    if (after && !after->is_string())
      fail(*after, "'after' must be a visit id, got " + std::string{toml_type_name(*after)});

    const std::size_t rule_index = p_.dose_rules.size();
    const long first = start.exact_days()->count();
    for (int i = 0; i < r.count; ++i) {
      const long target = static_cast<long>(i) * r.within / r.count;  // evenly spread nominal targets
      Visit v = prototype;
      v.rule = rule_index;
      v.occurrence = i + 1;
      v.at = Duration::of_days(first + target);
      v.window.early = Duration::of_days(target);
      v.window.late = Duration::of_days(r.within - 1 - target);
      v.window.provenance = r.provenance;
      v.window.where = r.where;
      v.id = expand(r.id, i + 1, first + target);
      v.label = expand(r.label, i + 1, first + target);
      if (!is_valid_id(v.id))
        fail(*t.get("id"), "dose rule id " + quoted(r.id) + " gives " + quoted(v.id) +
                               ", not a valid id: use 1-32 characters of A-Z, a-z, 0-9, '_', '.', '-' and the "
                               "placeholder {n}");
      if (after) afters.emplace_back(p_.visits.size(), after);
      p_.visits.push_back(std::move(v));
    }
    p_.dose_rules.push_back(std::move(r));
  }

  static std::string expand(std::string pattern, int n, long offset) {
    const std::pair<std::string_view, std::string> subs[] = {{"{n}", std::to_string(n)},
                                                             {"{week}", std::to_string(week_of(Days{offset}).week)},
                                                             {"{day}",
                                                              std::to_string(
                                                                  StudyDay::from_offset(Days{offset}).number())}};
    for (const auto& [from, to] : subs)
      for (auto at = pattern.find(from); at != std::string::npos; at = pattern.find(from, at + to.size()))
        pattern.replace(at, from.size(), to);
    return pattern;
  }

  // Also fills visit_index_.
  void check_unique_visit_ids() {
    for (const Visit& v : p_.visits) {
      const auto [it, inserted] = visit_index_.emplace(v.id, static_cast<std::size_t>(&v - p_.visits.data()));
      if (inserted) continue;
      const Visit& first = p_.visits[it->second];
      std::string message = "duplicate visit id " + quoted(v.id) + " (first defined at line " +
                            std::to_string(first.where.line) + ")";
      if (v.series && first.series == v.series)
        message = "series " + quoted(p_.series[*v.series].id) + " gives the visit id " + quoted(v.id) +
                  " twice: make its id unique per occurrence with {n}, {week} or {day}";
      if (v.rule && first.rule == v.rule)
        message = "dose rule " + quoted(p_.dose_rules[*v.rule].id) + " gives the visit id " + quoted(v.id) +
                  " twice: make its id unique per dose with {n}";
      throw InputError{src_.error(v.where.line, v.where.column, message)};
    }
  }

  void resolve_afters(const std::vector<std::pair<std::size_t, const toml::node*>>& afters) {
    for (const auto& [index, node] : afters) {
      const std::string& ref = node->as_string()->get();
      const auto found = lookup(visit_index_, ref);
      if (!found) fail(*node, unknown("visit", ref, p_.visits));
      Visit& v = p_.visits[index];
      v.after = *found;
      if (*v.after == index) fail(*node, "visit " + quoted(v.id) + " cannot be timed after itself");
      if (const auto& on = p_.visits[*found].on)
        fail(*node, "visit " + quoted(v.id) + " is chained to " + quoted(ref) + ", which happens only on event " +
                        quoted(p_.events[*on].id) + ": chain it to a visit every subject has" +
                        (v.on ? ", or time it from its event (leave out 'after')" : ""));
      if (const std::string* arm = arm_missing_from(v, p_.visits[*found]))
        fail(*node, "visit " + quoted(v.id) + " is chained to " + quoted(ref) + ", which arm " + quoted(*arm) +
                        " does not have");
    }
    // Each visit has one `after`, so the chains form a functional graph: one walk over each visit marks the
    // visits that lie on a cycle (linear time). The error names the first visit of the file on a cycle.
    enum : char { kUnseen, kOnWalk, kDone };
    std::vector<char> state(p_.visits.size(), kUnseen);
    std::vector<bool> on_cycle(p_.visits.size(), false);
    for (const auto& [start, node] : afters) {
      std::vector<std::size_t> walk;
      std::optional<std::size_t> at = start;
      for (; at && state[*at] == kUnseen; at = p_.visits[*at].after) {
        state[*at] = kOnWalk;
        walk.push_back(*at);
      }
      if (at && state[*at] == kOnWalk)  // the walk came back to itself: the cycle is its tail from *at
        for (auto i = std::find(walk.begin(), walk.end(), *at); i != walk.end(); ++i) on_cycle[*i] = true;
      for (std::size_t i : walk) state[i] = kDone;
    }
    for (const auto& [index, node] : afters) {
      if (!on_cycle[index]) continue;
      std::string path = p_.visits[index].id + " -> ";
      for (auto next = *p_.visits[index].after; next != index; next = *p_.visits[next].after)
        path += p_.visits[next].id + " -> ";
      fail(*node, "chained timings form a cycle: " + path + p_.visits[index].id);
    }
  }

  // The first arm (in the order of [[arm]]) that visit `v` applies to and `target` does not, if any.
  const std::string* arm_missing_from(const Visit& v, const Visit& target) const {
    if (target.arms.empty()) return nullptr;
    const std::set<std::string_view> has{target.arms.begin(), target.arms.end()};
    if (v.arms.empty()) {
      if (has.size() == p_.arms.size()) return nullptr;  // arm lists name known arms only
      for (const Arm& arm : p_.arms)
        if (!has.count(arm.id)) return &arm.id;
    }
    const std::string* first = nullptr;
    for (const std::string& arm : v.arms)
      if (!has.count(arm) && (!first || arm_index_.at(arm) < arm_index_.at(*first))) first = &arm;
    return first;
  }

  void read_dosing(const toml::table& t) {
    check_keys(t, "[dosing]", {"min_gap", "source", "assumed", "note"});
    p_.dosing.provenance = required_provenance(t, "[dosing]");
    p_.dosing.where = location(t);
    if (const toml::node* gap = t.get("min_gap")) {
      p_.dosing.min_gap = exact_duration(*gap, "min_gap");
      if (p_.dosing.min_gap->negative) fail(*gap, "'min_gap' must not be negative");
    }
  }

  // [[constraint]]: two activities (each optionally pinned to a visit that has it), min and/or max.
  void read_constraint(const toml::table& t) {
    check_keys(t, "[[constraint]]",
               {"id", "label", "kind", "first", "then", "first_visit", "then_visit", "min", "max", "source", "assumed",
                "note"});
    Constraint c;
    c.id = req_id(t, "[[constraint]]");
    check_unique(constraint_index_, p_.constraints, c.id, t, "constraint");
    const std::string context = "constraint " + quoted(c.id);
    c.label = opt_string(t, "label").value_or(c.id);
    const std::string kind = req_string(t, "kind", context);
    if (kind == "washout")
      c.kind = ConstraintKind::washout;
    else if (kind == "storage")
      c.kind = ConstraintKind::storage;
    else if (kind == "gap")
      c.kind = ConstraintKind::gap;
    else
      fail(*t.get("kind"), "'kind' must be \"washout\", \"storage\" or \"gap\", got " + quoted(kind));
    c.first = constraint_activity(t, "first", context);
    c.then = constraint_activity(t, "then", context);
    c.first_visit = constraint_visit(t, "first_visit", c.first);
    c.then_visit = constraint_visit(t, "then_visit", c.then);
    for (auto [key, field] : {std::pair{"min", &c.min}, std::pair{"max", &c.max}}) {
      const toml::node* n = t.get(key);
      if (!n) continue;
      const Duration d = exact_duration(*n, key);
      if (d.negative)
        fail(*n, quoted(key) +
                     " must not be negative: it counts the days from 'first' to 'then' (put the earlier "
                     "activity in 'first')");
      *field = *d.exact_days();
    }
    if (!c.min && !c.max)
      fail(t, context + " needs 'min' or 'max' (or both): the least or most time from 'first' to 'then'");
    if (c.min && c.max && *c.min > *c.max)
      fail(*t.get("max"), "'max' (" + std::to_string(c.max->count()) + " days) is less than 'min' (" +
                              std::to_string(c.min->count()) + " days): no date pair could keep the constraint");
    c.provenance = required_provenance(t, context);
    c.note = opt_string(t, "note").value_or("");
    c.where = location(t);
    p_.constraints.push_back(std::move(c));
  }

  std::size_t constraint_activity(const toml::table& t, std::string_view key, const std::string& context) {
    const std::string id = req_string(t, key, context);
    const auto found = lookup(activity_index_, id);
    if (!found) fail(*t.get(key), unknown("activity", id, p_.activities));
    return *found;
  }

  std::optional<std::size_t> constraint_visit(const toml::table& t, std::string_view key, std::size_t activity) {
    const auto id = opt_string(t, key);
    if (!id) return std::nullopt;
    const auto found = lookup(visit_index_, *id);
    if (!found) fail(*t.get(key), unknown("visit", *id, p_.visits));
    const auto& acts = p_.visits[*found].activities;
    if (std::find(acts.begin(), acts.end(), activity) == acts.end())
      fail(*t.get(key), "visit " + quoted(*id) + " does not list activity " + quoted(p_.activities[activity].id) +
                            " (" + quoted(key) + " pins where it happens)");
    return found;
  }

  // A visit id at `key` of a dosing period, resolved.
  std::size_t period_visit(const toml::node& n, std::string_view key) {
    if (!n.is_string()) fail(n, quoted(key) + " must be a visit id, got " + std::string{toml_type_name(n)});
    const std::string& id = n.as_string()->get();
    const auto found = lookup(visit_index_, id);
    if (!found) fail(n, unknown("visit", id, p_.visits));
    return *found;
  }

  void read_dosing_period(const toml::table& t) {
    check_keys(t, "[[dosing_period]]",
               {"id", "label", "activity", "from", "to", "every", "where", "amounts", "dispense", "source", "assumed",
                "note"});
    DosingPeriod d;
    d.id = req_id(t, "[[dosing_period]]");
    check_unique(period_index_, p_.dosing_periods, d.id, t, "dosing period");
    const std::string context = "dosing period " + quoted(d.id);
    d.label = opt_string(t, "label").value_or(d.id);
    d.where = location(t);
    const std::string activity = req_string(t, "activity", context);
    const auto a = lookup(activity_index_, activity);
    if (!a) fail(*t.get("activity"), unknown("activity", activity, p_.activities));
    if (p_.activities[*a].kind != ActivityKind::dose)
      fail(*t.get("activity"), "'activity' must name an activity of kind \"dose\"; " + quoted(activity) +
                                   " is of kind \"" + std::string{to_string(p_.activities[*a].kind)} + "\"");
    d.activity = *a;
    for (auto [key, field] : {std::pair{"from", &d.from}, std::pair{"to", &d.to}}) {
      const toml::node* n = t.get(key);
      if (!n) fail(t, context + " is missing the required key " + quoted(key));
      *field = period_visit(*n, key);
    }
    if (const toml::node* n = t.get("every")) {
      const Duration every = exact_duration(*n, "every");
      if (every.negative || every.is_zero()) fail(*n, "'every' must be a positive duration such as \"P1D\"");
      d.every = static_cast<int>(every.exact_days()->count());
    }
    if (const auto place = opt_string(t, "where")) {
      if (*place != "home" && *place != "site")
        fail(*t.get("where"), "'where' must be \"home\" or \"site\", got " + quoted(*place));
      d.place = *place == "home" ? DosingPeriod::Place::home : DosingPeriod::Place::site;
    }
    read_period_amounts(t, d);
    string_array(t, "dispense",
                 [&](const std::string&, const toml::node& n) { d.dispense.push_back(period_visit(n, "dispense")); });
    if (!t.get("dispense")) d.dispense.push_back(d.from);
    d.provenance = required_provenance(t, context);
    check_period_visits(t, d);
    p_.dosing_periods.push_back(std::move(d));
  }

  void read_period_amounts(const toml::table& t, DosingPeriod& d) {
    const toml::node* n = t.get("amounts");
    if (!n) return;
    const toml::table* amounts = n->as_table();
    if (!amounts)
      fail(*n, "'amounts' must be an inline table of arm = amount, as in { HIGH = \"81 mg\" }, got " +
                   std::string{toml_type_name(*n)});
    for (const auto& [key, value] : *amounts) {
      const std::string arm{key.str()};
      if (!lookup(arm_index_, arm)) fail(value, unknown("arm", arm, p_.arms));
      if (!p_.activities[d.activity].applies_to(arm))
        fail(value, "arm " + quoted(arm) + " does not have the activity " + quoted(p_.activities[d.activity].id));
      if (!value.is_string())
        fail(value, "an amount must be a string such as \"81 mg\", got " + std::string{toml_type_name(value)});
      d.amounts.emplace_back(arm, amount(value.as_string()->get(), value, "amounts"));
    }
  }

  // Every arm of the period has its from, to and dispensing visits; from comes before to, and the dispensing
  // visits lie from `from` up to (not including) `to`, by the visits' nominal offsets.
  void check_period_visits(const toml::table& t, const DosingPeriod& d) {
    for (const Arm& arm : p_.arms) {
      if (!d.applies_to(p_, arm.id)) continue;
      const auto has = [&](std::size_t v, std::string_view key) {
        if (!p_.visits[v].applies_to(arm.id))
          fail(*t.get(key), "dosing period " + quoted(d.id) + ": arm " + quoted(arm.id) + " has the activity " +
                                quoted(p_.activities[d.activity].id) + " but not the visit " + quoted(p_.visits[v].id));
      };
      has(d.from, "from");
      has(d.to, "to");
      for (std::size_t v : d.dispense) has(v, "dispense");
    }
    const Timeline timeline{p_};
    const auto from = timeline.offset(d.from), to = timeline.offset(d.to);
    if (from && to && *from >= *to)
      fail(*t.get("to"), "dosing period " + quoted(d.id) + " must end after it starts: " + quoted(p_.visits[d.to].id) +
                             " (day offset " + std::to_string(to->count()) + ") is not after " +
                             quoted(p_.visits[d.from].id) + " (" + std::to_string(from->count()) + ")");
    for (std::size_t v : d.dispense) {
      const auto at = timeline.offset(v);
      if (from && to && at && (*at < *from || *at >= *to))
        fail(*t.get("dispense"), "dosing period " + quoted(d.id) + ": the dispensing visit " + quoted(p_.visits[v].id) +
                                     " is outside " + quoted(p_.visits[d.from].id) + " .. " +
                                     quoted(p_.visits[d.to].id));
    }
  }

  void read_published(const toml::table& t) {
    format2_keys(t, "[published]", {"length"});
    check_keys(t, "[published]", {"injections", "treatment", "follow_up_end", "length", "source", "assumed", "note"});
    Published out;
    out.provenance = required_provenance(t, "[published]");
    out.where = location(t);
    if (const auto n = opt_int(t, "injections")) {
      if (*n < 0 || *n > 100000) fail(*t.get("injections"), "'injections' must be between 0 and 100000");
      out.injections = static_cast<int>(*n);
    }
    if (const toml::node* n = t.get("treatment")) out.treatment = duration(*n, "treatment");
    if (const toml::node* n = t.get("follow_up_end")) out.follow_up_end = duration(*n, "follow_up_end");
    if (const toml::node* n = t.get("length")) {
      out.length = duration(*n, "length");
      if (out.length->negative || out.length->is_zero()) fail(*n, "'length' must be a positive duration");
    }
    p_.published = std::move(out);
  }

  static std::optional<EndpointRole> parse_role(std::string_view role) {
    if (role == "primary") return EndpointRole::primary;
    if (role == "secondary") return EndpointRole::secondary;
    if (role == "exploratory") return EndpointRole::exploratory;
    return std::nullopt;
  }

  void read_endpoint(const toml::table& t) {
    check_keys(t, "[[endpoint]]",
               {"id", "label", "activity", "visit", "role", "published", "measure", "source", "assumed", "note"});
    Endpoint e;
    e.id = req_id(t, "[[endpoint]]");
    check_unique(endpoint_index_, p_.endpoints, e.id, t, "endpoint");
    const std::string context = "endpoint " + quoted(e.id);
    const std::string activity = req_string(t, "activity", context);
    const auto a = lookup(activity_index_, activity);
    if (!a) fail(*t.get("activity"), unknown("activity", activity, p_.activities));
    if (p_.activities[*a].kind != ActivityKind::assessment)
      fail(*t.get("activity"), context + " names " + quoted(activity) + ", an activity of kind \"" +
                                   std::string{to_string(p_.activities[*a].kind)} +
                                   "\": an endpoint reads out an activity of kind \"assessment\"");
    e.activity = *a;
    e.label = opt_string(t, "label").value_or(p_.activities[*a].instrument);
    const std::string visit = req_string(t, "visit", context);
    const auto v = lookup(visit_index_, visit);
    if (!v) fail(*t.get("visit"), unknown("visit", visit, p_.visits));
    const Visit& at = p_.visits[*v];
    if (std::find(at.activities.begin(), at.activities.end(), *a) == at.activities.end()) {
      std::string has;
      for (std::size_t i : at.activities) has += (has.empty() ? "" : ", ") + p_.activities[i].id;
      fail(*t.get("visit"), "visit " + quoted(visit) + " does not have the activity " + quoted(activity) +
                                " (its activities: " + has + "): name a visit where " + activity + " happens");
    }
    e.visit = *v;
    const std::string role = req_string(t, "role", context);
    const auto parsed = parse_role(role);
    if (!parsed)
      fail(*t.get("role"), "'role' must be \"primary\", \"secondary\" or \"exploratory\", got " + quoted(role));
    e.role = *parsed;
    if (const toml::node* n = t.get("published")) {
      e.published = duration(*n, "published");
      if (e.published->negative) fail(*n, "'published' must not be negative: it counts from Day 1");
    }
    e.measure = opt_string(t, "measure").value_or("");
    e.note = opt_string(t, "note").value_or("");
    e.provenance = required_provenance(t, context);
    e.where = location(t);
    p_.endpoints.push_back(std::move(e));
  }

  // [[trial_summary]]: one SDTM TS row the protocol states (planner/core/protocol.h, TrialSummaryEntry).
  void read_trial_summary(const toml::table& t) {
    check_keys(t, "[[trial_summary]]", {"parameter", "name", "value", "seq", "source", "assumed", "note"});
    TrialSummaryEntry e;
    e.parameter = req_string(t, "parameter", "[[trial_summary]]");
    const toml::node& code = *t.get("parameter");
    const auto known = ts_parameter_name(e.parameter);
    if (const auto name = opt_string(t, "name")) {
      e.name = *name;
    } else if (known) {
      e.name = std::string{*known};
    } else {
      const std::vector<std::string_view> codes = ts_parameter_codes();
      const std::string guess = closest_match(e.parameter, codes);
      fail(code, "unknown TS parameter " + quoted(e.parameter) +
                     (guess.empty() ? "" : "; did you mean " + quoted(guess) + "?") +
                     " (a parameter planner does not know needs its name = \"...\", the TSPARM)");
    }
    const std::string context = "[[trial_summary]] " + quoted(e.parameter);
    e.value = req_string(t, "value", context);
    if (e.value.empty()) fail(*t.get("value"), context + " has an empty 'value'");
    int& last = ts_seq_[e.parameter];
    e.seq = last + 1;
    if (const auto seq = opt_int(t, "seq")) {
      if (*seq <= last || *seq > 9999)
        fail(*t.get("seq"), "'seq' of " + quoted(e.parameter) + " must be above " + std::to_string(last) +
                                " (its rows count up in file order), at most 9999, got " + std::to_string(*seq));
      e.seq = static_cast<int>(*seq);
    }
    last = e.seq;
    e.provenance = required_provenance(t, context);
    e.where = location(t);
    p_.trial_summary.push_back(std::move(e));
  }

  void read_check(const toml::table& t) {
    check_keys(t, "[check]", {"tolerate", "source", "assumed", "note"});
    std::vector<std::string_view> deviations;  // the verdicts that can be tolerated
    for (const Verdict v : kVerdicts)
      if (is_deviation(v)) deviations.push_back(to_string(v));
    string_array(t, "tolerate", [&](const std::string& name, const toml::node& n) {
      const auto v = parse_verdict(name);
      if (!v) {
        const std::string guess = closest_match(name, deviations);
        fail(n, "unknown verdict " + quoted(name) + (guess.empty() ? "" : "; did you mean " + quoted(guess) + "?"));
      } else if (!is_deviation(*v)) {
        std::string list;
        for (std::string_view d : deviations) list += (list.empty() ? "" : ", ") + std::string{d};
        fail(n, "verdict " + quoted(name) + " is not a deviation; 'tolerate' lists deviations (" + list + ")");
      } else {
        p_.check_tolerates.push_back(*v);
      }
    });
  }

  void read_analysis_window(const toml::table& t) {
    check_keys(t, "[[analysis_window]]", {"name", "target", "lower", "upper", "ties", "source", "assumed"});
    AnalysisWindow w;
    w.name = req_string(t, "name", "[[analysis_window]]");
    const std::string context = "analysis window " + quoted(w.name);
    w.provenance = required_provenance(t, context);
    const auto day = [&](std::string_view key) -> std::optional<StudyDay> {
      const auto n = opt_int(t, key);
      if (!n) return std::nullopt;
      const auto d = *n < -100000 || *n > 100000 ? std::nullopt : StudyDay::from_number(static_cast<int>(*n));
      if (!d) fail(*t.get(key), quoted(key) + " must be a study day (no day 0; -100000..100000)");
      return d;
    };
    const auto target = day("target");
    if (!target) fail(t, context + " is missing the required key 'target' (a study day)");
    w.target = *target;
    w.lower = day("lower");
    w.upper = day("upper");
    if (!w.contains(w.target)) fail(*t.get("target"), "the target day is outside the window's lower..upper");
    if (const auto ties = opt_string(t, "ties")) {
      if (*ties != "later" && *ties != "earlier")
        fail(*t.get("ties"), "'ties' must be \"later\" or \"earlier\", got " + quoted(*ties));
      w.ties_later = *ties == "later";
    }
    if (!window_names_.insert(w.name).second) fail(*t.get("name"), "duplicate analysis window " + quoted(w.name));
    p_.analysis_windows.push_back(std::move(w));
  }

  void read_lint(const toml::table& t) {
    check_keys(t, "[lint]", {"accept"});
    for_each_table(t, "accept", false, [&](const toml::table& a) {
      check_keys(a, "[[lint.accept]]", {"rule", "visit", "reason"});
      LintAccept accept;
      accept.rule = req_string(a, "rule", "[[lint.accept]]");
      const auto rules = lint_rules();
      if (accept.rule == "load" || std::find(rules.begin(), rules.end(), accept.rule) == rules.end()) {
        std::vector<std::string_view> names;
        for (std::string_view r : rules)
          if (r != "load") names.push_back(r);
        const std::string guess = closest_match(accept.rule, names);
        fail(*a.get("rule"),
             "unknown lint rule " + quoted(accept.rule) +
                 (guess.empty() ? "; see 'planner lint --help'" : "; did you mean " + quoted(guess) + "?"));
      }
      if (const auto visit = opt_string(a, "visit")) {
        if (!lookup(visit_index_, *visit)) fail(*a.get("visit"), unknown("visit", *visit, p_.visits));
        accept.visit = *visit;
      }
      accept.reason = req_string(a, "reason", "[[lint.accept]]");
      accept.where = location(a);
      p_.lint_accepts.push_back(std::move(accept));
    });
  }

  Protocol p_;
  // id -> index in p_.arms, p_.strata, p_.epochs, p_.events, p_.activities, p_.visits (visits once all are read)
  Index arm_index_, stratum_index_, epoch_index_, event_index_, activity_index_, visit_index_, constraint_index_,
      period_index_, endpoint_index_, element_index_;
  std::vector<const toml::table*> arm_tables_;  // per arm, for its `elements` once [[element]] is read
  std::map<std::string, int> ts_seq_;           // [[trial_summary]]: the last TSSEQ of each parameter
  std::map<double, std::size_t> visitnums_;     // visitnum -> visit index
  std::set<std::string> window_names_;
};

}  // namespace

Protocol parse_protocol(const std::string& text, const std::string& name) {
  const SourceText src{name, text};
  return Reader{src}.read();
}

Protocol load_protocol(const std::string& path) { return parse_protocol(read_file(path), path); }

MigratedProtocol migrate_protocol(const std::string& text, const std::string& name) {
  const Protocol before = parse_protocol(text, name);
  if (before.format >= 2) return {text, before.format};
  // The file parsed, so its `format` key is an integer at the top level; its token is replaced in place.
  const toml::table root = toml::parse(text, name);
  const toml::source_region at = root.get("format")->source();
  const auto offset = [&](const toml::source_position& pos) {
    std::size_t byte = 0;
    for (int line = 1; line < static_cast<int>(pos.line); ++line) byte = text.find('\n', byte) + 1;
    for (unsigned column = 1; column < pos.column; ++column)  // columns count code points
      for (++byte; byte < text.size() && (static_cast<unsigned char>(text[byte]) & 0xC0) == 0x80;) ++byte;
    return byte;
  };
  const std::size_t begin = offset(at.begin), end = offset(at.end);
  std::string out = text.substr(0, begin) + "2" + text.substr(end);
  if (parse_protocol(out, name).format != 2)
    throw std::logic_error{"migrate_protocol: the rewritten " + name + " does not read as format 2"};
  return {std::move(out), 1};
}

}  // namespace planner
