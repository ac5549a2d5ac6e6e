// Writing CSV as RFC 4180 says: fields separated by commas, a field quoted when it holds a comma, a
// double quote, CR or LF (quotes doubled inside), rows ended by "\n".
//
// Spreadsheet formula injection (OWASP "CSV injection"): a text cell that starts with = + - @ TAB or CR
// would be run as a formula by Excel or LibreOffice, so it is written with a leading apostrophe. Numbers
// and dates are never touched (-14 stays -14). The caller says whether to (CsvOptions): `--raw-csv` turns
// it off for machine consumers.
//
//   csv_field("Week 0 (baseline)", {})       == "Week 0 (baseline)"
//   csv_field("5 mL, IM", {})                == "\"5 mL, IM\""
//   csv_field("=HYPERLINK(\"http://x\")", {}) == "\"'=HYPERLINK(\"\"http://x\"\")\""
//   csv_field("-14", {})                     == "-14"
//   csv_field("=1+2", {.formula_guard = false}) == "=1+2"
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace planner {

// How CSV is written, chosen by whoever asks for it (the CLI: --raw-csv, --bom).
struct CsvOptions {
  bool formula_guard = true;  // text cells that look like formulas are neutralised
  bool bom = false;           // the file opens with a UTF-8 byte-order mark (csv_start)
};

// What a CSV file starts with, before its header: the UTF-8 byte-order mark EF BB BF when `options.bom`
// (Excel takes a CSV without one for the system's legacy code page and garbles ± and Korean text),
// nothing otherwise. Every writer of a whole CSV file puts it first, once.
//
//   csv_start({.bom = true}) == "\xEF\xBB\xBF"
//   csv_start({})            == ""
std::string_view csv_start(CsvOptions options);

std::string csv_field(std::string_view value, CsvOptions options);

// The records of CSV text as these functions write it (complete records, "\n" line ends, RFC 4180 quotes,
// a leading byte-order mark skipped): what --format xlsx turns into typed cells.
//
//   csv_records("a,\"5 mL, IM\"\n,x\n") == {{"a", "5 mL, IM"}, {"", "x"}}
std::vector<std::vector<std::string>> csv_records(std::string_view text);

// Appends one row to `out`.
void append_csv_row(std::string& out, std::initializer_list<std::string_view> fields, CsvOptions options);

}  // namespace planner
