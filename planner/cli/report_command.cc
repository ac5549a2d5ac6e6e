// planner report PROTOCOL --day1 DATE [--arm A] [--subject S] [--site X [--sites TOML]] [--closed sat,sun]
//                 [--holidays FILE]... [--actuals CSV] [--prefer earlier|later] [--as-of DATE] [--blind]
//                 [--output report.html]
// planner report PROTOCOL (--roster CSV [--actuals CSV] | --roster-sdtm DM [--actuals-sdtm SV]) [--events CSV]
//                 [--sites TOML | --closed ... --holidays ...] [--threads N]
//                 [--forecast-target N --cutoff DATE [--runs R] [--seed S]]   (the forecast needs --sites)
//
// The subjects are planned exactly as `planner calendar` plans them (plan() for one subject, CohortPlanner for a
// roster), so the report's dates are the calendar CSV's. Without --output the HTML goes to standard output,
// for pipes and redirection.
#include <map>
#include <optional>

#include "planner/cli/actuals.h"
#include "planner/cli/command.h"
#include "planner/cli/forecast_input.h"
#include "planner/cli/messages.h"
#include "planner/cli/options.h"
#include "planner/cli/roster_input.h"
#include "planner/core/error.h"
#include "planner/core/scheduler.h"
#include "planner/io/interop/sdtm/subjects.h"
#include "planner/io/iso8601.h"
#include "planner/io/pipeline/cohort.h"
#include "planner/io/read/events.h"
#include "planner/io/read/roster.h"
#include "planner/io/read/sites.h"
#include "planner/io/read/visit_log.h"
#include "planner/io/write/forecast.h"
#include "planner/io/write/report.h"

