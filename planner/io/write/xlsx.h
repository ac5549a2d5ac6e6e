// A sheet of typed cells written to an Excel workbook (.xlsx, through libxlsxwriter): what a spreadsheet
// user gets instead of CSV. The cells arrive as the CSV writers make them (text), and each column says what
// its text is: a number column's numbers become numbers, a date column's YYYY-MM-DD an Excel date shown as
// yyyy-mm-dd, anything else (and any cell that does not parse) stays text, an empty cell stays blank. So
// every value equals the CSV output of the same run. The header row is bold and frozen, an autofilter
// covers the data, and each column is as wide as its widest cell (display width, at most 60).
//
//   XlsxSheet sheet{"calendar.xlsx", "calendar",
//                   {{"subject", CellKind::text}, {"study_day", CellKind::number}, {"target", CellKind::date}}};
//   if (!sheet.add_row({"S01", "15", "2026-01-19"})) ...   // false: the sheet is full (Excel's row limit)
//   sheet.commit();       // A2 = "S01" (text), B2 = 15 (number), C2 = 46041 shown as 2026-01-19 (date)
//
// libxlsxwriter is reached through the planner-xlsx module (xlsx_workbook.h, io/module.h), loaded by the first
// XlsxSheet: a run without an xlsx output never maps it. Rows are streamed (libxlsxwriter's constant_memory mode): a
// cohort of millions of rows needs no more memory than one. The workbook is built in a temporary file "<directory of
// path>/.planner-xlsx-XXXXXX" (removed on a terminating signal, see temp_cleanup.h) and only commit() hands it to an
// OutputFile, which replaces `path` atomically under the rules of output_file.h: without commit() (an error, a full
// sheet) `path` keeps its previous content or stays absent, and no temporary file is left.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "planner/core/date.h"

namespace planner {

class XlsxWorkbook;

enum class CellKind { text, number, date };

// The Excel serial number of a date: 1900-01-01 is day 1, and Excel (after Lotus 1-2-3) counts a
// 1900-02-29 that never was as day 60, so from 1900-03-01 on a date is its days since 1899-12-30.
//   excel_serial(1900-01-01) == 1   excel_serial(1900-02-28) == 59   excel_serial(1900-03-01) == 61
//   excel_serial(2026-01-19) == 46041
double excel_serial(Date date);

struct XlsxColumn {
  std::string name;
  CellKind kind = CellKind::text;
};

class XlsxSheet {
 public:
  static constexpr std::size_t kExcelRows = 1048576;  // rows of an Excel sheet, the header row included

  // IoError (as OutputFile's) when `path` cannot be written or the temporary file cannot be made, or when the
  // planner-xlsx module cannot be loaded.
  // `max_rows` (header included) is Excel's limit; tests make it smaller.
  XlsxSheet(std::string path, const std::string& sheet, std::vector<XlsxColumn> columns,
            std::size_t max_rows = kExcelRows);
  ~XlsxSheet();
  XlsxSheet(const XlsxSheet&) = delete;
  XlsxSheet& operator=(const XlsxSheet&) = delete;

  // Writes one row (as many cells as columns; missing cells are blank). False, writing nothing, when the
  // sheet holds `max_rows` rows already.
  [[nodiscard]] bool add_row(const std::vector<std::string>& cells);
  std::size_t rows() const { return rows_; }  // data rows written so far

  // Adds the autofilter and column widths, finishes the workbook and replaces `path` with it.
  void commit();

 private:
  void write_cell(std::size_t column, const std::string& text);
  [[noreturn]] void fail(std::string_view what) const;
  void discard();

  std::string path_;
  std::string temp_;
  int temp_slot_ = -1;
  std::unique_ptr<XlsxWorkbook> book_;
  std::vector<XlsxColumn> columns_;
  std::vector<std::size_t> widths_;
  std::size_t rows_ = 0;
  std::size_t max_rows_;
};

}  // namespace planner
