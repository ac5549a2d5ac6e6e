// What libxlsxwriter does for an .xlsx output, behind an interface of planner's own: the planner-xlsx module
// (xlsx_workbook.cc, linked with libxlsxwriter, loaded when a command writes --format xlsx: io/module.h)
// implements it; XlsxSheet (xlsx.h) uses it. No libxlsxwriter type crosses it, so the program itself never
// links libxlsxwriter (nor the OpenSSL and minizip it pulls in).
//
//   const auto& xlsx = module_library<XlsxLibrary>("xlsx", "--format xlsx");
//   std::string error;
//   auto book = xlsx.open(".planner-xlsx-a1b2c3", "calendar", error);  // null: `error` says why
//   book->header(0, "subject");                 // A1, bold; the header row is frozen
//   book->number(1, 1, 46041, true);            // B2 = 46041 shown as yyyy-mm-dd
//   book->filter(1, 2);                         // an autofilter over A1:B2
//   book->close({10, 14});                      // the column widths, then the file written
//
// Every call but open returns nullptr or libxlsxwriter's message for what went wrong.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace planner {

// One workbook of one sheet, streamed to its file (constant memory: each row is written as it comes).
class XlsxWorkbook {
 public:
  XlsxWorkbook() = default;
  XlsxWorkbook(const XlsxWorkbook&) = delete;
  XlsxWorkbook& operator=(const XlsxWorkbook&) = delete;
  XlsxWorkbook(XlsxWorkbook&&) = delete;
  XlsxWorkbook& operator=(XlsxWorkbook&&) = delete;
  virtual ~XlsxWorkbook() = default;  // without close(): nothing is written

  virtual const char* header(std::size_t column, const std::string& name) = 0;  // row 0, bold
  // `date`: shown as yyyy-mm-dd (x is an Excel serial number).
  virtual const char* number(std::size_t row, std::size_t column, double x, bool date) = 0;
  virtual const char* text(std::size_t row, std::size_t column, const std::string& text) = 0;
  // An autofilter over the header and `rows` data rows of `columns` columns.
  virtual const char* filter(std::size_t rows, std::size_t columns) = 0;
  // Each column's width, then the file written.
  virtual const char* close(const std::vector<std::size_t>& widths) = 0;
};

class XlsxLibrary {
 public:
  XlsxLibrary() = default;
  XlsxLibrary(const XlsxLibrary&) = delete;
  XlsxLibrary& operator=(const XlsxLibrary&) = delete;
  XlsxLibrary(XlsxLibrary&&) = delete;
  XlsxLibrary& operator=(XlsxLibrary&&) = delete;
  virtual ~XlsxLibrary() = default;

  // A workbook writing to `path` with one sheet named `sheet`; null with `error` set when it cannot be made.
  virtual std::unique_ptr<XlsxWorkbook> open(const std::string& path, const std::string& sheet,
                                             std::string& error) const = 0;
};

}  // namespace planner

// The module's entry (io/module.h).
extern "C" const planner::XlsxLibrary* planner_xlsx_library();
