#include "planner/io/write/text_table.h"

#include <algorithm>

#include "planner/io/display_width.h"
#include "planner/io/write/csv.h"

namespace planner {
namespace {

std::string markdown_cell(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out;
}

bool right(const TextTable& t, std::size_t c) { return c < t.right_aligned.size() && t.right_aligned[c]; }

std::string aligned(const TextTable& t) {
  const std::size_t n = t.header.size();
  std::vector<std::size_t> w(n, 0);
  for (std::size_t c = 0; c < n; ++c) w[c] = display_width(t.header[c]);
  for (const auto& r : t.rows)
    for (std::size_t c = 0; c < n; ++c) w[c] = std::max(w[c], display_width(r[c]));
  std::string out;
  const auto line = [&](const std::vector<std::string>& r) {
    std::string l;
    for (std::size_t c = 0; c < n; ++c) {
      const std::string pad = padding(r[c], w[c]);
      l += right(t, c) ? pad + r[c] : r[c] + pad;
      if (c + 1 < n) l += "  ";
    }
    while (!l.empty() && l.back() == ' ') l.pop_back();
    out += l + '\n';
  };
  line(t.header);
  for (const auto& r : t.rows) line(r);
  return out;
}

std::string markdown(const TextTable& t) {
  std::string out;
  const auto line = [&](const std::vector<std::string>& r) {
    out += '|';
    for (const std::string& cell : r) out += ' ' + markdown_cell(cell) + " |";
    out += '\n';
  };
  line(t.header);
  out += '|';
  for (std::size_t c = 0; c < t.header.size(); ++c) out += right(t, c) ? "---:|" : "---|";
  out += '\n';
  for (const auto& r : t.rows) line(r);
  return out;
}

std::string csv(const TextTable& t, CsvOptions options) {
  std::string out{csv_start(options)};
  const auto line = [&](const std::vector<std::string>& r) {
    for (std::size_t c = 0; c < r.size(); ++c) out += (c ? "," : "") + csv_field(r[c], options);
    out += '\n';
  };
  line(t.header);
  for (const auto& r : t.rows) line(r);
  return out;
}

}  // namespace

std::optional<TableFormat> parse_table_format(std::string_view name) {
  if (name == "table") return TableFormat::table;
  if (name == "markdown") return TableFormat::markdown;
  if (name == "csv") return TableFormat::csv;
  return std::nullopt;
}

std::string render(const TextTable& table, TableFormat format, CsvOptions csv_options) {
  switch (format) {
    case TableFormat::table: return aligned(table);
    case TableFormat::markdown: return markdown(table);
    case TableFormat::csv: return csv(table, csv_options);
  }
  return {};
}

}  // namespace planner
