// planner report PROTOCOL --day1 DATE [--arm A] [--subject S] [--site X] [--closed sat,sun] [--holidays FILE]...
//                 [--prefer earlier|later] [--as-of DATE] [--blind] [--output report.html]
// planner report PROTOCOL --roster CSV [--sites TOML | --closed ... --holidays ...] [--threads N] ...
//
// The subjects are planned exactly as `planner calendar` plans them (plan() for one subject, CohortPlanner for a
// roster), so the report's dates are the calendar CSV's. Without --output the HTML goes to standard output,
// for pipes and redirection.
#include <algorithm>
#include <mutex>

#include "planner/cli/command.h"
#include "planner/cli/messages.h"
#include "planner/cli/options.h"
#include "planner/core/error.h"
#include "planner/core/scheduler.h"
#include "planner/io/iso8601.h"
#include "planner/io/pipeline/cohort.h"
#include "planner/io/read/roster.h"
#include "planner/io/write/report.h"

namespace planner::cli::report {

void options(OptionList& o) {
  o.protocol()
      .text("day1 DATE", "Day 1 (the anchor event) as YYYY-MM-DD")
      .text("arm ARM", "the arm to plan (optional for single-arm protocols and with --blind)")
      .text("subject ID", "", "subject id shown in the report")
      .text("site ID", "", "site id shown in the report")
      .text("as-of DATE", "today, as YYYY-MM-DD: a line on every timeline (default: none)")
      .flag("blind", "no arm, product or dose text, no SoA (for participants of a blinded trial)")
      .site_and_cohort();
}

ReportInput input(const Protocol& protocol, const Args& args) {
  ReportInput in;
  in.protocol = &protocol;
  in.as_of = args.date("as-of");
  in.blind = args.vm()["blind"].as<bool>();
  return in;
}

// One subject, planned as `planner calendar --day1` plans it.
int run_subject(const Args& args) {
  for (const char* option : {"sites", "threads"})
    if (args.given(option)) throw InputError{msg::goes_with("--" + std::string{option}, "--roster")};
  const Date day1 = args.required_date("day1");
  const Protocol protocol = load_protocol_argument(args.argument());
  const SiteCalendar calendar = calendar_from_flags(args);
  ReportInput in = input(protocol, args);
  const Subject subject{args.text("subject"), choose_arm(protocol, args), args.text("site"), day1};
  const PlanRequest request{subject.day1, subject.arm, &calendar, prefer_from_flags(args)};
  in.calendar = &calendar;
  in.subjects.push_back({subject, plan(protocol, request)});
  args.emit(report_html(in));
  return 0;
}

// Every subject of a roster, planned as `planner calendar --roster` plans them (capacity included), then
// written in roster order.
int run_cohort(const Args& args) {
  for (const char* option : {"day1", "arm", "subject", "site"})
    if (args.given(option)) throw InputError{msg::given_by_roster("--" + std::string{option})};
  const Cohort cohort = cohort_from_flags(args);
  RosterReader roster{cohort.roster, cohort.protocol, cohort.site_list()};
  CohortPlanner planner{cohort.protocol, cohort.site_list(), &cohort.calendar, prefer_from_flags(args), cohort.threads};
  std::mutex mutex;
  std::vector<PlannedSubject> planned;
  planner.run(
      roster,
      [&](unsigned, const PlannedSubject& s, std::string&) {
        const std::lock_guard lock{mutex};
        planned.push_back(s);
      },
      [](std::string_view) {});
  std::sort(planned.begin(), planned.end(),
            [](const PlannedSubject& a, const PlannedSubject& b) { return a.line < b.line; });
  ReportInput in = input(cohort.protocol, args);
  in.sites = cohort.site_list();
  in.calendar = &cohort.calendar;
  for (PlannedSubject& s : planned) in.subjects.push_back({std::move(s.subject), std::move(s.visits)});
  args.emit(report_html(in));
  return 0;
}

int run(const Args& args) { return args.has("roster") ? run_cohort(args) : run_subject(args); }

}  // namespace planner::cli::report
