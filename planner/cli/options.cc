#include "planner/cli/options.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <spdlog/spdlog.h>

#include "planner/cli/messages.h"
#include "planner/core/error.h"
#include "planner/core/spelling.h"
#include "planner/io/output_guard.h"
#include "planner/io/read/holidays.h"
#include "planner/io/read/protocol.h"
#include "planner/io/read/sites.h"
#include "planner/io/write/output_file.h"

// Where the bundled protocols sit relative to the directory of the planner executable, as installed
// ("../share/planner/protocols", derived by CMake from the install directories). The build tree mirrors it
// with a link beside build/planner ("protocols"), so no source path is ever compiled in.
#ifndef PLANNER_PROTOCOLS_FROM_BINDIR
#define PLANNER_PROTOCOLS_FROM_BINDIR "../share/planner/protocols"
#endif

namespace planner::cli {
namespace fs = std::filesystem;

namespace {

// The directory holding the running executable (Linux: /proc/self/exe), or empty when it cannot be known.
fs::path executable_dir() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path{} : exe.parent_path();
}

// The PROTOCOL lookup, in order: $PLANNER_PROTOCOLS, ./protocols, then the protocols bundled with this
// executable (installed: <bindir>/../share/planner/protocols; build tree: build/protocols).
std::vector<fs::path> protocol_dirs() {
  std::vector<fs::path> dirs;
  if (const char* env = std::getenv("PLANNER_PROTOCOLS"); env && *env) dirs.emplace_back(env);
  dirs.emplace_back("protocols");
  if (const fs::path bin = executable_dir(); !bin.empty()) {
    dirs.push_back((bin / PLANNER_PROTOCOLS_FROM_BINDIR).lexically_normal());
    dirs.push_back(bin / "protocols");
  }
  return dirs;
}

}  // namespace

std::string resolve_protocol(const std::string& name) {
  // A path (with a '/' or ending in .toml) or anything but a directory that exists under that name is a
  // file: reading it says why it cannot be read (a device, a directory, missing: exit 3).
  std::error_code ec;
  const bool path_like = name.find('/') != std::string::npos || fs::path{name}.extension() == ".toml";
  if (path_like || (fs::exists(name, ec) && !fs::is_directory(name, ec))) return name;
  std::vector<std::string> known;
  for (const fs::path& dir : protocol_dirs()) {
    const fs::path candidate = dir / (name + ".toml");
    if (fs::is_regular_file(candidate, ec)) return candidate.string();
    for (const auto& entry : fs::directory_iterator{dir, ec})
      if (entry.path().extension() == ".toml") known.push_back(entry.path().stem().string());
  }
  // A bare name gets "did you mean" among the bundled protocols (exit 2).
  std::vector<std::string_view> views{known.begin(), known.end()};
  const std::string stem = fs::path{name}.stem().string();
  std::string guess = closest_match(stem, views);
  if (guess.empty()) {  // a short name such as "pittler2003": suggest the one protocol it begins
    std::vector<std::string_view> prefixed;
    for (std::string_view k : views)
      if (k.starts_with(stem) && std::find(prefixed.begin(), prefixed.end(), k) == prefixed.end())
        prefixed.push_back(k);
    if (prefixed.size() == 1) guess = std::string{prefixed.front()};
  }
  throw InputError{msg::unknown_protocol(name, guess)};
}

std::vector<std::string> protocol_files(const std::string& dir) {
  std::vector<fs::path> dirs;
  if (dir.empty()) {
    dirs = protocol_dirs();
  } else {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw IoError{msg::unreadable_directory(dir)};
    dirs.emplace_back(dir);
  }
  std::vector<fs::path> found;
  for (const fs::path& d : dirs) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator{d, ec}) {
      if (entry.path().extension() != ".toml" || !entry.is_regular_file(ec)) continue;
      const auto stem = entry.path().stem();
      if (std::none_of(found.begin(), found.end(), [&](const fs::path& f) { return f.stem() == stem; }))
        found.push_back(entry.path());
    }
  }
  std::vector<std::string> out;
  out.reserve(found.size());
  for (const fs::path& f : found) out.push_back(f.string());
  std::sort(out.begin(), out.end());
  return out;
}

std::string choose_arm(const Protocol& p, const Args& args) {
  std::string known;
  for (const Arm& a : p.arms) known += (known.empty() ? "" : ", ") + a.id;
  if (args.has("arm")) {
    std::string arm = args.text("arm");
    if (p.find_arm(arm)) return arm;
    throw InputError{msg::unknown_arm(p.study.id, arm, known)};
  }
  // A blinded output is the same for every arm (its writer refuses a protocol where it is not): any arm plans it.
  const bool blind = args.has("blind") && args.vm()["blind"].as<bool>();
  if (p.arms.size() == 1 || blind) return p.arms.front().id;
  throw InputError{msg::choose_arm(p.study.id, known)};
}

Protocol load_protocol_argument(const std::string& name_or_path) {
  return load_protocol(resolve_protocol(name_or_path));
}

