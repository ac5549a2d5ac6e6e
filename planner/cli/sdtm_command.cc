// planner sdtm PROTOCOL --domain TA|TE|TV|TS [--format csv|xpt|json] [--stamp] [--studyid ID] [--output FILE]
// planner sdtm PROTOCOL --domain DM|SV (--roster CSV [--actuals CSV] | --roster-sdtm DM.csv [--actuals-sdtm SV.csv])
//   [--sites TOML | --closed DAYS --holidays FILE...] [--threads N] [--format csv|xpt|json]
// planner sdtm PROTOCOL --define [--stamp] [--studyid ID] [--output FILE]
#include <cstdlib>
#include <optional>
#include <span>
#include <spdlog/spdlog.h>

#include "planner/cli/command.h"
#include "planner/cli/conflicts.h"
#include "planner/cli/messages.h"
#include "planner/cli/options.h"
#include "planner/cli/roster_input.h"
#include "planner/core/error.h"
#include "planner/io/interop/sdtm/subjects.h"
#include "planner/io/interop/sdtm/transport.h"
#include "planner/io/interop/sdtm/trial_design.h"
#include "planner/io/iso8601.h"
#include "planner/io/pipeline/cohort.h"
#include "planner/io/read/csv.h"
#include "planner/io/read/roster.h"
#include "planner/io/write/output_file.h"

