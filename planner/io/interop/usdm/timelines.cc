#include "planner/io/interop/usdm/timelines.h"

#include <algorithm>
#include <cmath>

#include "planner/io/iso8601.h"

namespace planner::usdm {
namespace {

// The timing value in minutes when it is shorter than a day, else nullopt.
std::optional<double> minutes_of(const std::string& value) {
  if (value.empty()) return 0.0;
  const auto d = parse_full_duration(value);
  if (!d || d->years != 0 || d->months != 0 || d->weeks != 0 || d->days != 0) return std::nullopt;
  const double minutes = d->hours * 60 + d->minutes + d->seconds / 60;
  if (minutes >= 24 * 60) return std::nullopt;
  return minutes;
}

bool runs_as_steps(const UsdmStudy& study, const Timeline& t) {
  const bool run = std::any_of(study.activities.begin(), study.activities.end(),
                               [&](const UsdmActivity& a) { return a.timeline == t.timeline_id; });
  const bool no_encounter = std::all_of(t.instances.begin(), t.instances.end(),
                                        [](const Instance& i) { return i.encounter.empty() && !i.decision; });
  const bool short_timings = std::all_of(t.timings.begin(), t.timings.end(), [](const Timing& x) {
    return minutes_of(x.value).has_value();  // the Fixed Reference too: PT0M, where an event's is P1D (its Day 1)
  });
  return run && no_encounter && short_timings;
}

// Each step's minutes from the Fixed Reference (the placements have checked for cycles).
void describe_steps(const UsdmStudy& study, const Timeline& t, OtherTimeline& out) {
  std::vector<std::optional<double>> at(t.instances.size());
  at[t.anchor] = 0.0;
  for (bool progress = true; progress;) {
    progress = false;
    for (std::size_t k = 0; k < t.instances.size(); ++k) {
      const Instance& s = t.instances[k];
      if (at[k] || !s.timing) continue;
      const Timing& x = t.timings[*s.timing];
      if (x.fixed() || !x.to_index || !at[*x.to_index]) continue;
      const double m = *minutes_of(x.value);
      at[k] = *at[*x.to_index] + (x.before() ? -m : m);
      progress = true;
    }
  }
  double last = 0;
  std::string steps;
  for (std::size_t k = 0; k < t.instances.size(); ++k) {
    const Instance& s = t.instances[k];
    std::vector<std::string> names;
    for (const std::string& a : s.activities) names.push_back(study.activity(a)->shown());
    steps += (steps.empty() ? "" : ", ") + s.who() + (names.empty() ? "" : " " + join(names, " + "));
    if (!at[k]) {
      steps += " (not timed)";
      continue;
    }
    last = std::max(last, *at[k]);
    steps += " at " + format_time_duration(std::chrono::minutes{std::lround(*at[k])});
  }
  out.steps = steps;
  if (std::lround(last) > 0) out.span = std::chrono::minutes{std::lround(last)};
}

}  // namespace

std::vector<OtherTimeline> plan_other_timelines(const UsdmStudy& study, const SourceText& src) {
  std::vector<OtherTimeline> out;
  for (const Timeline& t : study.others) {
    OtherTimeline o;
    if (!t.has_anchor) {
      o.why_not = "timeline " + t.timeline_id + " " + q(t.timeline_name) +
                  " has no timing of type \"Fixed Reference\"" + ": nothing says when its " +
                  std::to_string(t.instances.size()) +
                  (t.instances.size() == 1 ? " instance happens" : " instances happen") + "; not imported";
    } else {
      o.placements = place_instances(t, src);
      o.use = runs_as_steps(study, t) ? TimelineUse::steps : TimelineUse::event;
      if (o.use == TimelineUse::steps) describe_steps(study, t, o);
    }
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace planner::usdm
