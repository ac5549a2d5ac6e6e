#include "planner/io/display_width.h"

#include <utf8proc.h>

namespace planner {

std::size_t display_width(std::string_view utf8) {
  std::size_t width = 0;
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(utf8.data());
  for (std::size_t i = 0; i < utf8.size();) {
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t n = utf8proc_iterate(bytes + i, static_cast<utf8proc_ssize_t>(utf8.size() - i), &cp);
    if (n <= 0) {  // not UTF-8: one column, as a terminal shows a replacement character
      ++width;
      ++i;
      continue;
    }
    width += static_cast<std::size_t>(utf8proc_charwidth(cp));
    i += static_cast<std::size_t>(n);
  }
  return width;
}

std::string padding(std::string_view text, std::size_t width) {
  const std::size_t has = display_width(text);
  return std::string(has < width ? width - has : 0, ' ');
}

std::string padded(std::string_view text, std::size_t width) { return std::string{text} + padding(text, width); }

}  // namespace planner
