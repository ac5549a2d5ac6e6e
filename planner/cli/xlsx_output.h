// --format xlsx of calendar, load and check: the CSV the command writes, as typed cells of an Excel sheet
// (io/write/xlsx.h). The command makes its CSV as usual (raw: typed text cells are never run as formulas,
// so the formula guard and --bom do not apply) and hands it over in complete records, the header first; the
// header names the columns, and the command says which of them hold numbers and which dates.
//
//   XlsxOutput out{args, "calendar", {"study_day", "shift"}, {"target", "scheduled"}};   // --output checked
//   out.write(calendar_csv_header(kCsvForXlsx));
//   out.write(rows_as_csv);   // as often as the pipeline produces rows
//   out.commit();
//
// An xlsx file needs --output (not standard output: it is a zip archive, no terminal shows it); more rows
// than an Excel sheet holds (1,048,576 with the header) stop the command with exit 2 and leave no file.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "planner/cli/command.h"
#include "planner/io/write/csv.h"
#include "planner/io/write/xlsx.h"

namespace planner::cli {

// How the CSV for an xlsx output is written: no formula guard, no byte-order mark.
constexpr CsvOptions kCsvForXlsx{.formula_guard = false, .bom = false};

// The --output of --format xlsx: InputError (exit 2) when it is standard output.
std::string xlsx_output_path(const Args& args);

class XlsxOutput {
 public:
  XlsxOutput(const Args& args, std::string sheet, std::initializer_list<std::string_view> numbers,
             std::initializer_list<std::string_view> dates, std::size_t max_rows = XlsxSheet::kExcelRows);
  // Complete CSV records; the first one written is the header.
  void write(std::string_view csv);
  void commit();

 private:
  std::string path_;
  std::string sheet_name_;
  std::vector<std::string> numbers_, dates_;
  std::size_t max_rows_;
  std::optional<XlsxSheet> sheet_;  // made with the header
};

}  // namespace planner::cli
