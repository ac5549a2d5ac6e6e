#include "planner/io/module.h"

#include <dlfcn.h>

#include <filesystem>
#include <map>
#include <mutex>
#include <system_error>
#include <vector>

#include "planner/core/error.h"

// Where the modules sit relative to the directory of the planner executable, as installed
// ("../lib/x86_64-linux-gnu/planner", derived by CMake from the install directories).
#ifndef PLANNER_MODULES_FROM_BINDIR
#define PLANNER_MODULES_FROM_BINDIR "../lib/planner"
#endif

namespace planner {
namespace fs = std::filesystem;

namespace {

std::vector<fs::path> module_dirs() {
  std::error_code ec;
  const fs::path bin = fs::read_symlink("/proc/self/exe", ec).parent_path();
  if (ec) return {};
  return {(bin / PLANNER_MODULES_FROM_BINDIR).lexically_normal(), bin / "modules"};
}

void* load(const std::string& module, const std::string& needed_for) {
  const std::string entry = "planner_" + module + "_library";
  if (void* linked = ::dlsym(RTLD_DEFAULT, entry.c_str())) return linked;
  const std::string file = "planner-" + module + ".so";
  std::string tried;
  std::string first_failure;
  for (const fs::path& dir : module_dirs()) {
    tried += (tried.empty() ? "" : ", ") + dir.string();
    const fs::path path = dir / file;
    std::error_code ec;
    if (!fs::exists(path, ec)) continue;
    // RTLD_LOCAL: the library's symbols stay its own; RTLD_NOW: a missing one fails here, not mid-run.
    if (void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL)) {
      if (void* found = ::dlsym(handle, entry.c_str())) return found;
      first_failure = path.string() + " has no " + entry;
      break;
    }
    first_failure = ::dlerror();
    break;
  }
  if (first_failure.empty()) first_failure = file + ": not found";
  throw IoError{"planner: error: cannot load planner's " + module + " module (needed for " + needed_for +
                "): " + first_failure + " (looked in " + tried + "); reinstall planner"};
}

}  // namespace

void* module_entry(const std::string& module, const std::string& needed_for) {
  static std::mutex mutex;
  static std::map<std::string, void*> loaded;
  const std::lock_guard lock{mutex};
  void*& entry = loaded[module];
  if (!entry) entry = load(module, needed_for);
  return entry;
}

}  // namespace planner
