// libFuzzer target: a previous calendar (iCalendar text read for `calendar --previous`). Any input reads or
// fails with an InputError naming fuzz-previous.ics; every event read has a UID of its own (the index points at
// it), a SEQUENCE of at least 0 and dates in the supported range.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "planner/core/error.h"
#include "planner/io/read/previous_calendar.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  planner::PreviousCalendar cal;
  try {
    cal = planner::parse_previous_calendar(std::string{reinterpret_cast<const char*>(data), size}, "fuzz-previous.ics");
  } catch (const planner::InputError& e) {
    if (std::string{e.what()}.find("fuzz-previous.ics") == std::string::npos) std::abort();
    return 0;
  }
  if (cal.by_uid.size() != cal.events.size()) std::abort();
  for (const planner::CalendarEvent& e : cal.events) {
    if (e.uid.empty() || cal.find(e.uid) != &e || e.sequence < 0) std::abort();
    if (!planner::in_supported_range(e.start) || !planner::in_supported_range(e.end)) std::abort();
  }
  return 0;
}
