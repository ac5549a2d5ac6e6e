#include "planner/io/read/roster.h"

#include <algorithm>
#include <atomic>
#include <unordered_map>
#include <utility>

#include "planner/core/error.h"
#include "planner/core/spelling.h"
#include "planner/io/iso8601.h"
#include "planner/io/read/csv.h"
#include "planner/io/read/id_set.h"
#include "planner/io/read/input_file.h"
#include "planner/io/source_text.h"

namespace planner {
namespace {

std::string known_list(const auto& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item.id;
  return out;
}

// Why `stratum` cannot be `arm`'s subject's stratum in `p`, or "" when it can (an empty stratum: none).
std::string stratum_problem(const Protocol& p, const std::string& stratum, const std::string& arm) {
  if (stratum.empty()) return "";
  const Stratum* st = p.find_stratum(stratum);
  if (st && st->applies_to(arm)) return "";
  if (st) {
    std::string arms;
    for (const std::string& a : st->arms) arms += (arms.empty() ? "" : ", ") + a;
    return "stratum " + quoted(stratum) + " does not apply to arm " + quoted(arm) + " (it applies to " + arms + ")";
  }
  std::string message = "unknown stratum " + quoted(stratum);
  if (p.strata.empty()) return message + " (protocol " + p.study.id + " has no [[stratum]])";
  std::vector<std::string_view> ids;
  ids.reserve(p.strata.size());
  for (const Stratum& s : p.strata) ids.push_back(s.id);
  const std::string guess = closest_match(stratum, ids);
  return message + (guess.empty() ? " (protocol " + p.study.id + " has " + known_list(p.strata) + ")"
                                  : "; did you mean " + quoted(guess) + "?");
}

}  // namespace

struct RosterReader::Impl {
  enum Column : std::size_t { kSubject, kArm };
  static constexpr std::size_t kStratum = 4;  // the optional column after subject, arm, site (or day1), day1

  Impl(const std::string& path, const Protocol& proto, const std::vector<Site>* s)
      : protocol{proto}, sites{s}, csv{path} {
    start();
  }
  Impl(std::string name, std::string text, const Protocol& proto, const std::vector<Site>* s)
      : protocol{proto}, sites{s}, csv{std::move(name), std::move(text)} {
    start();
  }

  void start() {
    // Without a sites file the site is only a label: the column may be left out (every site empty).
    if (sites) {
      csv.read_header({"subject", "arm", "site", "day1"}, {"stratum"});
    } else {
      csv.read_header({"subject", "arm", "day1"}, {"site", "stratum"});
      std::swap(site_field, day1_field);
    }
    if (sites)
      for (std::size_t i = 0; i < sites->size(); ++i) site_index.emplace((*sites)[i].id, i);
    // Room for the ids at once: a little less than the estimate, so that a close estimate never doubles it, and
    // at most 4 million (a file's size is no promise: memory follows the ids actually read beyond that).
    constexpr std::size_t kIdLength = 8, kMostIds = std::size_t{1} << 22;
    if (const auto lines = csv.lines_left()) seen.reserve(std::min(*lines / 16 * 15, kMostIds), kIdLength);
  }

  bool next(Subject& s, std::size_t& site) {
    if (!csv.next()) return false;
    s.id = csv.field(kSubject);
    s.arm = csv.field(kArm);
    s.site = csv.field(site_field);
    if (s.id.empty()) csv.fail(kSubject, "empty subject id");
    if (!protocol.find_arm(s.arm))
      csv.fail(kArm, "unknown arm " + planner::quoted(s.arm) + " (protocol " + protocol.study.id + " has " +
                         known_list(protocol.arms) + ")");
    site = 0;
    if (sites) {
      const auto it = site_index.find(s.site);
      if (it == site_index.end())
        csv.fail(site_field, "unknown site " + planner::quoted(s.site) + " (sites: " + known_list(*sites) + ")");
      site = it->second;
    }
    s.day1 = csv.value(day1_field, parse_date(csv.field(day1_field)), "day1");
    s.stratum = csv.field(kStratum);
    if (const std::string problem = stratum_problem(protocol, s.stratum, s.arm); !problem.empty())
      csv.fail(kStratum, problem);
    if (const int first = seen.insert(s.id, csv.line()))
      csv.fail(kSubject, "subject " + quoted(s.id) + " is listed twice (first at line " + std::to_string(first) + ")");
    bytes_read.store(csv.bytes_read(), std::memory_order_relaxed);
    return true;
  }

  const Protocol& protocol;
  const std::vector<Site>* sites;
  std::size_t site_field = 2, day1_field = 3;  // field indices (the order the header was asked for)
  CsvReader csv;
  IdSet seen;
  std::atomic<std::size_t> bytes_read{0};  // read by the progress bar on another thread
  // Hashed always: libstdc++ searches a table of 20 or fewer strings under std::hash one by one (it takes
  // std::hash<std::string> for slow), which costs more than hashing once for each row of a roster.
  struct Hash {
    std::size_t operator()(const std::string& s) const { return std::hash<std::string>{}(s); }
  };
  std::unordered_map<std::string, std::size_t, Hash> site_index;
};

RosterReader::RosterReader(const std::string& path, const Protocol& protocol, const std::vector<Site>* sites)
    : impl_{std::make_unique<Impl>(path, protocol, sites)} {}
RosterReader::RosterReader(std::string name, std::string text, const Protocol& protocol, const std::vector<Site>* sites)
    : impl_{std::make_unique<Impl>(std::move(name), std::move(text), protocol, sites)} {}
RosterReader::~RosterReader() = default;

bool RosterReader::next(Subject& subject, std::size_t& site) { return impl_->next(subject, site); }
int RosterReader::line() const { return impl_->csv.line(); }
bool RosterReader::has_stratum() const { return impl_->csv.has(Impl::kStratum); }
const std::string& RosterReader::path() const { return impl_->csv.name(); }
std::size_t RosterReader::bytes_read() const { return impl_->bytes_read; }
std::optional<std::uint64_t> RosterReader::size() const { return impl_->csv.file()->size(); }

namespace {

std::vector<Subject> read_roster(RosterReader& reader) {
  std::vector<Subject> out;
  Subject s;
  std::size_t site = 0;
  while (reader.next(s, site)) out.push_back(s);
  return out;
}

}  // namespace

std::vector<Subject> load_roster(const std::string& path, const Protocol& protocol, const std::vector<Site>* sites) {
  RosterReader reader{path, protocol, sites};
  return read_roster(reader);
}

std::vector<Subject> parse_roster(std::string text, const std::string& name, const Protocol& protocol,
                                  const std::vector<Site>* sites) {
  RosterReader reader{name, std::move(text), protocol, sites};
  return read_roster(reader);
}

}  // namespace planner
