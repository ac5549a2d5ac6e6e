#include "planner/io/interop/usdm/import.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string_view>

#include "planner/core/error.h"
#include "planner/core/spelling.h"
#include "planner/io/iso8601.h"
#include "planner/io/read/protocol.h"
#include "planner/io/source_text.h"
#include "planner/io/text_check.h"

namespace planner {
namespace {

using json = nlohmann::json;

// ---- ISO 8601 durations as USDM writes them ------------------------------------------------------------

// PnYnMnWnDTnHnMnS: each part optional (at least one), in this order, a decimal fraction ('.' or ',') on the
// last part only, no sign ("Before"/"After" says the direction).
struct IsoDuration {
  double years = 0, months = 0, weeks = 0, days = 0, hours = 0, minutes = 0, seconds = 0;
  bool fraction = false;
  bool time_part() const { return hours != 0 || minutes != 0 || seconds != 0; }
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// planner's quoted() (source_text.h), named apart from std::quoted, which argument-dependent lookup finds too.
std::string q(std::string_view text, std::size_t max = 60) { return planner::quoted(text, max); }

std::optional<IsoDuration> parse_iso_duration(std::string_view s) {
  if (s.empty() || s.front() != 'P') return std::nullopt;
  s.remove_prefix(1);
  IsoDuration d;
  double* const date_fields[] = {&d.years, &d.months, &d.weeks, &d.days};
  double* const time_fields[] = {&d.hours, &d.minutes, &d.seconds};
  bool in_time = false, any = false;
  std::size_t next = 0;  // the first unit still allowed (units come in order)
  while (!s.empty()) {
    if (s.front() == 'T') {
      if (in_time) return std::nullopt;
      in_time = true;
      next = 0;
      s.remove_prefix(1);
      if (s.empty()) return std::nullopt;  // "PT" and "P1DT" name no time
      continue;
    }
    if (d.fraction) return std::nullopt;  // only the last part may have a fraction
    std::size_t n = 0;
    while (n < s.size() && is_digit(s[n])) ++n;
    if (n == 0 || n > 9) return std::nullopt;
    double value = 0;
    for (std::size_t i = 0; i < n; ++i) value = value * 10 + (s[i] - '0');
    if (n < s.size() && (s[n] == '.' || s[n] == ',')) {
      std::size_t f = n + 1;
      double scale = 0.1;
      while (f < s.size() && is_digit(s[f])) {
        value += (s[f] - '0') * scale;
        scale /= 10;
        ++f;
      }
      if (f == n + 1 || f - n - 1 > 9) return std::nullopt;
      d.fraction = true;
      n = f;
    }
    if (n >= s.size()) return std::nullopt;  // a number without unit
    const std::string_view units = in_time ? "HMS" : "YMWD";
    const std::size_t unit = units.find(s[n], next);
    if (unit == std::string_view::npos) return std::nullopt;
    *(in_time ? time_fields[unit] : date_fields[unit]) = value;
    next = unit + 1;
    any = true;
    s.remove_prefix(n + 1);
  }
  if (!any) return std::nullopt;
  return d;
}

// A USDM duration in planner's terms: calendar years and months, and whole days. Time parts and fractions
// become days, rounded down (windows: the imported window stays inside the USDM one) or to the nearest day
// (offsets); `approximated` says whether that changed the value.
struct PlannerDuration {
  Duration value;
  bool approximated = false;
};

constexpr double kDaysPerYear = 365.2425;  // Gregorian averages, for fractions of years and months only
constexpr double kDaysPerMonth = kDaysPerYear / 12;
constexpr std::size_t kSharedListed = 8;  // visits named in a note on a shared encounter or a condition, at most

std::optional<PlannerDuration> to_planner(const IsoDuration& d, bool round_down) {
  const double whole_years = std::floor(d.years), whole_months = std::floor(d.months);
  const double total = d.weeks * 7 + d.days + (d.years - whole_years) * kDaysPerYear +
                       (d.months - whole_months) * kDaysPerMonth +
                       (d.hours * 3600 + d.minutes * 60 + d.seconds) / 86400.0;
  const double rounded = round_down ? std::floor(total + 1e-9) : std::floor(total + 0.5);
  // planner's own limits (planner/io/iso8601.h); checked before any conversion to int
  if (whole_years > 300 || whole_months > 3600 || rounded > 110000) return std::nullopt;
  PlannerDuration out;
  out.value.years = static_cast<int>(whole_years);
  out.value.months = static_cast<int>(whole_months);
  if (!d.fraction && !d.time_part() && d.weeks <= 15715) {  // as written: P2W stays P2W
    out.value.weeks = static_cast<int>(d.weeks);
    out.value.days = static_cast<int>(d.days);
  } else {
    out.value.days = static_cast<int>(rounded);
    out.approximated = std::fabs(total - rounded) > 1e-9;
  }
  return out;
}

double approximate_days(const Duration& d) {
  const double n = d.years * kDaysPerYear + d.months * kDaysPerMonth + d.weeks * 7 + d.days;
  return d.negative ? -n : n;
}

// ---- text --------------------------------------------------------------------------------------------

bool is_alnum(char c) { return is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// A planner id from a USDM name: each run of characters outside A-Z a-z 0-9 _ . - (with the _ . - next to
// them) becomes one '-' when it holds a '-', '_' otherwise; '_' is trimmed from both ends; at most `max`.
//   "Vital signs / Temperature" -> "Vital_signs_Temperature", "CDISC PILOT - LZZT" -> "CDISC_PILOT-LZZT",
//   "CIBIC+" -> "CIBIC", "NPI-X" -> "NPI-X"
std::string sanitize_id(std::string_view text, std::size_t max) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    if (is_alnum(text[i])) {
      out += text[i++];
      continue;
    }
    std::size_t j = i;
    bool dash = false, foreign = false;
    for (; j < text.size() && !is_alnum(text[j]); ++j) {
      dash = dash || text[j] == '-';
      foreign = foreign || (text[j] != '-' && text[j] != '_' && text[j] != '.');
    }
    if (foreign)
      out += dash ? '-' : '_';
    else
      out += text.substr(i, j - i);
    i = j;
  }
  const auto trim = [](std::string& s) {
    while (!s.empty() && s.back() == '_') s.pop_back();
    s.erase(0, std::min(s.find_first_not_of('_'), s.size()));
  };
  trim(out);
  if (out.size() > max) out.resize(max);
  trim(out);
  return out;
}

// Unique ids of one kind.
class IdMaker {
 public:
  explicit IdMaker(std::size_t max = 32) : max_{max} {}
  std::string make(std::string_view preferred, std::string_view fallback) {
    std::string base = sanitize_id(preferred, max_);
    if (base.empty()) base = sanitize_id(fallback, max_);
    if (base.empty()) base = "X";
    std::string id = base;
    // The first free of base, base_2, base_3...: ids are only ever taken, so the search for a base goes on
    // from where it last stopped (linear in all, not quadratic when thousands share a name).
    int& n = next_.try_emplace(base, 2).first->second;
    for (; taken_.count(id); ++n) {
      const std::string suffix = "_" + std::to_string(n);
      id = base.substr(0, std::min(base.size(), max_ - suffix.size())) + suffix;
    }
    taken_.insert(id);
    return id;
  }

