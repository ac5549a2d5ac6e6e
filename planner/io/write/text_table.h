// A grid of text cells rendered three ways, for the report commands (protocols, soa, timepoints):
//
//   table     aligned columns for a terminal, two spaces apart, no trailing blanks
//   markdown  a GitHub pipe table (`|` in a cell is escaped as `\|`)
//   csv       RFC 4180 (see csv.h)
//
//   TextTable t{{"ID", "DOSES"}, {{"choi2024", "5"}}, {false, true}};
//   render(t, TableFormat::table)     == "ID        DOSES\nchoi2024      5\n"
//   render(t, TableFormat::markdown)  == "| ID | DOSES |\n|---|---:|\n| choi2024 | 5 |\n"
//
// Widths are display widths (display_width.h): a Korean label takes two columns a syllable, a combining
// accent none, so the columns line up on a terminal whatever the script.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "planner/io/write/csv.h"

namespace planner {

enum class TableFormat { table, markdown, csv };

// "table", "markdown", "csv" -> the format; nullopt otherwise.
std::optional<TableFormat> parse_table_format(std::string_view name);

struct TextTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // each as long as the header
  std::vector<bool> right_aligned;             // per column; missing entries are left-aligned
};

// `csv_options`: how TableFormat::csv is written (see csv.h).
std::string render(const TextTable& table, TableFormat format, CsvOptions csv_options = {});

}  // namespace planner
