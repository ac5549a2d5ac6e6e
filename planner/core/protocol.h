// The protocol model: what a treatment protocol says about timing, as planner needs it.
//
// A Protocol is built by planner/io/read/protocol from a protocol file (format documented in
// docs/protocol-format.md) and is valid once built: every reference (epoch, activity, arm, chained visit)
// resolves, ids are unique, chained timings have no cycle, series are expanded into visits.
//
//   Choi 2024: Day 1 = first injection; W0 at P0D (window 0/0), a series W{week} from P1W every P1W × 4
//   (window ±1 day), FU8 at P8W. Five dose visits: W0, W1, W2, W3, W4.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "planner/core/analysis_window.h"
#include "planner/core/dose.h"
#include "planner/core/duration.h"
#include "planner/core/provenance.h"
#include "planner/core/time_of_day.h"
#include "planner/core/verdict.h"

namespace planner {

// Where a thing was defined: for messages and lint findings. line/column are 1-based, 0 when unknown.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
};

struct Protocol;
// The intervention model (CDISC TS INTMODEL) and how participants come to their arm (TS RANDOM).
enum class DesignModel { parallel, crossover, single_group, factorial, sequential };
enum class Allocation { randomised, non_randomised };

struct Study {
  std::string id;
  std::string title;
  std::string design;
  std::string condition;
  std::string citation;
  std::string doi;
  std::vector<std::string> registry;
  std::string note;
  std::optional<DesignModel> model;      // format 2: [study] model
  std::optional<Allocation> allocation;  // format 2: [study] allocation
  Provenance provenance;
  SourceLocation where;
};

struct Arm {
  std::string id;
  std::string label;
  // Format 2, with [[element]]: the arm's elements in time order (indices into Protocol::elements; SDTM TA's
  // TAETORD 1, 2, ...), and the words of the branch that puts a participant in this arm (TA's TABRANCH, on the
  // last element every arm shares: "Randomized to Placebo"). Empty `elements`: derived (planner/core/trial_design.h).
  std::vector<std::size_t> elements;
  std::string branch;
  Provenance provenance;
  SourceLocation where;
};

// A group of participants defined by a baseline characteristic, not by randomisation ([[stratum]], format 2):
// Bajaj 2008's ASST-positive and ASST-negative patients, treated alike in its one arm. `arms` names the arms
// it applies to (empty: every arm).
struct Stratum {
  std::string id;
  std::string label;
  std::vector<std::string> arms;
  std::string criterion;  // what puts a participant in it: "positive autologous serum skin test"
  Provenance provenance;
  SourceLocation where;

  bool applies_to(std::string_view arm) const;
};

// The roles of ICH E9 and the CDISC blinding schema that can be masked to the allocation.
enum class MaskedRole { participant, investigator, outcome_assessor, care_provider };

// A protocol's [blinding] (format 2; the functions that use it are in planner/core/blinding.h). `masking`
// empty states an open-label trial.
struct Blinding {
  std::vector<MaskedRole> masking;
  std::vector<std::string> unblinded;  // roles that know the allocation, free text: "preparer", "pharmacist"
  Provenance provenance;
  SourceLocation where;

  bool masks(MaskedRole role) const;
};

struct Epoch {
  std::string id;
  std::string label;
  SourceLocation where;
};

// A trial element as the protocol states it ([[element]], format 2): a planned period of one treatment, or of
// none, with the rules that start and end it in words, as SDTM TE writes them. The CDISC pilot's
//   [[element]]  id = "HIM"  label = "High_Middle"  epoch = "treatment"  duration = "P22W"
//                start_rule = "Administration of first dose (from patches supplied at Visit 4)"
// is TE's ETCD, ELEMENT, TESTRL, TEENRL (end_rule) and TEDUR; each arm lists its elements in time order. A
// protocol without [[element]] has its elements derived from epochs and doses (planner/core/trial_design.h).
struct TrialElement {
  std::string id;     // ETCD: at most 8 characters
  std::string label;  // ELEMENT
  std::size_t epoch = 0;
  std::string start_rule;          // TESTRL
  std::string end_rule;            // TEENRL, may be empty
  std::string duration;            // TEDUR as written ("P2W"; a valid ISO 8601 duration), may be empty
  std::optional<Duration> length;  // `duration` read; lint checks an arm's elements against its visits
  std::string note;
  Provenance provenance;
  SourceLocation where;
};

