#include "planner/io/read/holidays.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "planner/core/error.h"
#include "planner/io/iso8601.h"
#include "planner/io/read/input_file.h"
#include "planner/io/source_text.h"
#include "planner/io/text_check.h"

namespace planner {

std::vector<Date> parse_holidays(const std::string& text, const std::string& name) {
  const SourceText src{name, text};
  std::vector<Date> out;
  std::string_view rest{text};
  if (rest.starts_with("\xEF\xBB\xBF")) rest.remove_prefix(3);
  for (int line = 1; !rest.empty(); ++line) {
    const auto nl = rest.find('\n');
    std::string_view content = rest.substr(0, nl);
    rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
    if (const auto cr = content.find('\r'); cr != std::string_view::npos && cr + 1 != content.size())
      throw InputError{src.error(line,
                                 1 + static_cast<int>(std::count_if(content.begin(), content.begin() + cr,
                                                                    [](char c) { return (c & 0xC0) != 0x80; })),
                                 "a carriage return not followed by a line feed: lines must end in LF or CRLF")};
    if (const auto hash = content.find('#'); hash != std::string_view::npos) content = content.substr(0, hash);
    const auto first = content.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) continue;
    const auto last = content.find_last_not_of(" \t\r");
    const std::string_view field = content.substr(first, last - first + 1);
    const int column = static_cast<int>(first) + 1;
    if (const auto problem = check_text(field))  // a BOM on a later line, a stray control character
      throw InputError{src.error(line, column + static_cast<int>(problem->column),
                                 "expected a date YYYY-MM-DD, got " + problem->what)};
    const auto parsed = parse_date(field);
    if (!parsed.value) {
      const bool several = field.find_first_of(" \t,;") != std::string_view::npos;
      throw InputError{
          src.error(line, column,
                    several ? "expected one date YYYY-MM-DD per line, got " + quoted(field) : parsed.error)};
    }
    out.push_back(*parsed.value);
  }
  return out;
}

std::vector<Date> load_holidays(const std::string& path) { return parse_holidays(read_file(path), path); }

std::optional<date::weekday> parse_weekday(std::string_view text) {
  static constexpr std::array<std::string_view, 7> kShort{"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
  static constexpr std::array<std::string_view, 7> kLong{"sunday",   "monday", "tuesday", "wednesday",
                                                         "thursday", "friday", "saturday"};
  std::string name{text};
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  for (unsigned i = 0; i < 7; ++i)
    if (name == kShort[i] || name == kLong[i]) return date::weekday{i};
  return std::nullopt;
}

std::vector<date::weekday> parse_weekdays(std::string_view list, std::string_view flag) {
  std::vector<date::weekday> out;
  while (!list.empty()) {
    const auto comma = list.find(',');
    const std::string_view name = list.substr(0, comma);
    list.remove_prefix(comma == std::string_view::npos ? list.size() : comma + 1);
    const auto day = parse_weekday(name);
    if (!day)
      throw InputError{"planner: error: " + std::string{flag} + ": unknown weekday '" + std::string{name} +
                       "'; expected a comma-separated list of mon, tue, wed, thu, fri, sat, sun"};
    out.push_back(*day);
  }
  return out;
}

}  // namespace planner
