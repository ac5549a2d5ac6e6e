#include "planner/io/write/csv.h"

#include <algorithm>

namespace planner {
namespace {

// A plain decimal number, optionally signed: safe in a spreadsheet.
bool is_number(std::string_view s) {
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) s.remove_prefix(1);
  const auto dot = s.find('.');
  const auto digits = [](std::string_view d) {
    return !d.empty() && d.find_first_not_of("0123456789") == std::string_view::npos;
  };
  return dot == std::string_view::npos ? digits(s) : digits(s.substr(0, dot)) && digits(s.substr(dot + 1));
}

bool looks_like_formula(std::string_view s) {
  if (s.empty()) return false;
  const char c = s.front();
  return (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') && !is_number(s);
}

}  // namespace

std::string_view csv_start(CsvOptions options) { return options.bom ? "\xEF\xBB\xBF" : ""; }

std::string csv_field(std::string_view value, CsvOptions options) {
  const bool guard = options.formula_guard && looks_like_formula(value);
  const auto special = [](char c) { return c == ',' || c == '"' || c == '\r' || c == '\n'; };
  if (!guard && std::none_of(value.begin(), value.end(), special)) return std::string{value};
  std::string out{"\""};
  if (guard) out += '\'';
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::vector<std::vector<std::string>> csv_records(std::string_view text) {
  if (text.starts_with(csv_start({.bom = true}))) text.remove_prefix(csv_start({.bom = true}).size());
  std::vector<std::vector<std::string>> out;
  std::vector<std::string> record{std::string{}};
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted && c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
      record.back() += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (!quoted && c == ',') {
      record.emplace_back();
    } else if (!quoted && c == '\n') {
      out.push_back(std::move(record));
      record.assign(1, std::string{});
    } else {
      record.back() += c;
    }
  }
  if (record.size() > 1 || !record.front().empty()) out.push_back(std::move(record));
  return out;
}

void append_csv_row(std::string& out, std::initializer_list<std::string_view> fields, CsvOptions options) {
  bool first = true;
  for (std::string_view f : fields) {
    if (!first) out += ',';
    out += csv_field(f, options);
    first = false;
  }
  out += '\n';
}

}  // namespace planner
