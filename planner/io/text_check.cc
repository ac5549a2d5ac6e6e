#include "planner/io/text_check.h"

#include <cstdio>

namespace planner {
namespace {

std::string code_point_name(char32_t cp) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(cp));
  return buffer;
}

// Why code point `cp` is refused ("" when it is not).
std::string refused(char32_t cp) {
  if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)) return "a control character (" + code_point_name(cp) + ")";
  if (cp == 0xFEFF) return "a byte-order mark (U+FEFF)";
  if (cp == 0x2028 || cp == 0x2029) return "a line separator (" + code_point_name(cp) + ")";
  if (cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
    return "a bidirectional control character (" + code_point_name(cp) + ")";
  return {};
}

}  // namespace

std::optional<TextProblem> check_text(std::string_view text, TextKind kind) {
  std::size_t column = 0;
  for (std::size_t i = 0; i < text.size(); ++column) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b >= 0x20 && b < 0x7F) {  // printable ASCII, by far the most common: nothing to decode or refuse
      ++i;
      continue;
    }
    std::size_t length = 0;
    char32_t cp = 0, min = 0;
    if (b < 0x80) {
      length = 1, cp = b;
    } else if ((b & 0xE0) == 0xC0) {
      length = 2, cp = b & 0x1F, min = 0x80;
    } else if ((b & 0xF0) == 0xE0) {
      length = 3, cp = b & 0x0F, min = 0x800;
    } else if ((b & 0xF8) == 0xF0) {
      length = 4, cp = b & 0x07, min = 0x10000;
    }
    bool valid = length > 0 && i + length <= text.size();
    for (std::size_t k = 1; valid && k < length; ++k) {
      const auto c = static_cast<unsigned char>(text[i + k]);
      valid = (c & 0xC0) == 0x80;
      cp = (cp << 6) | (c & 0x3F);
    }
    valid = valid && cp >= min && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
    if (!valid) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "0x%02X", b);
      return TextProblem{i, column, 1, std::string{"invalid UTF-8 (byte "} + buffer + ")"};
    }
    const bool allowed = kind == TextKind::encoding || (kind == TextKind::multiline && (cp == '\n' || cp == '\t'));
    if (std::string why = refused(cp); !why.empty() && !allowed) return TextProblem{i, column, length, std::move(why)};
    i += length;
  }
  return std::nullopt;
}

}  // namespace planner
