#include "planner/io/read/sites.h"

#include <array>
#include <cmath>
#include <date/tz.h>
#include <filesystem>

#include "planner/core/error.h"
#include "planner/core/spelling.h"
#include "planner/io/iso8601.h"
#include "planner/io/read/holidays.h"
#include "planner/io/read/input_file.h"
#include "planner/io/read/toml.h"

namespace planner {
namespace {

class SitesReader : TomlReader {
 public:
  using TomlReader::TomlReader;

  std::vector<Site> read() {
    const toml::table root = parse_document();
    check_keys(root, "the top level", {"format", "site"});
    const auto format = opt_int(root, "format");
    if (!format) fail(root.source(), "missing 'format = 1' at the top of the sites file", 1);
    if (*format != 1) fail(*root.get("format"), "unsupported format " + std::to_string(*format) + " (expected 1)");
    std::vector<Site> sites;
    for (const toml::table* t : tables(root, "site", true)) {
      Site s = read_site(*t);
      for (const Site& other : sites)
        if (other.id == s.id)
          fail(*t->get("id"),
               "duplicate site id '" + s.id + "' (first defined at line " + std::to_string(other.where.line) + ")");
      sites.push_back(std::move(s));
    }
    return sites;
  }

 private:
  Site read_site(const toml::table& t) {
    check_keys(t, "[[site]]",
               {"id", "name", "time_zone", "closed", "holidays", "holiday_files", "capacity", "capacity_minutes",
                "hours", "visit_time", "activation", "rate", "rate_cv", "alpha", "beta", "note"});
    Site s;
    s.id = req_id(t, "[[site]]");
    s.name = opt_string(t, "name").value_or(s.id);
    s.where = location(t);
    if (const auto tz = opt_string(t, "time_zone")) {
      if (!is_time_zone(*tz)) {
        const std::string guess = closest_time_zone(*tz);
        fail(*t.get("time_zone"), "unknown time zone " + planner::quoted(*tz) +
                                      (guess.empty() ? ": expected an IANA name such as \"Asia/Seoul\""
                                                     : "; did you mean " + planner::quoted(guess) + "?"));
      }
      s.time_zone = *tz;
    }
    for (const auto& [name, node] : string_array(t, "closed")) {
      const auto day = parse_weekday(name);
      if (!day)
        fail(*node, "unknown weekday " + planner::quoted(name) + ": expected mon, tue, wed, thu, fri, sat or sun");
      s.calendar.close(*day);
    }
    std::vector<Date> holidays;  // closed all at once (one insertion each would be quadratic)
    for (const auto& [text, node] : string_array(t, "holidays")) {
      const auto d = parse_date(text);
      if (!d.value) fail(*node, d.error);
      holidays.push_back(*d.value);
    }
    s.calendar.close(holidays, src_.name());  // a closed day names the file that closed it
    const auto dir = std::filesystem::path{src_.name()}.parent_path();
    for (const auto& [file, node] : string_array(t, "holiday_files")) {
      const std::string path = (dir / file).string();
      std::vector<Date> dates;
      try {
        dates = load_holidays(path);
      } catch (const IoError& e) {  // "path: error: why" -> why
        const std::string_view what = e.what();
        const auto why = what.find(": error: ");
        fail(*node, "cannot read the holiday file " + quoted(path, 200) + ": " +
                        std::string{why == std::string_view::npos ? what : what.substr(why + 9)} +
                        " (paths are relative to the sites file)");
      }
      s.calendar.close(dates, path);
    }
    if (const auto capacity = opt_int(t, "capacity")) {
      if (*capacity < 0 || *capacity > 100000)
        fail(*t.get("capacity"), "'capacity' must be between 0 and 100000 visits a day");
      s.capacity = static_cast<int>(*capacity);
    }
    read_hours(t, s);
    read_recruitment(t, s);
    return s;
  }

  // hours, visit_time and capacity_minutes (visits with a time of day: protocol format 2).
  void read_hours(const toml::table& t, Site& s) const {
    if (const toml::node* node = t.get("hours")) {
      if (const auto* days = node->as_table())
        read_weekly_hours(*days, s);
      else
        for (unsigned d = 0; d < 7; ++d) s.calendar.set_hours(date::weekday{d}, hours_value(*node, "'hours'"));
    }
    if (const auto time = opt_string(t, "visit_time")) {
      const auto parsed = parse_time_of_day(*time);
      if (!parsed.value) fail(*t.get("visit_time"), "'visit_time': " + parsed.error);
      if (const auto outside = day_outside(s.calendar, *parsed.value))
        fail(*t.get("visit_time"), "'visit_time' " + *time + " is outside the site's hours" + *outside);
      s.calendar.set_visit_time(*parsed.value);
    }
    if (const auto minutes = opt_int(t, "capacity_minutes")) {
      if (*minutes < 1 || *minutes > 1440000)
        fail(*t.get("capacity_minutes"), "'capacity_minutes' must be between 1 and 1440000 minutes of visits a day");
      s.capacity_minutes = static_cast<int>(*minutes);
    }
  }

