#include "planner/cli/forecast_input.h"

#include <charconv>
#include <limits>

#include "planner/cli/messages.h"
#include "planner/cli/options.h"
#include "planner/core/error.h"
#include "planner/io/iso8601.h"
#include "planner/io/read/input_file.h"
#include "planner/io/read/roster.h"
#include "planner/io/source_text.h"

namespace planner::cli {

namespace {

double number_option(const Args& args, const char* name, std::string_view expected, double low, double high,
                     bool high_included) {
  const std::string text = args.text(name);
  double x = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), x);
  if (ec != std::errc{} || end != text.data() + text.size() || x < low || x > high || (!high_included && x == high))
    throw InputError{msg::bad_number(std::string{"--"} + name, expected, text)};
  return x;
}

long whole_option(const Args& args, const char* name, std::string_view expected, long low, long high) {
  const std::string text = args.text(name);
  long x = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), x);
  if (ec != std::errc{} || end != text.data() + text.size() || x < low || x > high)
    throw InputError{msg::bad_number(std::string{"--"} + name, expected, text)};
  return x;
}

// "5,50,95" -> {0.05, 0.5, 0.95}.
std::vector<double> quantiles(const std::string& text) {
  std::vector<double> out;
  std::size_t begin = 0;
  while (begin <= text.size()) {
    const std::size_t end = std::min(text.find(',', begin), text.size());
    double x = 0;
    const auto [ptr, ec] = std::from_chars(text.data() + begin, text.data() + end, x);
    if (ec != std::errc{} || ptr != text.data() + end || !(x > 0 && x <= 100) ||
        (!out.empty() && x / 100 <= out.back()))
      throw InputError{
          msg::bad_number("--quantiles", "increasing percentiles above 0 and at most 100, such as 5,50,95", text)};
    out.push_back(x / 100);
    begin = end + 1;
  }
  return out;
}

std::vector<double> arm_weights(const Args& args, const Protocol& protocol) {
  if (!args.has("ratio")) return std::vector<double>(protocol.arms.size(), 1.0);
  const std::string text = args.text("ratio");
  std::vector<double> out;
  double sum = 0;
  bool bad = false;
  for (std::size_t begin = 0; begin <= text.size();) {
    const std::size_t end = std::min(text.find(':', begin), text.size());
    double x = 0;
    const auto [ptr, ec] = std::from_chars(text.data() + begin, text.data() + end, x);
    bad = bad || ec != std::errc{} || ptr != text.data() + end || !(x >= 0 && x < 1e9);
    out.push_back(x);
    sum += x;
    begin = end + 1;
  }
  std::string arms;
  for (const Arm& a : protocol.arms) arms += (arms.empty() ? "" : ", ") + a.id;
  if (bad || sum <= 0 || out.size() != protocol.arms.size()) throw InputError{msg::ratio_arms(text, out.size(), arms)};
  return out;
}

// An error at the site's [[site]] line of the sites file, with the line and a caret.
[[noreturn]] void site_error(const std::string& path, const Site& s, const std::string& what) {
  throw InputError{SourceText{path, read_file(path)}.error(s.where.line, s.where.column, what)};
}

// Without --roster: each site's activation and rate from the sites file; day 0 is the first activation.
void from_sites_file(const std::string& path, const std::vector<Site>& sites, ForecastInput& in) {
  for (const Site& s : sites) {
    if (!s.activation) site_error(path, s, msg::site_lacks(s.id, "'activation'"));
    if (!s.rate) site_error(path, s, msg::site_lacks(s.id, "'rate' (or 'alpha' and 'beta')"));
  }
  in.origin = *sites.front().activation;
  for (const Site& s : sites) in.origin = std::min(in.origin, *s.activation);
  for (const Site& s : sites) {
    in.rates.push_back(*s.rate);
    in.start.push_back(static_cast<double>((*s.activation - in.origin).count()));
  }
}

