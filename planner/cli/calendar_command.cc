// planner calendar PROTOCOL --day1 DATE [--subject S] [--arm A] [--site X] [--closed sat,sun]
//                  [--holidays FILE]... [--prefer earlier|later] [--format table|csv] [--output FILE]
#include <spdlog/spdlog.h>

#include "planner/cli/command.h"
#include "planner/cli/options.h"
#include "planner/core/error.h"
#include "planner/core/scheduler.h"
#include "planner/io/calendar_writer.h"
#include "planner/io/holidays.h"
#include "planner/io/iso8601.h"

namespace planner::cli {
namespace {

constexpr std::string_view kUsage =
    "planner calendar PROTOCOL --day1 DATE [--arm ARM] [--subject ID] [--site ID] [--closed DAYS]\n"
    "                 [--holidays FILE]... [--prefer earlier|later] [--format table|csv] [--output FILE]";

}  // namespace

int run_calendar(const std::vector<std::string>& args) {
  po::options_description options{"Options"};
  options.add_options()
      ("protocol", po::value<std::string>(), "protocol file, or the name of a bundled protocol")
      ("day1", po::value<std::string>(), "Day 1 (the anchor event) as YYYY-MM-DD")
      ("arm", po::value<std::string>(), "the arm to plan (optional for single-arm protocols)")
      ("subject", po::value<std::string>()->default_value(""), "subject id shown in the output")
      ("site", po::value<std::string>()->default_value(""), "site id shown in the output")
      ("closed", po::value<std::string>()->default_value(""), "weekdays the site is closed, e.g. sat,sun")
      ("holidays", po::value<std::vector<std::string>>(), "file of closed dates, one YYYY-MM-DD per line "
                                                         "(repeatable)")
      ("prefer", po::value<std::string>()->default_value("earlier"),
       "when a closed visit can move as far earlier as later: earlier or later")
      ("format", po::value<std::string>()->default_value("table"), "table or csv")
      ("output,o", po::value<std::string>()->default_value(""), "write to FILE (atomically) instead of stdout");
  po::positional_options_description positional;
  positional.add("protocol", 1);
  po::variables_map vm;
  if (!parse_command_line(args, options, positional, kUsage, vm)) return 0;

  const std::string format = vm["format"].as<std::string>();
  if (format != "table" && format != "csv")
    throw InputError{"planner: error: --format: expected table or csv, got '" + format + "'"};
  const std::string prefer = vm["prefer"].as<std::string>();
  if (prefer != "earlier" && prefer != "later")
    throw InputError{"planner: error: --prefer: expected earlier or later, got '" + prefer + "'"};
  const std::string day1_text = required(vm, "day1", "calendar");
  const auto day1 = parse_date(day1_text);
  if (!day1.value) throw InputError{"planner: error: --day1: " + day1.error};
  if (!vm.count("protocol")) throw InputError{"planner: error: planner calendar needs a PROTOCOL\nusage: " + std::string{kUsage}};

  const Protocol protocol = load_protocol_argument(vm["protocol"].as<std::string>());
  SiteCalendar calendar;
  for (date::weekday d : parse_weekdays(vm["closed"].as<std::string>(), "--closed")) calendar.close(d);
  if (vm.count("holidays"))
    for (const std::string& file : vm["holidays"].as<std::vector<std::string>>())
      for (Date d : load_holidays(file)) calendar.close(d);

  const Subject subject{vm["subject"].as<std::string>(), choose_arm(protocol, vm), vm["site"].as<std::string>(),
                        *day1.value};
  const PlanRequest request{subject.day1, subject.arm, &calendar,
                            prefer == "later" ? Prefer::later : Prefer::earlier};
  const std::vector<PlannedVisit> visits = plan(protocol, request);
  for (const PlannedVisit& pv : visits) {
    if (pv.status != VisitStatus::conflict) continue;
    spdlog::warn("visit {} of subject {}: no open day in its window {}..{} that keeps the dose gap; kept on its "
                 "target {} (conflict)",
                 protocol.visits[pv.visit].id, subject.id.empty() ? "-" : subject.id, format_date(pv.earliest),
                 format_date(pv.latest), format_date(pv.target));
  }

  std::string out;
  if (format == "csv") {
    out = calendar_csv_header();
    append_calendar_csv(out, protocol, subject, visits);
  } else {
    out = calendar_table(protocol, subject, visits);
  }
  emit(vm["output"].as<std::string>(), out);
  return 0;
}

}  // namespace planner::cli
