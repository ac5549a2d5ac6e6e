#include "planner/io/read/toml.h"

#include <algorithm>

#include "planner/core/error.h"
#include "planner/core/spelling.h"
#include "planner/io/text_check.h"

namespace planner {
namespace {

// The column (1-based, in characters) of byte `i` of `text` on a line that starts at byte `line_start`.
int column_of(std::string_view text, std::size_t line_start, std::size_t i) {
  int column = 1;
  for (std::size_t k = line_start; k < i; ++k) column += (static_cast<unsigned char>(text[k]) & 0xC0) != 0x80;
  return column;
}

// The nesting scan of check_toml_nesting: one pass over the text, before the TOML parser (which recurses
// once per level) sees it. Strings and comments are skipped; the depth is the table header's parts, plus each
// dotted key's parts, plus each array and inline table opened.
class NestingScan {
 public:
  NestingScan(const SourceText& src, int max_depth) : src_{src}, text_{src.text()}, max_depth_{max_depth} {}

  void run() {
    for (i_ = 0; i_ < text_.size(); ++i_) step(text_[i_]);
  }

 private:
  struct Open {
    char kind;  // '[' or '{'
    int depth;  // the depth inside it
  };

  void step(char c) {
    if (c == '#') {
      skip_comment();
    } else if (c == '"' || c == '\'') {
      skip_string(c);
    } else if (c == '\n') {
      end_line();
    } else if (open_.empty() && in_key_ && !in_header_ && c == '[' && depth_ == table_depth_) {
      begin_header();
    } else if (in_header_) {
      in_table_header(c);
    } else if (in_key_) {
      in_key(c);
    } else {
      in_value(c);
    }
  }

  void skip_comment() {  // to the end of the line
    while (i_ + 1 < text_.size() && text_[i_ + 1] != '\n') ++i_;
  }

  void skip_string(char quote) {  // basic or literal, single- or multi-line
    const std::string triple(3, quote);
    const bool multi = text_.substr(i_, 3) == triple;
    i_ += multi ? 3 : 1;
    for (; i_ < text_.size(); ++i_) {
      if (quote == '"' && text_[i_] == '\\') {
        if (i_ + 1 < text_.size() && text_[i_ + 1] == '\n') newline(i_ + 1);
        ++i_;
      } else if (text_[i_] == '\n') {
        newline(i_);
        if (!multi) break;
      } else if (text_[i_] == quote && (!multi || text_.substr(i_, 3) == triple)) {
        if (multi) {
          i_ += 2;
          while (i_ + 1 < text_.size() && text_[i_ + 1] == quote) ++i_;  // up to two quotes end the content
        }
        break;
      }
    }
  }

  void end_line() {
    newline(i_);
    if (open_.empty()) {
      in_key_ = true;
      in_header_ = false;
      depth_ = table_depth_;
    }
  }

  void begin_header() {
    in_header_ = true;
    depth_ = 0;
    if (i_ + 1 < text_.size() && text_[i_ + 1] == '[') ++i_;
    deeper();
  }

  void in_table_header(char c) {
    if (c == '.') deeper();
    if (c == ']') {
      in_header_ = false;
      in_key_ = false;  // the rest of the line is a comment or nothing
      table_depth_ = depth_;
      if (i_ + 1 < text_.size() && text_[i_ + 1] == ']') ++i_;
    }
  }

  void in_key(char c) {
    if (c == '.') deeper();
    if (c == '=') in_key_ = false;
    if (c == '}' && !open_.empty()) open_.pop_back();  // an empty inline table
  }

  void in_value(char c) {
    if (c == '[' || c == '{') {
      deeper();
      open_.push_back({c, depth_});
      in_key_ = c == '{';
    } else if ((c == ']' || c == '}') && !open_.empty()) {
      open_.pop_back();
    } else if (c == ',' && !open_.empty()) {
      depth_ = open_.back().depth;
      in_key_ = open_.back().kind == '{';
    }
  }

  void deeper() {  // one level deeper at the current character
    if (++depth_ <= max_depth_) return;
    throw InputError{src_.error(line_, column_of(text_, line_start_, i_),
                                "nested more than " + std::to_string(max_depth_) +
                                    " levels deep (table headers, dotted keys, arrays and inline tables together)")};
  }

  void newline(std::size_t at) {
    ++line_;
    line_start_ = at + 1;
  }

  const SourceText& src_;
  std::string_view text_;
  int max_depth_;
  std::size_t i_ = 0;  // the character being read
  std::vector<Open> open_;
  int line_ = 1, table_depth_ = 0, depth_ = 0;
  std::size_t line_start_ = 0;
  bool in_key_ = true, in_header_ = false;
};

}  // namespace

void check_toml_nesting(const SourceText& src, int max_depth) { NestingScan{src, max_depth}.run(); }

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
  const std::string_view text = src_.text();
  for (std::size_t cr = text.find('\r'); cr != std::string_view::npos; cr = text.find('\r', cr + 1))
    if (cr + 1 == text.size() || text[cr + 1] != '\n') {  // as the CSV and holiday readers say it
      const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + cr, '\n'));
      const std::size_t line_start = text.rfind('\n', cr) == std::string_view::npos ? 0 : text.rfind('\n', cr) + 1;
      throw InputError{src_.error(line, column_of(text, line_start, cr),
                                  "a carriage return not followed by a line feed: lines must end in LF or CRLF")};
    }
  // Invalid UTF-8 is found here, line by line, because toml++ reports it at a column that depends on
  // where its read buffer ends (one column off in some files).
  for (std::size_t start = 0, line = 1; start < text.size(); ++line) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    if (const auto problem = check_text(text.substr(start, end - start), TextKind::encoding))
      throw InputError{src_.error(static_cast<int>(line), static_cast<int>(problem->column + 1),
                                  "invalid TOML: " + problem->what + "; a protocol or sites file is UTF-8 text")};
    start = end + 1;
  }
  check_toml_nesting(src_);
  toml::table root;
  try {
    root = toml::parse(src_.text(), src_.name());
  } catch (const toml::parse_error& e) {
    fail(e.source(), "invalid TOML: " + std::string{e.description()});
  }
  check_strings(root);
  return root;
}

void TomlReader::check_strings(const toml::node& n) const {
  // TOML escapes (\u001b, \u0000, \r) can put any character in a string: every key and string of the
  // document is checked once here, so no label, code or time zone brings a control character along. A
  // string may hold line feeds and tabs (a multi-line note); ids, codes and time zones are further limited
  // by their own rules (is_valid_id, the IANA names).
  const auto check = [&](std::string_view text, const toml::source_region& where, std::string_view what) {
    if (const auto problem = check_text(text, what == "the key" ? TextKind::line : TextKind::multiline))
      fail(where, std::string{what} + " has " + problem->what + " at character " + std::to_string(problem->column + 1) +
                      "; text must be UTF-8 without control characters (line feeds and tabs only in strings)");
  };
  if (const toml::table* t = n.as_table()) {
    for (auto&& [key, value] : *t) {
      check(key.str(), key.source(), "the key");
      check_strings(value);
    }
  } else if (const toml::array* a = n.as_array()) {
    for (const toml::node& item : *a) check_strings(item);
  } else if (const auto* s = n.as_string()) {
    check(s->get(), s->source(), "the string");
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

std::vector<const toml::table*> TomlReader::tables(const toml::table& root, std::string_view key, bool required) const {
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