  // hours = { mon = "08:00-17:00", …, sat = "09:00-12:00", sun = "closed" }: every weekday, its hours or
  // "closed" (a day left out would be ambiguous: closed, or open all day?).
  void read_weekly_hours(const toml::table& days, Site& s) const {
    std::array<bool, 7> given{};
    for (const auto& [key, value] : days) {
      const auto day = parse_weekday(key.str());
      if (!day)
        fail(value, "unknown weekday " + planner::quoted(key.str()) +
                        " in 'hours': expected mon, tue, wed, thu, fri, sat or sun");
      if (given[day->c_encoding()]) fail(value, "'hours' gives " + std::string{key.str()} + " twice");
      given[day->c_encoding()] = true;
      const std::string what = "'hours' of " + std::string{key.str()};
      if (value.value<std::string>() == "closed") {
        s.calendar.close(*day);
      } else {
        if (s.calendar.is_closed(*day))
          fail(value, what + ": the day is in 'closed' (write \"closed\" here, or take it out of 'closed')");
        s.calendar.set_hours(*day, hours_value(value, what));
      }
    }
    static constexpr std::array<const char*, 7> kNames{"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
    for (unsigned d = 0; d < 7; ++d)
      if (!given[d])
        fail(days, std::string{"'hours' has no entry for "} + kNames[d] +
                       ": give every weekday its hours (\"08:00-17:00\") or \"closed\"");
  }

  OpeningHours hours_value(const toml::node& n, const std::string& what) const {
    const auto* text = n.as_string();
    if (!text) fail(n, what + " must be a string such as \"08:00-17:00\", got " + std::string{toml_type_name(n)});
    const auto parsed = parse_opening_hours(text->get());
    if (!parsed.value) fail(n, what + ": " + parsed.error);
    return *parsed.value;
  }

  // The site's visit_time must fit the hours of at least one open weekday that has hours: " on every open day
  // (08:00-12:00 on fri)"-style text when it fits none, nullopt when it fits (or no day has hours).
  static std::optional<std::string> day_outside(const SiteCalendar& calendar, TimeOfDay time) {
    std::string hours;
    for (unsigned d = 0; d < 7; ++d) {
      const date::weekday day{d};
      const auto h = calendar.hours(day);
      if (!h || calendar.is_closed(day)) continue;
      if (h->fits(time, Minutes{0})) return std::nullopt;
      const std::string text = format_time_of_day(h->open) + "-" + format_time_of_day(h->close);
      if (hours.find(text) == std::string::npos) hours += (hours.empty() ? "" : ", ") + text;
    }
    if (hours.empty()) return std::nullopt;
    return " " + hours;
  }

  // A number (integer or float), or nullopt when absent.
  std::optional<double> opt_number(const toml::table& t, std::string_view key) const {
    const toml::node* n = t.get(key);
    if (!n) return std::nullopt;
    if (const auto* i = n->as_integer()) return static_cast<double>(i->get());
    if (const auto* f = n->as_floating_point()) return f->get();
    fail(*n, quoted(key) + " must be a number, got " + std::string{toml_type_name(*n)});
  }

  // A number above 0 (or >= 0 with `zero_ok`), or nullopt when absent.
  std::optional<double> positive(const toml::table& t, std::string_view key, std::string_view what,
                                 bool zero_ok = false) const {
    const auto x = opt_number(t, key);
    if (x && (!(zero_ok ? *x >= 0 : *x > 0) || !std::isfinite(*x)))
      fail(*t.get(key), quoted(key) + " must be " + (zero_ok ? "0 or more" : "above 0") + ": " + std::string{what});
    return x;
  }

  // activation, and rate (subjects a week) with rate_cv, or alpha and beta (weeks): planner/core/enrolment.h.
  void read_recruitment(const toml::table& t, Site& s) const {
    if (const auto a = opt_string(t, "activation")) {
      const auto d = parse_date(*a);
      if (!d.value) fail(*t.get("activation"), d.error);
      s.activation = *d.value;
    }
    const auto rate = positive(t, "rate", "the mean number of subjects the site enrols a week");
    const auto cv = positive(t, "rate_cv", "the coefficient of variation of the rate (0: the rate is exact)", true);
    const auto alpha = positive(t, "alpha", "the shape of the site's gamma-distributed rate");
    const auto beta = positive(t, "beta", "the rate parameter of the site's gamma-distributed rate, in weeks");
    if (rate && (alpha || beta))
      fail(*t.get(alpha ? "alpha" : "beta"), "give either 'rate' (and 'rate_cv') or 'alpha' and 'beta', not both");
    if (cv && !rate) fail(*t.get("rate_cv"), "'rate_cv' needs 'rate' (subjects a week)");
    if (alpha.has_value() != beta.has_value())
      fail(*t.get(alpha ? "alpha" : "beta"), "'alpha' and 'beta' come together (the rate is Gamma(alpha, beta))");
    if (rate) s.rate = RateModel::from_mean(*rate / 7, cv.value_or(0));
    if (alpha) s.rate = RateModel::from_gamma(*alpha, *beta * 7);  // beta in weeks -> days
  }
};

}  // namespace

std::string closest_time_zone(const std::string& name) {
  std::vector<std::string_view> names;
  for (const date::time_zone& z : date::get_tzdb().zones) names.push_back(z.name());
  const std::string guess = closest_match(name, names);
  return edit_distance(guess, name) <= 2 ? guess : "";  // a typo; "Asia/Suwon" is not "Asia/Saigon"
}

bool is_time_zone(const std::string& name) {
  try {
    date::locate_zone(name);
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

std::vector<Site> parse_sites(const std::string& text, const std::string& name) {
  const SourceText src{name, text};
  return SitesReader{src}.read();
}

std::vector<Site> load_sites(const std::string& path) { return parse_sites(read_file(path), path); }

}  // namespace planner