namespace planner::cli::sdtm {

void options(OptionList& o) {
  o.protocol()
      .choice("domain", {"TA", "TE", "TV", "TS", "DM", "SV"}, nullptr,
              "TA (trial arms), TE (elements), TV (visits), TS (summary); DM or SV (a roster's subjects, planned "
              "visits)")
      .format({"csv", "xpt", "json"}, "csv", "csv, xpt (SAS transport version 5) or json (CDISC Dataset-JSON 1.1)")
      .flag("define", "define.xml 2.1 describing the trial design datasets TA, TE, TV and TS (no --domain)")
      .text("stamp TIME",
            "creation time recorded in xpt, json and define.xml, UTC as 2026-11-25T09:00:00Z (default: "
            "$SOURCE_DATE_EPOCH, else now)")
      .text("studyid ID", "STUDYID of every row (default: the protocol's study id)")
      .text("actuals CSV", "visit log CSV (subject,visit,date): SV holds the actual dates of the visits that happened")
      .text("roster-sdtm DM.csv", "SDTM DM as CSV (USUBJID, ARMCD, SITEID, RFSTDTC): the subjects, instead of --roster")
      .text("actuals-sdtm SV.csv", "SDTM SV as CSV (USUBJID, VISITNUM, VISIT, SVSTDTC): the visits of --roster-sdtm")
      .site_and_cohort()
      .csv_output(false);
}

// When the files are made: --stamp, else SOURCE_DATE_EPOCH (reproducible builds), else now.
date::sys_seconds creation_time(const Args& args) {
  if (args.has("stamp")) {
    const auto t = parse_utc_time(args.text("stamp"));
    if (!t.value) throw InputError{msg::error("--stamp: " + t.error)};
    return *t.value;
  }
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
    char* end = nullptr;
    const long long seconds = std::strtoll(epoch, &end, 10);
    if (*end == '\0' && seconds >= 0) return date::sys_seconds{std::chrono::seconds{seconds}};
    spdlog::warn(msg::bad_source_date_epoch(epoch));
  }
  return date::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

// The dataset in the format asked for.
std::string dataset_text(const Args& args, const std::string& domain, const TextTable& table, const SdtmExport& info) {
  const std::string format = args.format();
  if (format == "xpt") return sdtm_xpt(domain, table, info);
  if (format == "json") return sdtm_dataset_json(domain, table, info);
  return render(table, TableFormat::csv, kSdtmCsv);
}

// SDTM CSV text (planner's own) as a table, to write it in another format.
TextTable table_of_csv(const std::string& csv, const std::string& domain) {
  TextTable table;
  const std::string_view header{csv.data(), csv.find('\n')};  // variable names: no quoting
  std::vector<std::string_view> names;
  for (std::size_t at = 0; at <= header.size();) {
    const std::size_t comma = std::min(header.find(',', at), header.size());
    names.push_back(header.substr(at, comma - at));
    table.header.emplace_back(names.back());
    at = comma + 1;
  }
  CsvReader reader{domain, csv};
  reader.read_header(names, {});
  while (reader.next()) {
    auto& row = table.rows.emplace_back();
    for (std::size_t i = 0; i < table.header.size(); ++i) row.emplace_back(reader.field(i));
  }
  return table;
}

// DM or SV rows for every subject of the roster in roster order (SV: the visits, re-planned around the actual
// ones of a visit log): CSV is streamed;
// xpt and json, whose headers need every value's length, are made from the whole CSV text.
void write_subjects(const Args& args, const std::string& domain) {
  const Cohort cohort = cohort_from_flags(args);
  const std::string studyid = args.has("studyid") ? args.text("studyid") : cohort.protocol.study.id;
  const SdtmSubjectWriter writer{cohort.protocol, studyid};
  RosterInput roster{args, cohort};
  // DM: what the roster's extra columns (or the SDTM DM) say of each subject, never invented.
  const DmValues given = domain == "DM" ? load_dm_values(roster.path(), args.has("roster-sdtm") ? "USUBJID" : "subject")
                                        : DmValues{};
  const auto given_for = [&](const std::string& id) -> std::span<const std::string> {
    const auto it = given.find(id);
    return it == given.end() ? std::span<const std::string>{} : std::span<const std::string>{it->second};
  };
  const bool csv = args.format() == "csv";
  std::optional<OutputFile> out;
  std::string whole = domain == "DM" ? SdtmSubjectWriter::dm_header() : SdtmSubjectWriter::sv_header();
  if (csv) out.emplace(args.output()).write(whole);
  CohortPlanner planner{cohort.protocol, cohort.site_list(), &cohort.calendar, prefer_from_flags(args), cohort.threads};
  roster.replan(planner);
  list_conflicts(args.has("verbose") && domain == "SV", planner, cohort);  // -v: why SV has a visit in conflict
  planner.run(
      roster.next(), roster.path(),
      [&](unsigned, const PlannedSubject& s, std::string& text) {
        if (domain == "DM")
          writer.append_dm(text, s.subject, given_for(s.subject.id));
        else
          writer.append_sv(text, s.subject, s.visits);
      },
      [&](std::span<const std::string> texts) {
        if (out) return out->write(texts);
        for (const std::string& text : texts) whole += text;
      },
      [](std::size_t) {});
  roster.warn_unused();
  if (out) {
    out->commit();
    return;
  }
  const SdtmExport info{studyid, cohort.protocol.study.title, creation_time(args)};
  args.emit(dataset_text(args, domain, table_of_csv(whole, domain), info));
}

// The define.xml of the trial design datasets.
void write_define(const Args& args) {
  if (args.given("domain")) throw InputError{msg::define_without_domain()};
  for (const char* option :
       {"roster", "roster-sdtm", "actuals", "actuals-sdtm", "sites", "threads", "closed", "holidays", "format"})
    if (args.given(option)) throw InputError{msg::goes_with("--" + std::string{option}, "--domain DM or SV")};
  const Protocol protocol = load_protocol_argument(args.argument());
  const std::string studyid = args.has("studyid") ? args.text("studyid") : protocol.study.id;
  std::vector<SdtmDefined> datasets;
  for (const char* domain : {"TA", "TE", "TV", "TS"})
    datasets.push_back({domain, trial_design_table(protocol, domain, studyid)});
  args.emit(sdtm_define_xml(datasets, SdtmExport{studyid, protocol.study.title, creation_time(args)}));
}

int run(const Args& args) {
  if (args.vm()["define"].as<bool>()) {
    write_define(args);
    return 0;
  }
  const std::string protocol_name = args.argument();
  const std::string given = args.required("domain");
  std::string domain = given;  // `tv` is TV: domain codes are upper case
  for (char& c : domain)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  if (!is_sdtm_domain(domain)) throw InputError{msg::expected("--domain", {"TA", "TE", "TV", "TS", "DM", "SV"}, given)};
  if (args.format() == "csv" && args.given("stamp"))
    throw InputError{msg::goes_with("--stamp", "--format xpt or json, or --define")};
  const bool subjects = domain == "DM" || domain == "SV";
  if (subjects && !args.has("roster") && !args.has("roster-sdtm"))
    throw InputError{msg::domain_needs_roster(domain, args.usage())};
  if (!subjects)
    for (const char* option :
         {"roster", "roster-sdtm", "actuals", "actuals-sdtm", "sites", "threads", "closed", "holidays"})
      if (args.given(option)) throw InputError{msg::goes_with("--" + std::string{option}, "--domain DM or SV")};

  if (subjects) {
    write_subjects(args, domain);
    return 0;
  }
  const Protocol protocol = load_protocol_argument(protocol_name);
  const std::string studyid = args.has("studyid") ? args.text("studyid") : protocol.study.id;
  const SdtmExport info{studyid, protocol.study.title,
                        args.format() == "csv" ? date::sys_seconds{} : creation_time(args)};
  args.emit(dataset_text(args, domain, trial_design_table(protocol, domain, studyid), info));
  return 0;
}

}  // namespace planner::cli::sdtm