 private:
  std::size_t max_;
  std::set<std::string> taken_;
  std::map<std::string, int> next_;  // base -> the suffix to try first
};

// USDM text as planner reads it back (check_text, free text): CRLF and CR become LF, any other character
// planner refuses (a control character, a bidi control) becomes U+FFFD.
std::string readable_text(std::string_view s) {
  std::string out;
  while (const auto problem = check_text(s, TextKind::multiline)) {
    out += s.substr(0, problem->offset);
    const bool cr = s[problem->offset] == '\r';
    if (!cr) out += "\uFFFD";
    else if (problem->offset + 1 == s.size() || s[problem->offset + 1] != '\n') out += '\n';
    s.remove_prefix(problem->offset + problem->length);
  }
  return out += s;
}

// A TOML basic string: backslash, quote and control characters escaped.
std::string toml_string(std::string_view text) {
  const std::string s = readable_text(text);
  std::string out = "\"";
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          static constexpr char kHex[] = "0123456789ABCDEF";
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xF];
        } else {
          out += ch;
        }
    }
  }
  return out + "\"";
}

// `key = [items]`, wrapped under the opening bracket past 110 columns.
std::string toml_array_line(std::string_view key, const std::vector<std::string>& items) {
  std::string out = std::string{key} + " = [";
  const std::size_t indent = out.size();
  std::size_t column = indent;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string item = toml_string(items[i]);
    if (i > 0 && column + 2 + item.size() > 110) {
      out += ",\n" + std::string(indent, ' ');
      column = indent;
    } else if (i > 0) {
      out += ", ";
      column += 2;
    }
    out += item;
    column += item.size();
  }
  return out + "]\n";
}

