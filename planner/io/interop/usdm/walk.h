// Walking a USDM 4.0 study (JSON, read with nlohmann-json) into plain structs of what planner needs: the
// study's names and identifiers, its arms, epochs, encounters and activities, its trial design (elements and
// study cells), and one schedule timeline with its instances and timings, every reference checked and
// resolved to an index.
//
//   {"usdmVersion": "4.0.0", "study": {"name": "T", "versions": [{"id": "V1", "studyDesigns": [{"id": "D1",
//     "arms": [{"id": "Arm1", "name": "A"}], "epochs": [{"id": "Ep1", "name": "Treatment"}], ...
//     "scheduleTimelines": [{"id": "TL1", "mainTimeline": true,
//       "instances": [{"id": "I1", "name": "DOSE", "epochId": "Ep1", "activityIds": ["Act1"]}, {"id": "I2", ...}],
//       "timings": [{"id": "T1", "type": {"decode": "Fixed Reference"}, "relativeFromScheduledInstanceId": "I1"},
//                   {"id": "T2", "type": {"decode": "After"}, "value": "P2W",
//                    "relativeFromScheduledInstanceId": "I2", "relativeToScheduledInstanceId": "I1"}]}]}]}]}}
//   UsdmDocument doc{src};  UsdmStudy s = doc.study("");
//     s.arms[0].id == "Arm1",  s.instances[1].timing == 1,  s.timings[1].to_index == 0,  s.anchor == 0
//   doc.conditions()  ->  the Conditions of the version and the design, in that order
//
// Only the first study version and its first design are read (`reports` says so when there are more); the
// other timelines are read into `others` (one without a Fixed Reference has has_anchor false). Errors are InputErrors
// naming the JSON pointer (fail_at):
//   s.json: error: /study/versions/0/studyDesigns/0/scheduleTimelines/0/timings/1/relativeToScheduledInstanceId:
//   unknown instance 'I9' (not an instance of timeline TL1)
// and malformed JSON names line and column with a caret.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "planner/io/source_text.h"

