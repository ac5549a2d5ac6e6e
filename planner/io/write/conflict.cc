#include "planner/io/write/conflict.h"

#include "planner/core/constraint.h"
#include "planner/io/iso8601.h"

namespace planner {
namespace {

// Days of one run share their reason: the same rule, the same closure kind and source, the same dose.
bool same_reason(const Blocked& a, const Blocked& b) {
  return a.why == b.why && a.closure == b.closure && a.dose == b.dose && a.dose_visit == b.dose_visit &&
         a.constraint == b.constraint && a.other_visit == b.other_visit && a.hours == b.hours;
}

std::string weekday_names(Date first, Date last) {
  static constexpr const char* kNames[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                           "Thursday", "Friday", "Saturday"};
  std::string out;
  for (Date d = first; d <= last && d < first + Days{7}; d += Days{1})
    out += (out.empty() ? "" : ", ") + std::string{kNames[date::weekday{d}.c_encoding()]};
  return out;
}

std::string reason(const Protocol& protocol, const Blocked& first, Date last, const Site* site) {
  switch (first.why) {
    case Blocked::Why::closed:
      if (first.closure.kind == Closure::Kind::weekday) return "closed (" + weekday_names(first.day, last) + ")";
      return first.closure.source.empty() ? "closed (holiday)" : "closed (holiday in " + first.closure.source + ")";
    case Blocked::Why::hours: {
      const std::string open = format_time_of_day(first.hours.open) + "-" + format_time_of_day(first.hours.close);
      const std::string length = std::to_string(first.length.count()) + " min";
      if (!first.start) return "open only " + open + " (the visit takes " + length + ")";
      return "open only " + open + " (the visit is at " + format_time_of_day(*first.start) +
             (first.length.count() > 0 ? " for " + length : "") + ")";
    }
    case Blocked::Why::full:
      if (!site) return "full";
      return "full (site " + site->id +
             (site->capacity ? ": " + std::to_string(*site->capacity) + " visits a day)" : ")");
    case Blocked::Why::dose_gap:
      return "too close to dose " + protocol.visits[first.dose_visit].id + " on " + format_date(first.dose);
    case Blocked::Why::constraint: {
      const Constraint& c = protocol.constraints[first.constraint];
      return "constraint " + c.id + " (" + protocol.activities[c.then].id + " " + constraint_bounds(c) + " after " +
             protocol.activities[c.first].id + "; " + protocol.visits[first.other_visit].id + " on " +
             format_date(first.dose) + ")";
    }
  }
  return "?";
}

}  // namespace

std::string conflict_reasons(const Protocol& protocol, const Conflict& conflict, const Site* site) {
  std::string out;
  const std::vector<Blocked>& days = conflict.days;
  for (std::size_t i = 0; i < days.size();) {
    std::size_t j = i + 1;
    while (j < days.size() && days[j].day == days[j - 1].day + Days{1} && same_reason(days[i], days[j])) ++j;
    const Date last = days[j - 1].day;
    out += (out.empty() ? "" : "; ") + format_date(days[i].day) + (j - i > 1 ? ".." + format_date(last) : "") + " " +
           reason(protocol, days[i], last, site);
    i = j;
  }
  return out;
}

}  // namespace planner
