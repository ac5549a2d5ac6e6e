// A named text being read (a protocol file, a CSV, a holiday list) and the one place where input-error
// messages are worded:
//
//   holidays.txt:3:1: error: expected a date YYYY-MM-DD, got '2026-3-1'
//       3 | 2026-3-1   # Independence Movement Day
//         | ^
//
// Lines and columns are 1-based; columns count characters (UTF-8 code points), as editors do.
#pragma once

#include <string>
#include <string_view>

namespace planner {

class SourceText {
 public:
  SourceText(std::string name, std::string text) : name_{std::move(name)}, text_{std::move(text)} {}

  const std::string& name() const { return name_; }
  const std::string& text() const { return text_; }

  // Line `n` (1-based) without its line end; "" past the end.
  std::string_view line(int n) const;

  // The full message: `name:line:col: error: message`, then the line and a caret under the column.
  // line 0 gives `name: error: message` alone.
  std::string error(int line, int column, std::string_view message) const;

 private:
  std::string name_;
  std::string text_;
};

// The first line of every located message, in the form compilers use:
//
//   located_error("holidays.txt", 3, 1, "expected a date") == "holidays.txt:3:1: error: expected a date"
//   located_error("visits.csv", 3, 0, "visit WK4 is recorded twice")
//       == "visits.csv:3: error: visit WK4 is recorded twice"
//   located_error("sites.toml", 0, 0, "cannot read the file") == "sites.toml: error: cannot read the file"
//
// Column 0 leaves the column out (a whole record), line 0 the line too (the file as a whole).
std::string located_error(std::string_view name, int line, int column, std::string_view what);

// `text` as it can be quoted inside a message: control characters and invalid UTF-8 become '?' (BOM,
// separators and bidi controls U+FFFD: nothing check_text refuses is shown as it is), and a
// value longer than `max` characters is cut with "...". quoted() adds the single quotes.
std::string printable(std::string_view text, std::size_t max = 60);
std::string quoted(std::string_view text, std::size_t max = 60);

}  // namespace planner
