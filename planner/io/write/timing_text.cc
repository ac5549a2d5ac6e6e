#include "planner/io/write/timing_text.h"

#include <algorithm>

#include "planner/core/blinding.h"
#include "planner/core/dose.h"
#include "planner/core/scheduler.h"
#include "planner/core/study_day.h"
#include "planner/core/timeline.h"
#include "planner/io/iso8601.h"

namespace planner {
namespace {

std::string side(const Duration& d, char sign) {
  if (const auto days = d.exact_days()) return sign + std::to_string(days->count()) + "d";
  return sign + format_duration(d);
}

// Offsets of series occurrences are stored in days; whole weeks read better as weeks.
std::string offset_text(const Duration& d, bool from_series) {
  Duration shown = d;
  shown.negative = false;
  if (from_series && shown.days % 7 == 0 && shown.weeks == 0) {
    shown.weeks = shown.days / 7;
    shown.days = 0;
  }
  return format_duration(shown);
}

// The offset of a visit timed from Day 1 in weeks or days (its nominal offset); nullopt for a chained visit
// or one timed in months or years.
std::optional<Days> anchored_offset(const Visit& v) {
  if (v.after || v.on) return std::nullopt;
  return v.at.exact_days();
}

}  // namespace

std::string week_text(Days offset) {
  const WeekAndDay w = week_of(offset);
  return std::to_string(w.week) + (w.day != Days{0} ? "+" + std::to_string(w.day.count()) + "d" : "");
}

std::string window_text(const Window& window) {
  if (window.early == window.late && window.early.is_exact()) return "±" + side(window.early, '+').substr(1);
  return "[" + side(window.early, '-') + "," + side(window.late, '+') + "]";
}

std::string timing_text(const Protocol& protocol, const Visit& visit) {
  const bool from_series = visit.series.has_value();
  if (visit.on) {  // a conditional visit: "P14D after AE", "on DISC", "P24W after BL, on DISC"
    const std::string& event = protocol.events[*visit.on].id;
    if (visit.after)
      return offset_text(visit.at, false) + (visit.at.negative ? " before " : " after ") +
             protocol.visits[*visit.after].id + ", on " + event;
    if (visit.at.is_zero()) return "on " + event;
    return offset_text(visit.at, false) + (visit.at.negative ? " before " : " after ") + event;
  }
  if (visit.after)
    return offset_text(visit.at, false) + (visit.at.negative ? " before " : " after ") +
           protocol.visits[*visit.after].id;
  if (visit.at.is_zero()) return "Day 1";
  return offset_text(visit.at, from_series) + (visit.at.negative ? " before Day 1" : " after Day 1");
}

std::string study_day_text(const Protocol& protocol, std::size_t visit) {
  const auto offset = anchored_offset(protocol.visits[visit]);
  return offset ? std::to_string(StudyDay::from_offset(*offset).number()) : "-";
}

std::string visit_week_text(const Protocol& protocol, std::size_t visit) {
  const auto offset = anchored_offset(protocol.visits[visit]);
  return offset ? week_text(*offset) : "-";
}

namespace {

std::string activity_what(const Protocol& protocol, const Activity& a) {
  const auto index = static_cast<std::size_t>(&a - protocol.activities.data());
  const bool per_visit = std::any_of(protocol.visits.begin(), protocol.visits.end(), [&](const Visit& v) {
    return v.amount && std::find(v.activities.begin(), v.activities.end(), index) != v.activities.end();
  });
  switch (a.kind) {
    case ActivityKind::dose:
      return a.product + ", " +
             (per_visit   ? "amount set per visit"
              : !a.amount ? "amount not stated"
                          : to_string(*a.amount)) +
             ", " + a.route;
    case ActivityKind::assessment: return a.instrument + " (" + std::string{to_string(a.role)} + ")";
    case ActivityKind::procedure:
    case ActivityKind::sample: return a.label;
  }
  return a.label;
}

}  // namespace

std::string activity_text(const Protocol& protocol, const Activity& a) {
  const std::string what = activity_what(protocol, a);
  return a.duration ? what + ", " + std::to_string(a.duration->count()) + " min" : what;
}

std::string visit_time_text(const Protocol& protocol, const Visit& visit, const std::optional<std::string>& arm) {
  std::optional<Minutes> shortest, longest;
  for (const Arm& a : protocol.arms) {
    if (arm ? a.id != *arm : !visit.applies_to(a.id)) continue;
    const auto length = visit_length(protocol, visit, a.id);
    if (!length) continue;
    shortest = std::min(shortest.value_or(*length), *length);
    longest = std::max(longest.value_or(*length), *length);
  }
  std::string length;
  if (shortest)
    length = (shortest == longest ? "" : std::to_string(shortest->count()) + "-") + std::to_string(longest->count()) +
             " min";
  if (!visit.time) return length;
  return format_time_of_day(*visit.time) + (length.empty() ? "" : ", " + length);
}

std::string arms_text(const std::vector<std::string>& arms) {
  if (arms.empty()) return "all";
  std::string out;
  for (const std::string& a : arms) out += (out.empty() ? "" : "/") + a;
  return out;
}

std::string visit_activities_text(const Protocol& protocol, const Visit& visit, const std::string& arm, bool blind) {
  std::string out;
  for (std::size_t i : activities_for(protocol, visit, arm)) {
    const Activity& a = protocol.activities[i];
    const std::string& label = a.site_label(arm);
    std::string text = !label.empty() ? label : a.instrument.empty() ? a.id : a.instrument;
    if (blind) {
      text = participant_text(a);
    } else if (a.kind == ActivityKind::dose) {
      if (const auto amount = amount_of(visit, a)) text += " " + to_string(*amount);
    }
    out += (out.empty() ? "" : "; ") + text;
  }
  return out;
}

std::string period_cadence_text(const DosingPeriod& period, const std::optional<Amount>& amount) {
  std::string out = amount ? to_string(*amount) + " " : "";
  out += period.every == 1 ? "daily" : "every " + std::to_string(period.every) + " days";
  return out + (period.place == DosingPeriod::Place::home ? " at home" : " at the site");
}

}  // namespace planner
