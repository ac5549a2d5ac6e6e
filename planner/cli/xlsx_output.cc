#include "planner/cli/xlsx_output.h"

#include <algorithm>

#include "planner/cli/messages.h"
#include "planner/core/error.h"
#include "planner/io/write/output_file.h"

namespace planner::cli {

std::string xlsx_output_path(const Args& args) {
  std::string path = args.output();
  if (path.empty() || path == "-") throw InputError{msg::xlsx_needs_output()};
  return path;
}

XlsxOutput::XlsxOutput(const Args& args, std::string sheet, std::initializer_list<std::string_view> numbers,
                       std::initializer_list<std::string_view> dates, std::size_t max_rows)
    : path_{xlsx_output_path(args)},
      sheet_name_{std::move(sheet)},
      numbers_{numbers.begin(), numbers.end()},
      dates_{dates.begin(), dates.end()},
      max_rows_{max_rows} {
  OutputFile::check(path_);  // before the command's work, as every output
}

void XlsxOutput::write(std::string_view csv) {
  for (std::vector<std::string>& record : csv_records(csv)) {
    if (!sheet_) {
      std::vector<XlsxColumn> columns;
      for (std::string& name : record) {
        const auto in = [&](const std::vector<std::string>& names) {
          return std::find(names.begin(), names.end(), name) != names.end();
        };
        const CellKind kind = in(numbers_) ? CellKind::number : in(dates_) ? CellKind::date : CellKind::text;
        columns.push_back({std::move(name), kind});
      }
      sheet_.emplace(path_, sheet_name_, std::move(columns), max_rows_);
      continue;
    }
    if (!sheet_->add_row(record)) throw InputError{msg::too_many_rows_for_xlsx(path_, max_rows_)};
  }
}

void XlsxOutput::commit() {
  if (!sheet_) sheet_.emplace(path_, sheet_name_, std::vector<XlsxColumn>{}, max_rows_);
  sheet_->commit();
}

}  // namespace planner::cli
