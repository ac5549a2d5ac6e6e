// The planner-xpt module: XportLibrary (xport.h) with ReadStat.
#include "planner/io/interop/sdtm/xport.h"

#include <readstat.h>

#include <charconv>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string_view>

namespace planner {
namespace {

ssize_t append_bytes(const void* bytes, size_t length, void* ctx) {
  static_cast<std::string*>(ctx)->append(static_cast<const char*>(bytes), length);
  return static_cast<ssize_t>(length);
}

void check(readstat_error_t e) {
  if (e != READSTAT_OK) throw std::logic_error{std::string{"ReadStat: "} + readstat_error_message(e)};
}

struct WriterDeleter {
  void operator()(readstat_writer_t* w) const { readstat_writer_free(w); }
};

class Library final : public XportLibrary {
 public:
  std::string write(const XportDataset& dataset, const std::vector<std::vector<std::string>>& rows) const override {
    std::string out;
    const std::unique_ptr<readstat_writer_t, WriterDeleter> w{readstat_writer_init()};
    check(readstat_set_data_writer(w.get(), append_bytes));
    check(readstat_writer_set_file_format_version(w.get(), 5));
    check(readstat_writer_set_table_name(w.get(), dataset.name.c_str()));
    check(readstat_writer_set_file_label(w.get(), dataset.label.c_str()));
    check(readstat_writer_set_file_timestamp(w.get(), dataset.created));
    std::vector<readstat_variable_t*> vars;
    for (const XportVariable& v : dataset.variables) {
      readstat_variable_t* var = readstat_add_variable(w.get(), v.name.c_str(),
                                                       v.text ? READSTAT_TYPE_STRING : READSTAT_TYPE_DOUBLE, v.width);
      readstat_variable_set_label(var, v.label.c_str());
      vars.push_back(var);
    }
    check(readstat_begin_writing_xport(w.get(), &out, static_cast<long>(rows.size())));
    for (const auto& row : rows) {
      check(readstat_begin_row(w.get()));
      for (std::size_t c = 0; c < row.size(); ++c) {
        const XportVariable& v = dataset.variables[c];
        if (v.text) {
          check(readstat_insert_string_value(w.get(), vars[c], row[c].c_str()));
        } else if (const auto value = numeric_cell(row[c], v.name)) {
          check(readstat_insert_double_value(w.get(), vars[c], *value));
        } else {
          check(readstat_insert_missing_value(w.get(), vars[c]));
        }
      }
      check(readstat_end_row(w.get()));
    }
    check(readstat_end_writing(w.get()));
    return out;
  }
};

}  // namespace
}  // namespace planner

extern "C" const planner::XportLibrary* planner_xpt_library() {
  static const planner::Library library;
  return &library;
}
