#include "planner/io/read/events.h"

#include <map>
#include <string_view>
#include <utility>

#include "planner/core/spelling.h"
#include "planner/io/iso8601.h"
#include "planner/io/read/csv.h"
#include "planner/io/source_text.h"

namespace planner {
namespace {

std::string unknown_event(std::string_view id, const Protocol& p) {
  std::vector<std::string_view> ids;
  ids.reserve(p.events.size());
  for (const Event& e : p.events) ids.push_back(e.id);
  const std::string guess = closest_match(id, ids);
  std::string message = "unknown event " + quoted(id);
  if (!guess.empty()) return message + "; did you mean " + quoted(guess) + "?";
  std::string list;
  for (std::string_view k : ids) list += (list.empty() ? "" : ", ") + std::string{k};
  return message + " (the protocol's events: " + (list.empty() ? "none" : list) + ")";
}

std::vector<SubjectEvent> read_events(CsvReader& csv, const Protocol& p) {
  csv.read_header({"subject", "event", "date"});
  std::vector<SubjectEvent> out;
  std::map<std::pair<std::string, std::size_t>, int> seen;  // (subject, event) -> line
  while (csv.next()) {
    SubjectEvent e;
    e.subject = csv.field(0);
    e.line = csv.line();
    if (e.subject.empty()) csv.fail(0, "empty subject id");
    const std::string_view id = csv.field(1);
    if (id.empty()) csv.fail(1, "empty event id");
    const Event* event = p.find_event(id);
    if (!event) csv.fail(1, unknown_event(id, p));
    e.event = static_cast<std::size_t>(event - p.events.data());
    e.date = csv.value(2, parse_date(csv.field(2)), "date");
    const auto [at, added] = seen.emplace(std::pair{e.subject, e.event}, e.line);
    if (!added)
      csv.fail(1, "subject " + quoted(e.subject) + " has event " + quoted(id) + " already (line " +
                      std::to_string(at->second) + ")");
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

std::vector<SubjectEvent> load_events(const std::string& path, const Protocol& protocol) {
  CsvReader csv{path};
  return read_events(csv, protocol);
}

EventDates events_by_subject(const std::vector<SubjectEvent>& events) {
  EventDates out;
  for (const SubjectEvent& e : events) out[e.subject].emplace(e.event, e.date);
  return out;
}

std::vector<SubjectEvent> parse_events(std::string text, const std::string& name, const Protocol& protocol) {
  CsvReader csv{name, std::move(text)};
  return read_events(csv, protocol);
}

}  // namespace planner
