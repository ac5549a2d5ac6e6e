// planner sdtm PROTOCOL --domain TA|TE|TV|TS [--studyid ID] [--output FILE]
// planner sdtm PROTOCOL --domain DM|SV --roster CSV [--sites TOML | --closed DAYS --holidays FILE...] [--threads N]
#include "planner/cli/command.h"
#include "planner/cli/conflicts.h"
#include "planner/cli/messages.h"
#include "planner/cli/options.h"
#include "planner/core/error.h"
#include "planner/io/interop/sdtm/trial_design.h"
#include "planner/io/pipeline/cohort.h"
#include "planner/io/read/roster.h"
#include "planner/io/write/output_file.h"

namespace planner::cli::sdtm {

void options(OptionList& o) {
  o.protocol()
      .choice("domain", {"TA", "TE", "TV", "TS", "DM", "SV"}, nullptr,
              "TA (trial arms), TE (elements), TV (visits), TS (summary); DM or SV (a roster's subjects, planned "
              "visits)")
      .text("studyid ID", "STUDYID of every row (default: the protocol's study id)")
      .site_and_cohort()
      .csv_output(false);
}

// DM or SV rows for every subject of the roster, streamed in roster order (SV: the planned visits).
void write_subjects(const Args& args, const std::string& domain) {
  const Cohort cohort = cohort_from_flags(args);
  const std::string studyid = args.has("studyid") ? args.text("studyid") : cohort.protocol.study.id;
  const SdtmSubjectWriter writer{cohort.protocol, studyid};
  RosterReader roster{cohort.roster, cohort.protocol, cohort.site_list()};
  OutputFile out{args.output()};
  out.write(domain == "DM" ? SdtmSubjectWriter::dm_header() : SdtmSubjectWriter::sv_header());
  CohortPlanner planner{cohort.protocol, cohort.site_list(), &cohort.calendar, prefer_from_flags(args), cohort.threads};
  list_conflicts(args.has("verbose") && domain == "SV", planner, cohort);  // -v: why SV has a visit in conflict
  planner.run(
      roster,
      [&](unsigned, const PlannedSubject& s, std::string& text) {
        if (domain == "DM")
          writer.append_dm(text, s.subject);
        else
          writer.append_sv(text, s.subject, s.visits);
      },
      [&](std::string_view text) { out.write(text); }, [](std::size_t) {});
  out.commit();
}

int run(const Args& args) {
  const std::string protocol_name = args.argument();
  const std::string given = args.required("domain");
  std::string domain = given;  // `tv` is TV: domain codes are upper case
  for (char& c : domain)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  if (!is_sdtm_domain(domain)) throw InputError{msg::expected("--domain", {"TA", "TE", "TV", "TS", "DM", "SV"}, given)};
  const bool subjects = domain == "DM" || domain == "SV";
  if (subjects && !args.has("roster")) throw InputError{msg::domain_needs_roster(domain, args.usage())};
  if (!subjects)
    for (const char* option : {"roster", "sites", "threads", "closed", "holidays"})
      if (args.given(option)) throw InputError{msg::goes_with("--" + std::string{option}, "--domain DM or SV")};

  if (subjects) {
    write_subjects(args, domain);
    return 0;
  }
  const Protocol protocol = load_protocol_argument(protocol_name);
  const std::string studyid = args.has("studyid") ? args.text("studyid") : protocol.study.id;
  args.emit(render(trial_design_table(protocol, domain, studyid), TableFormat::csv, kSdtmCsv));
  return 0;
}

}  // namespace planner::cli::sdtm
