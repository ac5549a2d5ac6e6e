#include "planner/io/roster.h"

#include <algorithm>
#include <functional>
#include <unordered_map>

#include "planner/core/error.h"
#include "planner/io/csv_reader.h"
#include "planner/io/iso8601.h"

namespace planner {
namespace {

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
  enum Column : std::size_t { kSubject, kArm, kSite, kDay1 };

  Impl(const std::string& path, const Protocol& proto, const std::vector<Site>* s)
      : protocol{proto}, sites{s}, csv{path} {
    csv.read_header({"subject", "arm", "site", "day1"});
    if (sites)
      for (std::size_t i = 0; i < sites->size(); ++i) site_index.emplace((*sites)[i].id, i);
  }

  bool next(Subject& s, std::size_t& site) {
    if (!csv.next()) return false;
    s.id = csv.field(kSubject);
    s.arm = csv.field(kArm);
    s.site = csv.field(kSite);
    if (s.id.empty()) csv.fail(kSubject, "empty subject id");
    for (const auto& [column, text] : {std::pair{kSubject, &s.id}, std::pair{kSite, &s.site}})
      if (std::any_of(text->begin(), text->end(), [](unsigned char c) { return c < 0x20 || c == 0x7F; }))
        csv.fail(column, "ids may not contain line breaks, tabs or other control characters");
    if (!protocol.find_arm(s.arm))
      csv.fail(kArm, "unknown arm '" + s.arm + "' (protocol " + protocol.study.id + " has " +
                         known_list(protocol.arms) + ")");
    site = 0;
    if (sites) {
      const auto it = site_index.find(s.site);
      if (it == site_index.end()) csv.fail(kSite, "unknown site '" + s.site + "' (sites: " + known_list(*sites) + ")");
      site = it->second;
    }
    const auto date = parse_date(csv.field(kDay1));
    if (!date.value) csv.fail(kDay1, "day1: " + date.error);
    s.day1 = *date.value;
    if (!seen.insert(s.id))
      csv.fail(kSubject, "subject '" + s.id + "' is listed twice (first at line " + std::to_string(first_line_of(s.id)) + ")");
    return true;
  }

  // The line where `id` first appears (the rare path after a duplicate hash: the file is read again).
  int first_line_of(const std::string& id) const {
    CsvReader again{csv.name()};
    again.read_header({"subject"});
    while (again.next())
      if (again.field(0) == id) return again.line();
    return 0;
  }

  const Protocol& protocol;
  const std::vector<Site>* sites;
  CsvReader csv;
  SeenIds seen;
  std::unordered_map<std::string, std::size_t> site_index;
};

RosterReader::RosterReader(const std::string& path, const Protocol& protocol, const std::vector<Site>* sites)
    : impl_{std::make_unique<Impl>(path, protocol, sites)} {}
RosterReader::~RosterReader() = default;

bool RosterReader::next(Subject& subject, std::size_t& site) { return impl_->next(subject, site); }
int RosterReader::line() const { return impl_->csv.line(); }
const std::string& RosterReader::path() const { return impl_->csv.name(); }

std::vector<Subject> load_roster(const std::string& path, const Protocol& protocol, const std::vector<Site>* sites) {
  RosterReader reader{path, protocol, sites};
  std::vector<Subject> out;
  Subject s;
  std::size_t site = 0;
  while (reader.next(s, site)) out.push_back(s);
  return out;
}

}  // namespace planner
