// When a site is open: closed weekdays (a clinic closed on weekends) and closed dates (holidays), each date
// with the name of where it came from (a holiday file, a sites file), so that a refused day can say why.
//
//   SiteCalendar cal;
//   cal.close(date::Saturday);
//   cal.close(date::Sunday);
//   cal.close({Date{2026y / 3 / 1}, Date{2026y / 3 / 2}}, "holidays-kr-2026.txt");  // 1 March and its substitute
//   cal.is_open(Date{2026y / 1 / 10})  == false                   // a Saturday
//   cal.closure(Date{2026y / 3 / 2})   == Closure{Closure::Kind::date, "holidays-kr-2026.txt"}
//   cal.closure(Date{2026y / 3 / 3})   == std::nullopt            // open
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "planner/core/date.h"

namespace planner {

// Why a day is closed: its weekday is closed, or the date itself is (a holiday), closed by `source`.
struct Closure {
  enum class Kind { weekday, date };
  Kind kind = Kind::weekday;
  std::string source;  // Kind::date: the file that closed the date (the first one, when several did); may be ""

  bool operator==(const Closure&) const = default;
};

class SiteCalendar {
 public:
  void close(date::weekday day) { closed_weekdays_[day.c_encoding()] = true; }
  void close(Date day, const std::string& source = {});
  // Many at once, in any order: O((n + m) log(n + m)). A date already closed keeps its first source.
  void close(const std::vector<Date>& days, const std::string& source = {});

  bool is_open(Date day) const;
  bool is_closed(date::weekday day) const { return closed_weekdays_[day.c_encoding()]; }
  const std::vector<Date>& closed_dates() const { return closed_dates_; }
  // Why `day` is closed (a closed weekday first), or nullopt when it is open.
  std::optional<Closure> closure(Date day) const;

 private:
  std::array<bool, 7> closed_weekdays_{};
  std::vector<Date> closed_dates_;           // sorted, unique
  std::vector<std::uint64_t> closed_bits_;   // bit i: closed_dates_.front() + i days is closed (is_open in O(1))
  std::vector<std::uint32_t> date_sources_;  // parallel to closed_dates_: index into sources_
  std::vector<std::string> sources_;
};

}  // namespace planner
