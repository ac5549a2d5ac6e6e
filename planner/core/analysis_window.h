// Analysis visit windows: statisticians assign dated records (questionnaire scores, labs) to analysis visits
// by windows of study days, and flag, within each window, the record closest to its target for analysis.
//
//   Week 8  = days 2..84, target 56;  Week 16 = 85..140, target 112;  Week 24 = 141.., target 168
//   a record on study day 63 -> Week 8, 7 days from target; of several Week 8 records of one subject, the one
//   nearest day 56 is flagged (equal distances: the later record, unless the window says `ties = "earlier"`).
//
// Windows are in study days; a distance is ADaM's AWTDIFF, |ADY - AWTARGET| on study-day numbers (there is no
// day 0, so a record on day -1 is 2 from a target of day 1, as the ADaM datasets compute it).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "planner/core/date.h"
#include "planner/core/provenance.h"
#include "planner/core/study_day.h"

namespace planner {

struct AnalysisWindow {
  std::string name;
  StudyDay target = StudyDay::from_offset(Days{0});
  std::optional<StudyDay> lower;  // first study day of the window (open when absent)
  std::optional<StudyDay> upper;  // last study day (open when absent)
  bool ties_later = true;
  Provenance provenance;  // the protocol's source or assumed of the window
  bool contains(StudyDay study_day) const { return (!lower || study_day >= *lower) && (!upper || study_day <= *upper); }
};

struct AnalysisRecord {
  std::string subject;
  std::string group;  // records are compared within a subject and group (e.g. the ADaM PARAMCD)
  Date date;
  Date day1;             // the subject's Day 1
  bool derived = false;  // a derived record (ADaM DTYPE): not assigned, not a candidate
};

// The records of one file, as read, with each record's line and ADaM DTYPE.
struct RecordFile {
  std::vector<AnalysisRecord> records;
  std::vector<int> lines;
  std::vector<std::string> dtype;  // as in the file ("" for observed records)
};

struct AnalysisAssignment {
  StudyDay study_day = StudyDay::from_offset(Days{0});
  std::optional<std::size_t> window;  // the first window (in protocol order) containing the study day
  std::optional<Days> distance;       // |study day - target| on study-day numbers (ADaM AWTDIFF)
  bool flagged = false;               // the record chosen for analysis in its window
};

// One assignment per record, in the records' order.
std::vector<AnalysisAssignment> assign_analysis_windows(const std::vector<AnalysisWindow>& windows,
                                                        const std::vector<AnalysisRecord>& records);

}  // namespace planner
