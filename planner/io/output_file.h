// Writing an output file so that nothing is ever half-written: the text goes to a temporary file in the
// same directory, which is renamed over the destination only when everything was written. On any failure
// the destination keeps its previous content (or stays absent) and the temporary file is removed.
#pragma once

#include <string>
#include <string_view>

namespace planner {

// Writes `content` to `path` atomically; IoError naming the path when it cannot.
void write_file_atomically(const std::string& path, std::string_view content);

}  // namespace planner
