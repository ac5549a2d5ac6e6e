#include "planner/io/write/ical_timezone.h"

#include <date/tz.h>
#include <stdexcept>

#include "planner/core/error.h"
#include "planner/io/source_text.h"

namespace planner {
namespace {

// +0100, -0500, +053045 (seconds only when there are some, as in local mean times before 1900).
std::string utc_offset(std::chrono::seconds offset) {
  const char sign = offset < std::chrono::seconds{0} ? '-' : '+';
  const long s = offset < std::chrono::seconds{0} ? -offset.count() : offset.count();
  std::string out(1, sign);
  const auto two = [&](long n) {
    out += static_cast<char>('0' + n / 10);
    out += static_cast<char>('0' + n % 10);
  };
  two(s / 3600);
  two(s / 60 % 60);
  if (s % 60 != 0) two(s % 60);
  return out;
}

// YYYYMMDDTHHMMSS (local time, no zone)
std::string local_time(date::local_seconds t) { return date::format("%Y%m%dT%H%M%S", t); }

}  // namespace

void append_vtimezone(std::string& out, const std::string& zone, Date first, Date last) {
  const date::time_zone* tz = nullptr;
  try {
    tz = date::locate_zone(zone);
  } catch (const std::runtime_error&) {
    throw InputError{"planner: error: unknown time zone " + quoted(zone) + " (not in the tz database)"};
  }
  const date::sys_seconds from{Date{first - Days{1}}};
  const date::sys_seconds to{Date{last + Days{2}}};
  constexpr date::sys_seconds kEarliest{Date{date::year{1900} / 1 / 1}};
  out += "BEGIN:VTIMEZONE\r\nTZID:" + zone + "\r\n";
  date::sys_info info = tz->get_info(from);
  for (;;) {
    const bool early = info.begin < kEarliest;
    const std::chrono::seconds before = early ? info.offset : tz->get_info(info.begin - std::chrono::seconds{1}).offset;
    const date::local_seconds onset{(early ? kEarliest : info.begin).time_since_epoch() +
                                    (early ? info.offset : before)};
    const char* kind = info.save == std::chrono::minutes{0} ? "STANDARD" : "DAYLIGHT";
    out += std::string{"BEGIN:"} + kind + "\r\nDTSTART:" + local_time(onset) +
           "\r\nTZOFFSETFROM:" + utc_offset(before) + "\r\nTZOFFSETTO:" + utc_offset(info.offset) + "\r\n";
    if (!info.abbrev.empty()) out += "TZNAME:" + info.abbrev + "\r\n";
    out += std::string{"END:"} + kind + "\r\n";
    if (info.end >= to || info.end == date::sys_seconds::max()) break;
    info = tz->get_info(info.end);
  }
  out += "END:VTIMEZONE\r\n";
}

}  // namespace planner
