// Lint: checks of a protocol's own timing, each finding with a rule id, a severity and where it is.
//
// The checks plan every arm from a reference Day 1 (Monday 2001-01-01, every day open) and look at the
// targets and windows (see the rules below); the days they name are the StudyDays of that plan's dates and
// the spans between them are Days. The plan, not the protocol's nominal timeline (planner/core/timeline.h),
// because a chained visit follows its reference's scheduled date (moved by a dose gap) and a month is a
// calendar month from the reference Day 1. Feasibility plans again for each Day 1 the site allows.
//
//   Choi 2024 states "4 weeks, 5 injections"; its doses are at weeks 0-4, so the treatment duration as
//   lint counts it (week of Day 1 to the week of the last dose, inclusive) is 5 weeks:
//     rule published-treatment, error, line of [published]:
//     "treatment: doses in weeks 0-4 (last dose W4, day 29) make 5 weeks; [published] treatment says
//      4 weeks: the schedule is 1 week longer"
//
// A finding the protocol file accepts with [[lint.accept]] (same rule, and the same visit when the
// acceptance names one) becomes info, with the stated reason. The checks are pure: no I/O, no clock.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "planner/core/date.h"
#include "planner/core/protocol.h"
#include "planner/core/site_calendar.h"
#include "planner/core/time_of_day.h"

namespace planner {

enum class Severity { error, warning, info };
std::string_view to_string(Severity severity);

struct Finding {
  std::string rule;  // one of lint_rules()
  Severity severity = Severity::warning;
  SourceLocation where;  // line 0: the protocol as a whole
  std::string visit;     // the visit concerned, empty when none
  std::string message;   // one line, without the location
};

// The rule ids, in the order docs/commands/lint.md documents them:
//   load                  the file does not load (reported by the CLI: unknown references, cycles...)
//   visit-order           a visit defined after one whose target is later (warning)
//   window-overlap        consecutive visits whose windows overlap (warning)
//   window-gap            consecutive doses whose windows allow them closer than [dosing] min_gap (warning)
//   published-injections  number of dose visits differs from [published] injections (error)
//   published-treatment   weeks of treatment differ from [published] treatment (error)
//   published-follow-up   the last visit's target differs from [published] follow_up_end (error)
//   published-length      the span from the first visit to the last differs from [published] length (error)
//   element-duration      an arm's stated [[element]] durations differ from the span of its visits (warning)
//   endpoint-timepoint    a primary assessment that no [[endpoint]] gives a timepoint, format 2 (warning)
//   endpoint-published    an [[endpoint]]'s published timepoint differs from its visit's target (error)
//   feasibility           a visit without an open day for some Day 1 (warning; error when no Day 1 works)
//   preparation           a draw too close to the first dose it prepares (error)
//   constraint            a [[constraint]] pair the windows allow to break (warning; error when the targets do)
//   visit-hours           a timed visit that ends after midnight, or outside the opening hours given (warning)
//   blinding              a masked participant told different things at a visit depending on the arm (error)
//   lint-accept           a [[lint.accept]] that matches no finding (warning)
std::span<const std::string_view> lint_rules();

// The site the protocol must fit: closed weekdays and, when `calendar.closed_dates()` is not empty,
// holidays; then every open day of the holidays' years is tried as Day 1.
struct LintOptions {
  SiteCalendar calendar;
  std::optional<OpeningHours> hours;  // the site's opening hours (--hours), for visit-hours
};

inline constexpr Date kLintReferenceDay1 = Date{date::year{2001} / 1 / 1};  // a Monday

// Findings in file order (line, then rule order). Throws PlanError only for dates out of range.
std::vector<Finding> lint(const Protocol& protocol, const LintOptions& options);

// Treatment duration as lint counts it, in weeks: from the week of Day 1 (week 0) to the week of the
// last dose, inclusive, i.e. week_of(offset of the last dose).week + 1. Doses at weeks 0-4 make 5 weeks;
// twice weekly on days 1..25 (offsets 0..24) make 4 weeks.
long treatment_weeks(Days last_dose_offset);

}  // namespace planner
