#include "planner/io/write/xlsx.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <optional>
#include <unistd.h>

#include "planner/core/error.h"
#include "planner/io/display_width.h"
#include "planner/io/iso8601.h"
#include "planner/io/module.h"
#include "planner/io/source_text.h"
#include "planner/io/write/output_file.h"
#include "planner/io/write/temp_cleanup.h"
#include "planner/io/write/xlsx_workbook.h"

namespace planner {
namespace {

constexpr std::size_t kMaxWidth = 60;  // columns wider than this are cut on screen, not in the cell

}  // namespace

double excel_serial(Date d) {
  constexpr Date kPhantomLeapDay = date::sys_days{date::year{1900} / 3 / 1};  // serial 61; 60 is 1900-02-29
  constexpr Date kEpoch = date::sys_days{date::year{1899} / 12 / 30};
  return static_cast<double>((d - kEpoch).count() - (d < kPhantomLeapDay ? 1 : 0));
}

namespace {

std::string directory_of(const std::string& path) {
  const auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

// The number `text` is, when all of it is one (an optional sign, digits, a decimal point).
std::optional<double> number_of(std::string_view text) {
  if (text.starts_with('+')) text.remove_prefix(1);
  double x = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), x, std::chars_format::fixed);
  if (ec != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return x;
}

}  // namespace

XlsxSheet::XlsxSheet(std::string path, const std::string& sheet, std::vector<XlsxColumn> columns, std::size_t max_rows)
    : path_{std::move(path)}, columns_{std::move(columns)}, max_rows_{max_rows} {
  OutputFile::check(path_);
  static const XlsxLibrary& library = module_library<XlsxLibrary>("xlsx", "--format xlsx");  // before any file
  std::string name = directory_of(path_) + "/.planner-xlsx-XXXXXX";
  {
    const BlockTerminatingSignals block;
    const int fd = ::mkstemp(name.data());
    if (fd < 0)
      throw IoError{located_error(printable(path_, PATH_MAX), 0, 0,
                                  "cannot create a temporary file in " + printable(directory_of(path_), PATH_MAX) +
                                      ": " + std::strerror(errno))};
    ::close(fd);
    temp_ = name;
    temp_slot_ = register_temp(temp_.c_str());
  }
  try {  // no destructor runs for a constructor that throws: discard() the temporary file here
    std::string error;
    book_ = library.open(temp_, sheet, error);
    if (!book_) fail(error);
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      if (const char* e = book_->header(c, columns_[c].name)) fail("cannot write the header: " + std::string{e});
      widths_.push_back(display_width(columns_[c].name) + 3);  // room for the autofilter's button
    }
  } catch (...) {
    discard();
    throw;
  }
}

XlsxSheet::~XlsxSheet() { discard(); }

void XlsxSheet::discard() {
  book_.reset();  // nothing is written
  if (temp_.empty()) return;
  const BlockTerminatingSignals block;
  ::unlink(temp_.c_str());
  unregister_temp(temp_slot_);
  temp_slot_ = -1;
  temp_.clear();
}

void XlsxSheet::fail(std::string_view what) const {
  throw IoError{located_error(printable(path_, PATH_MAX), 0, 0, std::string{what})};
}

bool XlsxSheet::add_row(const std::vector<std::string>& cells) {
  if (rows_ + 1 >= max_rows_) return false;
  ++rows_;
  for (std::size_t c = 0; c < cells.size() && c < columns_.size(); ++c) write_cell(c, cells[c]);
  return true;
}

void XlsxSheet::write_cell(std::size_t column, const std::string& text) {
  if (text.empty()) return;  // blank
  const char* e = nullptr;
  std::size_t width = display_width(text);
  const CellKind kind = columns_[column].kind;
  if (const auto x = kind == CellKind::number ? number_of(text) : std::nullopt) {
    e = book_->number(rows_, column, *x, false);
  } else if (const auto d = kind == CellKind::date ? parse_date(text).value : std::nullopt) {
    e = book_->number(rows_, column, excel_serial(*d), true);
    width = 10;
  } else {
    e = book_->text(rows_, column, text);
  }
  if (e) fail("cannot write row " + std::to_string(rows_ + 1) + ": " + e);
  widths_[column] = std::max(widths_[column], std::min(width + 1, kMaxWidth));
}

void XlsxSheet::commit() {
  if (const char* e = book_->filter(rows_, columns_.size())) fail("cannot set the autofilter: " + std::string{e});
  const char* closed = book_->close(widths_);  // frees the workbook, whatever the outcome
  book_.reset();
  if (closed) fail("cannot write the workbook: " + std::string{closed});
  const auto cannot_read = [&] {
    throw IoError{located_error(printable(temp_, PATH_MAX), 0, 0,
                                std::string{"cannot read the workbook back: "} + std::strerror(errno))};
  };
  // Closed on every path, also when writing the output throws.
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> in{std::fopen(temp_.c_str(), "rb"), &std::fclose};
  if (!in) cannot_read();
  OutputFile out{path_};
  char buffer[1 << 16];
  for (std::size_t n = 0; (n = std::fread(buffer, 1, sizeof buffer, in.get())) > 0;) out.write({buffer, n});
  if (std::ferror(in.get()) != 0) cannot_read();
  out.commit();
  discard();
}

}  // namespace planner
