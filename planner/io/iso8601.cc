#include "planner/io/iso8601.h"

#include <array>
#include <charconv>
#include <sstream>

#include "planner/io/source_text.h"

namespace planner {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool all_digits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

int to_int(std::string_view digits) {
  int n = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), n);
  return n;
}

}  // namespace

Parsed<Date> parse_date(std::string_view text) {
  const auto digits = [&](std::size_t from, std::size_t n) {  // -1 unless text[from, from + n) are all digits
    int value = 0;
    for (std::size_t i = from; i < from + n; ++i) {
      if (!is_digit(text[i])) return -1;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  const bool dashes = text.size() == 10 && text[4] == '-' && text[7] == '-';
  const int year = dashes ? digits(0, 4) : -1, month = dashes ? digits(5, 2) : -1, mday = dashes ? digits(8, 2) : -1;
  if (year < 0 || month < 0 || mday < 0) return {std::nullopt, "expected a date YYYY-MM-DD, got " + quoted(text)};
  const date::year y{year};
  const date::month m{static_cast<unsigned>(month)};
  const date::day d{static_cast<unsigned>(mday)};
  if (!m.ok()) return {std::nullopt, quoted(text) + " is not a calendar date (months are 01-12)"};
  const date::year_month_day ymd{y, m, d};
  if (!ymd.ok()) {
    const unsigned last = static_cast<unsigned>(date::year_month_day_last{y, date::month_day_last{m}}.day());
    return {std::nullopt, quoted(text) + " is not a calendar date (" + date::format("%B %Y", date::year_month{y, m}) +
                              " has " + std::to_string(last) + " days)"};
  }
  const Date day{ymd};
  if (!in_supported_range(day))
    return {std::nullopt, quoted(text) + " is outside the supported dates 1900-01-01..2200-12-31"};
  return {day, {}};
}

Parsed<date::sys_seconds> parse_utc_time(std::string_view text) {
  for (const char* format : {"%Y-%m-%dT%H:%M:%SZ", "%Y%m%dT%H%M%SZ"}) {
    std::istringstream in{std::string{text}};
    date::sys_seconds t;
    in >> date::parse(format, t);
    if (in.fail() || in.peek() != std::char_traits<char>::eof()) continue;
    if (in_supported_range(date::floor<date::days>(t))) return {t, {}};
  }
  return {std::nullopt,
          "expected a UTC date and time such as 2026-11-25T09:00:00Z or 20261125T090000Z (between "
          "1900 and 2200), got " +
              quoted(text)};
}

Parsed<Duration> parse_duration(std::string_view text) {
  const auto fail = [&](const std::string& why) -> Parsed<Duration> {
    return {std::nullopt, "expected an ISO 8601 duration such as P2W, P3D, -P4W or P1M, got " + quoted(text) +
                              (why.empty() ? "" : ": " + why)};
  };
  std::string_view s = text;
  Duration out;
  if (!s.empty() && s.front() == '-') {
    out.negative = true;
    s.remove_prefix(1);
  }
  if (s.empty() || s.front() != 'P') return fail("it must start with P (or -P)");
  s.remove_prefix(1);
  if (s.empty()) return fail("no number of days, weeks, months or years follows P");

  struct Part {
    char unit;
    int* field;
    int limit;
  };
  const std::array<Part, 4> parts{{{'Y', &out.years, kMaxDurationYears},
                                   {'M', &out.months, kMaxDurationMonths},
                                   {'W', &out.weeks, kMaxDurationWeeks},
                                   {'D', &out.days, kMaxDurationDays}}};
  std::size_t next = 0;  // parts must come in the order Y, M, W, D
  while (!s.empty()) {
    if (s.front() == 'T') return fail("times of day (PT…) are not supported; use days");
    if (s.front() == '-' || s.front() == '+') return fail("a sign goes before the P, as in -P1W");
    const std::size_t n = s.find_first_not_of("0123456789");
    if (n == 0) return fail("expected a number after " + std::string{text.substr(0, text.size() - s.size())});
    if (n == std::string_view::npos) return fail("the number " + std::string{s} + " has no unit (Y, M, W or D)");
    const std::string_view digits = s.substr(0, n);
    const char unit = s[n];
    if (unit == '.' || unit == ',') return fail("fractions are not supported");
    std::size_t i = next;
    while (i < parts.size() && parts[i].unit != unit) ++i;
    if (i == parts.size()) {
      const bool known = unit == 'Y' || unit == 'M' || unit == 'W' || unit == 'D';
      return fail(known ? "units must appear once each, in the order Y, M, W, D"
                        : "unknown unit '" + std::string(1, unit) + "' (expected Y, M, W or D)");
    }
    if (digits.size() > 6 || to_int(digits) > parts[i].limit)
      return fail(std::string{digits} + unit + " is too large (at most " + std::to_string(parts[i].limit) + unit + ")");
    *parts[i].field = to_int(digits);
    next = i + 1;
    s.remove_prefix(n + 1);
  }
  if (out.is_zero()) out.negative = false;
  return {out, {}};
}

Parsed<TimeOfDay> parse_time_of_day(std::string_view text) {
  const bool shaped = text.size() == 5 && text[2] == ':' && all_digits(text.substr(0, 2)) &&
                      all_digits(text.substr(3, 2));
  if (!shaped)
    return {std::nullopt, "expected a time of day HH:MM (24-hour clock, e.g. \"09:30\"), got " + quoted(text)};
  const int h = to_int(text.substr(0, 2)), m = to_int(text.substr(3, 2));
  if (h > 23 || m > 59) return {std::nullopt, quoted(text) + " is not a time of day (hours are 00-23, minutes 00-59)"};
  return {TimeOfDay{Minutes{h * 60 + m}}, {}};
}

Parsed<Minutes> parse_time_duration(std::string_view text) {
  const auto fail = [&](std::string_view why) -> Parsed<Minutes> {
    return {std::nullopt, "expected a duration of hours and minutes such as PT45M or PT1H30M, got " + quoted(text) +
                              ": " + std::string{why}};
  };
  std::string_view s = text;
  if (s.size() < 2 || s.substr(0, 2) != "PT") return fail("it must start with PT");
  s.remove_prefix(2);
  if (s.empty()) return fail("no hours (H) or minutes (M) follow PT");
  long total = 0;
  std::string_view units = "HM";  // the units still allowed, in order
  while (!s.empty()) {
    const std::size_t n = s.find_first_not_of("0123456789");
    if (n == 0) return fail("expected a number");
    if (n == std::string_view::npos) return fail("the number " + std::string{s} + " has no unit (H or M)");
    if (n > 4) return fail("the number " + std::string{s.substr(0, n)} + " is too large");
    const std::size_t unit = units.find(s[n]);
    if (unit == std::string_view::npos)
      return fail(s[n] == 'H' || s[n] == 'M' ? "hours come before minutes, once each" : "units are H and M");
    total += static_cast<long>(to_int(s.substr(0, n))) * (units[unit] == 'H' ? 60 : 1);
    units.remove_prefix(unit + 1);
    s.remove_prefix(n + 1);
  }
  if (total == 0) return fail("it must be more than zero");
  if (total > 24L * 60) return fail("it must be at most PT24H");
  return {Minutes{total}, {}};
}

Parsed<OpeningHours> parse_opening_hours(std::string_view text) {
  const auto dash = text.find('-');
  const auto fail = [&](const std::string& why) -> Parsed<OpeningHours> {
    return {std::nullopt, "expected opening hours HH:MM-HH:MM such as \"08:00-17:00\", got " + quoted(text) +
                              (why.empty() ? "" : ": " + why)};
  };
  if (dash == std::string_view::npos) return fail("");
  const auto open = parse_time_of_day(text.substr(0, dash));
  const auto close = parse_time_of_day(text.substr(dash + 1));
  if (!open.value) return fail(open.error);
  if (!close.value) return fail(close.error);
  if (*close.value <= *open.value) return fail("they must end after they start");
  return {OpeningHours{*open.value, *close.value}, {}};
}

std::string format_time_of_day(TimeOfDay t) {
  std::string out(5, ':');
  out[0] = static_cast<char>('0' + t.hours() / 10);
  out[1] = static_cast<char>('0' + t.hours() % 10);
  out[3] = static_cast<char>('0' + t.minutes() / 10);
  out[4] = static_cast<char>('0' + t.minutes() % 10);
  return out;
}

std::string format_time_duration(Minutes m) {
  std::string out = "PT";
  if (m.count() >= 60) out += std::to_string(m.count() / 60) + "H";
  if (m.count() % 60 != 0 || m.count() == 0) out += std::to_string(m.count() % 60) + "M";
  return out;
}

std::optional<FullDuration> parse_full_duration(std::string_view s) {
  if (s.empty() || s.front() != 'P') return std::nullopt;
  s.remove_prefix(1);
  FullDuration d;
  double* const date_fields[] = {&d.years, &d.months, &d.weeks, &d.days};
  double* const time_fields[] = {&d.hours, &d.minutes, &d.seconds};
  bool in_time = false, any = false;
  std::size_t next = 0;  // the first unit still allowed (units come in order)
  while (!s.empty()) {
    if (s.front() == 'T') {
      if (in_time) return std::nullopt;
      in_time = true;
      next = 0;
      s.remove_prefix(1);
      if (s.empty()) return std::nullopt;  // "PT" and "P1DT" name no time
      continue;
    }
    if (d.fraction) return std::nullopt;  // only the last part may have a fraction
    std::size_t n = 0;
    while (n < s.size() && is_digit(s[n])) ++n;
    if (n == 0 || n > 9) return std::nullopt;
    double value = 0;
    for (std::size_t i = 0; i < n; ++i) value = value * 10 + (s[i] - '0');
    if (n < s.size() && (s[n] == '.' || s[n] == ',')) {
      std::size_t f = n + 1;
      double scale = 0.1;
      while (f < s.size() && is_digit(s[f])) {
        value += (s[f] - '0') * scale;
        scale /= 10;
        ++f;
      }
      if (f == n + 1 || f - n - 1 > 9) return std::nullopt;
      d.fraction = true;
      n = f;
    }
    if (n >= s.size()) return std::nullopt;  // a number without unit
    const std::string_view units = in_time ? "HMS" : "YMWD";
    const std::size_t unit = units.find(s[n], next);
    if (unit == std::string_view::npos) return std::nullopt;
    *(in_time ? time_fields[unit] : date_fields[unit]) = value;
    next = unit + 1;
    any = true;
    s.remove_prefix(n + 1);
  }
  if (!any) return std::nullopt;
  return d;
}

std::string format_date(Date d) {
  // By hand rather than date::format, which goes through an ostream: calendars format millions of dates.
  const date::year_month_day ymd{d};
  const int y = int{ymd.year()};
  const auto m = unsigned{ymd.month()}, day = unsigned{ymd.day()};
  if (y < 0 || y > 9999) return date::format("%F", d);
  std::string out(10, '-');
  out[0] = static_cast<char>('0' + y / 1000);
  out[1] = static_cast<char>('0' + y / 100 % 10);
  out[2] = static_cast<char>('0' + y / 10 % 10);
  out[3] = static_cast<char>('0' + y % 10);
  out[5] = static_cast<char>('0' + m / 10);
  out[6] = static_cast<char>('0' + m % 10);
  out[8] = static_cast<char>('0' + day / 10);
  out[9] = static_cast<char>('0' + day % 10);
  return out;
}

std::string format_duration(const Duration& d) {
  std::string out = d.negative ? "-P" : "P";
  if (d.years) out += std::to_string(d.years) + "Y";
  if (d.months) out += std::to_string(d.months) + "M";
  if (d.weeks) out += std::to_string(d.weeks) + "W";
  if (d.days || d.is_zero()) out += std::to_string(d.days) + "D";
  return out;
}

}  // namespace planner