// A trial summary parameter as the protocol states it ([[trial_summary]], format 2): one row of SDTM TS
//   parameter = "AGEMIN"  value = "50 years"           ->  TSSEQ 1, TSPARMCD AGEMIN, TSPARM Planned Minimum Age..
// `name` (TSPARM) is CDISC's name of a known parameter unless given; `seq` (TSSEQ) counts the parameter's rows
// unless given. A parameter stated here replaces what planner would derive for it from the rest of the file.
struct TrialSummaryEntry {
  std::string parameter;  // TSPARMCD
  std::string name;       // TSPARM
  std::string value;      // TSVAL
  int seq = 0;            // TSSEQ
  Provenance provenance;
  SourceLocation where;
};

enum class ActivityKind { dose, assessment, procedure, sample };
enum class EndpointRole { primary, secondary, exploratory };

struct Activity {
  std::string id;
  std::string label;
  ActivityKind kind = ActivityKind::procedure;
  std::vector<std::string> arms;  // empty: every arm
  std::string product;            // dose
  std::string route;              // dose
  std::optional<Amount> amount;   // dose, e.g. 5 mL; read it through amount_of(visit, activity)
  // What the participant is told or sees (format 2; empty: see participant_text in core/blinding.h), and
  // the site's text per arm where it differs from `label` (arm id, text), by arm id.
  std::string participant_label;
  std::vector<std::pair<std::string, std::string>> arm_labels;
  std::string instrument;                       // assessment
  EndpointRole role = EndpointRole::secondary;  // assessment
  // sample/procedure only: the dose activity whose product this draw prepares (index into
  // Protocol::activities), and the least time from the draw to the first dose of it (exact, >= 0).
  // Both or neither: `prepares = "INJ_SERUM"`, `lead_time = "P7D"`.
  std::optional<std::size_t> prepares;
  std::optional<Duration> lead_time;
  std::optional<Minutes> duration;  // format 2: how long it takes at a visit (> 0)
  std::string note;
  Provenance provenance;
  SourceLocation where;

  bool applies_to(std::string_view arm) const;
  // The site's text for `arm`: its arm_labels entry, else `label`.
  const std::string& site_label(std::string_view arm) const;
};

struct Window {
  Duration early;  // both non-negative
  Duration late;
  Provenance provenance;        // the window's own, or its visit's when it states none
  bool own_provenance = false;  // true when the window states its own source/assumed
  SourceLocation where;         // the inline table
};

// An event that may happen to a subject and brings visits of its own ([[event]], format 2): an adverse
// event, an early discontinuation, a rash. A visit that says `on = "DISC"` happens only when the event does.
//
//   [[event]] id = "DISC", label = "Early discontinuation"; [[visit]] id = "ET", on = "DISC", at = "P0D":
//   a subject who discontinues on 2026-03-10 has ET targeted on 2026-03-10; a subject who completes has no ET.
struct Event {
  std::string id;
  std::string label;
  std::string note;
  Provenance provenance;
  SourceLocation where;
};

// A dosing or assessment series as written; its occurrences are expanded into Protocol::visits.
struct Series {
  std::string id;     // pattern with {n}, {week}, {day}
  std::string label;  // pattern
  Duration start;     // exact (weeks/days)
  Duration every;
  int count = 0;
  std::vector<Duration> days;  // offsets within each period
  int number_from = 1;         // the value of {n} for the first occurrence
  Provenance provenance;
  SourceLocation where;
};

// The provenance of one activity at one visit, when it differs from the visit's: a sourced visit can mark
// one assumed activity. Written as an inline table in the visit's (or series') `activities` (format 2):
//
//   activities = ["ELIG", { id = "SERUM_DRAW", assumed = "draw timing NOT FOUND" }]
//
// gives the visit the activities ELIG and SERUM_DRAW and one ActivityProvenance {SERUM_DRAW, assumed ...}.
struct ActivityProvenance {
  std::size_t activity = 0;  // index into Protocol::activities
  Provenance provenance;     // source or assumed, at least one
  std::string note;
  SourceLocation where;  // the inline table
};

struct Visit {
  std::string id;
  std::string label;
  std::size_t epoch = 0;             // index into Protocol::epochs
  Duration at;                       // from Day 1, or from `after`'s scheduled date, or from `on`'s event date
  std::optional<std::size_t> after;  // index into Protocol::visits (never a conditional visit)
  // Conditional visit: index into Protocol::events. The visit happens only when that event occurs; `at`
  // counts from the event's date, or from `after`'s scheduled date when it has one (RETRIEVAL: on DISC,
  // after BL, P24W).
  std::optional<std::size_t> on;
  Window window;
  std::vector<std::size_t> activities;  // indices into Protocol::activities
  std::vector<std::string> arms;        // empty: every arm
  std::optional<Amount> amount;         // overrides the amount of the visit's dose activities
  std::optional<double> visitnum;       // the SDTM VISITNUM of the visit, when the protocol gives it
  // Format 2: the visit's start and end rules in words as the protocol states them (SDTM TV's TVSTRL, TVENRL:
  // "End of Visitnum 3 + 2W"); empty: `planner sdtm` writes the timing rule and window it plans by.
  std::string start_rule;
  std::string end_rule;
  std::optional<std::size_t> series;  // index into Protocol::series when generated by one
  // Format 2: the appointment's local time at the site (nullopt: the site's visit_time, else all day) and its
  // length (nullopt: the sum of its activities' durations when they all give one; visit_length below).
  std::optional<TimeOfDay> time;
  std::optional<Minutes> duration;
  std::optional<std::size_t> rule;  // index into Protocol::dose_rules when generated by one
  int occurrence = 0;               // 1-based number within its series (before number_from) or rule
  // The activities written as inline tables (format 2), in order: their own provenance at this visit.
  std::vector<ActivityProvenance> activity_provenance;
  std::string note;
  Provenance provenance;
  SourceLocation where;

