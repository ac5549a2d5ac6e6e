// The one error family of planner. Every error carries the exit code the CLI returns for it, and its
// what() is the complete message shown to the user (for input errors: `file:line:col: error: …`, the
// offending line and a caret). The CLI catches once, in main.
//
// Exit codes (documented in docs/reliability.md):
//   0  success
//   1  the command ran and found problems (lint findings, out-of-window visits)
//   2  bad input: a protocol, data file or command-line argument that is not what was expected
//   3  a file could not be read or written
//   4  internal error (a bug: please report it)
#pragma once

#include <stdexcept>
#include <string>

namespace planner {

enum class ExitCode : int { ok = 0, findings = 1, bad_input = 2, io = 3, internal = 4 };

class Error : public std::runtime_error {
 public:
  Error(ExitCode code, const std::string& message) : std::runtime_error{message}, code_{code} {}
  ExitCode code() const { return code_; }

 private:
  ExitCode code_;
};

// Malformed protocol, data file or argument.
class InputError : public Error {
 public:
  explicit InputError(const std::string& message) : Error{ExitCode::bad_input, message} {}
};

// A protocol that loads but cannot be planned for the given inputs (a date outside 1900..2200, a month
// end rejected by the protocol's policy).
class PlanError : public Error {
 public:
  explicit PlanError(const std::string& message) : Error{ExitCode::bad_input, message} {}
};

// A file that cannot be opened, read, written or renamed.
class IoError : public Error {
 public:
  explicit IoError(const std::string& message) : Error{ExitCode::io, message} {}
};

}  // namespace planner
