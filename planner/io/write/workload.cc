#include "planner/io/write/workload.h"

#include <algorithm>
#include <charconv>
#include <date/iso_week.h>

#include "planner/io/iso8601.h"
#include "planner/io/write/csv.h"
#include "planner/io/write/text_table.h"

namespace planner {
namespace {

std::string number(double x) {
  char buffer[32];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, x, std::chars_format::general, 10).ptr;
  return {buffer, end};
}

}  // namespace

std::string period_text(Date start, Period period) {
  if (period == Period::day) return format_date(start);
  const iso_week::year_weeknum_weekday w{start};
  const unsigned week = unsigned{w.weeknum()};
  return std::to_string(int{w.year()}) + "-W" + (week < 10 ? "0" : "") + std::to_string(week);
}

std::string products_text(const Tally& t) {
  std::string out;
  for (const auto& [key, amount] : t.product)
    out += (out.empty() ? "" : "; ") + key.first + " " + number(amount) + (key.second.empty() ? "" : " " + key.second);
  return out;
}

namespace {

std::string site_id(const std::vector<Site>& sites, std::size_t i) { return i < sites.size() ? sites[i].id : ""; }
std::string capacity_of(const std::vector<Site>& sites, std::size_t i) {
  return i < sites.size() && sites[i].capacity ? std::to_string(*sites[i].capacity) : "";
}

}  // namespace

std::string workload_csv(const Workload& w, const std::vector<Site>& sites, Period period, CsvOptions csv) {
  std::string out = std::string{csv_start(csv)} +
                    "site,period,visits,doses,assessments,conflicts,capacity,busiest_day,days_over_capacity,products\n";
  for (const PeriodLoad& r : by_period(w, sites, period))
    append_csv_row(out,
                   {site_id(sites, r.site), period_text(r.start, period), std::to_string(r.tally.visits),
                    std::to_string(r.tally.doses), std::to_string(r.tally.assessments),
                    std::to_string(r.tally.conflicts), capacity_of(sites, r.site), std::to_string(r.busiest),
                    std::to_string(r.days_over_capacity), products_text(r.tally)},
                   csv);
  return out;
}

std::string workload_table(const Workload& w, const std::vector<Site>& sites, Period period) {
  const std::vector<PeriodLoad> all = by_period(w, sites, period);
  long widest = 1;
  for (const PeriodLoad& r : all) widest = std::max(widest, r.tally.visits);
  constexpr long kBar = 30;
  std::string out;
  for (std::size_t begin = 0; begin < all.size();) {
    const std::size_t site = all[begin].site;
    const std::string capacity = capacity_of(sites, site);
    out += (out.empty() ? "" : "\n") + std::string{"site "} +
           (site_id(sites, site).empty() ? "-" : site_id(sites, site)) +
           (capacity.empty() ? "" : " (capacity " + capacity + " visits a day)") + "\n";
    TextTable table{{period == Period::day ? "DAY" : "WEEK", "VISITS", "DOSES", "ASSESSMENTS", "BUSIEST", "OVER",
                     "CONFLICTS", "PRODUCT NEEDED", ""},
                    {},
                    {false, true, true, true, true, true, true}};
    for (; begin < all.size() && all[begin].site == site; ++begin) {
      const PeriodLoad& r = all[begin];
      const auto bar = static_cast<std::size_t>((r.tally.visits * kBar + widest - 1) / widest);
      table.rows.push_back({period_text(r.start, period), std::to_string(r.tally.visits), std::to_string(r.tally.doses),
                            std::to_string(r.tally.assessments), std::to_string(r.busiest),
                            std::to_string(r.days_over_capacity), std::to_string(r.tally.conflicts),
                            products_text(r.tally), std::string(bar, '#')});
    }
    out += render(table, TableFormat::table);
  }
  return out;
}

}  // namespace planner