  bool applies_to(std::string_view arm) const;
};

struct Dosing {
  std::optional<Duration> min_gap;  // exact, non-negative
  Provenance provenance;
  SourceLocation where;
};

// A constraint between two activities ([[constraint]], format 2): the days from an occurrence of `first` to
// the occurrence of `then` it is paired with are at least `min` and at most `max`. Which occurrences are
// paired, and how a pair of dates is judged, is planner/core/constraint.h.
//   washout ≥ 28 days from the screening draw to the first dose: first = DRAW_SCR, then = INJ, min 28 days.
enum class ConstraintKind { washout, storage, gap };

struct Constraint {
  std::string id;
  std::string label;
  ConstraintKind kind = ConstraintKind::gap;
  std::size_t first = 0;                   // index into Protocol::activities
  std::size_t then = 0;                    // index into Protocol::activities
  std::optional<std::size_t> first_visit;  // only `first` at this visit (index into Protocol::visits)
  std::optional<std::size_t> then_visit;   // only `then` at this visit
  std::optional<Days> min;                 // at least one of min and max; both >= 0, min <= max
  std::optional<Days> max;
  std::string note;
  Provenance provenance;
  SourceLocation where;
};

// A dose given every `every` days between two visits, at home (or at the site), from the product dispensed at
// `dispense` visits; per-arm amounts say a titration (one period per dose level). Its days and the quantity
// each dispensing visit hands out are worked out in planner/core/home_dosing.h.
//
//   CDISC pilot, arm Xan_Hi: a patch daily from BL to WK2 at 54 mg, WK2 to WK24 at 81 mg, WK24 to WK26 at
//   54 mg (three periods); WK2, WK4, ... WK20 dispense the middle one.
struct DosingPeriod {
  enum class Place { home, site };
  std::string id;
  std::string label;
  std::size_t activity = 0;  // index into Protocol::activities: a dose
  std::size_t from = 0;      // index into Protocol::visits: the first dose is on its date
  std::size_t to = 0;        // index into Protocol::visits: the period ends on its date (no dose that day)
  int every = 1;             // days between doses, >= 1
  Place place = Place::home;
  std::vector<std::pair<std::string, Amount>> amounts;  // arm -> amount of one dose; else the activity's
  std::vector<std::size_t> dispense;                    // visits handing out product for it, in date order
  Provenance provenance;
  SourceLocation where;

  bool applies_to(const Protocol& protocol, std::string_view arm) const;
  // The amount of one dose for the arm: its entry in `amounts`, else the activity's amount.
  std::optional<Amount> amount_for(const Protocol& protocol, std::string_view arm) const;
};

// A flexible dosing rule: `count` doses within a span of `within` days, consecutive doses at least `min_gap`
// days apart, on whichever days of the span the site can take them ("8 doses within 4 weeks, at least 3 days
// apart"). The reader expands it into `count` visits (Visit::rule), each with the whole span as its window and
// an evenly spread nominal target (dose i of n at start + floor(i x within / n) days); the scheduler places
// the doses together (planner/core/flexible_dosing.h).
//
//   id "D{n}", count 8, within P4W, min_gap P3D, start P0D: visits D1..D8 at days +0, +3, +7, +10, +14, +17,
//   +21, +24 from Day 1, each with the window Day 1 .. Day 1 + 27 days.
struct DoseRule {
  std::string id;     // pattern with {n}
  std::string label;  // pattern
  int count = 0;      // >= 1
  int within = 0;     // days in the span, >= 1
  int min_gap = 1;    // days between consecutive doses, >= 1
  Provenance provenance;
  SourceLocation where;
};

// What the publication states, for consistency checks against the generated schedule.
struct Published {
  std::optional<int> injections;
  std::optional<Duration> treatment;
  std::optional<Duration> follow_up_end;
  // Format 2: the planned length of a participant's time in the trial, from the first visit (screening or
  // run-in included) to the last; lint compares it with the schedule and SDTM TS LENGTH states it.
  std::optional<Duration> length;
  Provenance provenance;
  SourceLocation where;
};

