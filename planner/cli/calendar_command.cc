// planner calendar PROTOCOL --day1 DATE [--subject S] [--arm A] [--site X [--sites TOML]] [--closed sat,sun]
//                  [--holidays FILE]... [--prefer earlier|later] [--format table|csv|json|ics] [--output FILE]
#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>
#include <optional>
#include <spdlog/spdlog.h>
#include <unordered_set>

#include "planner/cli/actuals.h"
#include "planner/cli/command.h"
#include "planner/cli/conflicts.h"
#include "planner/cli/messages.h"
#include "planner/cli/options.h"
#include "planner/cli/progress.h"
#include "planner/cli/roster_input.h"
#include "planner/cli/xlsx_output.h"
#include "planner/core/error.h"
#include "planner/core/scheduler.h"
#include "planner/core/spelling.h"
#include "planner/io/iso8601.h"
#include "planner/io/pipeline/cohort.h"
#include "planner/io/read/events.h"
#include "planner/io/read/holidays.h"
#include "planner/io/read/previous_calendar.h"
#include "planner/io/read/roster.h"
#include "planner/io/read/sites.h"
#include "planner/io/read/visit_log.h"
#include "planner/io/source_text.h"
#include "planner/io/write/calendar.h"
#include "planner/io/write/ical.h"
#include "planner/io/write/output_file.h"

namespace planner::cli::calendar {

// The calendar CSV columns that --format xlsx writes as numbers and as dates.
const std::initializer_list<std::string_view> kCalendarNumbers{"study_day", "shift"};
const std::initializer_list<std::string_view> kCalendarDates{"target", "earliest", "latest", "scheduled"};

// The subject's site among `sites` (for its appointment time), or null.
const Site* site_of(std::span<const Site> sites, const std::string& id) {
  const auto it = std::find_if(sites.begin(), sites.end(), [&](const Site& s) { return s.id == id; });
  return it == sites.end() ? nullptr : &*it;
}

std::span<const Site> one_site(const Site* site) {
  return site ? std::span<const Site>{site, 1} : std::span<const Site>{};
}

// The ids of a visit log nearest to a subject id it lacks, at most three: those that differ only in case
// first (s001 -> S001), then those within closest_match's reach; nearest first, then in log order.
std::vector<std::string> nearest_ids(std::string_view subject, const std::vector<std::string>& ids) {
  const auto lower = [](std::string_view s) {
    std::string out{s};
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
  };
  const std::string folded = lower(subject);
  const std::size_t reach = std::clamp<std::size_t>(subject.size() / 3, 1, 3);
  std::vector<std::pair<std::size_t, std::string>> near;  // (rank, id)
  for (const std::string& id : ids) {
    const std::size_t folded_distance = edit_distance(folded, lower(id));
    const std::size_t distance = edit_distance(subject, id);
    if (folded_distance == 0 || distance <= reach) near.emplace_back(folded_distance * 8 + distance, id);
  }
  std::stable_sort(near.begin(), near.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < near.size() && i < 3; ++i) out.push_back(near[i].second);
  return out;
}

// The actual visits of `subject` in a visit log, by visit index (add_actual_visits). A log without any
// record of the subject is a warning naming the ids nearest to it (a typo would otherwise re-plan silently).
std::map<std::size_t, Date> subject_actuals(const Protocol& protocol, const Subject& subject, const std::string& path) {
  if (subject.id.empty()) throw InputError{msg::actuals_need_subject()};
  std::vector<ActualVisit> rows;
  std::vector<std::string> ids;  // the log's subjects, in log order
  std::unordered_set<std::string> seen;
  for (ActualVisit& a : load_visit_log(path, nullptr)) {
    if (seen.insert(a.subject).second) ids.push_back(a.subject);
    if (a.subject == subject.id) rows.push_back(std::move(a));  // the log may hold the whole cohort
  }
  std::map<std::size_t, Date> out;
  add_actual_visits(protocol, subject, rows, path, out);
  if (rows.empty()) {
    std::vector<std::string> named = nearest_ids(subject.id, ids);
    const bool near = !named.empty();
    if (!near)
      named.assign(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(ids.size(), 3)));
    spdlog::warn(msg::no_actuals_of_subject(subject.id, path, named, near, ids.size()));
  }
  return out;
}

