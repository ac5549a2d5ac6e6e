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
#include "planner/core/verdict.h"

namespace planner {

// Where a thing was defined: for messages and lint findings. line/column are 1-based, 0 when unknown.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
};

// Where a value comes from: a published source, or the reason it had to be assumed. Either may be empty;
// a protocol file must give at least one for the values that need provenance.
struct Provenance {
  std::string source;
  std::string assumed;
  bool empty() const { return source.empty() && assumed.empty(); }
};

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

struct Visit {
  std::string id;
  std::string label;
  std::size_t epoch = 0;             // index into Protocol::epochs
  Duration at;                       // from Day 1, or from `after`'s scheduled date
  std::optional<std::size_t> after;  // index into Protocol::visits
  Window window;
  std::vector<std::size_t> activities;  // indices into Protocol::activities
  std::vector<std::string> arms;        // empty: every arm
  std::optional<Amount> amount;         // overrides the amount of the visit's dose activities
  std::optional<double> visitnum;       // the SDTM VISITNUM of the visit, when the protocol gives it
  std::optional<std::size_t> series;    // index into Protocol::series when generated by one
  int occurrence = 0;                   // 1-based number within its series (before number_from)
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

// What the publication states, for consistency checks against the generated schedule.
struct Published {
  std::optional<int> injections;
  std::optional<Duration> treatment;
  std::optional<Duration> follow_up_end;
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
  std::vector<Activity> activities;
  std::vector<Series> series;
  std::vector<Visit> visits;  // [[visit]] and expanded series, in definition order
  Dosing dosing;
  std::optional<Published> published;
  std::vector<AnalysisWindow> analysis_windows;  // in protocol order
  std::vector<Verdict> check_tolerates;          // [check] tolerate: deviations that do not fail `planner check`
  std::vector<LintAccept> lint_accepts;

  const Arm* find_arm(std::string_view id) const;
  const Stratum* find_stratum(std::string_view id) const;
  const Visit* find_visit(std::string_view id) const;
  const Activity* find_activity(std::string_view id) const;

  // True when the visit has a dose activity for the arm.
  bool is_dose_visit(const Visit& visit, std::string_view arm) const;
};

std::string_view to_string(ActivityKind kind);
std::string_view to_string(EndpointRole role);
std::string_view to_string(DesignModel model);      // "single-group" (the file's spelling)
std::string_view to_string(Allocation allocation);  // "non-randomised"

}  // namespace planner
