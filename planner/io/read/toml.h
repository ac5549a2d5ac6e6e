// Strict reading of TOML tables, shared by the protocol and sites readers: unknown keys are errors with
// "did you mean", wrong types say what was expected, and every message names file:line:col with the line
// and a caret (through SourceText::error).
//
//   struct SitesReader : TomlReader { ... check_keys(t, "[[site]]", {"id", "name"}); ... };
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <toml++/toml.h>
#include <vector>

#include "planner/core/protocol.h"
#include "planner/io/source_text.h"

namespace planner {

class TomlReader {
 public:
  using Keys = std::initializer_list<std::string_view>;

  explicit TomlReader(const SourceText& src) : src_{src} {}

 protected:
  // The whole document; an InputError naming the TOML syntax error, a nesting too deep
  // (check_toml_nesting) or a key or string that is not text (check_text) otherwise.
  toml::table parse_document();

  [[noreturn]] void fail(const toml::source_region& where, std::string_view message, int line_if_unknown = 0) const;
  [[noreturn]] void fail(const toml::node& n, std::string_view message) const { fail(n.source(), message); }
  SourceLocation location(const toml::node& n) const;

  void check_keys(const toml::table& t, std::string_view context, Keys allowed) const;
  const toml::table& required_table(const toml::table& root, std::string_view key) const;
  const toml::table* optional_table(const toml::table& root, std::string_view key) const;
  // The tables of an array of tables [[key]]; none when absent (an error when `required`).
  std::vector<const toml::table*> tables(const toml::table& root, std::string_view key, bool required) const;

  std::optional<std::string> opt_string(const toml::table& t, std::string_view key) const;
  std::string req_string(const toml::table& t, std::string_view key, std::string_view context) const;
  // An id: 1..max_length characters of A-Z a-z 0-9 _ . -
  std::string req_id(const toml::table& t, std::string_view context, std::size_t max_length = 32) const;
  std::optional<std::int64_t> opt_int(const toml::table& t, std::string_view key) const;
  // The strings of an array, each with its node (for messages); empty when absent.
  std::vector<std::pair<std::string, const toml::node*>> string_array(const toml::table& t, std::string_view key) const;

  const SourceText& src_;

 private:
  void check_strings(const toml::node& n) const;
};

// Planner's TOML files nest a few levels ([[visit]], a window table, an array of strings); the TOML parser
// recurses once per level, so a file nested tens of thousands of levels deep would overflow the stack.
// Every document is scanned first: deeper than `max_depth` levels (the parts of the table header, the dots
// of each dotted key, and each array and inline table opened, added up) is an InputError at the first
// character too deep. Strings and comments do not count.
inline constexpr int kMaxTomlDepth = 32;
void check_toml_nesting(const SourceText& src, int max_depth = kMaxTomlDepth);

std::string_view toml_type_name(const toml::node& n);  // "a string", "an integer", ...
bool is_valid_id(std::string_view id, std::size_t max_length = 32);

}  // namespace planner