// --stamp, --remind, --blind, --previous and --timezone, checked to go with --format ics. `previous` holds the calendar
// --previous names (the options point to it). An update without --stamp is stamped with the current time.
IcsOptions ics_options(const Args& args, const std::string& format, const std::vector<Site>* sites,
                       std::optional<PreviousCalendar>& previous) {
  IcsOptions options;
  if (args.has("stamp")) options.stamp = args.text("stamp");
  options.reminders = args.texts("remind");
  options.blind = args.vm()["blind"].as<bool>();
  options.sites = sites;
  if (args.has("timezone")) {
    options.time_zone = args.text("timezone");
    if (sites) throw InputError{msg::time_zone_with_sites()};
    if (!is_time_zone(options.time_zone))
      throw InputError{msg::unknown_time_zone(options.time_zone, closest_time_zone(options.time_zone))};
  }
  if (format != "ics")
    for (const char* option : {"stamp", "remind", "blind", "previous", "timezone"})
      if (args.given(option)) throw InputError{msg::goes_with("--" + std::string{option}, "--format ics")};
  if (args.has("previous")) {
    previous = load_previous_calendar(args.text("previous"));
    options.previous = &*previous;
    if (options.stamp.empty())
      options.stamp = date::format("%Y-%m-%dT%H:%M:%SZ",
                                   date::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
  }
  return options;
}

// Every subject of a roster (--roster, or an SDTM DM with --roster-sdtm), streamed: read in chunks, planned
// on --threads, written in roster order; with --actuals (--actuals-sdtm) each subject is re-planned around
// its own actual visits.
int run_cohort(const Args& args, const std::string& format, Prefer prefer) {
  for (const char* option : {"day1", "arm", "subject", "site"})
    if (args.given(option)) throw InputError{msg::given_by_roster("--" + std::string{option})};
  const Cohort cohort = cohort_from_flags(args);
  const Protocol& protocol = cohort.protocol;
  const unsigned threads = cohort.threads;
  RosterInput roster{args, cohort};

  std::optional<PreviousCalendar> previous;
  const IcsOptions ics_flags = ics_options(args, format, cohort.site_list(), previous);
  std::optional<IcsWriter> ics;
  if (format == "ics") ics.emplace(protocol, ics_flags);
  std::optional<XlsxOutput> xlsx;  // --format xlsx: the CSV rows as typed cells
  if (format == "xlsx") xlsx.emplace(args, "calendar", kCalendarNumbers, kCalendarDates);
  std::optional<OutputFile> file;
  if (!xlsx) file.emplace(args.output());
  const auto write = [&](std::string_view text) { xlsx ? xlsx->write(text) : file->write(text); };
  const std::span<const Site> sites = cohort.site_list() ? *cohort.site_list() : std::span<const Site>{};
  const CalendarCsvWriter csv{protocol, xlsx ? kCsvForXlsx : args.csv(), sites, roster.has_stratum()};
  std::optional<CalendarJsonWriter> json;  // --format json: one document, a subject a line
  if (format == "json") json.emplace(protocol, sites);
  if (format == "csv" || xlsx) write(csv.header());
  if (ics) write(ics->begin(ics->calendar_name("")));
  if (json) write(json->begin());
  bool first = true;  // the first subject's text: without the ",\n" that comes before every subject
  std::vector<std::size_t> conflicts(threads, 0);
  // One a planning thread. iCalendar's text is four times the CSV's and its batches hold more: its memos keep less
  // (about 240 subjects' events for Nahm 2023: a thread's sites and arms over a few days of a roster in enrolment
  // order), so that a run stays within 64 MiB (60 MiB at 10^6 subjects).
  constexpr std::size_t kIcsMemoBytes = std::size_t{2} << 20;
  std::vector<CalendarMemo> memos(threads, CalendarMemo{ics ? kIcsMemoBytes : CalendarMemo::kBytes});
  CohortPlanner planner{protocol, cohort.site_list(), &cohort.calendar, prefer, threads};
  roster.replan(planner);
  const bool verbose = args.has("verbose");
  list_conflicts(verbose, planner, cohort);
  ProgressBar progress{"planning", roster.size()};
  planner.run(
      roster.next(), roster.path(),
      [&](unsigned thread, const PlannedSubject& s, std::string& text) {
        // Counted here, added once: the threads' counters share a cache line.
        const auto n = std::count_if(s.visits.begin(), s.visits.end(),
                                     [](const PlannedVisit& pv) { return pv.status == VisitStatus::conflict; });
        if (n > 0) conflicts[thread] += static_cast<std::size_t>(n);
        if (format == "csv" || format == "xlsx")
          csv.append(text, s.subject, s.visits, memos[thread], s.alike);
        else if (ics)
          ics->append(text, s.subject, s.visits, memos[thread], s.alike);
        else if (json) {
          text += ",\n";
          json->append(text, s.subject, s.visits, sites.empty() ? nullptr : &sites[s.site], memos[thread], s.alike);
        } else
          text = calendar_table(protocol, s.subject, s.visits, site_of(sites, s.subject.site)) + "\n";
      },
      [&](std::span<const std::string> texts) {
        if (json && first) {  // the first subject: without the comma before it
          write(std::string_view{texts.front()}.substr(1));
          texts = texts.subspan(1);
          first = false;
        }
        if (!xlsx) return file->write(texts);
        for (const std::string& text : texts) xlsx->write(text);
      },
      [&](std::size_t) { progress.update(roster.bytes_read()); });
  progress.finish();
  if (ics) write(ics->end());
  if (json) write(CalendarJsonWriter::end());
  xlsx ? xlsx->commit() : file->commit();
  roster.warn_unused();
  std::size_t total = 0;
  for (std::size_t c : conflicts) total += c;
  if (total) spdlog::warn(msg::roster_conflicts(total, verbose));
  return 0;
}

void options(OptionList& o) {
  o.protocol()
      .text("day1 DATE", "Day 1 (the anchor event) as YYYY-MM-DD")
      .text("arm ARM", "the arm to plan (optional for single-arm protocols and with --blind)")
      .text("subject ID", "", "subject id shown in the output")
      .text("site ID", "", "the subject's site: shown in the output; with --sites, its closures and name")
      .text("actuals CSV",
            "visit log CSV (subject,visit,date): the visits that happened (of --subject, or of each subject of "
            "--roster); the rest are re-planned")
      .text("events CSV",
            "event dates CSV (subject,event,date): the conditional visits (on = EVENT) of --subject, or of each "
            "subject of --roster, are planned from them")
      .text("roster-sdtm DM.csv", "SDTM DM as CSV (USUBJID, ARMCD, SITEID, RFSTDTC): the subjects, instead of --roster")
      .text("actuals-sdtm SV.csv", "SDTM SV as CSV (USUBJID, VISITNUM, VISIT, SVSTDTC): the visits of --roster-sdtm")
      .format({"table", "csv", "json", "ics", "xlsx"}, nullptr,
              "table, csv, json, ics (iCalendar) or xlsx (Excel, needs --output) (default: table for one "
              "subject, csv for a roster)")
      .text("stamp UTC-TIME",
            "ics: DTSTAMP of every event, a UTC time such as 2026-11-25T09:00:00Z (default: Day 1 at 00:00Z)")
      .texts("remind DURATION", "ics: a reminder this long before each visit day (P1D, PT18H); may be repeated")
      .flag("blind", "ics: no arm, product or dose text (participant calendars of a blinded trial)")
      .text("previous ICS",
            "ics: the calendar sent before: changed events get SEQUENCE+1 and a new DTSTAMP (--stamp, else now), "
            "events no longer planned come out cancelled")
      .text("timezone ZONE",
            "ics: the IANA time zone of visits with a time of day, without --sites (default: floating local time)")
      .site_and_cohort()
      .csv_output();
}

// One subject: its visits planned around the site's closures (and its actual visits, with --actuals).
int run_subject(const Args& args, const std::string& format, Prefer prefer, const std::string& protocol_name) {
  if (args.given("threads")) throw InputError{msg::goes_with("--threads", "--roster")};
  refuse_closures_with_sites(args);
  const Date day1 = args.required_date("day1");

  const Protocol protocol = load_protocol_argument(protocol_name);
  std::optional<std::vector<Site>> sites;
  if (args.has("sites")) sites = load_sites(args.text("sites"));
  const Site* site = subject_site(args, sites ? &*sites : nullptr);
  const SiteCalendar flags_calendar = calendar_from_flags(args);
  const SiteCalendar& calendar = site ? site->calendar : flags_calendar;
  std::optional<PreviousCalendar> previous;
  const IcsOptions ics = ics_options(args, format, sites ? &*sites : nullptr, previous);
  const Subject subject{args.text("subject"), choose_arm(protocol, args), args.text("site"), day1};
  std::map<std::size_t, Date> actuals;
  if (args.has("actuals")) actuals = subject_actuals(protocol, subject, args.text("actuals"));
  std::map<std::size_t, Date> events;  // --subject's rows of --events: its conditional visits are planned
  if (args.has("events"))
    for (const SubjectEvent& e : load_events(args.text("events"), protocol))
      if (e.subject == subject.id) events.emplace(e.event, e.date);
  std::vector<Conflict> conflicts;
  PlanRequest request{subject.day1, subject.arm, &calendar, prefer, nullptr, args.has("actuals") ? &actuals : nullptr,
                      &conflicts};
  request.events = &events;
  const std::vector<PlannedVisit> visits = plan(protocol, request);
  warn_conflicts(protocol, subject, visits, conflicts, site);

  if (format == "xlsx") {
    XlsxOutput xlsx{args, "calendar", kCalendarNumbers, kCalendarDates};
    const CalendarCsvWriter csv{protocol, kCsvForXlsx, one_site(site)};
    std::string rows = csv.header();
    csv.append(rows, subject, visits);
    xlsx.write(rows);
    xlsx.commit();
    return 0;
  }
  std::string out;
  if (format == "ics") {
    out = calendar_ics(protocol, subject, visits, ics);
  } else if (format == "csv") {
    const CalendarCsvWriter csv{protocol, args.csv(), one_site(site)};
    out = csv.header();
    csv.append(out, subject, visits);
  } else if (format == "json") {
    out = calendar_json(protocol, subject, visits, site);
  } else {
    out = calendar_table(protocol, subject, visits, site);
  }
  args.emit(out);
  return 0;
}

int run(const Args& args) {
  const bool roster = args.has("roster") || args.has("roster-sdtm");
  if (args.has("actuals-sdtm") && !args.has("roster-sdtm"))  // SV is read with its DM; one subject takes --actuals
    throw InputError{msg::goes_with("--actuals-sdtm", "--roster-sdtm")};
  const std::string format = args.format(roster ? "csv" : "table");
  const Prefer prefer = prefer_from_flags(args);
  const std::string protocol_name = args.argument();
  if (roster) {
    return run_cohort(args, format, prefer);
  }
  return run_subject(args, format, prefer, protocol_name);
}

}  // namespace planner::cli::calendar
