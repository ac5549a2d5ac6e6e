#include "planner/io/write/workload.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <date/iso_week.h>

#include "planner/io/write/csv.h"
#include "planner/io/iso8601.h"
#include "planner/io/write/text_table.h"

namespace planner {
namespace {

std::string period_of(Date d, Period period) {
  if (period == Period::day) return format_date(d);
  const iso_week::year_weeknum_weekday w{d};
  const unsigned week = unsigned{w.weeknum()};
  return std::to_string(int{w.year()}) + "-W" + (week < 10 ? "0" : "") + std::to_string(week);
}

std::string number(double x) {
  char buffer[32];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, x, std::chars_format::general, 10).ptr;
  return {buffer, end};
}

std::string products(const Tally& t) {
  std::string out;
  for (const auto& [key, amount] : t.product)
    out += (out.empty() ? "" : "; ") + key.first + " " + number(amount) + (key.second.empty() ? "" : " " + key.second);
  return out;
}

// Per site and period: the sum of its days, the busiest day and the days over capacity.
struct Row {
  std::size_t site;
  std::string period;
  Tally tally;
  long busiest = 0;
  long over = 0;
};

std::vector<Row> rows(const Workload& w, const std::vector<Site>& sites, Period period) {
  std::vector<Row> out;
  for (const auto& [key, tally] : w.days()) {
    const auto& [site, day] = key;
    const std::string p = period_of(day, period);
    if (out.empty() || out.back().site != site || out.back().period != p) out.push_back({site, p, {}, 0, 0});
    Row& r = out.back();
    r.tally.add(tally);
    r.busiest = std::max(r.busiest, tally.visits);
    const auto capacity = site < sites.size() ? sites[site].capacity : std::nullopt;
    if (capacity && tally.visits > *capacity) ++r.over;
  }
  return out;
}

std::string site_id(const std::vector<Site>& sites, std::size_t i) { return i < sites.size() ? sites[i].id : ""; }
std::string capacity_of(const std::vector<Site>& sites, std::size_t i) {
  return i < sites.size() && sites[i].capacity ? std::to_string(*sites[i].capacity) : "";
}

}  // namespace

void Tally::add(const Tally& o) {
  visits += o.visits;
  doses += o.doses;
  assessments += o.assessments;
  conflicts += o.conflicts;
  for (const auto& [key, amount] : o.product) product[key] += amount;
}

std::optional<std::pair<double, std::string>> parse_amount(const std::string& text) {
  double value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc{} || ptr == text.data() || !std::isfinite(value)) return std::nullopt;
  std::string unit{ptr, end};
  unit.erase(0, unit.find_first_not_of(' '));
  return std::pair{value, unit};
}

Workload::Workload(const Protocol& protocol) : protocol_{protocol} {}

void Workload::add(std::size_t site, const Subject& subject, const std::vector<PlannedVisit>& visits) {
  for (const PlannedVisit& pv : visits) {
    const Visit& v = protocol_.visits[pv.visit];
    Tally& t = days_[{site, pv.scheduled}];
    ++t.visits;
    t.conflicts += pv.status == VisitStatus::conflict;
    for (std::size_t a : activities_for(protocol_, v, subject.arm)) {
      const Activity& act = protocol_.activities[a];
      if (act.kind == ActivityKind::assessment) ++t.assessments;
      if (act.kind != ActivityKind::dose) continue;
      ++t.doses;
      const auto amount = parse_amount(v.amount.empty() ? act.amount : v.amount);
      if (amount)
        t.product[{act.product, amount->second}] += amount->first;
      else
        t.product[{act.product, "doses"}] += 1;  // no amount in the protocol: count doses of the product
    }
  }
}

void Workload::merge(const Workload& other) {
  for (const auto& [key, tally] : other.days_) days_[key].add(tally);
}

std::string workload_csv(const Workload& w, const std::vector<Site>& sites, Period period, CsvOptions csv) {
  std::string out =
      "site,period,visits,doses,assessments,conflicts,capacity,busiest_day,days_over_capacity,products\n";
  for (const Row& r : rows(w, sites, period))
    append_csv_row(out, {site_id(sites, r.site), r.period, std::to_string(r.tally.visits),
                         std::to_string(r.tally.doses), std::to_string(r.tally.assessments),
                         std::to_string(r.tally.conflicts), capacity_of(sites, r.site), std::to_string(r.busiest),
                         std::to_string(r.over), products(r.tally)},
                   csv);
  return out;
}

std::string workload_table(const Workload& w, const std::vector<Site>& sites, Period period) {
  const std::vector<Row> all = rows(w, sites, period);
  long widest = 1;
  for (const Row& r : all) widest = std::max(widest, r.tally.visits);
  constexpr long kBar = 30;
  std::string out;
  for (std::size_t begin = 0; begin < all.size();) {
    const std::size_t site = all[begin].site;
    const std::string capacity = capacity_of(sites, site);
    out += (out.empty() ? "" : "\n") + std::string{"site "} + (site_id(sites, site).empty() ? "-" : site_id(sites, site)) +
           (capacity.empty() ? "" : " (capacity " + capacity + " visits a day)") + "\n";
    TextTable table{{period == Period::day ? "DAY" : "WEEK", "VISITS", "DOSES", "ASSESSMENTS", "BUSIEST", "OVER",
                     "CONFLICTS", "PRODUCT NEEDED", ""},
                    {},
                    {false, true, true, true, true, true, true}};
    for (; begin < all.size() && all[begin].site == site; ++begin) {
      const Row& r = all[begin];
      const auto bar = static_cast<std::size_t>((r.tally.visits * kBar + widest - 1) / widest);
      table.rows.push_back({r.period, std::to_string(r.tally.visits), std::to_string(r.tally.doses),
                 std::to_string(r.tally.assessments), std::to_string(r.busiest), std::to_string(r.over),
                 std::to_string(r.tally.conflicts), products(r.tally), std::string(bar, '#')});
    }
    out += render(table, TableFormat::table);
  }
  return out;
}

}  // namespace planner
