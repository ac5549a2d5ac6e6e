// The characters planner accepts in the text it reads (ids, codes, labels, dates, time zones, notes):
// valid UTF-8 without control characters. Every reader checks its values here, at the boundary, so no
// table, CSV, JSON, iCalendar file or error message ever receives an escape sequence, a NUL, a stray
// carriage return or bytes that are not UTF-8.
//
//   check_text("S001")            == nullopt
//   check_text("S\x1b[31m01")     -> {offset 1, "a control character (U+001B)"}
//   check_text("\xEF\xBB\xBFS01") -> {offset 0, "a byte-order mark (U+FEFF)"}
//   check_text("S\xFF")           -> {offset 1, "invalid UTF-8 (byte 0xFF)"}
//
// Refused: bytes that are not UTF-8 (overlong forms, surrogates and code points past U+10FFFF included);
// C0 controls U+0000-U+001F (tab, line feed and carriage return included), DEL U+007F and C1 controls
// U+0080-U+009F; the byte-order mark U+FEFF (at the start of a file it is skipped by the reader, anywhere
// else it would become part of an id); the line and paragraph separators U+2028, U+2029; and the
// bidirectional controls U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069, which reorder what a
// terminal or spreadsheet shows ("Trojan Source").
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace planner {

struct TextProblem {
  std::size_t offset;  // byte offset of the offending character in the text
  std::size_t column;  // its 0-based position in characters (code points)
  std::size_t length;  // its bytes (1 for a byte of invalid UTF-8)
  std::string what;    // "a control character (U+001B)", "invalid UTF-8 (byte 0xFF)", ...
};

// Free text (labels and notes of a protocol) may also hold line feeds and tabs: writers escape them.
// `encoding` checks only that the bytes are UTF-8 (a whole file, before a parser sees it).
enum class TextKind { line, multiline, encoding };

std::optional<TextProblem> check_text(std::string_view text, TextKind kind = TextKind::line);

}  // namespace planner
