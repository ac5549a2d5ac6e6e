// Reading protocol files (TOML, formats 1 and 2; the format is documented in docs/protocol-format.md).
//
// Loading is strict: an unknown key, a wrong type, a bad date or duration, an unknown reference, a
// duplicate id, a chained-timing cycle or a value without provenance is an InputError whose message
// names `file:line:col`, shows the line with a caret and says what was expected:
//
//   choi.toml:31:6: error: 'at': expected an ISO 8601 duration such as P2W, P3D, -P4W or P1M, got 'P-1W':
//   a sign goes before the P, as in -P1W
//
// On success the Protocol is complete and valid (see planner/core/protocol.h).
#pragma once

#include <string>

#include "planner/core/protocol.h"

namespace planner {

// Parses protocol text; `name` is used in messages (usually the file path).
Protocol parse_protocol(const std::string& text, const std::string& name);

// Reads and parses a protocol file. Throws IoError when it cannot be read, InputError when it is invalid.
Protocol load_protocol(const std::string& path);

// A protocol file's text as format 2. Format 2 only adds keys to format 1, so a valid format 1 file becomes
// format 2 by its `format` value alone: the result is the same text, comments, order and spelling kept, with
// `format = 2`, and it describes the same schedule. A format 2 file comes back unchanged (`from` 2).
// Throws InputError when `text` is not a valid protocol (so nothing invalid is ever migrated).
//
//   "format = 1\n# Choi 2024\n[study]..." -> {"format = 2\n# Choi 2024\n[study]...", 1}
struct MigratedProtocol {
  std::string text;
  int from = 1;  // the format `text` was written in
};
MigratedProtocol migrate_protocol(const std::string& text, const std::string& name);

}  // namespace planner
