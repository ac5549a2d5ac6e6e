// Every message the planner CLI writes, worded in one place (as CLI11 keeps its errors in Error.hpp): usage
// errors, "did you mean", missing arguments, options that do not go together. Each function returns the whole
// text of the error as the user sees it: "planner: error: " first, and the command's usage last where it helps.
// Messages about a place in an input file are worded by located_error (planner/io/source_text.h).
//
//   msg::expected("--format", {"table", "csv"}, "xml") == "planner: error: --format: expected table or csv, got 'xml'"
//   msg::unknown_command("calender", "calendar")
//       == "planner: error: unknown command 'calender'; did you mean 'calendar'?\n"
//          "run 'planner --help' for the commands"
//   msg::needs_argument("show", "PROTOCOL", "planner show PROTOCOL [--output FILE]")
//       == "planner: error: planner show needs a PROTOCOL\nusage: planner show PROTOCOL [--output FILE]"
#pragma once

#include <cstddef>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

namespace planner::cli::msg {

// "planner: error: " + what: a message of the CLI itself, not about a place in a file.
std::string error(std::string_view what);
// `message`, then the usage on a line of its own.
std::string with_usage(std::string_view message, std::string_view usage);
// "; did you mean 'guess'?", or "" when there is no guess.
std::string did_you_mean(std::string_view guess);
// The choices as a sentence lists them: "a", "a or b", "a, b or c".
std::string one_of(std::span<const std::string_view> choices);
std::string one_of(std::initializer_list<std::string_view> choices);

// The command line itself.
std::string bad_argument(std::string_view argument, std::string_view problem, std::size_t character);
std::string unknown_option(std::string_view option, std::string_view guess, std::string_view usage);
std::string bad_command_line(std::string_view what, std::string_view usage);  // Boost.Program_options' words
std::string unknown_command(std::string_view command, std::string_view guess);
// "planner COMMAND needs a PROTOCOL" (or another positional argument), and the usage.
std::string needs_argument(std::string_view command, std::string_view argument, std::string_view usage);
// "planner COMMAND needs --OPTION", pointing at the command's --help.
std::string needs_option(std::string_view command, std::string_view option);

// An option's value (`option` with its dashes: "--format").
std::string expected(std::string_view option, std::span<const std::string_view> choices, std::string_view got);
std::string expected(std::string_view option, std::initializer_list<std::string_view> choices, std::string_view got);
std::string bad_value(std::string_view option, std::string_view why);  // "--day1: " + why
std::string empty_output();
std::string threads_out_of_range();
// Options that go together: "--stamp goes with --format ics".
std::string goes_with(std::string_view option, std::string_view other);
std::string given_by_roster(std::string_view option);
std::string closures_with_sites();
// calendar --timezone: not a zone of the tz database (`guess`: the nearest name, or ""); a sites file gives
// each site its own zone.
std::string unknown_time_zone(std::string_view zone, std::string_view guess);
std::string time_zone_with_sites();
// One subject with --sites: which of the file's sites it is at.
std::string sites_need_site();
std::string unknown_site(std::string_view site, std::string_view file, std::string_view sites, std::string_view guess);
// --format xlsx: the file needs --output; a sheet holds `limit` rows at most (Excel's, the header included).
std::string xlsx_needs_output();
std::string too_many_rows_for_xlsx(std::string_view path, std::size_t limit);
std::string actuals_need_subject();
// A warning (spdlog adds "planner: warning: "): --actuals has no record of the subject; `closest` are the
// log's ids nearest to it ("did you mean"), or, when none is near, its first few ids; `ids`: how many it has.
std::string no_actuals_of_subject(std::string_view subject, std::string_view log, std::span<const std::string> closest,
                                  bool near, std::size_t ids);
// A warning: `n` subjects of an SDTM DM have no plan (screen failures: no RFSTDTC, or no arm of the protocol).
std::string dm_subjects_not_planned(std::string_view dm, std::size_t n);
// A warning: `n` records of an SDTM SV are unscheduled or not visits of the protocol (not re-planned).
std::string sv_records_not_in_protocol(std::string_view sv, std::size_t n, std::string_view protocol);
// A warning: visit `visit` of `subject` ("-" when none) has no acceptable day in its window: `why` says what
// refused each day (conflict_reasons, planner/io/write/conflict.h); it is kept on its target.
std::string visit_conflict(std::string_view visit, std::string_view subject, std::string_view window,
                           std::string_view target, std::string_view why);
// planner sdtm --define with --domain.
std::string define_without_domain();
// A warning: SOURCE_DATE_EPOCH is not a number of seconds (the current time is used instead).
std::string bad_source_date_epoch(std::string_view value);
// A warning of `planner migrate`: the protocol file at `path` is already format 2 (it is written out unchanged).
std::string already_format2(std::string_view path);
// A warning: a roster run's `n` conflicts, counted (-v lists them one by one).
std::string roster_conflicts(std::size_t n, bool listed);
// A warning: a roster's visit log has rows of subjects the roster does not list (`unused`, in log order).
std::string actuals_not_in_roster(std::string_view log, std::span<const std::string> unused, std::string_view roster);
std::string roster_or_sdtm();
std::string domain_needs_roster(std::string_view domain, std::string_view usage);
std::string window_needs_roster(std::string_view usage);
// planner forecast: a number option ("--target: expected a whole number of subjects above 0, got 'x'").
std::string bad_number(std::string_view option, std::string_view expected, std::string_view got);
std::string ratio_arms(std::string_view ratio, std::size_t weights, std::string_view arms);
std::string target_already_reached(long target, long enrolled, std::string_view cutoff);
std::string nothing_enrolled_to_fit(std::string_view cutoff);
std::string no_site_enrols();
// What follows "sites.toml:4:1: error: " (located_error) about a site a forecast cannot use.
std::string site_lacks(std::string_view site, std::string_view keys);
std::string activation_after_cutoff(std::string_view site, std::string_view activation, std::string_view cutoff);
// What follows "roster.csv:3: error: " about an enrolled subject.
std::string enrolled_after_cutoff(std::string_view subject, std::string_view day1, std::string_view cutoff);
std::string enrolled_before_activation(std::string_view subject, std::string_view day1, std::string_view site,
                                       std::string_view activation);

// Protocols and arms.
std::string unknown_protocol(std::string_view name, std::string_view guess);
std::string unreadable_directory(std::string_view dir);
std::string unknown_arm(std::string_view protocol, std::string_view arm, std::string_view arms);
std::string choose_arm(std::string_view protocol, std::string_view arms);
std::string no_analysis_windows(std::string_view protocol);

// What follows "file:line: error: " (located_error) in messages about a record of an input file.
std::string not_a_visit_of_arm(std::string_view visit, std::string_view arm, std::string_view protocol);
std::string recorded_twice(std::string_view visit, int first_line);
std::string subject_not_planned(std::string_view subject, std::string_view why);
std::string unknown_site_of_subject(std::string_view subject, std::string_view site);

// What main writes when a command fails.
std::string plan_error(std::string_view what);
std::string standard_output_failed(std::string_view why);  // why: strerror, or "" when not known
std::string internal_error(std::string_view what);

}  // namespace planner::cli::msg
