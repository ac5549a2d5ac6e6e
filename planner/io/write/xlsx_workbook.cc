// The planner-xlsx module: XlsxLibrary (xlsx_workbook.h) with libxlsxwriter.
#include "planner/io/write/xlsx_workbook.h"

#include <xlsxwriter.h>

namespace planner {
namespace {

const char* message(lxw_error e) { return e == LXW_NO_ERROR ? nullptr : lxw_strerror(e); }

class Workbook final : public XlsxWorkbook {
 public:
  Workbook(lxw_workbook* book, lxw_worksheet* sheet, lxw_format* bold, lxw_format* date)
      : book_{book}, sheet_{sheet}, bold_{bold}, date_{date} {
    worksheet_freeze_panes(sheet_, 1, 0);
  }
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;
  Workbook(Workbook&&) = delete;
  Workbook& operator=(Workbook&&) = delete;
  ~Workbook() override {
    if (book_) lxw_workbook_free(book_);
  }

  const char* header(std::size_t column, const std::string& name) override {
    return message(worksheet_write_string(sheet_, 0, static_cast<lxw_col_t>(column), name.c_str(), bold_));
  }
  const char* number(std::size_t row, std::size_t column, double x, bool date) override {
    return message(worksheet_write_number(sheet_, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(column), x,
                                          date ? date_ : nullptr));
  }
  const char* text(std::size_t row, std::size_t column, const std::string& text) override {
    return message(worksheet_write_string(sheet_, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(column),
                                          text.c_str(), nullptr));
  }
  const char* filter(std::size_t rows, std::size_t columns) override {
    return message(worksheet_autofilter(sheet_, 0, 0, static_cast<lxw_row_t>(rows),
                                        static_cast<lxw_col_t>(columns == 0 ? 0 : columns - 1)));
  }
  const char* close(const std::vector<std::size_t>& widths) override {
    for (std::size_t c = 0; c < widths.size(); ++c)
      worksheet_set_column(sheet_, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), static_cast<double>(widths[c]),
                           nullptr);
    const lxw_error closed = workbook_close(book_);  // frees the workbook, whatever the outcome
    book_ = nullptr;
    return message(closed);
  }

 private:
  lxw_workbook* book_;
  lxw_worksheet* sheet_;
  lxw_format* bold_;
  lxw_format* date_;
};

class Library final : public XlsxLibrary {
 public:
  std::unique_ptr<XlsxWorkbook> open(const std::string& path, const std::string& sheet,
                                     std::string& error) const override {
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    lxw_workbook* book = workbook_new_opt(path.c_str(), &options);
    if (!book) {
      error = "cannot create the workbook: " + std::string{lxw_strerror(LXW_ERROR_MEMORY_MALLOC_FAILED)};
      return nullptr;
    }
    lxw_worksheet* ws = workbook_add_worksheet(book, sheet.c_str());
    lxw_format* bold = workbook_add_format(book);
    lxw_format* date = workbook_add_format(book);
    if (!ws || !bold || !date) {
      lxw_workbook_free(book);
      error = "cannot create the sheet: " + std::string{lxw_strerror(LXW_ERROR_MEMORY_MALLOC_FAILED)};
      return nullptr;
    }
    format_set_bold(bold);
    format_set_num_format(date, "yyyy-mm-dd");
    return std::make_unique<Workbook>(book, ws, bold, date);
  }
};

}  // namespace
}  // namespace planner

extern "C" const planner::XlsxLibrary* planner_xlsx_library() {
  static const planner::Library library;
  return &library;
}
