#include "planner/io/interop/usdm/placement.h"

#include <algorithm>

#include "planner/io/interop/usdm/durations.h"
#include "planner/io/iso8601.h"

namespace planner::usdm {
namespace {

class Placer {
 public:
  Placer(const Timeline& study, const SourceText& src)
      : s_{study}, src_{src}, placements_(study.instances.size()), done_(study.instances.size(), false) {}

  // Each instance after the one it is relative to: a chain is followed to its start (or to an instance
  // placed already), then placed from there back.
  std::vector<Placement> run() {
    std::vector<bool> on_path(s_.instances.size(), false);
    for (std::size_t start = 0; start < s_.instances.size(); ++start) {
      std::vector<std::size_t> path;
      for (std::optional<std::size_t> k = start; k && !done_[*k]; k = reference_of(*k)) {
        if (on_path[*k]) fail_cycle(path, *k);
        on_path[*k] = true;
        path.push_back(*k);
      }
      for (; !path.empty(); path.pop_back()) {  // from the start of the chain
        place(path.back());
        on_path[path.back()] = false;
      }
    }
    return std::move(placements_);
  }

 private:
  // The instance a Before/After timing places `k` relative to; none for a Fixed Reference, an instance
  // without timing or a decision instance.
  std::optional<std::size_t> reference_of(std::size_t k) const {
    const Instance& s = s_.instances[k];
    if (s.decision || !s.timing) return std::nullopt;
    const Timing& t = s_.timings[*s.timing];
    if (t.fixed()) return std::nullopt;
    return t.to_index;
  }

  [[noreturn]] void fail_cycle(const std::vector<std::size_t>& path, std::size_t back_to) const {
    std::string chain;
    for (auto it = std::find(path.begin(), path.end(), back_to); it != path.end(); ++it)
      chain += s_.instances[*it].who() + " -> ";
    const Timing& closing = s_.timings[*s_.instances[path.back()].timing];
    fail_at(src_, closing.pointer + "/relativeToScheduledInstanceId",
            "the timings form a cycle: " + chain + s_.instances[back_to].who());
  }

  Duration duration(const std::string& text, const std::string& pointer, Rounding rounding, std::string_view what,
                    std::vector<std::string>& approximations) const {
    const auto full = parse_full_duration(text);
    if (!full) fail_at(src_, pointer, "expected an ISO 8601 duration such as P2W, got " + q(text));
    const auto d = to_planner(*full, rounding);
    if (!d) fail_at(src_, pointer, q(text) + " is too long for planner (" + planner_duration_limits() + ")");
    if (d->approximated)
      approximations.push_back(std::string{what} + " " + text +
                               (rounding == Rounding::down ? " rounded down" : " rounded") + " to " +
                               format_duration(d->value));
    return d->value;
  }

  void place(std::size_t k) {
    done_[k] = true;
    Placement& p = placements_[k];
    const Instance& s = s_.instances[k];
    if (s.decision) {
      p.why_not = "decision instance " + s.who() + " is not imported: planner has no branching schedules";
      return;
    }
    if (!s.timing) {
      p.why_not = "instance " + s.who() + " has no timing (no timing has it as relativeFromScheduledInstanceId)";
      return;
    }
    const Timing& t = s_.timings[*s.timing];
    if (t.fixed()) {
      if (k != s_.anchor) {
        p.why_not = "instance " + s.who() + " is timed by a second Fixed Reference, " + t.id + " (the first, " +
                    s_.timings[s_.anchor_timing].id + ", is Day 1): planner has one Day 1";
        return;
      }
      p.imported = true;
      p.anchor_only = s.planner.count("anchor") > 0 && s.encounter.empty() && s.activities.empty();
      place_window(p, t);
      return;  // at P0D
    }
    const std::size_t ref = *t.to_index;
    if (!placements_[ref].imported) {
      p.why_not = "instance " + s.who() + " is timed from " + s_.instances[ref].who() + " (timing " + t.id +
                  "), which is not imported";
      return;
    }
    p.at = duration(t.value, t.pointer + "/value", Rounding::nearest, "the timing value", p.assumed);
    p.at.negative = t.before() && !p.at.is_zero();
    if (ref != s_.anchor) p.after = ref;
    p.approximate_offset = placements_[ref].approximate_offset + approximate_days(p.at);
    p.imported = true;
    place_window(p, t);
  }

  // early = windowLower, late = windowUpper, in whole days (rounded down); P0D where USDM gives none.
  void place_window(Placement& p, const Timing& t) const {
    if (t.lower.empty() && t.upper.empty()) {
      p.window_assumed.emplace_back("USDM gives no window");
      return;
    }
    if (t.lower.empty()) p.window_assumed.emplace_back("USDM gives no windowLower");
    if (t.upper.empty()) p.window_assumed.emplace_back("USDM gives no windowUpper");
    std::vector<std::string> approximations;
    if (!t.lower.empty())
      p.early = duration(t.lower, t.pointer + "/windowLower", Rounding::down, "windowLower", approximations);
    if (!t.upper.empty())
      p.late = duration(t.upper, t.pointer + "/windowUpper", Rounding::down, "windowUpper", approximations);
    if (approximations.empty()) return;
    const std::string shown = (t.lower.empty() ? "-" : t.lower) + ".." + (t.upper.empty() ? "-" : t.upper) +
                              (t.window_label.empty() ? "" : " (" + q(t.window_label) + ")");
    p.window_report = "window " + shown + " imported as " + format_duration(p.early) + ".." + format_duration(p.late) +
                      " (planner windows are whole days)";
    p.window_assumed.push_back("USDM window " + shown + " is not in whole days: " + join(approximations, ", "));
  }

  const Timeline& s_;
  const SourceText& src_;
  std::vector<Placement> placements_;
  std::vector<bool> done_;
};

}  // namespace

std::vector<Placement> place_instances(const Timeline& study, const SourceText& src) {
  return Placer{study, src}.run();
}

}  // namespace planner::usdm
