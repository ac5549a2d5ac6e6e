// Planning a whole cohort, streaming: the roster is read in batches, each batch's subjects are planned
// (on several threads if asked), and the results are handed on in roster order, so the output of any
// number of threads is byte-identical to one thread's. While one batch is being emitted (written) by a
// writer thread, the next is read and planned: I/O and planning overlap even with one planning thread.
//
// Determinism with capacity: each site's subjects are planned by one thread (site index mod threads), in
// roster order, against that site's SiteLoad; sites never share state, so the booking order of every
// site is the roster order whatever the thread count.
//
//   CohortPlanner planner{protocol, &sites, nullptr, Prefer::earlier, 2};
//   planner.run(roster,
//       [&](const PlannedSubject& s, std::string& out) { csv.append(out, s.subject, s.visits); },  // workers
//       [&](std::string_view text) { file.write(text); });                                        // in order
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "planner/core/scheduler.h"
#include "planner/core/site.h"
#include "planner/io/read/roster.h"

namespace planner {

struct PlannedSubject {
  Subject subject;
  std::size_t site = 0;  // index into the sites, 0 without sites
  int line = 0;          // roster line
  std::vector<PlannedVisit> visits;
};

class CohortPlanner {
 public:
  // `sites`: per-site calendars and capacities (null: every subject uses `calendar`, no capacity).
  // `calendar`: used when there are no sites (null: every day open).
  CohortPlanner(const Protocol& protocol, const std::vector<Site>* sites, const SiteCalendar* calendar, Prefer prefer,
                unsigned threads);

  using Work = std::function<void(unsigned thread, const PlannedSubject&, std::string& out)>;
  using Emit = std::function<void(std::string_view text)>;
  using Progress = std::function<void(std::size_t subjects_done)>;

  // Plans every subject of the roster. `work` runs on a worker thread per subject and appends its text
  // to `out`; `emit` receives each subject's text, in roster order, always on the one writer thread.
  // Errors (bad roster rows, plans out of range, failed writes) stop the run and are rethrown here.
  void run(RosterReader& roster, const Work& work, const Emit& emit, const Progress& progress = {});

  // The bookings of site `i` so far (capacity used).
  const SiteLoad& load(std::size_t site) const { return loads_[site]; }

 private:
  void plan_batch(const RosterReader& roster, std::vector<PlannedSubject>& chunk, std::vector<std::string>& texts,
                  std::size_t n, const Work& work);

  const Protocol& protocol_;
  const std::vector<Site>* sites_;
  const SiteCalendar* calendar_;
  Prefer prefer_;
  unsigned threads_;
  std::vector<SiteLoad> loads_;
  std::vector<std::size_t> current_row_;  // per thread: the batch row being planned (for error order)
};

}  // namespace planner
