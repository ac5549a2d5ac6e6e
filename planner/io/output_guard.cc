#include "planner/io/output_guard.h"

#include <climits>
#include <optional>
#include <sys/stat.h>

#include "planner/core/error.h"
#include "planner/io/source_text.h"

namespace planner {
namespace {

struct FileId {
  dev_t dev;
  ino_t ino;
  bool operator==(const FileId&) const = default;
};

std::optional<FileId> regular_file_id(const std::string& path) {
  struct stat st {};
  if (path.empty() || ::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  return FileId{st.st_dev, st.st_ino};
}

struct Guard {
  std::string path;
  FileId id;
};
std::optional<Guard> guarded;  // set once by the CLI thread before any reader runs

}  // namespace

bool same_regular_file(const std::string& a, const std::string& b) {
  const auto id = regular_file_id(a);
  return id && id == regular_file_id(b);
}

void guard_output(const std::string& output) {
  guarded.reset();
  if (output == "-") return;
  if (const auto id = regular_file_id(output)) guarded = Guard{output, *id};
}

void check_not_output(const std::string& input, std::string_view what) {
  if (!guarded || regular_file_id(input) != guarded->id) return;
  throw InputError{"planner: error: --output " + quoted(guarded->path, PATH_MAX) + " is the same file as " +
                   std::string{what} + " " + quoted(input, PATH_MAX) + "; planner does not overwrite its inputs"};
}

}  // namespace planner
