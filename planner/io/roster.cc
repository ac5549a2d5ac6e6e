#include "planner/io/roster.h"

#include <algorithm>
#include <functional>
#include <libfccp/csv.h>

#include "planner/core/error.h"
#include "planner/io/iso8601.h"

namespace planner {
namespace {

using Csv = io::CSVReader<4, io::trim_chars<' ', '\t'>, io::double_quote_escape<',', '"'>, io::throw_on_overflow,
                           io::empty_line_comment>;  // blank lines are skipped

// 64-bit hashes of the subject ids seen so far, open addressing: 8 bytes a subject at most 50% load.
class SeenIds {
 public:
  // False when `id` (probably) was seen before; the caller confirms by reading the file again.
  bool insert(std::string_view id) {
    if (2 * (count_ + 1) > slots_.size()) grow();
    const bool inserted = place(slots_, hash(id));
    count_ += inserted;
    return inserted;
  }

 private:
  static std::uint64_t hash(std::string_view id) {
    const std::uint64_t h = std::hash<std::string_view>{}(id);
    return h == 0 ? 1 : h;  // 0 marks an empty slot
  }
  static bool place(std::vector<std::uint64_t>& slots, std::uint64_t h) {
    const std::size_t mask = slots.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      if (slots[i] == h) return false;
      if (slots[i] == 0) {
        slots[i] = h;
        return true;
      }
    }
  }
  void grow() {
    std::vector<std::uint64_t> bigger(slots_.empty() ? 1024 : 2 * slots_.size(), 0);
    for (std::uint64_t h : slots_)
      if (h) place(bigger, h);
    slots_.swap(bigger);
  }
  std::vector<std::uint64_t> slots_;
  std::size_t count_ = 0;
};

std::string known_list(const auto& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item.id;
  return out;
}

}  // namespace

struct RosterReader::Impl {
  Impl(const std::string& p, const Protocol& proto, const std::vector<Site>* s)
      : path{p}, protocol{proto}, sites{s}, csv{open(p)} {}

  static std::unique_ptr<Csv> open(const std::string& path) {
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (!file) throw IoError{path + ": error: cannot open: " + std::strerror(errno)};
    return std::make_unique<Csv>(path, file);  // the reader closes the file
  }

  [[noreturn]] void fail(int line, const std::string& message) const {
    throw InputError{path + ":" + std::to_string(line) + ": error: " + message};
  }

  // Runs `f`, turning the CSV library's errors into InputErrors naming file:line.
  template <typename F>
  auto guarded(F&& f) {
    try {
      return f();
    } catch (const io::error::header_missing&) {
      fail(1, "the roster is empty: expected a header row subject,arm,site,day1");
    } catch (const io::error::missing_column_in_header& e) {
      fail(1, std::string{"the header has no column '"} + e.column_name + "' (expected subject,arm,site,day1)");
    } catch (const io::error::duplicated_column_in_header& e) {
      fail(1, std::string{"the header has the column '"} + e.column_name + "' twice");
    } catch (const io::error::too_few_columns& e) {
      fail(e.file_line, "too few fields: expected subject,arm,site,day1");
    } catch (const io::error::escaped_string_not_closed& e) {
      fail(e.file_line, "a quoted field is not closed on this line (quoted line breaks are not supported)");
    } catch (const io::error::line_length_limit_exceeded& e) {
      fail(e.file_line, "the line is too long");
    } catch (const io::error::base& e) {
      fail(static_cast<int>(csv->get_file_line()), e.what());
    }
  }

  bool next(Subject& s, std::size_t& site_index) {
    char *subject = nullptr, *arm = nullptr, *site = nullptr, *day1 = nullptr;
    if (!header_read) {
      guarded([&] { csv->read_header(io::ignore_extra_column, "subject", "arm", "site", "day1"); });
      header_read = true;
    }
    if (!guarded([&] { return csv->read_row(subject, arm, site, day1); })) return false;
    row_line = static_cast<int>(csv->get_file_line());
    s.id = subject;
    s.arm = arm;
    s.site = site;
    if (s.id.empty()) fail(row_line, "empty subject id");
    if (!protocol.find_arm(s.arm))
      fail(row_line, "unknown arm '" + s.arm + "' (protocol " + protocol.study.id + " has " + known_list(protocol.arms) +
                     ")");
    site_index = 0;
    if (sites) {
      const auto it = std::find_if(sites->begin(), sites->end(), [&](const Site& x) { return x.id == s.site; });
      if (it == sites->end()) fail(row_line, "unknown site '" + s.site + "' (sites: " + known_list(*sites) + ")");
      site_index = static_cast<std::size_t>(it - sites->begin());
    }
    const auto date = parse_date(day1);
    if (!date.value) fail(row_line, "day1: " + date.error);
    s.day1 = *date.value;
    if (!seen.insert(s.id)) fail(row_line, "subject '" + s.id + "' is listed twice (first at line " +
                                           std::to_string(first_line_of(s.id)) + ")");
    return true;
  }

  // The line where `id` first appears (the rare path after a duplicate hash: the file is read again).
  int first_line_of(const std::string& id) const {
    Csv again{path, std::fopen(path.c_str(), "rb")};
    again.read_header(io::ignore_extra_column, "subject", "arm", "site", "day1");
    char *subject = nullptr, *arm = nullptr, *site = nullptr, *day1 = nullptr;
    while (again.read_row(subject, arm, site, day1))
      if (id == subject) return static_cast<int>(again.get_file_line());
    return 0;
  }

  std::string path;
  const Protocol& protocol;
  const std::vector<Site>* sites;
  std::unique_ptr<Csv> csv;
  bool header_read = false;
  int row_line = 0;
  SeenIds seen;
};

RosterReader::RosterReader(const std::string& path, const Protocol& protocol, const std::vector<Site>* sites)
    : impl_{std::make_unique<Impl>(path, protocol, sites)} {}
RosterReader::~RosterReader() = default;

bool RosterReader::next(Subject& subject, std::size_t& site) { return impl_->next(subject, site); }
int RosterReader::line() const { return impl_->row_line; }
const std::string& RosterReader::path() const { return impl_->path; }

std::vector<Subject> load_roster(const std::string& path, const Protocol& protocol, const std::vector<Site>* sites) {
  RosterReader reader{path, protocol, sites};
  std::vector<Subject> out;
  Subject s;
  std::size_t site = 0;
  while (reader.next(s, site)) out.push_back(s);
  return out;
}

}  // namespace planner
