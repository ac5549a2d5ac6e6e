#include "planner/core/analysis_window.h"

#include <cstdlib>
#include <map>
#include <tuple>

namespace planner {

std::vector<AnalysisAssignment> assign_analysis_windows(const std::vector<AnalysisWindow>& windows,
                                                        const std::vector<AnalysisRecord>& records) {
  std::vector<AnalysisAssignment> out(records.size());
  // The best record so far per (subject, group, window).
  std::map<std::tuple<std::string, std::string, std::size_t>, std::size_t> best;
  for (std::size_t i = 0; i < records.size(); ++i) {
    const AnalysisRecord& r = records[i];
    AnalysisAssignment& a = out[i];
    a.study_day = study_day_of(r.day1, r.date);
    if (r.derived) continue;
    for (std::size_t w = 0; w < windows.size() && !a.window; ++w)
      if (windows[w].contains(a.study_day)) a.window = w;
    if (!a.window) continue;
    const AnalysisWindow& w = windows[*a.window];
    // AWTDIFF: on the numbers, not the dates (across Day 1 the two differ by the missing day 0).
    a.distance = Days{std::labs(static_cast<long>(a.study_day.number()) - static_cast<long>(w.target.number()))};
    const auto key = std::tuple{r.subject, r.group, *a.window};
    const auto it = best.find(key);
    if (it == best.end()) {
      best.emplace(key, i);
      continue;
    }
    const AnalysisAssignment& other = out[it->second];
    const bool nearer = *a.distance < *other.distance;
    const bool tie = *a.distance == *other.distance;
    const bool later = records[i].date > records[it->second].date ||
                       (records[i].date == records[it->second].date && i > it->second);
    if (nearer || (tie && later == w.ties_later)) it->second = i;
  }
  for (const auto& [key, i] : best) out[i].flagged = true;
  return out;
}

}  // namespace planner