bool same_text(std::string_view a, std::string_view b) {  // ASCII case-insensitive
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

// ---- the importer --------------------------------------------------------------------------------------

// A named USDM object: an arm, epoch, encounter, activity, instance...
struct Named {
  std::string id, name, label, pointer;
  std::string shown() const { return label.empty() ? (name.empty() ? id : name) : label; }
};

struct UsdmActivity : Named {
  std::string timeline;  // an activity that runs a timeline of its own
};

struct Organization : Named {
  std::string type;  // the decode of its type: "Clinical Study Sponsor", "Study Registry"...
};

struct Instance : Named {
  bool decision = false;  // a ScheduledDecisionInstance
  std::string encounter, epoch, timeline;
  std::vector<std::string> activities;
  std::string who() const { return (name.empty() ? id : name + " (" + id + ")"); }
};

struct Timing : Named {
  std::string type;  // "Fixed Reference", "Before", "After" as written
  std::string value, from, to, relative, lower, upper, window_label;
  bool fixed() const { return same_text(type, "Fixed Reference"); }
  bool before() const { return same_text(type, "Before"); }
};

// Where an instance lands in the protocol.
struct Placement {
  bool done = false;
  bool imported = false;
  std::string why_not;                  // when not imported
  std::optional<std::size_t> timing;    // index into timings_
  std::optional<std::size_t> after;     // instance index; none: from Day 1
  Duration at;
  double approximate_offset = 0;        // days from Day 1, for ordering the visits
  std::vector<std::string> assumed;     // approximations of the timing
  Duration early, late;                 // the window: windowLower, windowUpper in whole days
  std::vector<std::string> window_assumed;
  std::string window_report;            // when the window was approximated
};

class Importer {
 public:
  Importer(const std::string& text, const std::string& name, const std::string& timeline)
      : src_{name, text}, file_{std::filesystem::path{name}.filename().string()}, wanted_{timeline} {}

  UsdmImport run() {
    parse();
    const Node root{&root_, ""};
    expect_object(root, "a USDM study: a JSON object with \"study\"");
    const Node study = child(root, "study");
    expect_object(study, "the USDM Study object");
    const Node versions = child(study, "versions");
    const std::size_t version_count = expect_array(versions, "an array of study versions");
    if (version_count == 0) fail(versions.pointer, "expected at least one study version, got an empty array");
    const Node version = item(versions, 0);
    expect_object(version, "a StudyVersion object");
    const Node designs = child(version, "studyDesigns");
    const std::size_t design_count = expect_array(designs, "an array of study designs");
    if (design_count == 0) fail(designs.pointer, "expected at least one study design, got an empty array");
    const Node design = item(designs, 0);
    expect_object(design, "a StudyDesign object");
    if (version_count > 1)
      top_.push_back("the study has " + std::to_string(version_count) + " versions: only the first, " +
                     req_string(child(version, "id"), "an id") + ", is imported");
    if (design_count > 1)
      top_.push_back("study version " + req_string(child(version, "id"), "an id") + " has " +
                     std::to_string(design_count) + " study designs: only the first, " +
                     req_string(child(design, "id"), "an id") + ", is imported");

    read_study(root, study, version, design);
    arms_ = read_named<Named>(child(design, "arms"), "a StudyArm object");
    epochs_ = read_named<Named>(child(design, "epochs"), "a StudyEpoch object");
    encounters_ = read_named<Named>(child(design, "encounters"), "an Encounter object");
    activities_ = read_named<UsdmActivity>(child(design, "activities"), "an Activity object",
                                           [&](UsdmActivity& a, const Node& n) {
                                             a.timeline = opt_string(child(n, "timelineId"));
                                           });
    epoch_index_ = index_of(epochs_);
    encounter_index_ = index_of(encounters_);
    activity_index_ = index_of(activities_);
    read_timeline(design);
    place_all();
    read_conditions(version, design);
    return write();
  }

 private:
  struct Node {
    const json* value = nullptr;  // null when absent
    std::string pointer;          // RFC 6901
  };

  // ---- JSON access: every failure names the JSON pointer -------------------------------------------------

  [[noreturn]] void fail(const std::string& pointer, const std::string& message) const {
    throw InputError{src_.error(0, 0, pointer.empty() ? message : pointer + ": " + message)};
  }

  void parse() {
    try {
      root_ = json::parse(src_.text(), nullptr, true, false);
    } catch (const json::parse_error& e) {
      // e.byte is the 1-based position of the character that did not fit
      const std::size_t at = std::min<std::size_t>(e.byte == 0 ? 0 : e.byte - 1, src_.text().size());
      int line = 1, column = 1;
      for (std::size_t i = 0; i < at; ++i) {
        const char c = src_.text()[i];
        if (c == '\n') {
          ++line;
          column = 1;
        } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
          ++column;
        }
      }
      std::string what = e.what();  // "[json.exception.parse_error.101] parse error at line 1, column 2: <what>"
      if (const auto colon = what.find(": "); colon != std::string::npos) what = what.substr(colon + 2);
      throw InputError{src_.error(line, column, "malformed JSON: " + printable(what, 200))};
    } catch (const json::exception& e) {  // e.g. a number too large for a double
      std::string what = e.what();
      if (const auto bracket = what.find("] "); bracket != std::string::npos) what = what.substr(bracket + 2);
      throw InputError{src_.error(0, 0, "malformed JSON: " + printable(what, 200))};
    }
  }

  static std::string escape(std::string_view key) {
    std::string out;
    for (const char c : key) out += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
    return out;
  }

  // The member `key` of an object node (callers have checked that it is one).
  static Node child(const Node& object, std::string_view key) {
    Node out{nullptr, object.pointer + "/" + escape(key)};
    if (object.value && object.value->is_object()) {
      const auto it = object.value->find(key);
      if (it != object.value->end()) out.value = &*it;
    }
    return out;
  }

  static Node item(const Node& array, std::size_t i) {
    return Node{&(*array.value)[i], array.pointer + "/" + std::to_string(i)};
  }

  static std::string got(const json* j) {
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

  template <typename T, typename Extra>
  std::vector<T> read_named(const Node& list, std::string_view what, Extra&& extra) {
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
  std::vector<T> read_named(const Node& list, std::string_view what) {
    return read_named<T>(list, what, [](T&, const Node&) {});
  }

  using IdIndex = std::map<std::string, std::size_t, std::less<>>;  // id -> index (ids are unique)

  template <typename T>
  static IdIndex index_of(const std::vector<T>& items) {
    IdIndex out;
    for (std::size_t i = 0; i < items.size(); ++i) out.emplace(items[i].id, i);
    return out;
  }

  template <typename T>
  static const T* find(const std::vector<T>& items, const IdIndex& index, std::string_view id) {
    const auto it = index.find(id);
    return it == index.end() ? nullptr : &items[it->second];
  }

  // ---- study ---------------------------------------------------------------------------------------------

  void read_study(const Node& root, const Node& study, const Node& version, const Node& design) {
    usdm_version_ = opt_string(child(root, "usdmVersion"));
    system_ = join({opt_string(child(root, "systemName")), opt_string(child(root, "systemVersion"))}, " ");
    study_name_ = opt_string(child(study, "name"));
    const std::string study_id = opt_string(child(study, "id"));
    study_id_ = sanitize_id(study_name_, 64);
    if (study_id_.empty()) study_id_ = sanitize_id(study_id, 64);
    if (study_id_.empty()) study_id_ = "usdm-study";
    version_id_ = req_string(child(version, "id"), "an id");
    design_id_ = req_string(child(design, "id"), "an id");
    design_name_ = opt_string(child(design, "label"));
    if (design_name_.empty()) design_name_ = opt_string(child(design, "name"));

    // The title: the Official Study Title, else the Brief Study Title, else the first.
    const Node titles = child(version, "titles");
    int best = 3;
    for (std::size_t i = 0, n = opt_array(titles); i < n; ++i) {
      const Node t = item(titles, i);
      expect_object(t, "a StudyTitle object");
      const std::string text = opt_string(child(t, "text"));
      const std::string type = decode(child(t, "type"));
      const int rank = same_text(type, "Official Study Title") ? 0 : same_text(type, "Brief Study Title") ? 1 : 2;
      if (text.empty() || rank >= best) continue;
      best = rank;
      title_ = text;
      title_source_ = req_string(child(t, "id"), "an id") + (type.empty() ? "" : " (" + type + ")");
    }
    if (title_.empty()) title_ = opt_string(child(study, "label"));

    std::vector<std::string> design_parts;
    for (const char* key : {"studyType", "model", "blindingSchema", "studyPhase"})
      if (std::string d = decode(child(design, key)); !d.empty()) design_parts.push_back(d);
    design_ = join(design_parts, "; ");

    std::vector<std::string> conditions;
    std::set<std::string> seen_conditions;
    const Node indications = child(design, "indications");
    for (std::size_t i = 0, n = opt_array(indications); i < n; ++i) {
      const Node x = item(indications, i);
      expect_object(x, "an Indication object");
      std::string c = opt_string(child(x, "label"));
      if (c.empty()) c = opt_string(child(x, "name"));
      if (!c.empty() && seen_conditions.insert(c).second) conditions.push_back(c);
    }
    condition_ = join(conditions, "; ");

    // Identifiers; those scoped by a study registry go to `registry`.
    const auto organizations =
        read_named<Organization>(child(version, "organizations"), "an Organization object",
                                 [&](Organization& o, const Node& n) { o.type = decode(child(n, "type")); });
    const IdIndex organization_index = index_of(organizations);
    const Node identifiers = child(version, "studyIdentifiers");
    std::vector<std::string> listed;
    for (std::size_t i = 0, n = opt_array(identifiers); i < n; ++i) {
      const Node x = item(identifiers, i);
      expect_object(x, "a StudyIdentifier object");
      const std::string text = opt_string(child(x, "text"));
      if (text.empty()) continue;
      const Organization* org = find(organizations, organization_index, opt_string(child(x, "scopeId")));
      listed.push_back(text + (org ? " (" + org->shown() + ")" : ""));
      if (org && org->type.find("Registry") != std::string::npos) registry_.push_back(text);
    }
    if (!listed.empty()) study_note_ = "USDM study identifiers: " + join(listed, ", ");
  }

  // ---- the timeline --------------------------------------------------------------------------------------

  void read_timeline(const Node& design) {
    const Node timelines = child(design, "scheduleTimelines");
    const std::size_t count = expect_array(timelines, "an array of schedule timelines");
    std::vector<std::string> names;  // for messages: "id 'name'"
    std::vector<std::string> keys;   // ids, names and labels, for "did you mean"
    std::optional<std::size_t> chosen;
    for (std::size_t i = 0; i < count; ++i) {
      const Node t = item(timelines, i);
      expect_object(t, "a ScheduleTimeline object");
      const std::string id = req_string(child(t, "id"), "an id");
      const std::string name = opt_string(child(t, "name")), label = opt_string(child(t, "label"));
      names.push_back(id + (name.empty() ? "" : " " + q(name)));
      for (const std::string& k : {id, name, label})
        if (!k.empty()) keys.push_back(k);
      const bool match = wanted_.empty() ? opt_bool(child(t, "mainTimeline"))
                                         : (wanted_ == id || wanted_ == name || wanted_ == label);
      if (match && !chosen) chosen = i;
    }
    if (!chosen && wanted_.empty())
      fail(timelines.pointer, "no timeline has \"mainTimeline\": true; choose one with --timeline (timelines: " +
                                  (names.empty() ? std::string{"none"} : join(names, ", ")) + ")");
    if (!chosen) {
      std::vector<std::string_view> views{keys.begin(), keys.end()};
      const std::string guess = closest_match(wanted_, views);
      const std::string known = names.empty() ? std::string{"none"} : join(names, ", ");
      fail(timelines.pointer, "--timeline: no timeline has the id, name or label " + q(wanted_) +
                                  (guess.empty() ? " (timelines: " + known + ")" : "; did you mean " + q(guess) + "?"));
    }

    const Node timeline = item(timelines, *chosen);
    timeline_id_ = req_string(child(timeline, "id"), "an id");
    timeline_name_ = opt_string(child(timeline, "name"));
    timeline_pointer_ = timeline.pointer;
    read_instances(child(timeline, "instances"));
    read_timings(child(timeline, "timings"));

    for (std::size_t i = 0; i < count; ++i)
      if (i != *chosen) report_other_timeline(item(timelines, i));
  }

  void read_instances(const Node& list) {
    const std::size_t n = expect_array(list, "an array of scheduled instances");
    std::map<std::string, std::string> seen;
    for (std::size_t i = 0; i < n; ++i) {
      const Node x = item(list, i);
      expect_object(x, "a ScheduledActivityInstance or ScheduledDecisionInstance object");
      Instance s;
      s.id = req_string(child(x, "id"), "an id");
      if (const auto [it, fresh] = seen.emplace(s.id, x.pointer); !fresh)
        fail(x.pointer + "/id", "duplicate id " + q(s.id) + " (also at " + it->second + ")");
      instance_index_.emplace(s.id, instances_.size());
      s.name = opt_string(child(x, "name"));
      s.label = opt_string(child(x, "label"));
      s.pointer = x.pointer;
      s.decision = opt_string(child(x, "instanceType")) == "ScheduledDecisionInstance";
      s.encounter = opt_string(child(x, "encounterId"));
      if (!s.encounter.empty() && !find(encounters_, encounter_index_, s.encounter))
        fail(x.pointer + "/encounterId", "unknown encounter " + q(s.encounter));
      s.epoch = opt_string(child(x, "epochId"));
      if (!s.epoch.empty() && !find(epochs_, epoch_index_, s.epoch))
        fail(x.pointer + "/epochId", "unknown epoch " + q(s.epoch));
      s.timeline = opt_string(child(x, "timelineId"));
      const Node ids = child(x, "activityIds");
      s.activities = opt_strings(ids);
      for (std::size_t k = 0; k < s.activities.size(); ++k)
        if (!find(activities_, activity_index_, s.activities[k]))
          fail(ids.pointer + "/" + std::to_string(k), "unknown activity " + q(s.activities[k]));
      instances_.push_back(std::move(s));
    }
  }

  std::optional<std::size_t> instance_index(std::string_view id) const {
    const auto it = instance_index_.find(id);
    return it == instance_index_.end() ? std::nullopt : std::optional{it->second};
  }

  std::size_t known_instance(const Node& n, std::string_view what) const {
    const std::string id = req_string(n, what);
    if (const auto i = instance_index(id)) return *i;
    fail(n.pointer, "unknown instance " + q(id) + " (not an instance of timeline " + timeline_id_ + ")");
  }

  void read_timings(const Node& list) {
    const std::size_t n = opt_array(list);
    for (std::size_t i = 0; i < n; ++i) {
      const Node x = item(list, i);
      expect_object(x, "a Timing object");
      Timing t;
      t.id = req_string(child(x, "id"), "an id");
      t.name = opt_string(child(x, "name"));
      t.label = opt_string(child(x, "label"));
      t.pointer = x.pointer;
      const Node type = child(x, "type");
      t.type = decode(type);
      if (!t.fixed() && !t.before() && !same_text(t.type, "After"))
        fail(type.pointer + "/decode", "expected a timing type \"Fixed Reference\", \"Before\" or \"After\", got " +
                                           (t.type.empty() ? std::string{"nothing"} : q(t.type)));
      t.value = opt_string(child(x, "value"));
      const Node from = child(x, "relativeFromScheduledInstanceId");
      t.from = instances_[known_instance(from, "the id of the instance it times")].id;
      const Node to = child(x, "relativeToScheduledInstanceId");
      if (!t.fixed() || (to.value && !to.value->is_null()))
        t.to = instances_[known_instance(to, "the id of the instance it is relative to")].id;
      t.relative = decode(child(x, "relativeToFrom"));
      t.lower = opt_string(child(x, "windowLower"));
      t.upper = opt_string(child(x, "windowUpper"));
      t.window_label = opt_string(child(x, "windowLabel"));
      timings_.push_back(std::move(t));
    }
    placements_.resize(instances_.size());
    for (std::size_t i = 0; i < timings_.size(); ++i) {
      if (!anchor_timing_ && timings_[i].fixed()) anchor_timing_ = i;
    }
    if (!anchor_timing_)
      fail(list.pointer, "no timing of type \"Fixed Reference\": planner needs the instance that is Day 1");
    anchor_ = *instance_index(timings_[*anchor_timing_].from);
    placements_[anchor_].timing = anchor_timing_;
    for (std::size_t i = 0; i < timings_.size(); ++i) {  // each instance is timed by its first timing
      const std::size_t k = *instance_index(timings_[i].from);
      if (!placements_[k].timing)
        placements_[k].timing = i;
      else if (*placements_[k].timing != i)
        extra_timings_[k].push_back(i);
    }
  }

  void report_other_timeline(const Node& t) {
    // Only named for the reader: nothing of it is imported, so its contents are not checked.
    const auto text = [&](std::string_view key) {
      const Node n = child(t, key);
      return n.value && n.value->is_string() ? n.value->get<std::string>() : std::string{};
    };
    std::vector<std::string> names;
    const Node list = child(t, "instances");
    if (list.value && list.value->is_array())
      for (const json& x : *list.value) {
        if (!x.is_object()) continue;
        const auto name = x.find("name"), id = x.find("id");
        if (name != x.end() && name->is_string() && !name->get_ref<const std::string&>().empty())
          names.push_back(name->get<std::string>());
        else if (id != x.end() && id->is_string())
          names.push_back(id->get<std::string>());
      }
    const std::string entry = text("entryCondition");
    top_.push_back("timeline " + text("id") + " " + q(text("name")) +
                   (entry.empty() ? "" : " (entered when " + q(entry) + ")") + " with " +
                   std::to_string(names.size()) + (names.size() == 1 ? " instance" : " instances") +
                   (names.empty() ? "" : " (" + join(names, ", ") + ")") +
                   " is not imported: a protocol file holds one timeline (choose it with --timeline)");
  }

  // ---- placing the instances -----------------------------------------------------------------------------

  // The instance a Before/After timing places `k` relative to; none for the anchor, a Fixed Reference, an
  // instance without timing or a decision instance.
  std::optional<std::size_t> reference_of(std::size_t k) const {
    const Placement& p = placements_[k];
    if (instances_[k].decision || !p.timing) return std::nullopt;
    const Timing& t = timings_[*p.timing];
    if (t.fixed()) return std::nullopt;
    return instance_index(t.to);
  }

  void place_all() {
    std::vector<bool> on_path(instances_.size(), false);
    for (std::size_t start = 0; start < instances_.size(); ++start) {
      std::vector<std::size_t> path;
      for (std::optional<std::size_t> k = start; k && !placements_[*k].done; k = reference_of(*k)) {
        if (on_path[*k]) {  // back to an instance of this chain: a cycle
          std::string chain;
          const auto from = std::find(path.begin(), path.end(), *k);
          for (auto it = from; it != path.end(); ++it) chain += instances_[*it].who() + " -> ";
          const Timing& closing = timings_[*placements_[path.back()].timing];
          fail(closing.pointer + "/relativeToScheduledInstanceId",
               "the timings form a cycle: " + chain + instances_[*k].who());
        }
        on_path[*k] = true;
        path.push_back(*k);
      }
      for (auto it = path.rbegin(); it != path.rend(); ++it) {
        place(*it);
        on_path[*it] = false;
      }
    }
  }

  Duration duration(const std::string& text, const std::string& pointer, bool round_down, std::string_view what,
                    std::vector<std::string>& approximations) const {
    const auto iso = parse_iso_duration(text);
    if (!iso) fail(pointer, "expected an ISO 8601 duration such as P2W, got " + q(text));
    const auto d = to_planner(*iso, round_down);
    if (!d)
      fail(pointer, q(text) + " is too long for planner (at most 300 years, 3600 months or 110000 days)");
    if (d->approximated)
      approximations.push_back(std::string{what} + " " + text + (round_down ? " rounded down" : " rounded") + " to " +
                               format_duration(d->value));
    return d->value;
  }

  void place(std::size_t k) {
    Placement& p = placements_[k];
    p.done = true;
    const Instance& s = instances_[k];
    if (s.decision) {
      p.why_not = "decision instance " + s.who() + " is not imported: planner has no branching schedules";
      return;
    }
    if (!p.timing) {
      p.why_not = "instance " + s.who() + " has no timing (no timing has it as relativeFromScheduledInstanceId)";
      return;
    }
    const Timing& t = timings_[*p.timing];
    if (t.fixed()) {
      if (k != anchor_) {
        p.why_not = "instance " + s.who() + " is timed by a second Fixed Reference, " + t.id +
                    " (the first, " + timings_[*anchor_timing_].id + ", is Day 1): planner has one Day 1";
        return;
      }
      p.imported = true;
      place_window(p, t);
      return;  // at P0D
    }
    const std::size_t ref = *instance_index(t.to);
    if (!placements_[ref].imported) {
      p.why_not = "instance " + s.who() + " is timed from " + instances_[ref].who() + " (timing " + t.id +
                  "), which is not imported";
      return;
    }
    p.at = duration(t.value, t.pointer + "/value", false, "the timing value", p.assumed);
    p.at.negative = t.before() && !p.at.is_zero();
    if (ref != anchor_) p.after = ref;
    p.approximate_offset = placements_[ref].approximate_offset + approximate_days(p.at);
    p.imported = true;
    place_window(p, t);
  }

  // early = windowLower, late = windowUpper, in whole days (rounded down); P0D where USDM gives none.
  void place_window(Placement& p, const Timing& t) const {
    if (t.lower.empty() && t.upper.empty()) {
      p.window_assumed.push_back("USDM gives no window");
      return;
    }
    if (t.lower.empty()) p.window_assumed.push_back("USDM gives no windowLower");
    if (t.upper.empty()) p.window_assumed.push_back("USDM gives no windowUpper");
    std::vector<std::string> approximations;
    if (!t.lower.empty()) p.early = duration(t.lower, t.pointer + "/windowLower", true, "windowLower", approximations);
    if (!t.upper.empty()) p.late = duration(t.upper, t.pointer + "/windowUpper", true, "windowUpper", approximations);
    if (approximations.empty()) return;
    const std::string shown = (t.lower.empty() ? "-" : t.lower) + ".." + (t.upper.empty() ? "-" : t.upper) +
                              (t.window_label.empty() ? "" : " (" + q(t.window_label) + ")");
    p.window_report = "window " + shown + " imported as " + format_duration(p.early) + ".." +
                      format_duration(p.late) + " (planner windows are whole days)";
    p.window_assumed.push_back("USDM window " + shown + " is not in whole days: " + join(approximations, ", "));
  }

  // ---- conditions ----------------------------------------------------------------------------------------

  void read_conditions(const Node& version, const Node& design) {
    for (const Node& holder : {version, design}) {
      const Node list = child(holder, "conditions");
      for (std::size_t i = 0, n = opt_array(list); i < n; ++i) {
        const Node c = item(list, i);
        expect_object(c, "a Condition object");
        const std::string id = req_string(child(c, "id"), "an id");
        const std::string name = opt_string(child(c, "label")).empty() ? opt_string(child(c, "name"))
                                                                       : opt_string(child(c, "label"));
        const std::string text = opt_string(child(c, "text"));
        const std::vector<std::string> contexts = opt_strings(child(c, "contextIds"));
        const std::vector<std::string> applies = opt_strings(child(c, "appliesToIds"));
        // The imported visits it concerns: those of its contexts (every visit when it names none) that are,
        // have the encounter of, or list an activity it applies to.
        std::set<std::string> targets;
        std::vector<std::size_t> visits;
        for (std::size_t k = 0; k < instances_.size(); ++k) {
          const Instance& s = instances_[k];
          if (!placements_[k].imported) continue;
          const auto named = [&](const std::vector<std::string>& ids, const std::string& x) {
            return !x.empty() && std::find(ids.begin(), ids.end(), x) != ids.end();
          };
          if (!contexts.empty() && !named(contexts, s.id) && !named(contexts, s.encounter)) continue;
          bool hit = false;
          for (const std::string& a : applies)
            if (a == s.id || a == s.encounter || named(s.activities, a)) {
              targets.insert(a);
              hit = true;
            }
          if (hit) visits.push_back(k);
        }
        if (visits.empty()) continue;
        std::vector<std::string> visit_names, target_names;
        for (std::size_t k : visits) {
          if (visit_names.size() == kSharedListed) break;  // the rest counted, as for a shared encounter
          visit_names.push_back(instances_[k].name.empty() ? instances_[k].id : instances_[k].name);
        }
        if (const std::size_t more = visits.size() - visit_names.size())
          visit_names.back() += " and " + std::to_string(more) + (more == 1 ? " other visit" : " other visits");
        for (const std::string& a : applies) {
          if (!targets.count(a)) continue;
          const UsdmActivity* activity = find(activities_, activity_index_, a);
          target_names.push_back(activity ? a + " " + q(activity->shown()) : a);
        }
        at_visit_[visits.front()].push_back(
            "condition " + id + (name.empty() ? "" : " " + q(name)) +
            (text.empty() ? "" : " (" + q(text) + ")") +
            " on " + join(target_names, ", ") + " at " + join(visit_names, ", ") +
            ": planner has no conditions; imported as unconditional");
      }
    }
  }

  // ---- writing the protocol ------------------------------------------------------------------------------

  std::string usdm(const std::string& what) const { return "USDM " + file_ + ": " + what; }

  // A `# not represented:` comment, and the same text as a warning.
  std::string report(const std::string& message) {
    warnings_.push_back(message);
    return "# not represented: " + printable(message, 100000) + "\n";
  }

  UsdmImport write() {
    // Visits in time order (ties: USDM order), and the epochs and activities they use.
    std::vector<std::size_t> order;
    for (std::size_t k = 0; k < instances_.size(); ++k)
      if (placements_[k].imported) {
        order.push_back(k);
        if (!instances_[k].encounter.empty()) sharing_[instances_[k].encounter].push_back(k);
      }
    if (order.empty()) fail(timeline_pointer_, "no instance of timeline " + timeline_id_ + " can be imported");
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return placements_[a].approximate_offset < placements_[b].approximate_offset;
    });

    std::string out;
    out += "# Imported by `planner import-usdm` from " + printable(file_, 200);
    if (!usdm_version_.empty() || !system_.empty())
      out += " (USDM " + printable(usdm_version_, 40) +
             (system_.empty() ? "" : ", written by " + printable(system_, 80)) + ")";
    out += ":\n# study design " + printable(design_id_, 80) +
           (design_name_.empty() ? "" : " " + q(design_name_, 80)) + ", timeline " +
           printable(timeline_id_, 80) +
           (timeline_name_.empty() ? "" : " " + q(timeline_name_, 80)) + ".\n";
    out += "# Day 1 is instance " + printable(instances_[anchor_].who(), 200) + ", timed by the Fixed Reference " +
           printable(timings_[*anchor_timing_].id, 80) + ".\n"
           "# Every activity is a procedure: USDM does not say which are doses (product, route) or assessments\n"
           "# (instrument); change their kind before planning doses.\n";

    std::vector<std::string> header;
    for (const std::string& w : top_) header.push_back(w);
    for (std::size_t k = 0; k < instances_.size(); ++k)
      if (!placements_[k].imported) header.push_back(placements_[k].why_not);
    if (!header.empty()) out += "#\n";
    for (const std::string& w : header) out += report(w);

    // [study], [anchor]
    out += "\nformat = 1\n\n[study]\n";
    out += "id = " + toml_string(study_id_) + "\n";
    if (!title_.empty()) out += "title = " + toml_string(title_) + "\n";
    if (!design_.empty()) out += "design = " + toml_string(design_) + "\n";
    if (!condition_.empty()) out += "condition = " + toml_string(condition_) + "\n";
    out += toml_array_line("registry", registry_);
    if (!study_note_.empty()) out += "note = " + toml_string(study_note_) + "\n";
    out += "source = " +
           toml_string(usdm("study " + (study_name_.empty() ? std::string{"(no name)"} : q(study_name_, 200)) +
                            ", " + version_id_ + (title_source_.empty() ? "" : ", title " + title_source_))) +
           "\n";

    const Instance& anchor = instances_[anchor_];
    const Timing& fixed = timings_[*anchor_timing_];
    const std::string timeline = timeline_name_.empty() ? timeline_id_ : q(timeline_name_);
    out += "\n[anchor]\nevent = " +
           toml_string(visit_label(anchor_) + " (USDM instance " + (anchor.name.empty() ? anchor.id : anchor.name) +
                       ", the Fixed Reference of timeline " + timeline + ")") +
           "\n";
    out += "source = " + toml_string(usdm(anchor.id + ", timing " + fixed.id + " (Fixed Reference" +
                                          (fixed.value.empty() ? "" : ", value " + fixed.value) + ")")) + "\n";

    // [schedule]: planner needs a month-end rule for durations in months or years; USDM gives none.
    const bool calendar_units = std::any_of(order.begin(), order.end(), [&](std::size_t k) {
      const Placement& p = placements_[k];
      return !p.at.is_exact() || !p.early.is_exact() || !p.late.is_exact();
    });
    if (calendar_units) {
      out += "\n" + report("durations in months or years need a month-end rule that USDM does not give: "
                           "month_end = \"clamp\" is assumed (Jan 31 + P1M = Feb 28)");
      out += "[schedule]\nmonth_end = \"clamp\"\n";
    }

    // [[arm]]
    IdMaker arm_ids;
    if (arms_.empty()) {
      out += "\n" + report("the study design lists no arms: one arm ALL is assumed");
      out += "[[arm]]\nid = \"ALL\"\nlabel = \"All subjects\"\nassumed = " +
             toml_string("the USDM study design " + design_id_ + " lists no arms") + "\n";
    }
    for (const Named& a : arms_) {
      out += "\n[[arm]]\nid = " + toml_string(arm_ids.make(a.name, a.id)) + "\n";
      out += "label = " + toml_string(a.shown()) + "\n";
      out += "source = " + toml_string(usdm(a.id)) + "\n";
    }

    // [[epoch]], in the order the visits meet them
    IdMaker epoch_ids;
    std::map<std::string, std::string> epoch_id;  // USDM id ("" for none) -> planner id
    for (std::size_t k : order) {
      const std::string& e = instances_[k].epoch;
      if (epoch_id.count(e)) continue;
      const Named* epoch = find(epochs_, epoch_index_, e);
      const std::string id = epoch ? epoch_ids.make(epoch->name, epoch->id) : epoch_ids.make("no-epoch", "");
      epoch_id[e] = id;
      out += "\n[[epoch]]\nid = " + toml_string(id) + "\n";
      out += "label = " + toml_string(epoch ? epoch->shown() : "(no epoch in USDM)") + "\n";
      out += "note = " + toml_string(epoch ? "USDM " + epoch->id : "for the instances USDM gives no epoch") + "\n";
    }

    // [[activity]], in USDM order
    std::set<std::string> used;
    bool needs_placeholder = false;
    for (std::size_t k : order) {
      used.insert(instances_[k].activities.begin(), instances_[k].activities.end());
      needs_placeholder = needs_placeholder || instances_[k].activities.empty();
    }
    IdMaker activity_ids;
    std::map<std::string, std::string> activity_id;
    for (const UsdmActivity& a : activities_) {
      if (!used.count(a.id)) continue;
      activity_id[a.id] = activity_ids.make(a.name, a.id);
      out += "\n";
      if (!a.timeline.empty())
        out += report("activity " + a.id + " " + q(a.shown()) + " runs timeline " + a.timeline +
                      " at each visit: imported as one procedure; the timings within that timeline are not "
                      "represented");
      out += "[[activity]]\nid = " + toml_string(activity_id[a.id]) + "\nkind = \"procedure\"\n";
      out += "label = " + toml_string(a.shown()) + "\n";
      out += "source = " + toml_string(usdm(a.id)) + "\n";
      if (!a.timeline.empty())
        out += "note = " + toml_string("USDM runs timeline " + a.timeline + " for this activity") + "\n";
    }
    std::string placeholder;
    if (needs_placeholder) {
      placeholder = activity_ids.make("NO_ACTIVITY", "");
      out += "\n[[activity]]\nid = " + toml_string(placeholder) + "\nkind = \"procedure\"\n" +
             "label = \"(no activity in USDM)\"\nassumed = \"planner needs an activity at every visit\"\n";
    }

    // [[visit]]
    IdMaker visit_ids;
    for (std::size_t k : order) visit_id_[k] = visit_ids.make(instances_[k].name, instances_[k].id);
    for (std::size_t k : order) out += write_visit(k, epoch_id, activity_id, placeholder);

    UsdmImport result{std::move(out), std::move(warnings_)};
    try {
      (void)parse_protocol(result.toml, "<generated>");
    } catch (const Error& e) {
      throw Error{ExitCode::internal, "planner: internal error: the protocol imported from " + src_.name() +
                                          " does not load:\n" + e.what() + "please report this with the USDM file"};
    }
    return result;
  }

  // The encounter's label; the instance's too when several instances share the encounter.
  std::string visit_label(std::size_t k) const {
    const Instance& s = instances_[k];
    const Named* e = find(encounters_, encounter_index_, s.encounter);
    if (!e) return s.shown();
    std::string label = e->shown();
    if (!s.label.empty() && s.label != label && shared_encounter(k)) label += " (" + s.label + ")";
    return label;
  }

  bool shared_encounter(std::size_t k) const {
    const auto it = sharing_.find(instances_[k].encounter);
    return it != sharing_.end() && it->second.size() > 1;
  }

  std::string write_visit(std::size_t k, const std::map<std::string, std::string>& epoch_id,
                          const std::map<std::string, std::string>& activity_id, const std::string& placeholder) {
    const Instance& s = instances_[k];
    const Placement& p = placements_[k];
    const Timing& t = timings_[*p.timing];
    const std::string who = "visit " + s.who() + ", timing " + t.id;
    std::vector<std::string> assumed = p.assumed, notes;
    std::string comments;

    for (const std::string& a : p.assumed) comments += report(who + ": " + a + " (planner times visits in whole days)");
    if (!t.relative.empty() && !same_text(t.relative, "Start to Start")) {
      assumed.push_back("relativeToFrom " + q(t.relative) + " taken as 'Start to Start'");
      comments += report(who + ": " + assumed.back() + " (planner visits have no duration)");
    }
    if (s.encounter.empty())
      comments += report("instance " + s.who() + " has no encounter: imported as a visit labelled " +
                         q(s.shown()));
    if (s.epoch.empty())
      comments += report("instance " + s.who() + " has no epoch: put in the epoch " + epoch_id.at(""));
    if (!s.timeline.empty())
      comments += report("instance " + s.who() + " runs timeline " + s.timeline +
                         ": its activities are imported; the timings within that timeline are not represented");
    if (s.activities.empty())
      comments += report("instance " + s.who() + " lists no activity: given the placeholder activity " + placeholder);
    if (const auto it = extra_timings_.find(k); it != extra_timings_.end())
      for (const std::size_t timing : it->second)
        comments += report(who + ": timing " + timings_[timing].id +
                           " times it too; planner keeps one timing per visit (" + t.id + ")");
    if (const auto it = at_visit_.find(k); it != at_visit_.end())
      for (const std::string& w : it->second) comments += report(w);

    if (!p.window_report.empty()) comments += report(who + ": " + p.window_report);

    std::string out = "\n" + comments + "[[visit]]\n";
    out += "id = " + toml_string(visit_id_.at(k)) + "\n";
    out += "label = " + toml_string(visit_label(k)) + "\n";
    out += "epoch = " + toml_string(epoch_id.at(s.epoch)) + "\n";
    if (p.after) out += "after = " + toml_string(visit_id_.at(*p.after)) + "\n";
    out += "at = " + toml_string(format_duration(p.at)) + "\n";
    out += "window = { early = " + toml_string(format_duration(p.early)) + ", late = " +
           toml_string(format_duration(p.late)) +
           (p.window_assumed.empty() ? "" : ", assumed = " + toml_string(join(p.window_assumed, "; "))) + " }\n";
    std::vector<std::string> ids;
    for (const std::string& a : s.activities) {
      const std::string& id = activity_id.at(a);
      if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
    }
    if (ids.empty()) ids.push_back(placeholder);
    out += toml_array_line("activities", ids);

    // Where it comes from, for a reviewer.
    std::string timing = t.id + " (";
    if (t.fixed()) {
      timing += "Fixed Reference" + (t.value.empty() ? "" : ", value " + t.value);
    } else {
      const Instance& ref = instances_[*instance_index(t.to)];
      timing += t.type + " " + t.value + " " + ref.id + " " + (ref.name.empty() ? "" : ref.name) +
                (t.relative.empty() ? "" : ", " + t.relative);
    }
    if (!t.lower.empty() || !t.upper.empty())
      timing += ", window " + (t.lower.empty() ? "-" : t.lower) + ".." + (t.upper.empty() ? "-" : t.upper);
    timing += ")";
    out += "source = " +
           toml_string(usdm(s.id + " " + s.name + (s.encounter.empty() ? "" : ", encounter " + s.encounter) +
                            ", timing " + timing)) +
           "\n";
    if (!assumed.empty()) out += "assumed = " + toml_string(join(assumed, "; ")) + "\n";
    if (!s.encounter.empty() && shared_encounter(k)) {
      // At most kSharedListed others by id (in USDM order), then how many more: a note stays short when
      // thousands of instances share an encounter (the whole list in every note would be quadratic).
      const std::vector<std::size_t>& sharing = sharing_.at(s.encounter);
      std::vector<std::string> others;
      for (std::size_t j : sharing) {
        if (j == k) continue;
        if (others.size() == kSharedListed) break;
        others.push_back(visit_id_.at(j));
      }
      const std::size_t more = sharing.size() - 1 - others.size();
      notes.push_back("USDM encounter " + s.encounter + " is also the encounter of " + join(others, ", ") +
                      (more ? " and " + std::to_string(more) + (more == 1 ? " other visit" : " other visits") : ""));
    }
    if (!notes.empty()) out += "note = " + toml_string(join(notes, "; ")) + "\n";
    return out;
  }

  SourceText src_;
  std::string file_;    // the input's file name, cited in `source`
  std::string wanted_;  // --timeline
  json root_;

  std::string usdm_version_, system_, study_name_, study_id_, version_id_, design_id_, design_name_;
  std::string title_, title_source_, design_, condition_, study_note_;
  std::vector<std::string> registry_;
  std::vector<Named> arms_, epochs_, encounters_;
  std::vector<UsdmActivity> activities_;

  std::string timeline_id_, timeline_name_, timeline_pointer_;
  std::vector<Instance> instances_;
  std::vector<Timing> timings_;
  std::vector<Placement> placements_;  // per instance
  std::optional<std::size_t> anchor_timing_;
  std::size_t anchor_ = 0;
  std::map<std::size_t, std::vector<std::size_t>> extra_timings_;  // instance -> its other timings
  IdIndex instance_index_, epoch_index_, encounter_index_, activity_index_;
  std::map<std::string, std::vector<std::size_t>> sharing_;  // encounter -> its imported instances, in order

  std::map<std::size_t, std::string> visit_id_;
  std::vector<std::string> top_;                              // reports about the whole file
  std::map<std::size_t, std::vector<std::string>> at_visit_;  // reports about one visit (instance index)
  std::vector<std::string> warnings_;
};

}  // namespace

UsdmImport import_usdm(const std::string& json_text, const std::string& name, const std::string& timeline) {
  return Importer{json_text, name, timeline}.run();
}

}  // namespace planner
