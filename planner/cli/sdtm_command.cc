// planner sdtm PROTOCOL --domain TA|TE|TV|TS [--studyid ID] [--output FILE]
// planner sdtm PROTOCOL --domain DM|SV --roster CSV [--sites TOML | --closed DAYS --holidays FILE...] [--threads N]
#include "planner/cli/command.h"
#include "planner/cli/options.h"
#include "planner/core/error.h"
#include "planner/io/pipeline/cohort.h"
#include "planner/io/write/output_file.h"
#include "planner/io/read/roster.h"
#include "planner/io/interop/sdtm/trial_design.h"

namespace planner::cli {
namespace {

constexpr std::string_view kUsage =
    "planner sdtm PROTOCOL --domain TA|TE|TV|TS [--studyid ID] [--output FILE]\n"
    "       planner sdtm PROTOCOL --domain DM|SV --roster CSV [--sites TOML | --closed DAYS --holidays FILE...]\n"
    "                    [--threads N] [--prefer earlier|later] [--studyid ID] [--output FILE]";

// DM or SV rows for every subject of the roster, streamed in roster order (SV: the planned visits).
void write_subjects(const po::variables_map& vm, const std::string& domain) {
  const Cohort cohort = cohort_from_flags(vm);
  const std::string studyid = vm.count("studyid") ? vm["studyid"].as<std::string>() : cohort.protocol.study.id;
  const SdtmSubjectWriter writer{cohort.protocol, studyid};
  RosterReader roster{cohort.roster, cohort.protocol, cohort.site_list()};
  OutputFile out{vm["output"].as<std::string>()};
  out.write(domain == "DM" ? SdtmSubjectWriter::dm_header() : SdtmSubjectWriter::sv_header());
  CohortPlanner planner{cohort.protocol, cohort.site_list(), &cohort.calendar, prefer_from_flags(vm), cohort.threads};
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

}  // namespace

int run_sdtm(const std::vector<std::string>& args) {
  po::options_description options{"Options"};
  options.add_options()
      ("protocol", po::value<std::string>(), "protocol file, or the name of a bundled protocol")
      ("domain", po::value<std::string>(),
       "TA (trial arms), TE (elements), TV (visits), TS (summary); DM or SV (a roster's subjects, planned visits)")
      ("studyid", po::value<std::string>(), "STUDYID of every row (default: the protocol's study id)")
      ("output,o", po::value<std::string>()->default_value(""), "write to FILE (atomically) instead of stdout");
  options.add(site_options()).add(cohort_options());
  po::positional_options_description positional;
  positional.add("protocol", 1);
  po::variables_map vm;
  if (!parse_command_line(args, options, positional, kUsage, vm)) return 0;

  const std::string protocol_name = protocol_argument(vm, "sdtm", kUsage);
  const std::string domain = required(vm, "domain", "sdtm");
  if (!is_sdtm_domain(domain))
    throw InputError{"planner: error: --domain: expected TA, TE, TV, TS, DM or SV, got '" + domain + "'"};
  const bool subjects = domain == "DM" || domain == "SV";
  if (subjects && !vm.count("roster"))
    throw InputError{"planner: error: --domain " + domain + " needs --roster (whose subjects)\nusage: " +
                     std::string{kUsage}};
  if (!subjects)
    for (const char* option : {"roster", "sites", "threads", "closed", "holidays"})
      if (vm.count(option) && !vm[option].defaulted())
        throw InputError{"planner: error: --" + std::string{option} + " goes with --domain DM or SV"};

  if (subjects) {
    write_subjects(vm, domain);
    return 0;
  }
  const Protocol protocol = load_protocol_argument(protocol_name);
  const std::string studyid = vm.count("studyid") ? vm["studyid"].as<std::string>() : protocol.study.id;
  emit(vm["output"].as<std::string>(), render(trial_design_table(protocol, domain, studyid), TableFormat::csv));
  return 0;
}

}  // namespace planner::cli
