// The subjects of a roster run and, when given, the visits they made: `--roster CSV [--actuals CSV]` or
// `--roster-sdtm DM [--actuals-sdtm SV]` (the pairs `planner check` reads), checked together, and the dates of
// their events (`--events CSV`, subject,event,date, as `planner check --events` reads it). The roster is
// streamed; the visit log and the events are read and indexed by subject before planning.
//
//   RosterInput input{args, cohort};       // calendar PROTOCOL --roster R.csv --actuals LOG.csv
//   input.replan(planner);                 // each subject re-planned around its own actual visits
//   planner.run(input.next(), input.path(), work, emit);
//   input.warn_unused();                   // "the visit log ... has visits of 2 subjects not in the roster"
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "planner/cli/actuals.h"
#include "planner/cli/command.h"
#include "planner/cli/options.h"
#include "planner/io/interop/sdtm/subjects.h"
#include "planner/io/pipeline/cohort.h"
#include "planner/io/read/roster.h"

namespace planner::cli {

// The subjects of an SDTM DM (`subjects`: its planned ones) one by one, as CohortPlanner::Next: each at its site
// of `sites` (0 without sites; an InputError naming `path` for a site not there). `cursor` counts those handed out.
CohortPlanner::Next dm_subjects(const std::vector<Subject>& subjects, const std::vector<Site>* sites,
                                const std::string& path, std::size_t& cursor);

class RosterInput {
 public:
  // Reads the SDTM DM (whole) or opens the roster CSV, and reads the visit log; InputError for options that
  // do not go together (--actuals with --roster-sdtm, --actuals-sdtm without it).
  RosterInput(const Args& args, const Cohort& cohort);

  // Makes the planner re-plan each subject around its actual visits (with a visit log) and plan its conditional
  // visits from its events (with --events); nothing without either.
  void replan(CohortPlanner& planner);
  // The subjects in roster order (for CohortPlanner::run), and the file named in errors.
  CohortPlanner::Next next();
  const std::string& path() const { return path_; }
  // The roster CSV has a stratum column (the calendar CSV then has one too); an SDTM DM has none.
  bool has_stratum() const { return csv_ && csv_->has_stratum(); }
  // Progress: the roster CSV's bytes read and size (an SDTM DM is read before planning: nullopt).
  std::size_t bytes_read() const { return csv_ ? csv_->bytes_read() : 0; }
  std::optional<std::uint64_t> size() const { return csv_ ? csv_->size() : std::nullopt; }
  // After the run: one warning for the visit log's subjects that are not in the roster.
  void warn_unused() const;

 private:
  const Cohort& cohort_;
  std::string path_;
  std::optional<RosterReader> csv_;
  SdtmRoster dm_;
  std::size_t dm_next_ = 0;
  std::optional<ActualsIndex> log_;
  std::optional<EventDates> events_;
};

}  // namespace planner::cli