namespace {

// Every option of every command that names a file planner reads. A new input option belongs here, so that
// --output can never name it (tests/testdata/bad/output-same-as-*).
constexpr std::string_view kInputOptions[] = {"protocol",    "roster",       "sites",   "holidays", "actuals",
                                              "roster-sdtm", "actuals-sdtm", "records", "usdm",     "previous"};

std::vector<std::string> option_values(const po::variables_map& vm, std::string_view name) {
  const auto it = vm.find(std::string{name});
  if (it == vm.end() || it->second.empty()) return {};
  if (const auto* one = boost::any_cast<std::string>(&it->second.value())) return {*one};
  if (const auto* many = boost::any_cast<std::vector<std::string>>(&it->second.value())) return *many;
  return {};
}

}  // namespace

void check_output_option(const po::variables_map& vm) {
  if (!vm.count("output")) return;
  const std::string output = vm["output"].as<std::string>();
  if (output.empty()) {
    if (vm["output"].defaulted()) return;  // not given: standard output
    throw InputError{msg::empty_output()};
  }
  guard_output(output);
  for (std::string_view option : kInputOptions) {
    for (const std::string& value : option_values(vm, option)) {
      std::string path = value;
      if (option == "protocol") {  // a bundled name resolves to a file; an unknown one fails later, when read
        try {
          path = resolve_protocol(value);
        } catch (const Error&) {
          continue;
        }
      }
      check_not_output(path, option == "protocol" ? "the protocol"
                             : option == "usdm"   ? "the USDM file"  // positional arguments
                                                  : "--" + std::string{option});
    }
  }
  OutputFile::check(output);  // a directory, a read-only file, a missing directory: said now, not after the work
}

void emit(const std::string& path, const std::string& content) {
  std::cout.flush();
  write_file_atomically(path, content);  // "" and "-" are standard output
  if (!path.empty() && path != "-") spdlog::info("wrote {} ({} bytes)", path, content.size());
}

po::options_description site_options() {
  po::options_description o{"Site calendar", kHelpWidth};
  auto add = o.add_options();
  add("closed", po::value<std::string>()->value_name("DAYS")->default_value(""),
      "weekdays the site is closed, e.g. sat,sun");
  add("holidays", po::value<std::vector<std::string>>()->value_name("FILE"),
      "file of closed dates, one YYYY-MM-DD per line (repeatable)");
  add("prefer", po::value<std::string>()->value_name("earlier|later")->default_value("earlier"),
      "when a closed visit can move as far earlier as later: earlier or later");
  return o;
}

po::options_description cohort_options() {
  po::options_description o{"Cohort", kHelpWidth};
  auto add = o.add_options();
  add("roster", po::value<std::string>()->value_name("CSV"),
      "roster CSV: subject,arm,site,day1 (extra columns ignored)");
  add("sites", po::value<std::string>()->value_name("TOML"),
      "sites file (TOML): each site's closures, holidays and capacity");
  add("threads", po::value<unsigned>()->value_name("N")->default_value(1),
      "threads planning subjects (1-64); same output for any");
  return o;
}

Prefer prefer_from_flags(const Args& args) {
  const std::string prefer = args.text("prefer");
  if (prefer != "earlier" && prefer != "later")
    throw InputError{msg::expected("--prefer", {"earlier", "later"}, prefer)};
  return prefer == "later" ? Prefer::later : Prefer::earlier;
}

void refuse_closures_with_sites(const Args& args) {
  const bool flags_close = (args.has("closed") && !args.text("closed").empty()) || args.has("holidays");
  if (args.has("sites") && flags_close) throw InputError{msg::closures_with_sites()};
}

SiteCalendar calendar_from_flags(const Args& args) {
  SiteCalendar calendar;
  if (args.has("closed"))
    for (date::weekday d : parse_weekdays(args.text("closed"), "--closed")) calendar.close(d);
  for (const std::string& file : args.texts("holidays")) calendar.close(load_holidays(file), file);
  return calendar;
}

const Site* subject_site(const Args& args, const std::vector<Site>* sites) {
  if (!sites) return nullptr;
  if (args.text("site").empty()) throw InputError{msg::sites_need_site()};
  const std::string id = args.text("site");
  std::vector<std::string_view> ids;
  std::string known;
  for (const Site& site : *sites) {
    if (site.id == id) return &site;
    ids.emplace_back(site.id);
    known += (known.empty() ? "" : ", ") + site.id;
  }
  throw InputError{msg::unknown_site(id, args.text("sites"), known, closest_match(id, ids))};
}

Cohort cohort_from_flags(const Args& args) {
  Cohort c;
  c.threads = args.vm()["threads"].as<unsigned>();
  if (c.threads < 1 || c.threads > 64) throw InputError{msg::threads_out_of_range()};
  refuse_closures_with_sites(args);
  c.roster = args.has("roster-sdtm") ? args.text("roster-sdtm") : args.required("roster");
  c.protocol = load_protocol_argument(args.text("protocol"));
  if (args.has("sites")) c.sites = load_sites(args.text("sites"));
  c.calendar = calendar_from_flags(args);
  return c;
}

}  // namespace planner::cli