namespace planner::usdm {

// The prefix of the url of planner's own ExtensionAttributes (export.h writes them): "urn:planner:usdm:kind".
inline constexpr std::string_view kExtensionUrl = "urn:planner:usdm:";

// planner's ExtensionAttributes of an object: the url after kExtensionUrl -> its valueString.
using Extensions = std::map<std::string, std::string, std::less<>>;

// A named USDM object: an arm, epoch, encounter, activity, instance...
struct Named {
  std::string id, name, label, pointer;  // pointer: RFC 6901, for messages
  std::string shown() const { return label.empty() ? (name.empty() ? id : name) : label; }
};

struct UsdmActivity : Named {
  std::string description;
  std::string timeline;  // an activity that runs a timeline of its own
  Extensions planner;    // kind, product, route, amount, instrument, arms
};

// An Endpoint planner's export wrote (export.h): the endpoint's id is its name, its role the decode of its
// level; the planner extensions name its activity and visit (by name) and carry published, measure, source,
// assumed. Endpoints without planner's extensions are the study's own and are not read.
struct UsdmEndpoint : Named {
  std::string role;  // "primary", "secondary" or "exploratory"
  std::string description;
  Extensions planner;  // activity, visit, published, measure, source, assumed
};

// A planner table USDM has no object for (export.h): an ExtensionAttribute of the study design, url
// kExtensionUrl + the table ("constraint", "dosing_period", "stratum", "blinding", "published"; "study":
// [study] model and allocation), valueString the table's id, its keys as nested
// ExtensionAttributes in order. Each key and value is checked (check_table): activities and visits are named
// by their USDM names, which must exist; `amount.<arm>` is one arm's amount of a dosing period.
//   {"url": "urn:planner:usdm:constraint", "valueString": "WASHOUT", "extensionAttributes": [
//     {"url": "urn:planner:usdm:kind", "valueString": "washout"}, {"url": "urn:planner:usdm:first", ...}]}
struct PlannerTable {
  std::string table, id, pointer;
  std::vector<std::pair<std::string, std::string>> values;  // key -> value, in order
};

// text: as is; activity, visit: named by its USDM name; visits, arms: names, comma-separated; arm_amount: the
// key is amount.<arm name>; list: one value of an array, the key repeated per value; count: a whole number;
// study_day: a study day number (no day 0).
enum class KeyRole { text, activity, visit, visits, arms, arm_amount, list, count, study_day };
// What a key of a planner table names; nullopt: not a key of that table.
std::optional<KeyRole> table_key(std::string_view table, std::string_view key);
// The keys of a planner table, in name order (empty: not a planner table): the did-you-mean of a misspelt key.
std::vector<std::string_view> table_keys(std::string_view table);
bool is_planner_table(std::string_view table);

// A StudyArm; planner's export adds its extension branch (SDTM TA's TABRANCH).
struct UsdmArm : Named {
  Extensions planner;  // branch, source, assumed
};

// An Encounter, with the text of its transition rules (SDTM TV's TVSTRL and TVENRL).
struct UsdmEncounter : Named {
  std::string start_rule, end_rule;  // "" when none
};

// A StudyElement: SDTM TE's row of a trial element. Its name is the ETCD when planner wrote it; the texts of
// its transition rules are TESTRL and TEENRL; planner's extensions carry what USDM has no field for.
//   {"id": "StudyElement_1", "name": "SCRN", "label": "Screen", "transitionStartRule": {"text": "Informed consent"},
//    "extensionAttributes": [{"url": "urn:planner:usdm:duration", "valueString": "P2W"}]}
struct UsdmElement : Named {
  std::string description, start_rule, end_rule;
  Extensions planner;  // duration, epoch (a USDM epoch's name, for an element in no study cell), source, assumed
};
// An element planner's export derived (for a protocol without [[element]]) has the extension derived = "true":
// the walk leaves it out, and its cells' references to it (a cell left with none goes too).

// A StudyCell: the elements an arm passes through in one epoch, in order (indices into the design's lists).
struct UsdmCell {
  std::string id, pointer;
  std::size_t arm = 0, epoch = 0;
  std::vector<std::size_t> elements;
};

struct Instance : Named {
  bool decision = false;                   // a ScheduledDecisionInstance
  std::string encounter, epoch, timeline;  // USDM ids, "" when not given
  std::vector<std::string> activities;     // USDM ids, each known
  std::optional<std::size_t> timing;       // the first timing that times it (index into timings)
  std::vector<std::size_t> extra_timings;  // the others
  Extensions planner;                      // arms, amount, visitnum, time, duration, after, anchor
  std::string description;
  std::string who() const { return name.empty() ? id : name + " (" + id + ")"; }
};

struct Timing : Named {
  std::string type;  // "Fixed Reference", "Before", "After" as written (ASCII case ignored)
  std::string value, from, to, relative, lower, upper, window_label;
  std::size_t from_index = 0;           // the instance it times
  std::optional<std::size_t> to_index;  // the instance it is relative to (always there unless fixed())
  bool fixed() const;
  bool before() const;
};

struct Condition {
  std::string id, name, text;
  std::vector<std::string> contexts, applies;  // contextIds, appliesToIds
};

using IdIndex = std::map<std::string, std::size_t, std::less<>>;  // id -> index (ids are unique)

// One schedule timeline: its instances and timings, each instance timed by its first timing.
struct Timeline {
  std::string timeline_id, timeline_name, timeline_label, timeline_pointer;
  std::string entry;  // entryCondition
  std::string description;
  Extensions planner;  // an event's timeline: the event's source and assumed
  std::vector<Instance> instances;
  std::vector<Timing> timings;
  bool has_anchor = false;        // a Fixed Reference times an instance (always so for the chosen timeline)
  std::size_t anchor_timing = 0;  // the first Fixed Reference
  std::size_t anchor = 0;         // the instance it times: Day 1 (of the timeline)
  IdIndex instance_index;
  std::optional<std::size_t> instance(std::string_view id) const;
  std::string shown() const { return timeline_name.empty() ? timeline_id : timeline_name; }
};

// The study, with the chosen timeline (the base class) and the others (`others`, in file order).
struct UsdmStudy : Timeline {
  std::string file;  // the input's file name (no directory), cited in `source`
  std::string usdm_version, system, study_name, study_id, version_id, design_id, design_name;
  std::string title, title_source, design, condition, note;
  std::vector<std::string> registry;
  std::vector<UsdmArm> arms;
  std::vector<Named> epochs;
  std::vector<UsdmEncounter> encounters;
  std::vector<UsdmElement> elements;  // the design's StudyElements, in order
  std::vector<UsdmCell> cells;        // its StudyCells, in order, every reference checked
  std::vector<UsdmActivity> activities;
  std::vector<UsdmEndpoint> endpoints;  // of the design's Objectives, in order
  std::vector<PlannerTable> tables;     // the design's planner tables, in order

  std::vector<Timeline> others;      // the other timelines, read and checked as the chosen one
  std::vector<std::string> reports;  // about the whole file: more versions or designs

  IdIndex epoch_index, encounter_index, activity_index;
  const Named* epoch(std::string_view id) const;
  const UsdmEncounter* encounter(std::string_view id) const;
  const UsdmActivity* activity(std::string_view id) const;
};

// Throws InputError "<name>: error: <pointer>: <message>" (no pointer: "<name>: error: <message>").
[[noreturn]] void fail_at(const SourceText& src, const std::string& pointer, const std::string& message);

// planner's quoted() (source_text.h), named apart from std::quoted, which argument-dependent lookup finds too.
std::string q(std::string_view text, std::size_t max = 60);
bool same_text(std::string_view a, std::string_view b);  // ASCII case-insensitive
std::string join(const std::vector<std::string>& parts, std::string_view separator);
std::vector<std::string> split_list(std::string_view text);  // "A,B" -> {"A", "B"} (planner's lists of ids)

class UsdmDocument {
 public:
  explicit UsdmDocument(const SourceText& src);  // parses; malformed JSON is an InputError
  // `timeline`: an id, name or label; empty: the one marked mainTimeline.
  UsdmStudy study(const std::string& timeline) const;
  std::vector<Condition> conditions() const;  // after study() succeeded: the version and design exist

 private:
  const SourceText& src_;
  nlohmann::json root_;
};

}  // namespace planner::usdm
