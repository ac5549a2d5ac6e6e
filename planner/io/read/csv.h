// Reading CSV (RFC 4180) as a stream of records through a 64 KiB buffer: a file of any size is read in
// bounded memory. Quoted fields may hold commas, doubled quotes and line breaks; CRLF and LF line ends
// and a UTF-8 byte-order mark are accepted; blank lines are skipped. A header row names the columns, which
// may come in any order and any ASCII case (`Subject` is the column `subject`); extra columns are ignored.
//
//   CsvReader csv{"roster.csv"};
//   csv.read_header({"subject", "arm", "site", "day1"});
//   while (csv.next()) use(csv.field(0), csv.field(3));   // in the order asked for
//   csv.fail(3, "expected a date")  ->  roster.csv:7:18: error: expected a date
//
// The delimiter is ',' unless the header line has a ';' and no ',' outside quotes (the CSV a European Excel
// writes): then ';' separates the fields of every row, and a quoted field may hold ';' instead. The header
// line is looked at before it is read (the buffer then grows to hold it, at most 8 MiB, a row's bound):
//
//   Subject;Arm;Site;Day1                  the columns subject, arm, site, day1
//   S001;SERUM;"KR;01";2026-01-05          four fields, the third KR;01
//
// (fast-cpp-csv-parser, the Debian CSV library, always allocates a 48 MiB buffer and cannot take quoted
// line breaks; streaming millions of roster rows within 64 MiB needs this reader.)
#pragma once

#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "planner/io/iso8601.h"

namespace planner {

class InputFile;

class CsvReader {
 public:
  // Opens a file through InputFile (IoError when it cannot).
  explicit CsvReader(std::string path);
  // Reads `text` as if it were a file named `name` (tests, small inputs).
  CsvReader(std::string name, std::string text);
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // Reads the header row and finds the `required` columns (an InputError naming any that is missing) and
  // the `optional` ones. Field indices follow the order of required, then optional.
  void read_header(std::initializer_list<std::string_view> required,
                   std::initializer_list<std::string_view> optional = {}) {
    read_header(std::span{required.begin(), required.size()}, std::span{optional.begin(), optional.size()});
  }
  void read_header(std::span<const std::string_view> required, std::span<const std::string_view> optional);

  // The next record, false at the end. InputError (file:line:col) on malformed CSV, a record with fewer
  // fields than the header, a field of more than 1 MiB, a row of more than 8 MiB or 262,144 fields, a
  // carriage return not followed by a line feed, or a field asked for that is not text (check_text).
  bool next();

  // Field `i` of the current record ("" for an optional column the header does not have).
  std::string_view field(std::size_t i) const;
  bool has(std::size_t i) const { return columns_[i] != kAbsent; }
  int line() const { return record_line_; }  // where the current record starts
  const std::string& name() const { return name_; }
  std::size_t bytes_read() const { return consumed_; }
  // About how many more lines the file has (its size over the length of the lines read ahead), or nullopt
  // (a pipe, nothing read ahead).
  std::optional<std::size_t> lines_left() const;
  const InputFile* file() const { return file_.get(); }  // null for a text

  // InputError `name:line:col: error: message`, col being where field `i` starts.
  [[noreturn]] void fail(std::size_t i, const std::string& message) const;
  [[noreturn]] void fail_line(const std::string& message) const;  // name:line: error: message

  // What `parsed` holds, or fail() at field `i` with the parser's reason, after `what: ` when `what` is given:
  //   const Date day1 = csv.value(kDay1, parse_date(csv.field(kDay1)), "day1");
  //   -> roster.csv:4:9: error: day1: expected a date YYYY-MM-DD, got "2026-1-5"
  template <typename T>
  T value(std::size_t i, Parsed<T> parsed, std::string_view what = {}) const {
    if (!parsed.value) fail(i, what.empty() ? parsed.error : std::string{what} + ": " + parsed.error);
    return std::move(*parsed.value);
  }

 private:
  static constexpr std::size_t kAbsent = static_cast<std::size_t>(-1);

  bool read_record();  // into fields_/starts_; false at the end of input
  // The fast way for most records: a whole line in the buffer of printable ASCII without quotes, split at the
  // delimiters at once (nothing in it can be an error of the CSV). False, having read nothing, otherwise.
  bool read_plain_line();
  char detect_delimiter();  // ';' when the header line has a ';' and no ',' outside quotes; ',' otherwise
  bool fill();              // appends the next block of the file to the unread bytes; false at the end
  int get();                // next byte, or -1 at the end
  // Inside an unquoted field: appends the bytes that follow, as get() would one by one, while they are printable
  // ASCII other than the delimiter and the quote (nothing to check: most of a roster), up to the limits.
  void take_plain(std::string& field, std::size_t record_start);
  int end_of_line();  // after a CR: the LF (or -1 at the end); an error otherwise
  [[noreturn]] void syntax_error(int line, int column, const std::string& message) const;

  std::string name_;
  std::unique_ptr<InputFile> file_;
  std::string buffer_;
  std::size_t pos_ = 0;
  std::size_t consumed_ = 0;
  bool eof_ = false;
  int line_ = 1, column_ = 1;        // of the next byte
  int at_line_ = 1, at_column_ = 1;  // of the byte get() returned last (or of the end of the file)
  int record_line_ = 0;
  bool plain_ = false;  // the record was read by read_plain_line
  std::vector<std::string> fields_;
  std::vector<int> field_columns_;
  std::size_t header_width_ = 0;
  char delimiter_ = ',';  // between fields: ',' or, for a header with ';' and no ',', ';'

  std::vector<std::size_t> columns_;  // requested index -> field index
};

}  // namespace planner
