// Site closures as text: closed weekdays (`sat,sun`) and holiday files (one ISO date per line).
//
//   # Korea 2026 public holidays
//   2026-01-01            # New Year's Day
//   2026-02-16  2026-02-17  are not allowed on one line: one date per line
//
// Blank lines and `#` comments are ignored; CRLF line ends and a UTF-8 byte-order mark are accepted.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "planner/core/date.h"
#include "planner/core/site_calendar.h"

namespace planner {

// Dates of a holiday file's text; InputError (file:line:col) on anything else.
std::vector<Date> parse_holidays(const std::string& text, const std::string& name);
std::vector<Date> load_holidays(const std::string& path);

// "sat" or "Saturday" (any case) -> Saturday; nullopt for anything else.
std::optional<date::weekday> parse_weekday(std::string_view text);

// "sat,sun" -> Saturday, Sunday. Accepts three-letter English names and full names, any case.
// InputError naming the flag on anything else.
std::vector<date::weekday> parse_weekdays(std::string_view list, std::string_view flag);

}  // namespace planner
