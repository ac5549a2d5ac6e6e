// Compile-time proof that study days and counts of days do not mix: the operations the types promise
// compile and have the promised result type, and the ones they rule out do not compile at all (each
// `!Addable<...>` below would be an ordinary compile error if it were written out). Nothing here runs;
// the runtime behaviour is in study_day_test.cc and timeline_test.cc.
#include <concepts>
#include <optional>
#include <type_traits>
#include <utility>

#include "planner/core/analysis_window.h"
#include "planner/core/date.h"
#include "planner/core/study_day.h"
#include "planner/core/timeline.h"
#include "planner/core/trial_design.h"
#include "planner/core/visit_check.h"

namespace planner {
namespace {

template <typename A, typename B>
concept Addable = requires(A a, B b) {
  a + b;
};
template <typename A, typename B>
concept Subtractable = requires(A a, B b) {
  a - b;
};
template <typename A, typename B>
concept Multipliable = requires(A a, B b) {
  a* b;
};
template <typename A, typename B>
concept Comparable = requires(A a, B b) {
  a < b;
};
template <typename A, typename B>
concept EqualityComparable = requires(A a, B b) {
  a == b;
};

template <typename A, typename B>
using Sum = decltype(std::declval<A>() + std::declval<B>());
template <typename A, typename B>
using Difference = decltype(std::declval<A>() - std::declval<B>());

// ---- what a StudyDay promises -------------------------------------------------------------------------
// A study day moved by a count of days is a study day (either order for +); two study days are a count of
// days apart.
static_assert(std::same_as<Sum<StudyDay, Days>, StudyDay>);
static_assert(std::same_as<Sum<Days, StudyDay>, StudyDay>);
static_assert(std::same_as<Difference<StudyDay, Days>, StudyDay>);
static_assert(std::same_as<Difference<StudyDay, StudyDay>, Days>);
static_assert(Comparable<StudyDay, StudyDay> && EqualityComparable<StudyDay, StudyDay>);

// ---- what it rules out --------------------------------------------------------------------------------
// Two study days do not add up to anything ("day 3 + day 4" has no meaning).
static_assert(!Addable<StudyDay, StudyDay>);
// A count of days minus a study day is not a day.
static_assert(!Subtractable<Days, StudyDay>);
// Bare numbers: neither a day count nor a study day.
static_assert(!Addable<StudyDay, int> && !Addable<int, StudyDay> && !Subtractable<StudyDay, int>);
static_assert(!Addable<StudyDay, long> && !Subtractable<StudyDay, long>);
static_assert(!Multipliable<StudyDay, int> && !Multipliable<int, StudyDay>);
static_assert(!Comparable<StudyDay, int> && !EqualityComparable<StudyDay, int>);
static_assert(!Comparable<StudyDay, Days> && !EqualityComparable<StudyDay, Days>);
// No conversion either way between StudyDay and int or Days, implicit or explicit: from_number() (which
// refuses 0), from_offset(), number() and offset() are the only doors.
static_assert(!std::is_convertible_v<int, StudyDay> && !std::is_constructible_v<StudyDay, int>);
static_assert(!std::is_convertible_v<StudyDay, int> && !std::is_constructible_v<int, StudyDay>);
static_assert(!std::is_convertible_v<Days, StudyDay> && !std::is_constructible_v<StudyDay, Days>);
static_assert(!std::is_convertible_v<StudyDay, Days> && !std::is_constructible_v<Days, StudyDay>);
static_assert(!std::is_default_constructible_v<StudyDay>);  // there is no "day 0" to default to
static_assert(std::same_as<decltype(StudyDay::from_number(1)), std::optional<StudyDay>>);
// A study day is not a date, and a date does not move by a study day.
static_assert(!Addable<Date, StudyDay> && !Subtractable<Date, StudyDay> && !Comparable<Date, StudyDay>);
static_assert(std::same_as<decltype(study_day_of(Date{}, Date{})), StudyDay>);
static_assert(std::same_as<decltype(date_of(Date{}, std::declval<StudyDay>())), Date>);
// Days themselves take no bare numbers implicitly (the date library's duration).
static_assert(!std::is_convertible_v<int, Days> && !std::is_convertible_v<Days, int>);

// ---- the arithmetic, at compile time ------------------------------------------------------------------
constexpr StudyDay day(int n) { return *StudyDay::from_number(n); }
static_assert(day(1) + Days{28} == day(29));  // "Week 4"
static_assert(day(-1) + Days{1} == day(1));   // the day after day -1 is day 1: no day 0
static_assert(day(1) - Days{1} == day(-1));
static_assert(Days{1} + day(-1) == day(1));
static_assert(day(1) - day(-1) == Days{1});    // consecutive dates
static_assert(day(15) - day(1) == Days{14});   // "Week 2" is 14 days after Day 1
static_assert(day(-7) - day(7) == Days{-13});  // 7 days before Day 1 to 6 days after it

// ---- the types of the APIs that speak in them ---------------------------------------------------------
static_assert(std::same_as<decltype(std::declval<Timeline>().offset(0)), std::optional<Days>>);
static_assert(std::same_as<decltype(std::declval<Timeline>().study_day(0)), std::optional<StudyDay>>);
static_assert(std::same_as<decltype(WeekAndDay::day), Days>);
static_assert(std::same_as<decltype(AnalysisWindow::target), StudyDay>);
static_assert(std::same_as<decltype(AnalysisWindow::lower), std::optional<StudyDay>>);
static_assert(!std::is_invocable_v<decltype(&AnalysisWindow::contains), const AnalysisWindow&, int>);
static_assert(std::same_as<decltype(AnalysisAssignment::distance), std::optional<Days>>);
static_assert(std::same_as<decltype(VisitCheck::deviation), std::optional<Days>>);
static_assert(!std::is_invocable_v<decltype(&days_as_duration), long>);
static_assert(std::is_invocable_v<decltype(&days_as_duration), Days>);

}  // namespace
}  // namespace planner
