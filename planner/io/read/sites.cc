#include "planner/io/read/sites.h"

#include <date/tz.h>
#include <filesystem>

#include "planner/core/error.h"
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
    check_keys(t, "[[site]]", {"id", "name", "time_zone", "closed", "holidays", "holiday_files", "capacity", "note"});
    Site s;
    s.id = req_id(t, "[[site]]");
    s.name = opt_string(t, "name").value_or(s.id);
    s.where = location(t);
    if (const auto tz = opt_string(t, "time_zone")) {
      try {
        date::locate_zone(*tz);
      } catch (const std::exception&) {
        fail(*t.get("time_zone"),
             "unknown time zone " + planner::quoted(*tz) + ": expected an IANA name such as \"Asia/Seoul\"");
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
    return s;
  }
};

}  // namespace

std::vector<Site> parse_sites(const std::string& text, const std::string& name) {
  const SourceText src{name, text};
  return SitesReader{src}.read();
}

std::vector<Site> load_sites(const std::string& path) { return parse_sites(read_file(path), path); }

}  // namespace planner
