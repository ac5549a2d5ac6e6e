// Reading protocol files (TOML, format 1; the format is documented in docs/protocol-format.md).
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

}  // namespace planner
