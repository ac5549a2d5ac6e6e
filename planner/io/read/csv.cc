#include "planner/io/read/csv.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <utility>

#include "planner/core/error.h"
#include "planner/io/read/input_file.h"
#include "planner/io/source_text.h"
#include "planner/io/text_check.h"

namespace planner {
namespace {

constexpr std::size_t kBlock = 1 << 16;
constexpr std::size_t kMaxField = 1 << 20;  // a field longer than 1 MiB is not a roster or a visit log
// A row (a record, quoted line breaks included) and its number of fields are bounded as well, so that one
// hostile row (megabytes of commas) cannot take gigabytes: at most 8 MiB and 262,144 fields (a header of
// 200,000 columns still reads).
constexpr std::size_t kMaxRecord = std::size_t{8} << 20;
constexpr std::size_t kMaxFields = std::size_t{1} << 18;

// Whether [b, e) is printable ASCII without a double quote (0x20..0x7E but 0x22), eight bytes at a time: in a
// word x, a byte below 0x20 leaves its high bit in (x - 0x20 each) & ~x, a byte of 0x7F or more sets it in
// x + 1 each (or is set already), and a quote is a zero byte of x ^ 0x22 each.
bool printable_ascii(const char* b, const char* e) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  std::uint64_t other = 0;
  for (; e - b >= 8; b += 8) {
    std::uint64_t x = 0;
    std::memcpy(&x, b, 8);
    const std::uint64_t quote = x ^ (kOnes * '"');
    other |= ((x - kOnes * 0x20) & ~x) | (x + kOnes) | x | ((quote - kOnes) & ~quote);
  }
  for (; b < e; ++b) {
    const auto c = static_cast<unsigned char>(*b);
    other |= static_cast<std::uint64_t>((c < 0x20) | (c >= 0x7F) | (c == '"')) << 7;
  }
  return (other & kHigh) == 0;
}

// `name` with A-Z as a-z (column names are matched ignoring ASCII case; other letters are compared as
// they are).
std::string ascii_lower(std::string_view name) {
  std::string out{name};
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace

CsvReader::CsvReader(std::string path) : name_{std::move(path)}, file_{std::make_unique<InputFile>(name_)} {}

CsvReader::CsvReader(std::string name, std::string text) : name_{std::move(name)}, buffer_{std::move(text)} {
  eof_ = true;
}

CsvReader::~CsvReader() = default;

bool CsvReader::fill() {
  if (eof_ || !file_) return false;
  buffer_.erase(0, pos_);
  pos_ = 0;
  const std::size_t kept = buffer_.size();
  buffer_.resize(kept + kBlock);
  const std::size_t n = file_->read(buffer_.data() + kept, kBlock);  // a pipe may return less before its end
  eof_ = n == 0;
  buffer_.resize(kept + n);
  return n > 0;
}

int CsvReader::get() {
  if (pos_ == buffer_.size()) {
    at_line_ = line_, at_column_ = column_;  // the end of the file, if it is
    if (!fill()) return -1;
  }
  ++consumed_;
  const auto c = static_cast<unsigned char>(buffer_[pos_++]);
  at_line_ = line_, at_column_ = (c & 0xC0) == 0x80 ? column_ - 1 : column_;
  if (c == '\n') {
    ++line_;
    column_ = 1;
  } else if ((c & 0xC0) != 0x80) {
    ++column_;  // columns count characters, not UTF-8 continuation bytes
  }
  return c;
}

void CsvReader::take_plain(std::string& field, std::size_t record_start) {
  // Within the limits, so that a field or row too long is reported at the byte it is now.
  const std::size_t room = std::min(kMaxField - field.size(), kMaxRecord - (consumed_ - record_start));
  const std::size_t stop = std::min(buffer_.size(), pos_ + room);
  std::size_t end = pos_;
  for (; end < stop; ++end) {
    const auto b = static_cast<unsigned char>(buffer_[end]);
    if (b < 0x20 || b >= 0x7F || b == '"' || b == static_cast<unsigned char>(delimiter_)) break;
  }
  const std::size_t n = end - pos_;
  if (n == 0) return;
  field.append(buffer_, pos_, n);
  pos_ = end;
  consumed_ += n;
  column_ += static_cast<int>(n);  // one column a byte: ASCII
  at_line_ = line_, at_column_ = column_ - 1;
}

int CsvReader::end_of_line() {  // after a carriage return: a line feed, or the end of the file
  const int line = at_line_, column = at_column_;
  const int c = get();
  if (c >= 0 && c != '\n')
    syntax_error(line, column, "a carriage return not followed by a line feed: lines must end in LF or CRLF");
  return c;
}

void CsvReader::syntax_error(int line, int column, const std::string& message) const {
  throw InputError{located_error(name_, line, column, message)};
}

char CsvReader::detect_delimiter() {
  // The first line with text, looked at ahead of the reading (filling the buffer up to the end of that line,
  // at most a row's worth): quoted text does not count.
  bool quoted = false, text = false;
  int commas = 0, semicolons = 0;
  std::size_t start = pos_;
  if (consumed_ == 0 && (pos_ < buffer_.size() || fill()) && buffer_.compare(pos_, 3, "\xEF\xBB\xBF") == 0)
    start += 3;  // a byte-order mark is not text
  for (std::size_t i = start;; ++i) {
    if (i == buffer_.size()) {
      const std::size_t ahead = i - pos_;
      if (ahead > kMaxRecord || !fill()) break;
      i = pos_ + ahead;
    }
    const char c = buffer_[i];
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' && text) break;
    commas += c == ',';
    semicolons += c == ';';
    text = text || (c != '\n' && c != '\r');
  }
  return semicolons > 0 && commas == 0 ? ';' : ',';
}

bool CsvReader::read_plain_line() {
  if (consumed_ == 0 || pos_ >= buffer_.size()) return false;  // the first bytes (a byte-order mark?), or none
  const char* start = buffer_.data() + pos_;
  const std::size_t left = std::min(buffer_.size() - pos_, kBlock);
  const auto* end = static_cast<const char*>(std::memchr(start, '\n', left));
  if (end == nullptr || end == start) return false;  // no whole line here, or a blank one
  if (!printable_ascii(start, end)) return false;
  field_columns_.clear();
  record_line_ = line_;
  std::size_t n = 0;  // fields: the strings of the last record are reused
  for (const char* field = start;; ++n) {
    const auto* comma = static_cast<const char*>(std::memchr(field, delimiter_, static_cast<std::size_t>(end - field)));
    const char* stop = comma ? comma : end;
    const auto size = static_cast<std::size_t>(stop - field);
    if (n < fields_.size())
      fields_[n].assign(field, size);
    else
      fields_.emplace_back(field, size);
    field_columns_.push_back(static_cast<int>(field - start) + 1);
    if (!comma) break;
    field = comma + 1;
  }
  fields_.resize(n + 1);
  plain_ = true;
  const auto length = static_cast<std::size_t>(end - start);
  at_line_ = line_, at_column_ = static_cast<int>(length) + 1;  // the line feed, as get() would leave them
  ++line_;
  column_ = 1;
  pos_ += length + 1;
  consumed_ += length + 1;
  return true;
}

bool CsvReader::read_record() {
  if (read_plain_line()) return true;
  plain_ = false;
  fields_.clear();
  field_columns_.clear();
  int c = get();
  if (consumed_ == 1 && c == 0xEF) {  // a UTF-8 byte-order mark before the first record
    if (get() != 0xBB || get() != 0xBF) syntax_error(1, 1, "the file starts with an invalid byte-order mark");
    column_ = 1;
    c = get();
  }
  while (c == '\n' || c == '\r') c = c == '\r' ? end_of_line() : get();  // blank lines
  if (c < 0) return false;
  record_line_ = line_;
  const std::size_t record_start = consumed_;
  for (;;) {  // one field per turn
    if (fields_.size() == kMaxFields)
      syntax_error(at_line_, at_column_, "a row with more than " + std::to_string(kMaxFields) + " fields");
    std::string& field = fields_.emplace_back();
    field_columns_.push_back(at_column_);
    if (c == '"') {
      const int quote_line = at_line_, quote_column = at_column_;
      for (;;) {
        c = get();
        if (c < 0) syntax_error(quote_line, quote_column, "a quoted field is not closed before the end of the file");
        if (c == '"') {
          c = get();
          if (c != '"') break;  // the closing quote (a doubled quote is a quote)
        }
        field += static_cast<char>(c);
        if (field.size() > kMaxField) syntax_error(quote_line, quote_column, "a field is longer than 1 MiB");
        if (consumed_ - record_start > kMaxRecord) syntax_error(record_line_, 1, "a row is longer than 8 MiB");
      }
      if (c == '\r') c = end_of_line();
      if (c >= 0 && c != delimiter_ && c != '\n')
        syntax_error(at_line_, at_column_,
                     std::string{"expected "} + (delimiter_ == ';' ? "a semicolon" : "a comma") +
                         " or the end of the line after a closing quote");
    } else {
      while (c >= 0 && c != delimiter_ && c != '\n') {
        if (c == '"') syntax_error(at_line_, at_column_, "a quote inside an unquoted field (quote the whole field)");
        if (c == '\r') {
          c = end_of_line();
          break;
        }
        field += static_cast<char>(c);
        if (field.size() > kMaxField) syntax_error(record_line_, field_columns_.back(), "a field is longer than 1 MiB");
        if (consumed_ - record_start > kMaxRecord) syntax_error(record_line_, 1, "a row is longer than 8 MiB");
        take_plain(field, record_start);
        c = get();
      }
    }
    if (c == delimiter_) {
      c = get();
      continue;
    }
    return true;  // end of line or of file
  }
}

void CsvReader::read_header(std::span<const std::string_view> required, std::span<const std::string_view> optional) {
  std::string expected;
  for (std::string_view name : required) expected += (expected.empty() ? "" : ",") + std::string{name};
  delimiter_ = detect_delimiter();
  if (!read_record()) syntax_error(1, 1, "the file is empty: expected a header row " + expected);
  header_width_ = fields_.size();
  for (std::size_t i = 0; i < fields_.size(); ++i)  // column names reach messages: text, like the fields
    if (const auto problem = check_text(fields_[i]))
      syntax_error(record_line_, field_columns_[i],
                   "the column name has " + problem->what + " at character " + std::to_string(problem->column + 1) +
                       "; column names must be UTF-8 text without control characters");
  std::vector<std::string> folded;  // the column names in lower case: `Subject` is the column `subject`
  folded.reserve(fields_.size());
  for (const std::string& name : fields_) folded.push_back(ascii_lower(name));
  const auto find = [&](std::string_view name) {
    const std::string wanted = ascii_lower(name);
    for (std::size_t i = 0; i < folded.size(); ++i)
      if (folded[i] == wanted) return i;
    return kAbsent;
  };
  for (std::string_view name : required) {
    columns_.push_back(find(name));
    if (columns_.back() == kAbsent)
      syntax_error(record_line_, 1, "the header has no column '" + std::string{name} + "' (expected " + expected + ")");
  }
  for (std::string_view name : optional) columns_.push_back(find(name));
  // A repeated name, reported at the second occurrence of the name that comes first: sorting (name,
  // position) puts each name's occurrences side by side, in O(n log n) whatever the names (a hash set could
  // be flooded with colliding names).
  std::vector<std::pair<std::string_view, std::size_t>> names;
  names.reserve(fields_.size());
  for (std::size_t i = 0; i < folded.size(); ++i)
    if (!folded[i].empty()) names.emplace_back(folded[i], i);
  std::sort(names.begin(), names.end());
  std::size_t first = kAbsent, second = kAbsent;
  for (std::size_t k = 1; k < names.size(); ++k)
    if (names[k].first == names[k - 1].first && (k < 2 || names[k - 2].first != names[k].first) &&
        names[k - 1].second < first) {
      first = names[k - 1].second;
      second = names[k].second;
    }
  if (first != kAbsent)
    syntax_error(record_line_, field_columns_[second], "the header has the column '" + fields_[first] + "' twice");
}

bool CsvReader::next() {
  if (!read_record()) return false;
  if (fields_.size() < header_width_)
    syntax_error(record_line_, field_columns_.back(),
                 "this row has " + std::to_string(fields_.size()) + " fields, the header " +
                     std::to_string(header_width_));
  if (fields_.size() > header_width_)
    syntax_error(record_line_, field_columns_[header_width_],
                 "this row has " + std::to_string(fields_.size()) + " fields, the header " +
                     std::to_string(header_width_));
  for (const std::size_t column : columns_)  // the fields asked for: no control characters, UTF-8
    if (column != kAbsent && !plain_)        // (a plain line is printable ASCII)
      if (const auto problem = check_text(fields_[column]))
        syntax_error(record_line_, field_columns_[column],
                     "the field has " + problem->what + " at character " + std::to_string(problem->column + 1) +
                         "; ids, codes and dates must be UTF-8 text without control characters");
  return true;
}

std::optional<std::size_t> CsvReader::lines_left() const {
  if (!file_ || !file_->size()) return std::nullopt;
  const std::string_view ahead = std::string_view{buffer_}.substr(pos_);
  const auto lines = static_cast<std::size_t>(std::count(ahead.begin(), ahead.end(), '\n'));
  if (lines == 0 || *file_->size() < consumed_) return std::nullopt;
  return static_cast<std::size_t>((*file_->size() - consumed_) * lines / ahead.size());
}

std::string_view CsvReader::field(std::size_t i) const {
  return columns_[i] == kAbsent ? std::string_view{} : std::string_view{fields_[columns_[i]]};
}

void CsvReader::fail(std::size_t i, const std::string& message) const {
  const int column = columns_[i] == kAbsent ? 1 : field_columns_[columns_[i]];
  syntax_error(record_line_, column, message);
}

void CsvReader::fail_line(const std::string& message) const {
  throw InputError{located_error(name_, record_line_, 0, message)};
}

}  // namespace planner
