// Study days, as SDTM counts them: day 1 is the anchor date (Day 1), the day before is day -1,
// and there is no day 0.
//
//   Date day1 = 2026-01-05;
//   study_day_of(day1, 2026-01-05)  == StudyDay{1}
//   study_day_of(day1, 2026-01-04)  == StudyDay{-1}
//   study_day_of(day1, 2026-02-02)  == StudyDay{29}   // "Week 4" = Day 1 + 28 days
//
// A StudyDay never mixes silently with a day offset (`Days`): convert with from_offset()/offset(). The
// arithmetic is that of dates, skipping day 0:
//
//   StudyDay{1} + Days{28}        == StudyDay{29}
//   StudyDay{-1} + Days{1}        == StudyDay{1}     // the day after day -1 is day 1
//   StudyDay{1} - StudyDay{-1}    == Days{1}         // consecutive dates, one day apart
//   StudyDay{29} - Days{28}       == StudyDay{1}
//
// Adding two study days, or an int to a study day, does not compile; nor does any implicit conversion
// between StudyDay, int and Days (tests/core/study_day_types_test.cc proves it).
#pragma once

#include <compare>
#include <optional>

#include "planner/core/date.h"

namespace planner {

class StudyDay {
 public:
  // The study day of the date `offset` days after Day 1 (offset 0 is day 1, offset -1 is day -1).
  static constexpr StudyDay from_offset(Days offset) {
    const auto n = offset.count();
    return StudyDay{static_cast<int>(n >= 0 ? n + 1 : n)};
  }
  // Day number `n`; nullopt for 0, which does not exist.
  static constexpr std::optional<StudyDay> from_number(int n) {
    if (n == 0) return std::nullopt;
    return StudyDay{n};
  }

  constexpr int number() const { return n_; }
  // Days from Day 1 to this day.
  constexpr Days offset() const { return Days{n_ > 0 ? n_ - 1 : n_}; }

  // NOLINTNEXTLINE(modernize-use-nullptr): a false finding of clang-tidy 14 on a defaulted <=>
  friend constexpr auto operator<=>(StudyDay, StudyDay) = default;

  // The study day `d` days later (earlier for negative d).
  friend constexpr StudyDay operator+(StudyDay day, Days d) { return from_offset(day.offset() + d); }
  friend constexpr StudyDay operator+(Days d, StudyDay day) { return day + d; }
  friend constexpr StudyDay operator-(StudyDay day, Days d) { return from_offset(day.offset() - d); }
  // Days from `b` to `a` (negative when a comes first).
  friend constexpr Days operator-(StudyDay a, StudyDay b) { return a.offset() - b.offset(); }

 private:
  explicit constexpr StudyDay(int n) : n_{n} {}
  int n_;
};

constexpr StudyDay study_day_of(Date day1, Date d) { return StudyDay::from_offset(d - day1); }
constexpr Date date_of(Date day1, StudyDay day) { return day1 + day.offset(); }

}  // namespace planner
