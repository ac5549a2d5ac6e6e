// planner check PROTOCOL (--roster CSV --actuals CSV | --roster-sdtm DM.csv --actuals-sdtm SV.csv) [--as-of DATE]
// [--format ...]
#include <algorithm>
#include <map>

#include "planner/cli/actuals.h"
#include "planner/cli/command.h"
#include "planner/cli/messages.h"
#include "planner/cli/options.h"
#include "planner/cli/xlsx_output.h"
#include "planner/core/error.h"
#include "planner/io/interop/sdtm/subjects.h"
#include "planner/io/iso8601.h"
#include "planner/io/read/events.h"
#include "planner/io/read/roster.h"
#include "planner/io/read/visit_log.h"
#include "planner/io/source_text.h"
#include "planner/io/write/check_report.h"

namespace planner::cli::check {

void options(OptionList& o) {
  o.protocol()
      .text("roster CSV", "roster CSV: subject,arm,site,day1")
      .text("actuals CSV", "visit log CSV: subject,visit,date (extra columns ignored)")
      .text("roster-sdtm DM.csv", "SDTM DM as CSV: USUBJID, ARMCD, SITEID, RFSTDTC (Day 1)")
      .text("actuals-sdtm SV.csv", "SDTM SV as CSV: USUBJID, VISITNUM, VISIT, SVSTDTC")
      .text("events CSV",
            "event dates CSV (subject,event,date): conditional visits (on = EVENT) are judged by the window planned "
            "from their event's date; without it their records are reported as conditional")
      .text("as-of DATE",
            "planned visits whose window closed before DATE with no record are missed (default: the latest date in "
            "the visit log)")
      .format({"table", "csv", "json", "summary", "xlsx"}, "table",
              "table, csv, json, summary (the summaries alone) or xlsx (Excel, needs --output)")
      .csv_output();
}

int run(const Args& args) {
  const std::string protocol_name = args.argument();
  const std::string format = args.format();
  std::optional<XlsxOutput> xlsx;  // --format xlsx: the CSV rows as typed cells; --output checked first
  if (format == "xlsx")
    xlsx.emplace(args, "check",
                 std::initializer_list<std::string_view>{"target_day", "actual_day", "deviation", "line"},
                 std::initializer_list<std::string_view>{"target", "earliest", "latest", "actual"});
  const bool sdtm = args.has("roster-sdtm") || args.has("actuals-sdtm");
  if (sdtm && (args.has("roster") || args.has("actuals"))) throw InputError{msg::roster_or_sdtm()};
  const std::string roster_path = args.required(sdtm ? "roster-sdtm" : "roster");
  const std::string actuals_path = args.required(sdtm ? "actuals-sdtm" : "actuals");
  const std::optional<Date> as_of_date = args.date("as-of");

  const Protocol protocol = load_protocol_argument(protocol_name);
  SdtmRoster roster;
  std::vector<ActualVisit> log;
  if (sdtm) {
    roster = load_sdtm_dm(roster_path, protocol);
    log = load_sdtm_sv(actuals_path, protocol, roster);
  } else {
    roster.planned = load_roster(roster_path, protocol);
    log = load_visit_log(actuals_path, &roster.planned);
  }
  std::vector<SubjectEvent> events;
  if (args.has("events")) events = load_events(args.text("events"), protocol);
  const CheckResult result = check_visits(protocol, roster.planned, roster.unplanned, std::move(log), as_of_date,
                                          roster_path, events);
  const std::vector<VisitCheck>& rows = result.rows;
  const std::optional<AsOf>& as_of = result.as_of;
  const bool deviations = result.deviations;
  if (xlsx) {
    xlsx->write(check_csv(rows, roster.planned, kCsvForXlsx));
    xlsx->commit();
    return static_cast<int>(deviations ? ExitCode::findings : ExitCode::ok);
  }
  const std::string out = format == "csv"       ? check_csv(rows, roster.planned, args.csv())
                          : format == "json"    ? check_json(protocol, rows, roster.planned, as_of)
                          : format == "summary" ? check_summary(protocol, rows, as_of)
                                                : check_table(protocol, rows, roster.planned, as_of);
  args.emit(out);
  return static_cast<int>(deviations ? ExitCode::findings : ExitCode::ok);
}

}  // namespace planner::cli::check
