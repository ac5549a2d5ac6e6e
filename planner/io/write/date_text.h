// The text of every supported date (1900-01-01..2200-12-31, core/date.h), made once on first use: 1.1 MB that
// turns writing a date into a 10-byte copy, for the writers that put several dates on each of millions of lines
// (the cohort calendar's CSV, JSON and iCalendar).
//
//   date_texts().text(2026_y / 1 / 19)  ->  "2026-01-19"
#pragma once

#include <string>
#include <string_view>

#include "planner/core/date.h"

namespace planner {

class DateTexts {
 public:
  // Written day by day from a running year, month and day (format_date for each would take 5 ms).
  DateTexts() : text_(static_cast<std::size_t>((kLastDate - kFirstDate).count() + 1) * 10, '0') {
    const auto put = [](char* at, unsigned value, int width) {
      for (int k = width - 1; k >= 0; --k, value /= 10) at[k] = static_cast<char>('0' + value % 10);
    };
    char* out = text_.data();
    const date::year_month_day first{kFirstDate}, last{kLastDate};
    for (int y = static_cast<int>(first.year()); y <= static_cast<int>(last.year()); ++y)
      for (unsigned m = 1; m <= 12; ++m) {
        const unsigned days = static_cast<unsigned>((date::year{y} / date::month{m} / date::last).day());
        for (unsigned d = 1; d <= days; ++d, out += 10) {
          put(out, static_cast<unsigned>(y), 4);
          out[4] = '-';
          put(out + 5, m, 2);
          out[7] = '-';
          put(out + 8, d, 2);
        }
      }
  }
  // YYYY-MM-DD; d must be in the supported range (in_supported_range).
  std::string_view text(Date d) const {
    return {text_.data() + static_cast<std::size_t>((d - kFirstDate).count()) * 10, 10};
  }

 private:
  std::string text_;
};

inline const DateTexts& date_texts() {
  static const DateTexts texts;  // thread-safe initialisation
  return texts;
}

}  // namespace planner