namespace planner::cli::report {

void options(OptionList& o) {
  o.protocol()
      .text("day1 DATE", "Day 1 (the anchor event) as YYYY-MM-DD")
      .text("arm ARM", "the arm to plan (optional for single-arm protocols and with --blind)")
      .text("subject ID", "", "subject id shown in the report")
      .text("site ID", "", "the subject's site: shown in the report; with --sites, its closures and name")
      .text("actuals CSV",
            "visit log CSV (subject,visit,date), as planner check reads it: check results, and the visits that "
            "happened on the timelines (the rest re-planned)")
      .text("events CSV",
            "event dates CSV (subject,event,date), as planner check reads it: conditional visits (on = EVENT) are "
            "planned from them and checked by their windows")
      .text("roster-sdtm DM.csv",
            "SDTM DM as CSV (USUBJID, ARMCD, SITEID, RFSTDTC): the subjects, instead of --roster (as planner check)")
      .text("actuals-sdtm SV.csv",
            "SDTM SV as CSV (USUBJID, VISITNUM, VISIT, SVSTDTC): the visit log of --roster-sdtm, instead of --actuals")
      .text("as-of DATE",
            "today, as YYYY-MM-DD: a line on every timeline; with --actuals, what is missed (default: none; with "
            "--actuals, the latest date in the visit log)")
      .flag("blind", "no arm, product or dose text, no SoA (for participants of a blinded trial)")
      .choice("paper", {"a4", "letter"}, "a4", "printed page size: a4 or letter (US Letter)")
      .text("forecast-target N",
            "with --roster, --sites and --cutoff: a section forecasting the enrolment of N subjects in all, as "
            "planner forecast --target N runs it")
      .text("cutoff DATE", "with --forecast-target: the enrolment is known up to this day (as in planner forecast)")
      .text("runs R", "1000", "with --forecast-target: simulated trials (1-10000000)")
      .text("seed S", "1", "with --forecast-target: random seed (as in planner forecast)")
      .site_and_cohort();
}

ReportInput input(const Protocol& protocol, const Args& args) {
  ReportInput in;
  in.protocol = &protocol;
  in.as_of = args.date("as-of");
  in.blind = args.vm()["blind"].as<bool>();
  in.paper = args.text("paper") == "letter" ? Paper::letter : Paper::a4;
  return in;
}

// The visits that happened, for re-planning, by subject: the first record of each protocol visit as `planner
// check` judged it (a duplicate, or a record of no visit of the arm, is not used: the check reports it).
std::map<std::string, std::map<std::size_t, Date>> actual_dates(const std::vector<VisitCheck>& rows) {
  std::map<std::string, std::map<std::size_t, Date>> out;
  for (const VisitCheck& c : rows)
    if (c.visit_index && c.actual && c.verdict != Verdict::duplicate) out[c.subject].emplace(*c.visit_index, *c.actual);
  return out;
}

// One subject, planned as `planner calendar --day1` plans it (at its site of --sites, or around --closed and
// --holidays); with --actuals its visits in the log are checked and it is re-planned around them.
int run_subject(const Args& args) {
  if (args.given("threads")) throw InputError{msg::goes_with("--threads", "--roster")};
  refuse_closures_with_sites(args);
  const Date day1 = args.required_date("day1");
  const Protocol protocol = load_protocol_argument(args.argument());
  std::optional<std::vector<Site>> sites;
  if (args.has("sites")) sites = load_sites(args.text("sites"));
  const Site* site = subject_site(args, sites ? &*sites : nullptr);
  const SiteCalendar flags_calendar = calendar_from_flags(args);
  ReportInput in = input(protocol, args);
  in.calendar = site ? &site->calendar : &flags_calendar;
  const std::vector<Site> one_site = site ? std::vector<Site>{*site} : std::vector<Site>{};
  if (site) in.sites = &one_site;
  ReportSubject rs{{args.text("subject"), choose_arm(protocol, args), args.text("site"), day1}, {}, {}};
  std::vector<SubjectEvent> events;
  if (args.has("events")) events = load_events(args.text("events"), protocol);
  EventDates event_dates = events_by_subject(events);
  CheckResult check;
  std::map<std::size_t, Date> actuals;
  if (args.has("actuals")) {
    if (rs.subject.id.empty()) throw InputError{msg::actuals_need_subject()};
    const std::string& log = args.text("actuals");
    check = check_visits(protocol, {rs.subject}, {}, load_visit_log(log, nullptr), in.as_of, log, events);
    actuals = std::move(actual_dates(check.rows)[rs.subject.id]);
    in.checks = &check.rows;
    in.check_as_of = check.as_of;
  }
  std::vector<Conflict> moves;
  const PlanRequest request{day1,     rs.subject.arm, in.calendar, prefer_from_flags(args),    nullptr,
                            &actuals, &rs.why,        &moves,      &event_dates[rs.subject.id]};
  rs.visits = plan(protocol, request);
  rs.why.insert(rs.why.end(), moves.begin(), moves.end());
  in.subjects.push_back(std::move(rs));
  args.emit(report_html(in));
  return 0;
}

// With --forecast-target: the forecast `planner forecast --roster --cutoff --target` runs on the same options,
// as the report's section.
std::string forecast_of(const Args& args, const Cohort& cohort, const ForecastSettings& settings) {
  if (!cohort.site_list()) throw InputError{msg::goes_with("--forecast-target", "--sites")};
  const std::vector<Site>& sites = *cohort.site_list();
  const ForecastInput in = forecast_input(args, "forecast-target", cohort.protocol, sites);
  const Forecast f = planner::forecast(cohort.protocol, sites, in, settings.options);
  return forecast_section({f, cohort.protocol, sites, settings.quantiles, in.target, settings.options.seed});
}

// The subjects of --roster (a roster CSV, streamed) or --roster-sdtm (an SDTM DM, read whole), for check and
// planning.
struct CohortSubjects {
  bool sdtm = false;
  SdtmRoster dm;  // with --roster-sdtm; planned and not planned (screen failures)
  std::size_t next = 0;
  std::vector<SubjectEvent> events;  // --events
};

// With --actuals (--roster) or --actuals-sdtm (--roster-sdtm): the visit log checked as `planner check` checks it.
CheckResult check_cohort(const Args& args, const Cohort& cohort, const CohortSubjects& in, std::optional<Date> as_of) {
  if (in.sdtm) {
    const std::vector<ActualVisit> log = load_sdtm_sv(args.text("actuals-sdtm"), cohort.protocol, in.dm);
    return check_visits(cohort.protocol, in.dm.planned, in.dm.unplanned, log, as_of, cohort.roster, in.events);
  }
  const std::vector<Subject> subjects = load_roster(cohort.roster, cohort.protocol);
  const std::string& log = args.text("actuals");
  return check_visits(cohort.protocol, subjects, {}, load_visit_log(log, &subjects), as_of, cohort.roster, in.events);
}

// Every subject of a roster, planned as `planner calendar --roster` plans them (capacity included), in roster
// order; with --actuals (--actuals-sdtm) the visit log is checked as `planner check --roster --actuals` checks it,
// and each subject re-planned around its visits in the log.
int run_cohort(const Args& args) {
  for (const char* option : {"day1", "arm", "subject", "site"})
    if (args.given(option)) throw InputError{msg::given_by_roster("--" + std::string{option})};
  CohortSubjects subjects;
  subjects.sdtm = args.has("roster-sdtm");
  if (subjects.sdtm && (args.has("roster") || args.has("actuals"))) throw InputError{msg::roster_or_sdtm()};
  if (!subjects.sdtm && args.has("actuals-sdtm")) throw InputError{msg::goes_with("--actuals-sdtm", "--roster-sdtm")};
  std::optional<ForecastSettings> settings;
  if (args.has("forecast-target")) settings = forecast_settings(args);
  const Cohort cohort = cohort_from_flags(args);
  if (subjects.sdtm) subjects.dm = load_sdtm_dm(cohort.roster, cohort.protocol);
  if (args.has("events")) subjects.events = load_events(args.text("events"), cohort.protocol);
  const EventDates event_dates = events_by_subject(subjects.events);
  ReportInput in = input(cohort.protocol, args);
  if (settings) in.forecast_section = forecast_of(args, cohort, *settings);
  CohortPlanner planner{cohort.protocol, cohort.site_list(), &cohort.calendar, prefer_from_flags(args), cohort.threads};
  planner.use_events(&event_dates);
  CheckResult check;
  std::map<std::string, std::map<std::size_t, Date>> actuals;
  if (args.has("actuals") || args.has("actuals-sdtm")) {
    check = check_cohort(args, cohort, subjects, in.as_of);
    actuals = actual_dates(check.rows);
    in.checks = &check.rows;
    in.check_as_of = check.as_of;
    planner.use_actuals([&actuals](PlannedSubject& s) {  // read only: safe on every worker thread
      if (const auto it = actuals.find(s.subject.id); it != actuals.end()) s.actuals = it->second;
    });
  }
  planner.report([&in](const PlannedSubject& s) {  // on the writer thread, in roster order
    ReportSubject rs{s.subject, s.visits, s.conflicts};
    rs.why.insert(rs.why.end(), s.moves.begin(), s.moves.end());
    in.subjects.push_back(std::move(rs));
  });
  const auto work = [](unsigned, const PlannedSubject&, std::string&) {};
  const auto emit = [](std::span<const std::string>) {};
  if (subjects.sdtm) {
    planner.run(dm_subjects(subjects.dm.planned, cohort.site_list(), cohort.roster, subjects.next), cohort.roster, work,
                emit);
  } else {
    RosterReader roster{cohort.roster, cohort.protocol, cohort.site_list()};
    planner.run(roster, work, emit);
  }
  in.sites = cohort.site_list();
  in.calendar = &cohort.calendar;
  args.emit(report_html(in));
  return 0;
}

int run(const Args& args) {
  for (const char* option : {"cutoff", "runs", "seed"})
    if (args.given(option) && !args.has("forecast-target"))
      throw InputError{msg::goes_with("--" + std::string{option}, "--forecast-target")};
  if (args.has("forecast-target"))  // the forecast starts after the enrolment known from a roster up to --cutoff
    for (const char* option : {"roster", "cutoff"})
      if (!args.has(option)) throw InputError{msg::goes_with("--forecast-target", "--" + std::string{option})};
  return args.has("roster") || args.has("roster-sdtm") ? run_cohort(args) : run_subject(args);
}

}  // namespace planner::cli::report
