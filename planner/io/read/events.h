// Event dates: when the events of a protocol's [[event]] tables happened to each subject, as CSV with a
// header `subject,event,date` (any column order and case; extra columns ignored). They make a subject's
// conditional visits (`on = "AE"`) plannable and checkable:
//
//   subject,event,date
//   S001,DISC,2026-03-10        S001 discontinued on 2026-03-10: its visits on DISC are planned from then
//
// An empty subject, an event id the protocol does not define (with "did you mean"), a bad date, or a second
// date for the same subject and event is an InputError naming file:line:col.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "planner/core/date.h"
#include "planner/core/protocol.h"

namespace planner {

struct SubjectEvent {
  std::string subject;
  std::size_t event = 0;  // index into Protocol::events
  Date date;
  int line = 0;  // in the file
};

std::vector<SubjectEvent> load_events(const std::string& path, const Protocol& protocol);

// The same dates by subject: subject id -> event index -> date (what PlanRequest::events takes for a subject).
using EventDates = std::map<std::string, std::map<std::size_t, Date>, std::less<>>;
EventDates events_by_subject(const std::vector<SubjectEvent>& events);
// The same from `text`, read as if it were a file named `name` (tests).
std::vector<SubjectEvent> parse_events(std::string text, const std::string& name, const Protocol& protocol);

}  // namespace planner
