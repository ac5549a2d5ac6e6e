// Planning a whole cohort, streaming: the roster is read in batches, each batch's subjects are planned
// (on several threads if asked), and the results are handed on in roster order, so the output of any
// number of threads is byte-identical to one thread's. While one batch is being emitted (written) by a
// writer thread, the next is read and planned: I/O and planning overlap even with one planning thread.
//
// Re-planning from actual dates: use_actuals() gives each subject its actual visits (found on the worker
// thread, just before the subject is planned), so a roster is re-planned in the same stream.
//
// Determinism with capacity: each site's subjects are planned by one thread (site index mod threads), in
// roster order, against that site's SiteLoad; sites never share state, so the booking order of every
// site is the roster order whatever the thread count.
//
// Plans are remembered: two subjects of the same site and arm with the same Day 1 get the same plan when
// nothing else tells them apart (no capacity at the site, no actual visits, no events, no report of reasons),
// so each planning thread keeps the plans it made by (site, arm, Day 1) -- at most kRemembered of them,
// forgotten all at once when full -- and gives a subject like one before a copy of that plan. A cohort of 10^6
// subjects of a few sites and arms enrolled over a year is planned a few thousand times, not a million.
//
//   CohortPlanner planner{protocol, &sites, nullptr, Prefer::earlier, 2};
//   planner.run(roster,
//       [&](unsigned, const PlannedSubject& s, std::string& out) { csv.append(out, s.subject, s.visits); },
//       [&](std::span<const std::string> texts) { file.write(texts); });  // in roster order, a batch at a time
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "planner/core/scheduler.h"
#include "planner/core/site.h"
#include "planner/io/read/events.h"
#include "planner/io/read/roster.h"

namespace planner {

struct PlannedSubject {
  Subject subject;
  std::size_t site = 0;                 // index into the sites, 0 without sites
  int line = 0;                         // roster line
  std::map<std::size_t, Date> actuals;  // with use_actuals: the visits that happened (visit index -> date)
  std::vector<PlannedVisit> visits;
  std::vector<Conflict> conflicts;  // with report(): why each visit in conflict is (PlanRequest::conflicts)
  std::vector<Conflict> moves;      // with report(): why each shifted visit moved (PlanRequest::moves)
  // Not 0 for a remembered plan (see above): subjects with the same `alike` have the same site, arm, Day 1 and
  // plan (CalendarMemo takes it to know them without comparing their plans).
  std::uint64_t alike = 0;
};

class CohortPlanner {
 public:
  // `sites`: per-site calendars and capacities (null: every subject uses `calendar`, no capacity).
  // `calendar`: used when there are no sites (null: every day open).
  CohortPlanner(const Protocol& protocol, const std::vector<Site>* sites, const SiteCalendar* calendar, Prefer prefer,
                unsigned threads);

  using Work = std::function<void(unsigned thread, const PlannedSubject&, std::string& out)>;
  // The texts of a batch of subjects, in roster order (OutputFile::write takes them as they are, with writev).
  using Emit = std::function<void(std::span<const std::string> texts)>;
  // The subjects emitted so far, after each batch, on the writer thread.
  using Progress = std::function<void(std::size_t subjects_done)>;
  // The next subject to plan (its subject, site and line), or false at the end; called on one reader thread.
  using Next = std::function<bool(PlannedSubject&)>;
  // Fills `s.actuals` for subject `s`; called on the worker thread that plans it. Its errors stop the run
  // like a bad roster row (the error of the earliest row is the one reported).
  using Actuals = std::function<void(PlannedSubject& s)>;

  // Re-plan every subject around its actual visits (PlanRequest::actuals).
  void use_actuals(Actuals find) { actuals_ = std::move(find); }
  // Plan each subject's conditional visits from its events' dates (PlanRequest::events), looked up by subject id
  // in `events` (read only, on the worker threads; it must outlive run()). Without: no conditional visit is
  // planned.
  void use_events(const EventDates* events) { events_ = events; }
  // Work out why each conflict happened (PlannedSubject::conflicts) and why each shifted visit moved (::moves),
  // and hand every subject to `each`, in
  // roster order, on the writer thread, after its batch is emitted (the -v list of a roster's conflicts).
  using Report = std::function<void(const PlannedSubject&)>;
  void report(Report each) { report_ = std::move(each); }

  // Plans every subject of the roster. `work` runs on a worker thread per subject and appends its text
  // to `out`; `emit` receives the subjects' texts, in roster order, a batch at a time, always on the one writer
  // thread.
  // Errors (bad roster rows, plans out of range, failed writes) stop the run and are rethrown here.
  void run(RosterReader& roster, const Work& work, const Emit& emit, const Progress& progress = {});
  // The same for subjects from elsewhere (an SDTM DM in memory); `path` is named in errors.
  void run(const Next& next, const std::string& path, const Work& work, const Emit& emit,
           const Progress& progress = {});

  // The most plans a planning thread remembers (about 0.5 KiB each for a protocol of 11 visits).
  static constexpr std::size_t kRemembered = 8192;

 private:
  using Memo = std::unordered_map<std::uint64_t, std::vector<PlannedVisit>>;  // plans by remember_key
  std::optional<std::uint64_t> remember_key(const PlannedSubject& ps, const PlanRequest& request) const;
  void plan_subject(Memo& memo, const PlanRequest& request, PlannedSubject& ps);
  // Plans thread t's share of the `n` subjects of a batch (and has `work` write their texts); `row` is the one
  // it is at (for errors).
  void plan_share(unsigned t, const std::string& path, std::vector<PlannedSubject>& subjects,
                  std::vector<std::string>& texts, std::size_t n, std::size_t& row, const Work& work);

  const Protocol& protocol_;
  Scheduler scheduler_;
  const std::vector<Site>* sites_;
  const SiteCalendar* calendar_;
  Prefer prefer_;
  unsigned threads_;
  Actuals actuals_;
  const EventDates* events_ = nullptr;
  Report report_;
  std::vector<SiteLoad> loads_;
  std::vector<Memo> memos_;  // one per planning thread
};

}  // namespace planner
