#include "planner/io/write/protocol_list.h"

#include <algorithm>

#include "planner/core/protocol_summary.h"
#include "planner/io/write/timing_text.h"

namespace planner {
namespace {

std::string last_visit_text(const ArmSummary& s) { return s.last_visit ? "week " + week_text(*s.last_visit) : "?"; }

// The arm's doses: its dose visits and its dosing periods' site doses, then its home doses when it has any
// ("8", "182 home", "8+182 home"; "?" for doses a period's visits leave uncounted).
std::string doses_text(const ArmSummary& s) {
  std::string site = s.site_period_doses ? std::to_string(s.doses + *s.site_period_doses) : "?";
  if (s.home_doses && *s.home_doses == 0) return site;
  const std::string home = (s.home_doses ? std::to_string(*s.home_doses) : "?") + " home";
  return site == "0" ? home : site + "+" + home;
}

}  // namespace

TextTable protocols_table(std::vector<const Protocol*> protocols) {
  std::stable_sort(protocols.begin(), protocols.end(),
                   [](const Protocol* a, const Protocol* b) { return a->study.id < b->study.id; });
  TextTable t{{"ID", "CONDITION", "ARMS", "DOSES", "LAST VISIT"}, {}, {false, false, false, true, false}};
  for (const Protocol* p : protocols) {
    std::string arms, doses, last;
    const std::vector<ArmSummary> summaries = summarize(*p);
    const bool same_last = std::all_of(summaries.begin(), summaries.end(), [&](const ArmSummary& s) {
      return s.last_visit == summaries.front().last_visit;
    });
    for (const ArmSummary& s : summaries) {
      const std::string sep = arms.empty() ? "" : "/";
      arms += sep + s.arm;
      doses += sep + doses_text(s);
      if (!same_last) last += (last.empty() ? "" : "/") + last_visit_text(s);
    }
    if (same_last) last = last_visit_text(summaries.front());
    t.rows.push_back({p->study.id, p->study.condition, arms, doses, last});
  }
  return t;
}

}  // namespace planner
