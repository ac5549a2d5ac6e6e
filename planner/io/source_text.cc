#include "planner/io/source_text.h"

#include <sstream>

#include "planner/core/error.h"
#include "planner/io/display_width.h"
#include "planner/io/text_check.h"

namespace planner {
namespace {

constexpr std::size_t kShownWidth = 120;  // longer lines are shown around the column only

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Byte offset of 1-based character column `column` in `line` (clamped to its end).
std::size_t byte_of_column(std::string_view line, int column) {
  std::size_t i = 0;
  for (int c = 1; c < column && i < line.size(); ++c) {
    ++i;
    while (i < line.size() && is_continuation(line[i])) ++i;
  }
  return i;
}

// The line as it can be shown on a terminal: control characters and bytes of invalid UTF-8 become '?' (one
// per byte, so that the caret stays under the same character); a C1 control becomes "??", and a BOM, a
// separator or a bidi control U+FFFD (as many bytes as they had).
std::string printable_line(std::string_view line) {
  std::string out{line};
  for (std::size_t i = 0; i < out.size();) {
    const auto c = static_cast<unsigned char>(out[i]);
    const std::size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool valid = length > 0 && i + length <= out.size();
    for (std::size_t k = 1; valid && k < length; ++k) valid = is_continuation(out[i + k]);
    if (!valid || (length == 1 && ((c < 0x20 && c != '\t') || c == 0x7F))) {
      out[i++] = '?';
      continue;
    }
    if (length > 1 && check_text(std::string_view{out}.substr(i, length))) {  // C1, BOM, bidi: as many bytes
      // U+FFFD for three bytes, otherwise one '?' a byte: the line keeps its length (a 4-byte sequence past
      // U+10FFFF used to become "??", and the caret below then ran past the shortened line).
      const std::string shown = length == 3 ? std::string{"\xEF\xBF\xBD"} : std::string(length, '?');
      out.replace(i, length, shown);
    }
    i += length;
  }
  return out;
}

}  // namespace

std::string_view SourceText::line(int n) const {
  std::string_view rest{text_};
  for (int i = 1; i < n; ++i) {
    const auto nl = rest.find('\n');
    if (nl == std::string_view::npos) return {};
    rest.remove_prefix(nl + 1);
  }
  rest = rest.substr(0, rest.find('\n'));
  if (!rest.empty() && rest.back() == '\r') rest.remove_suffix(1);
  return rest;
}

std::string located_error(std::string_view name, int line, int column, std::string_view what) {
  std::string out{name};
  if (line > 0) out += ':' + std::to_string(line);
  if (line > 0 && column > 0) out += ':' + std::to_string(column);
  return out + ": error: " + std::string{what};
}

std::string SourceText::error(int line_number, int column, std::string_view message) const {
  std::ostringstream out;
  if (line_number <= 0) return located_error(name_, 0, 0, message) + '\n';
  out << located_error(name_, line_number, column, message) << '\n';
  std::string_view shown = line(line_number);
  std::size_t caret = byte_of_column(shown, column);
  std::string prefix, suffix;
  if (shown.size() > kShownWidth) {  // a window of the line around the column
    std::size_t from = caret > kShownWidth / 2 ? caret - kShownWidth / 2 : 0;
    while (from > 0 && is_continuation(shown[from])) --from;
    std::size_t to = std::min(shown.size(), from + kShownWidth);
    while (to < shown.size() && is_continuation(shown[to])) ++to;
    if (from > 0) prefix = "...";
    if (to < shown.size()) suffix = "...";
    caret -= from;
    shown = shown.substr(from, to - from);
  }
  const std::string printable = printable_line(shown);
  shown = printable;
  const std::string gutter = std::to_string(line_number);
  out << ' ' << gutter << " | " << prefix << shown << suffix << '\n';
  out << ' ' << std::string(gutter.size(), ' ') << " | " << std::string(prefix.size(), ' ');
  // As many columns as the text before the caret takes on a terminal (a Hangul syllable two, a combining
  // accent none), its tabs kept as tabs; a column past the end of the line (a line end that is not shown) one.
  std::string_view before = shown.substr(0, std::min(caret, shown.size()));
  for (std::size_t tab = before.find('\t'); tab != std::string_view::npos; tab = before.find('\t')) {
    out << std::string(display_width(before.substr(0, tab)), ' ') << '\t';
    before.remove_prefix(tab + 1);
  }
  out << std::string(display_width(before) + (caret > shown.size() ? caret - shown.size() : 0), ' ') << "^\n";
  return out.str();
}

std::string printable(std::string_view text, std::size_t max) {
  std::string out = printable_line(text);
  std::size_t chars = 0, i = 0;
  for (; i < out.size(); ++i)
    if (!is_continuation(out[i]) && ++chars > max) break;
  if (i < out.size()) out = out.substr(0, i) + "...";
  return out;
}

std::string quoted(std::string_view text, std::size_t max) { return "'" + printable(text, max) + "'"; }

}  // namespace planner
