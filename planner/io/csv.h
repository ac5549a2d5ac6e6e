// Writing CSV as RFC 4180 says: fields separated by commas, a field quoted when it holds a comma, a
// double quote, CR or LF (quotes doubled inside), rows ended by "\n".
//
//   csv_field("Week 0 (baseline)")  == "Week 0 (baseline)"
//   csv_field("5 mL, IM")           == "\"5 mL, IM\""
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace planner {

std::string csv_field(std::string_view value);

// Appends one row to `out`.
void append_csv_row(std::string& out, std::initializer_list<std::string_view> fields);

}  // namespace planner
