#include "planner/cli/options.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <spdlog/spdlog.h>

#include "planner/core/error.h"
#include "planner/core/spelling.h"
#include "planner/io/output_file.h"
#include "planner/io/protocol_reader.h"

#ifndef PLANNER_PROTOCOL_DIR
#define PLANNER_PROTOCOL_DIR ""
#endif

namespace planner::cli {
namespace fs = std::filesystem;

po::options_description common_options() {
  po::options_description o{"Common options"};
  o.add_options()("help,h", "show this help")("verbose,v", "log progress (info level) to stderr")(
      "quiet,q", "log errors only");
  return o;
}

bool parse_command_line(const std::vector<std::string>& args, const po::options_description& options,
                        const po::positional_options_description& positional, std::string_view usage,
                        po::variables_map& vm) {
  po::options_description all;
  all.add(options).add(common_options());
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    if (vm.count("help")) {
      std::cout << "usage: " << usage << "\n\n" << all;
      return false;
    }
    po::notify(vm);
  } catch (const po::unknown_option& e) {
    std::vector<std::string> names;
    for (const auto& opt : all.options()) names.push_back("--" + opt->long_name());
    std::vector<std::string_view> views{names.begin(), names.end()};
    const std::string guess = closest_match(e.get_option_name(), views);
    throw InputError{"planner: error: unknown option '" + e.get_option_name() + "'" +
                     (guess.empty() ? "" : "; did you mean '" + guess + "'?") + "\nusage: " + std::string{usage}};
  } catch (const po::error& e) {
    throw InputError{"planner: error: " + std::string{e.what()} + "\nusage: " + std::string{usage}};
  }
  if (vm.count("quiet")) spdlog::set_level(spdlog::level::err);
  if (vm.count("verbose")) spdlog::set_level(spdlog::level::info);
  return true;
}

namespace {

std::vector<fs::path> protocol_dirs() {
  std::vector<fs::path> dirs;
  if (const char* env = std::getenv("PLANNER_PROTOCOLS"); env && *env) dirs.emplace_back(env);
  dirs.emplace_back("protocols");
  if (*PLANNER_PROTOCOL_DIR) dirs.emplace_back(PLANNER_PROTOCOL_DIR);
  return dirs;
}

}  // namespace

std::string resolve_protocol(const std::string& name) {
  std::error_code ec;
  if (fs::is_regular_file(name, ec)) return name;
  std::vector<std::string> known;
  for (const fs::path& dir : protocol_dirs()) {
    const fs::path candidate = dir / (name + ".toml");
    if (fs::is_regular_file(candidate, ec)) return candidate.string();
    for (const auto& entry : fs::directory_iterator{dir, ec})
      if (entry.path().extension() == ".toml") known.push_back(entry.path().stem().string());
  }
  // A path (it names a directory or a .toml file) that does not exist is a file that cannot be read
  // (exit 3, from reading it); a bare name gets "did you mean" among the bundled protocols (exit 2).
  if (name.find('/') != std::string::npos || fs::path{name}.extension() == ".toml") return name;
  std::vector<std::string_view> views{known.begin(), known.end()};
  const std::string stem = fs::path{name}.stem().string();
  const std::string guess = closest_match(stem, views);
  throw InputError{"planner: error: no protocol file or protocol named '" + name + "'" +
                   (guess.empty() ? "" : "; did you mean '" + guess + "'?")};
}

Protocol load_protocol_argument(const std::string& name_or_path) {
  return load_protocol(resolve_protocol(name_or_path));
}

void emit(const std::string& path, const std::string& content) {
  if (path.empty() || path == "-") {
    std::cout << content << std::flush;
    if (!std::cout) throw IoError{"planner: error: cannot write to standard output"};
    return;
  }
  write_file_atomically(path, content);
  spdlog::info("wrote {} ({} bytes)", path, content.size());
}

std::string required(const po::variables_map& vm, const std::string& option, std::string_view command) {
  if (!vm.count(option))
    throw InputError{"planner: error: planner " + std::string{command} + " needs --" + option + "\nusage: see planner " +
                     std::string{command} + " --help"};
  return vm[option].as<std::string>();
}

}  // namespace planner::cli