// With --roster and --cutoff: the enrolled subjects, planned as they are, and each site's rate estimated from
// them (fit_rates, then each site's posterior); day 0 is the day after the cut-off.
void from_roster(const Args& args, const Protocol& protocol, const std::string& path, const std::vector<Site>& sites,
                 Date cutoff, ForecastInput& in) {
  const std::string cut = format_date(cutoff);
  for (const Site& s : sites) {
    if (!s.activation) site_error(path, s, msg::site_lacks(s.id, "'activation'"));
    if (*s.activation > cutoff)
      site_error(path, s, msg::activation_after_cutoff(s.id, format_date(*s.activation), cut));
  }
  RosterReader roster{args.text("roster"), protocol, &sites};
  std::vector<SiteEnrolment> seen(sites.size());
  Subject subject;
  std::size_t site = 0;
  while (roster.next(subject, site)) {
    const Site& s = sites[site];
    if (subject.day1 > cutoff)
      throw InputError{located_error(roster.path(), roster.line(), 0,
                                     msg::enrolled_after_cutoff(subject.id, format_date(subject.day1), cut))};
    if (subject.day1 < *s.activation)
      throw InputError{located_error(roster.path(), roster.line(), 0,
                                     msg::enrolled_before_activation(subject.id, format_date(subject.day1), s.id,
                                                                     format_date(*s.activation)))};
    ++seen[site].count;
    in.enrolled.emplace_back(site, subject);
  }
  if (in.enrolled.empty()) throw InputError{msg::nothing_enrolled_to_fit(cut)};
  in.origin = cutoff + Days{1};
  for (std::size_t i = 0; i < sites.size(); ++i)
    seen[i].exposure = static_cast<double>((in.origin - *sites[i].activation).count());
  const RateFit fit = fit_rates(seen);
  for (std::size_t i = 0; i < sites.size(); ++i) {
    in.rates.push_back(posterior(fit, seen[i]));
    in.start.push_back(0);
  }
  if (static_cast<long>(in.enrolled.size()) >= in.target)
    throw InputError{msg::target_already_reached(in.target, static_cast<long>(in.enrolled.size()), cut)};
}

}  // namespace

ForecastInput forecast_input(const Args& args, const char* target, const Protocol& protocol,
                             const std::vector<Site>& sites) {
  ForecastInput in;
  in.target = whole_option(args, target, "a whole number of subjects above 0", 1, 10'000'000);
  in.arm_weights = arm_weights(args, protocol);
  in.screen_fail = !args.has("screen-fail")
                       ? 0
                       : number_option(args, "screen-fail", "a probability, 0 or more and below 1", 0, 1, false);
  in.dropout_per_week = !args.has("dropout")
                            ? 0
                            : number_option(args, "dropout", "a hazard per week, 0 or more", 0, 1e6, true);
  in.period = args.has("by") && args.text("by") == "day" ? Period::day : Period::week;
  in.prefer = prefer_from_flags(args);
  const std::string path = args.text("sites");
  if (args.has("roster") != args.has("cutoff"))
    throw InputError{
        msg::goes_with(args.has("roster") ? "--roster" : "--cutoff", args.has("roster") ? "--cutoff" : "--roster")};
  if (args.has("roster"))
    from_roster(args, protocol, path, sites, args.required_date("cutoff"), in);
  else
    from_sites_file(path, sites, in);
  bool enrols = false;
  for (const RateModel& r : in.rates) enrols = enrols || r.mean > 0;
  if (!enrols) throw InputError{msg::no_site_enrols()};
  return in;
}

ForecastSettings forecast_settings(const Args& args) {
  const unsigned threads = args.vm()["threads"].as<unsigned>();
  if (threads < 1 || threads > 64) throw InputError{msg::threads_out_of_range()};
  const ForecastOptions options{static_cast<std::uint64_t>(
                                    whole_option(args, "runs", "a whole number of runs, 1 to 10000000", 1, 10'000'000)),
                                static_cast<std::uint64_t>(whole_option(args, "seed", "a whole number, 0 or more", 0,
                                                                        std::numeric_limits<long>::max())),
                                threads};
  return {options, quantiles(args.has("quantiles") ? args.text("quantiles") : "5,50,95")};
}

}  // namespace planner::cli