// An endpoint: an assessment read out at one visit with a role in the analysis ([[endpoint]], format 2).
// The role belongs to the assessment at that visit, not only to the instrument:
//
//   [[endpoint]]
//   id = "SASSAD_W9"
//   activity = "SASSAD"        # an assessment
//   visit = "W9"               # a visit that has the activity: the timepoint
//   role = "primary"
//   published = "P8W"          # the timepoint as the publication states it, from Day 1 (optional)
//   measure = "change from baseline"
//
// says "SASSAD at W9 is the primary read-out". `timepoints` and `soa` mark that row and cell, `show` lists it,
// lint checks that every primary assessment has one (endpoint-timepoint) and that `published` equals the
// visit's planned target (endpoint-published).
struct Endpoint {
  std::string id;
  std::string label;
  std::size_t activity = 0;  // index into Protocol::activities; an assessment
  std::size_t visit = 0;     // index into Protocol::visits; the visit has the activity
  EndpointRole role = EndpointRole::primary;
  std::optional<Duration> published;  // from Day 1
  std::string measure;
  std::string note;
  Provenance provenance;
  SourceLocation where;
};

// A lint finding the protocol's authors reviewed and accept ([[lint.accept]]): `rule` is a lint rule id,
// `visit` limits it to the findings about that visit (empty: every finding of the rule).
struct LintAccept {
  std::string rule;
  std::string visit;
  std::string reason;
  SourceLocation where;
};

struct Protocol {
  int format = 1;
  std::string file;  // the name it was loaded from, for messages
  Study study;
  std::string anchor_event;      // what Day 1 is
  Provenance anchor_provenance;  // optional for [anchor], kept so `show` can list it
  SourceLocation anchor_where;
  std::optional<MonthEnd> month_end;  // set when any duration has years or months
  std::vector<Arm> arms;
  std::vector<Stratum> strata;       // format 2, in file order
  std::optional<Blinding> blinding;  // format 2
  std::vector<Epoch> epochs;
  std::vector<TrialElement> elements;  // [[element]] (format 2), in file order: SDTM TE's order
  std::vector<Event> events;           // [[event]], in protocol order
  std::vector<Activity> activities;
  std::vector<Series> series;
  std::vector<Visit> visits;  // [[visit]] and expanded series, in definition order
  Dosing dosing;
  std::vector<Constraint> constraints;       // [[constraint]], in file order
  std::vector<DosingPeriod> dosing_periods;  // [[dosing_period]], in file order
  std::vector<DoseRule> dose_rules;          // [[dose_rule]], in file order; their doses are in `visits`
  std::optional<Published> published;
  std::vector<Endpoint> endpoints;               // in file order
  std::vector<TrialSummaryEntry> trial_summary;  // [[trial_summary]] (format 2), in file order
  std::vector<AnalysisWindow> analysis_windows;  // in protocol order
  std::vector<Verdict> check_tolerates;          // [check] tolerate: deviations that do not fail `planner check`
  std::vector<LintAccept> lint_accepts;

  const Arm* find_arm(std::string_view id) const;
  const Stratum* find_stratum(std::string_view id) const;
  const Visit* find_visit(std::string_view id) const;
  const Activity* find_activity(std::string_view id) const;
  const Event* find_event(std::string_view id) const;

  // The first endpoint (in file order) read out at `visit` for `activity`, if any.
  const Endpoint* endpoint_at(std::size_t visit, std::size_t activity) const;

  // True when the visit has a dose activity for the arm.
  bool is_dose_visit(const Visit& visit, std::string_view arm) const;
};

// How long a visit takes for an arm: its own duration, else the sum of the durations of its activities that
// apply to the arm when each of them gives one (they run in the order the visit lists them), else nullopt.
//   visit V1 { activities = ["SCORE", "INJ"] }, SCORE PT30M, INJ PT15M  ->  PT45M; INJ without duration -> nullopt
std::optional<Minutes> visit_length(const Protocol& protocol, const Visit& visit, std::string_view arm);
// Whether any visit has a time of day or, for some arm, a length (visit_length): format 2 protocols that say
// when visits start or how long they take. Calendars then show times (calendar.h). An activity's duration alone
// does not count when no visit's length is known from it.
bool has_times(const Protocol& protocol);

std::string_view to_string(ActivityKind kind);
std::string_view to_string(EndpointRole role);
std::string_view to_string(ConstraintKind kind);
std::string_view to_string(DesignModel model);      // "single-group" (the file's spelling)
std::string_view to_string(Allocation allocation);  // "non-randomised"

}  // namespace planner
