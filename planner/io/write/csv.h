// Writing CSV as RFC 4180 says: fields separated by commas, a field quoted when it holds a comma, a
// double quote, CR or LF (quotes doubled inside), rows ended by "\n".
//
// Spreadsheet formula injection (OWASP "CSV injection"): a text cell that starts with = + - @ TAB or CR
// would be run as a formula by Excel or LibreOffice, so it is written with a leading apostrophe. Numbers
// and dates are never touched (-14 stays -14). `--raw-csv` turns this off for machine consumers.
//
//   csv_field("Week 0 (baseline)")       == "Week 0 (baseline)"
//   csv_field("5 mL, IM")                == "\"5 mL, IM\""
//   csv_field("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\""
//   csv_field("-14")                     == "-14"
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace planner {

std::string csv_field(std::string_view value);

// Appends one row to `out`.
void append_csv_row(std::string& out, std::initializer_list<std::string_view> fields);

// Whether text cells that look like formulas are neutralised (default true). Set once, from the command
// line, before any CSV is written.
void set_csv_formula_guard(bool on);

}  // namespace planner
