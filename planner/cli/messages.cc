#include "planner/cli/messages.h"

#include "planner/io/source_text.h"

namespace planner::cli::msg {

std::string error(std::string_view what) { return "planner: error: " + std::string{what}; }

std::string with_usage(std::string_view message, std::string_view usage) {
  return std::string{message} + "\nusage: " + std::string{usage};
}

std::string did_you_mean(std::string_view guess) {
  return guess.empty() ? "" : "; did you mean '" + std::string{guess} + "'?";
}

std::string one_of(std::span<const std::string_view> choices) {
  std::string list;
  for (std::size_t i = 0; i < choices.size(); ++i)
    list += (i == 0 ? "" : i + 1 == choices.size() ? " or " : ", ") + std::string{choices[i]};
  return list;
}

std::string one_of(std::initializer_list<std::string_view> choices) {
  return one_of(std::span<const std::string_view>{choices.begin(), choices.size()});
}

std::string bad_argument(std::string_view argument, std::string_view problem, std::size_t character) {
  return error("the argument " + quoted(argument) + " has " + std::string{problem} + " at character " +
               std::to_string(character) + "; arguments must be UTF-8 text without control characters");
}

std::string unknown_option(std::string_view option, std::string_view guess, std::string_view usage) {
  return with_usage(error("unknown option '" + std::string{option} + "'" + did_you_mean(guess)), usage);
}

std::string bad_command_line(std::string_view what, std::string_view usage) { return with_usage(error(what), usage); }

std::string unknown_command(std::string_view command, std::string_view guess) {
  return error("unknown command " + quoted(command) + did_you_mean(guess) + "\nrun 'planner --help' for the commands");
}

std::string needs_argument(std::string_view command, std::string_view argument, std::string_view usage) {
  return with_usage(error("planner " + std::string{command} + " needs a " + std::string{argument}), usage);
}

std::string needs_option(std::string_view command, std::string_view option) {
  const std::string name{command};
  return error("planner " + name + " needs --" + std::string{option} + "\nusage: see planner " + name + " --help");
}

std::string expected(std::string_view option, std::span<const std::string_view> choices, std::string_view got) {
  return bad_value(option, "expected " + one_of(choices) + ", got '" + std::string{got} + "'");
}

std::string expected(std::string_view option, std::initializer_list<std::string_view> choices, std::string_view got) {
  return expected(option, std::span<const std::string_view>{choices.begin(), choices.size()}, got);
}

std::string bad_value(std::string_view option, std::string_view why) {
  return error(std::string{option} + ": " + std::string{why});
}

std::string empty_output() { return bad_value("--output", "expected a file name (or - for standard output), got ''"); }

std::string threads_out_of_range() { return bad_value("--threads", "expected 1 to 64"); }

std::string goes_with(std::string_view option, std::string_view other) {
  return error(std::string{option} + " goes with " + std::string{other});
}

std::string given_by_roster(std::string_view option) {
  return error(std::string{option} + " does not go with --roster (the roster gives it)");
}

std::string closures_with_sites() {
  return error("with --sites, closures belong in the sites file, not --closed/--holidays");
}

std::string unknown_time_zone(std::string_view zone, std::string_view guess) {
  if (!guess.empty()) return error("--timezone: unknown time zone " + quoted(zone) + did_you_mean(guess));
  return error("--timezone: unknown time zone " + quoted(zone) + ": expected an IANA name such as \"Asia/Seoul\"");
}

std::string time_zone_with_sites() {
  return error("--timezone goes without --sites (each site's time_zone is in the sites file)");
}

std::string sites_need_site() { return error("--sites needs --site (the subject's site) or --roster"); }

std::string unknown_site(std::string_view site, std::string_view file, std::string_view sites, std::string_view guess) {
  return bad_value("--site", std::string{file} + " has no site '" + std::string{site} +
                                 "' (sites: " + std::string{sites} + ")" + did_you_mean(guess));
}

std::string xlsx_needs_output() {
  return error(
      "--format xlsx writes a file: give it with --output FILE.xlsx (an .xlsx is not shown on standard output)");
}

std::string too_many_rows_for_xlsx(std::string_view path, std::size_t limit) {
  return error(std::string{path} + ": more rows than an Excel sheet holds (" + std::to_string(limit) +
               " with the header); nothing was written: use --format csv, or split the roster");
}

std::string actuals_need_subject() { return error("--actuals needs --subject (whose visits to read)"); }

std::string no_actuals_of_subject(std::string_view subject, std::string_view log, std::span<const std::string> closest,
                                  bool near, std::size_t ids) {
  std::string list;
  for (std::size_t i = 0; i < closest.size(); ++i)
    list += (i == 0                    ? ""
             : i + 1 == closest.size() ? (near                   ? " or "
                                          : ids > closest.size() ? ", "
                                                                 : " and ")
                                       : ", ") +
            quoted(closest[i]);
  std::string out = "the visit log " + quoted(log) + " has no visit of subject " + quoted(subject) + "; ";
  if (near)
    out += "did you mean " + list + "?";
  else if (ids == 0)
    out += "it has no visits at all";
  else
    out += "its subjects are " + list +
           (ids > closest.size() ? " and " + std::to_string(ids - closest.size()) + " more" : "");
  return out + " (every visit is planned from Day 1)";
}

std::string visit_conflict(std::string_view visit, std::string_view subject, std::string_view window,
                           std::string_view target, std::string_view why) {
  return "visit " + std::string{visit} + " of subject " + std::string{subject} + ": no day in its window " +
         std::string{window} + " can take it: " + std::string{why} + "; kept on its target " + std::string{target} +
         " (conflict)";
}

std::string define_without_domain() {
  return error("--define describes the trial design datasets TA, TE, TV and TS together: leave out --domain");
}

std::string bad_source_date_epoch(std::string_view value) {
  return "SOURCE_DATE_EPOCH=" + quoted(value) + " is not a number of seconds since 1970; the current time is used";
}

std::string already_format2(std::string_view path) {
  return quoted(path) + " is already format 2; written out unchanged";
}

std::string roster_conflicts(std::size_t n, bool listed) {
  return std::to_string(n) +
         " visits have no day in their window that is open, has room and keeps the dose gap (status conflict" +
         (listed ? ")" : "; -v lists them)");
}

std::string dm_subjects_not_planned(std::string_view dm, std::size_t n) {
  return quoted(dm) + ": " + std::to_string(n) + (n == 1 ? " subject has" : " subjects have") +
         " no plan (no RFSTDTC, or an ARMCD that is not an arm of the protocol: screen failures); not planned";
}

std::string sv_records_not_in_protocol(std::string_view sv, std::size_t n, std::string_view protocol) {
  return quoted(sv) + ": " + std::to_string(n) + (n == 1 ? " record is" : " records are") +
         " of unscheduled visits or of visits not in protocol " + std::string{protocol} + "; ignored";
}

std::string actuals_not_in_roster(std::string_view log, std::span<const std::string> unused, std::string_view roster) {
  std::string list;
  for (std::size_t i = 0; i < unused.size() && i < 3; ++i) list += (i == 0 ? "" : ", ") + quoted(unused[i]);
  const std::size_t n = unused.size();
  return "the visit log " + quoted(log) + " has visits of " + std::to_string(n) + (n == 1 ? " subject" : " subjects") +
         " not in the roster " + quoted(roster) + " (" + list + (n > 3 ? ", ..." : "") + "); their rows are ignored";
}

std::string roster_or_sdtm() { return error("use --roster/--actuals or --roster-sdtm/--actuals-sdtm, not both"); }

std::string domain_needs_roster(std::string_view domain, std::string_view usage) {
  return with_usage(error("--domain " + std::string{domain} + " needs --roster (whose subjects)"), usage);
}

std::string window_needs_roster(std::string_view usage) {
  return with_usage(error("planner window needs one of --roster and --roster-sdtm"), usage);
}

std::string bad_number(std::string_view option, std::string_view expected, std::string_view got) {
  return bad_value(option, "expected " + std::string{expected} + ", got " + quoted(got));
}

std::string ratio_arms(std::string_view ratio, std::size_t weights, std::string_view arms) {
  return bad_value("--ratio", quoted(ratio) + " gives " + std::to_string(weights) +
                                  " weights: expected one per arm, in the protocol's order (" + std::string{arms} +
                                  "), such as 1:1, with a positive sum");
}

std::string target_already_reached(long target, long enrolled, std::string_view cutoff) {
  return error("the target of " + std::to_string(target) + " subjects is already reached: " + std::to_string(enrolled) +
               " were enrolled by the cut-off " + std::string{cutoff} + " (nothing to forecast)");
}

std::string nothing_enrolled_to_fit(std::string_view cutoff) {
  return error("no subject was enrolled by the cut-off " + std::string{cutoff} +
               ": the recruitment rates cannot be estimated (give each site 'rate' and leave out --roster)");
}

std::string no_site_enrols() { return error("no site of the sites file enrols: the target can never be reached"); }

std::string site_lacks(std::string_view site, std::string_view keys) {
  return "site " + quoted(site) + " has no " + std::string{keys} + ": planner forecast needs it for every site";
}

std::string activation_after_cutoff(std::string_view site, std::string_view activation, std::string_view cutoff) {
  return "site " + quoted(site) + " is activated on " + std::string{activation} + ", after the cut-off " +
         std::string{cutoff} + ": the rates are estimated from sites active by the cut-off";
}

std::string enrolled_after_cutoff(std::string_view subject, std::string_view day1, std::string_view cutoff) {
  return "subject " + quoted(subject) + " has Day 1 " + std::string{day1} + ", after the cut-off " +
         std::string{cutoff} + " (the roster is the enrolment up to the cut-off)";
}

std::string enrolled_before_activation(std::string_view subject, std::string_view day1, std::string_view site,
                                       std::string_view activation) {
  return "subject " + quoted(subject) + " has Day 1 " + std::string{day1} + ", before site " + quoted(site) +
         " was activated (" + std::string{activation} + ")";
}

std::string unknown_protocol(std::string_view name, std::string_view guess) {
  return error("no protocol file or protocol named '" + std::string{name} + "'" + did_you_mean(guess));
}

std::string unreadable_directory(std::string_view dir) {
  return error("cannot read the directory '" + std::string{dir} + "'");
}

std::string unknown_arm(std::string_view protocol, std::string_view arm, std::string_view arms) {
  return bad_value("--arm", "protocol " + std::string{protocol} + " has no arm '" + std::string{arm} +
                                "' (arms: " + std::string{arms} + ")");
}

std::string choose_arm(std::string_view protocol, std::string_view arms) {
  return error("protocol " + std::string{protocol} + " has several arms (" + std::string{arms} +
               "): choose one with --arm");
}

std::string no_analysis_windows(std::string_view protocol) {
  return error("protocol " + std::string{protocol} + " has no [[analysis_window]]");
}

std::string not_a_visit_of_arm(std::string_view visit, std::string_view arm, std::string_view protocol) {
  return quoted(visit) + " is not a visit of arm " + std::string{arm} + " of " + std::string{protocol};
}

std::string recorded_twice(std::string_view visit, int first_line) {
  return "visit " + std::string{visit} + " is recorded twice (first at line " + std::to_string(first_line) + ")";
}

std::string subject_not_planned(std::string_view subject, std::string_view why) {
  return "subject " + quoted(subject) + ": " + std::string{why};
}

std::string unknown_site_of_subject(std::string_view subject, std::string_view site) {
  return "subject " + quoted(subject) + ": SITEID " + quoted(site) + " is not a site of the sites file";
}

std::string plan_error(std::string_view what) { return error(what); }

std::string standard_output_failed(std::string_view why) {
  return error("cannot write standard output" + (why.empty() ? std::string{} : ": " + std::string{why}));
}

std::string internal_error(std::string_view what) {
  return "planner: internal error: " + std::string{what} + "\nplease report this with the command you ran";
}

}  // namespace planner::cli::msg
