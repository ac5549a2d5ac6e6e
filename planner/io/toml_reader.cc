#include "planner/io/toml_reader.h"

#include <algorithm>

#include "planner/core/error.h"
#include "planner/core/spelling.h"

namespace planner {
namespace {

}  // namespace

std::string_view toml_type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    case toml::node_type::array: return "an array";
    case toml::node_type::table: return "a table";
    default: return "nothing";
  }
}

bool is_valid_id(std::string_view id, std::size_t max_length) {
  return !id.empty() && id.size() <= max_length &&
         id.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-") ==
             std::string_view::npos;
}

toml::table TomlReader::parse_document() {
  try {
    return toml::parse(src_.text(), src_.name());
  } catch (const toml::parse_error& e) {
    fail(e.source(), "invalid TOML: " + std::string{e.description()});
  }
}

void TomlReader::fail(const toml::source_region& where, std::string_view message, int line_if_unknown) const {
  const int line = where.begin.line ? static_cast<int>(where.begin.line) : line_if_unknown;
  const int column = where.begin.column ? static_cast<int>(where.begin.column) : 1;
  throw InputError{src_.error(line, column, message)};
}

SourceLocation TomlReader::location(const toml::node& n) const {
  return {src_.name(), static_cast<int>(n.source().begin.line), static_cast<int>(n.source().begin.column)};
}

void TomlReader::check_keys(const toml::table& t, std::string_view context, Keys allowed) const {
  for (auto&& [key, value] : t) {
    if (std::find(allowed.begin(), allowed.end(), key.str()) != allowed.end()) continue;
    const std::vector<std::string_view> candidates{allowed};
    const std::string guess = closest_match(key.str(), candidates);
    std::string message = "unknown key " + quoted(key.str()) + " in " + std::string{context};
    if (guess.empty()) {
      std::string list;
      for (std::string_view k : allowed) list += (list.empty() ? "" : ", ") + std::string{k};
      message += "; expected one of: " + list;
    } else {
      message += "; did you mean " + quoted(guess) + "?";
    }
    fail(key.source(), message);
  }
}

const toml::table& TomlReader::required_table(const toml::table& root, std::string_view key) const {
  const auto* t = optional_table(root, key);
  if (!t) fail(root.source(), "missing the table [" + std::string{key} + "]", 1);
  return *t;
}

const toml::table* TomlReader::optional_table(const toml::table& root, std::string_view key) const {
  const toml::node* n = root.get(key);
  if (!n) return nullptr;
  if (!n->is_table() || n->as_table()->is_inline())
    fail(*n, quoted(key) + " must be a table [" + std::string{key} + "], got " + std::string{toml_type_name(*n)});
  return n->as_table();
}

std::vector<const toml::table*> TomlReader::tables(const toml::table& root, std::string_view key,
                                                   bool required) const {
  const toml::node* n = root.get(key);
  if (!n) {
    if (required) fail(root.source(), "missing [[" + std::string{key} + "]]: at least one is required", 1);
    return {};
  }
  const toml::array* arr = n->as_array();
  if (!arr || !arr->is_array_of_tables())
    fail(*n, quoted(key) + " must be an array of tables [[" + std::string{key} + "]], got " +
                 std::string{toml_type_name(*n)});
  std::vector<const toml::table*> out;
  for (const toml::node& item : *arr) out.push_back(item.as_table());
  return out;
}

std::optional<std::string> TomlReader::opt_string(const toml::table& t, std::string_view key) const {
  const toml::node* n = t.get(key);
  if (!n) return std::nullopt;
  if (!n->is_string()) fail(*n, quoted(key) + " must be a string, got " + std::string{toml_type_name(*n)});
  return n->as_string()->get();
}

std::string TomlReader::req_string(const toml::table& t, std::string_view key, std::string_view context) const {
  auto s = opt_string(t, key);
  if (!s) fail(t, std::string{context} + " is missing the required key " + quoted(key));
  if (s->empty()) fail(*t.get(key), quoted(key) + " must not be empty");
  return *s;
}

std::string TomlReader::req_id(const toml::table& t, std::string_view context, std::size_t max_length) const {
  std::string id = req_string(t, "id", context);
  if (!is_valid_id(id, max_length))
    fail(*t.get("id"), quoted(id) + " is not a valid id: use 1-" + std::to_string(max_length) +
                           " characters of A-Z, a-z, 0-9, '_', '.', '-'");
  return id;
}

std::optional<std::int64_t> TomlReader::opt_int(const toml::table& t, std::string_view key) const {
  const toml::node* n = t.get(key);
  if (!n) return std::nullopt;
  if (!n->is_integer()) fail(*n, quoted(key) + " must be an integer, got " + std::string{toml_type_name(*n)});
  return n->as_integer()->get();
}

std::vector<std::pair<std::string, const toml::node*>> TomlReader::string_array(const toml::table& t,
                                                                                std::string_view key) const {
  std::vector<std::pair<std::string, const toml::node*>> out;
  const toml::node* n = t.get(key);
  if (!n) return out;
  const toml::array* arr = n->as_array();
  if (!arr) fail(*n, quoted(key) + " must be an array of strings, got " + std::string{toml_type_name(*n)});
  for (const toml::node& item : *arr) {
    if (!item.is_string())
      fail(item, "elements of " + quoted(key) + " must be strings, got " + std::string{toml_type_name(item)});
    out.emplace_back(item.as_string()->get(), &item);
  }
  return out;
}

}  // namespace planner
