// planner calendar PROTOCOL --day1 DATE [--subject S] [--arm A] [--site X] [--closed sat,sun]
//                  [--holidays FILE]... [--prefer earlier|later] [--format table|csv|json|ics] [--output FILE]
#include <map>
#include <optional>
#include <spdlog/spdlog.h>

#include "planner/cli/command.h"
#include "planner/cli/options.h"
#include "planner/cli/progress.h"
#include "planner/core/error.h"
#include "planner/core/scheduler.h"
#include "planner/io/write/calendar.h"
#include "planner/io/pipeline/cohort.h"
#include "planner/io/read/holidays.h"
#include "planner/io/write/ical.h"
#include "planner/io/iso8601.h"
#include "planner/io/write/output_file.h"
#include "planner/io/read/roster.h"
#include "planner/io/read/sites.h"
#include "planner/io/source_text.h"
#include "planner/io/read/visit_log.h"

namespace planner::cli {
namespace {

constexpr std::string_view kUsage =
    "planner calendar PROTOCOL --day1 DATE [--arm ARM] [--subject ID] [--site ID] [--closed DAYS]\n"
    "                 [--holidays FILE]... [--prefer earlier|later] [--actuals CSV] [--format table|csv|json|ics]\n"
    "                 [--output FILE]\n"
    "       planner calendar PROTOCOL --roster CSV [--sites TOML | --closed DAYS --holidays FILE...]\n"
    "                 [--threads N] [--prefer earlier|later] [--format csv|table|ics] [--output FILE]\n"
    "       iCalendar: --format ics [--stamp UTC-TIME] [--remind DURATION]... [--blind]";

// The actual visits of `subject` in a visit log, by visit index. A visit the arm does not have, or recorded
// twice, is an input error (planner check reports such records for a whole roster).
std::map<std::size_t, Date> subject_actuals(const Protocol& protocol, const Subject& subject, const std::string& path) {
  if (subject.id.empty()) throw InputError{"planner: error: --actuals needs --subject (whose visits to read)"};
  std::map<std::size_t, Date> out;
  std::map<std::size_t, int> lines;
  std::map<std::string_view, std::size_t> index_of;  // visit id -> index
  for (std::size_t i = 0; i < protocol.visits.size(); ++i) index_of.emplace(protocol.visits[i].id, i);
  for (const ActualVisit& a : load_visit_log(path, nullptr)) {
    if (a.subject != subject.id) continue;  // the log may hold the whole cohort
    const auto found = index_of.find(a.visit);
    const Visit* v = found == index_of.end() ? nullptr : &protocol.visits[found->second];
    if (!v || !v->applies_to(subject.arm))
      throw InputError{path + ":" + std::to_string(a.line) + ": error: " + quoted(a.visit) + " is not a visit of arm " +
                       subject.arm + " of " + protocol.study.id};
    const auto index = static_cast<std::size_t>(v - protocol.visits.data());
    if (const auto it = lines.find(index); it != lines.end())
      throw InputError{path + ":" + std::to_string(a.line) + ": error: visit " + a.visit + " is recorded twice (first at line " +
                       std::to_string(it->second) + ")"};
    lines[index] = a.line;
    out[index] = a.date;
  }
  return out;
}

// --stamp, --remind and --blind, checked to go with --format ics.
IcsOptions ics_options(const po::variables_map& vm, const std::string& format, const std::vector<Site>* sites) {
  IcsOptions options;
  if (vm.count("stamp")) options.stamp = vm["stamp"].as<std::string>();
  if (vm.count("remind")) options.reminders = vm["remind"].as<std::vector<std::string>>();
  options.blind = vm["blind"].as<bool>();
  options.sites = sites;
  if (format != "ics")
    for (const char* option : {"stamp", "remind", "blind"})
      if (vm.count(option) && !vm[option].defaulted())
        throw InputError{"planner: error: --" + std::string{option} + " goes with --format ics"};
  return options;
}

// Every subject of a roster, streamed: read in chunks, planned on --threads, written in roster order.
int run_cohort(const po::variables_map& vm, const std::string& format, Prefer prefer) {
  for (const char* option : {"day1", "arm", "subject", "site", "actuals"})
    if (vm.count(option) && !vm[option].defaulted())
      throw InputError{"planner: error: --" + std::string{option} + " does not go with --roster (the roster gives it)"};
  const Cohort cohort = cohort_from_flags(vm);
  const Protocol& protocol = cohort.protocol;
  const unsigned threads = cohort.threads;
  RosterReader roster{cohort.roster, protocol, cohort.site_list()};

  const IcsOptions ics_flags = ics_options(vm, format, cohort.site_list());
  std::optional<IcsWriter> ics;
  if (format == "ics") ics.emplace(protocol, ics_flags);
  OutputFile out{vm["output"].as<std::string>()};
  const CalendarCsvWriter csv{protocol};
  if (format == "csv") out.write(calendar_csv_header());
  if (ics) out.write(ics->begin(ics->calendar_name("")));
  std::vector<std::size_t> conflicts(threads, 0);
  CohortPlanner planner{protocol, cohort.site_list(), &cohort.calendar, prefer, threads};
  ProgressBar progress{"planning", roster.size()};
  planner.run(
      roster,
      [&](unsigned thread, const PlannedSubject& s, std::string& text) {
        for (const PlannedVisit& pv : s.visits) conflicts[thread] += pv.status == VisitStatus::conflict;
        if (format == "csv")
          csv.append(text, s.subject, s.visits);
        else if (ics)
          ics->append(text, s.subject, s.visits);
        else
          text = calendar_table(protocol, s.subject, s.visits) + "\n";
      },
      [&](std::string_view text) { out.write(text); }, [&](std::size_t) { progress.update(roster.bytes_read()); });
  progress.finish();
  if (ics) out.write(ics->end());
  out.commit();
  std::size_t total = 0;
  for (std::size_t c : conflicts) total += c;
  if (total) spdlog::warn("{} visits have no day in their window that is open, has room and keeps the dose gap "
                          "(status conflict)", total);
  return 0;
}

}  // namespace

int run_calendar(const std::vector<std::string>& args) {
  po::options_description options{"Options"};
  options.add_options()
      ("protocol", po::value<std::string>(), "protocol file, or the name of a bundled protocol")
      ("day1", po::value<std::string>(), "Day 1 (the anchor event) as YYYY-MM-DD")
      ("arm", po::value<std::string>(), "the arm to plan (optional for single-arm protocols)")
      ("subject", po::value<std::string>()->default_value(""), "subject id shown in the output")
      ("site", po::value<std::string>()->default_value(""), "site id shown in the output")
      ("actuals", po::value<std::string>(),
       "visit log CSV (subject,visit,date): the subject's visits that happened; the rest are re-planned")
      ("format", po::value<std::string>(),
       "table, csv, json or ics (iCalendar) (default: table for one subject, csv for a roster)")
      ("stamp", po::value<std::string>(),
       "ics: DTSTAMP of every event, a UTC time such as 2026-11-25T09:00:00Z (default: Day 1 at 00:00Z)")
      ("remind", po::value<std::vector<std::string>>()->composing(),
       "ics: a reminder this long before each visit day (P1D, PT18H); may be repeated")
      ("blind", po::bool_switch(), "ics: no arm, product or dose text (participant calendars of a blinded trial)")
      ("output,o", po::value<std::string>()->default_value(""), "write to FILE (atomically) instead of stdout");
  options.add(site_options()).add(cohort_options());
  po::positional_options_description positional;
  positional.add("protocol", 1);
  po::variables_map vm;
  if (!parse_command_line(args, options, positional, kUsage, vm)) return 0;

  const std::string format = vm.count("format") ? vm["format"].as<std::string>() : vm.count("roster") ? "csv" : "table";
  if (format != "table" && format != "csv" && format != "json" && format != "ics")
    throw InputError{"planner: error: --format: expected table, csv, json or ics, got '" + format + "'"};
  if (format == "json" && vm.count("roster"))
    throw InputError{"planner: error: --format json plans one subject; use --format csv with --roster"};
  const Prefer prefer = prefer_from_flags(vm);
  const std::string protocol_name = protocol_argument(vm, "calendar", kUsage);
  if (vm.count("roster")) return run_cohort(vm, format, prefer);
  for (const char* option : {"sites", "threads"})
    if (!vm[option].defaulted() && vm.count(option))
      throw InputError{"planner: error: --" + std::string{option} + " goes with --roster"};
  const std::string day1_text = required(vm, "day1", "calendar");
  const auto day1 = parse_date(day1_text);
  if (!day1.value) throw InputError{"planner: error: --day1: " + day1.error};

  const Protocol protocol = load_protocol_argument(protocol_name);
  const SiteCalendar calendar = calendar_from_flags(vm);
  const Subject subject{vm["subject"].as<std::string>(), choose_arm(protocol, vm), vm["site"].as<std::string>(),
                        *day1.value};
  std::map<std::size_t, Date> actuals;
  if (vm.count("actuals")) actuals = subject_actuals(protocol, subject, vm["actuals"].as<std::string>());
  const PlanRequest request{subject.day1, subject.arm, &calendar, prefer, nullptr, vm.count("actuals") ? &actuals : nullptr};
  const std::vector<PlannedVisit> visits = plan(protocol, request);
  for (const PlannedVisit& pv : visits) {
    if (pv.status != VisitStatus::conflict) continue;
    spdlog::warn("visit {} of subject {}: no day in its window {}..{} is open and keeps the dose gap; kept on "
                 "its target {} (conflict)",
                 protocol.visits[pv.visit].id, subject.id.empty() ? "-" : subject.id, format_date(pv.earliest),
                 format_date(pv.latest), format_date(pv.target));
  }

  const IcsOptions ics = ics_options(vm, format, nullptr);
  std::string out;
  if (format == "ics") {
    out = calendar_ics(protocol, subject, visits, ics);
  } else if (format == "csv") {
    out = calendar_csv_header();
    append_calendar_csv(out, protocol, subject, visits);
  } else if (format == "json") {
    out = calendar_json(protocol, subject, visits);
  } else {
    out = calendar_table(protocol, subject, visits);
  }
  emit(vm["output"].as<std::string>(), out);
  return 0;
}

}  // namespace planner::cli
