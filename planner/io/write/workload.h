// Workload forecasts: how many visits, doses and assessments each site has per day or ISO week, how much
// of each product must be ready, and how much of the site's capacity that uses. Built from planned
// calendars, so its sums equal the calendar's rows.
//
//   Workload w{protocol};
//   w.add(site_index, subject, visits);  // for every subject (any order: only sums are kept)
//   w.merge(other);                       // per-thread workloads combine into one
//   workload_table(w, sites, Period::week)
#pragma once

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "planner/core/scheduler.h"
#include "planner/core/site.h"
#include "planner/core/subject.h"
#include "planner/io/write/csv.h"

namespace planner {

enum class Period { day, week };

struct Tally {
  long visits = 0;
  long doses = 0;
  long assessments = 0;
  long conflicts = 0;
  std::map<std::pair<std::string, std::string>, double> product;  // (product, unit) -> amount
  void add(const Tally& other);
};

class Workload {
 public:
  explicit Workload(const Protocol& protocol);
  void add(std::size_t site, const Subject& subject, const std::vector<PlannedVisit>& visits);
  void merge(const Workload& other);
  const std::map<std::pair<std::size_t, Date>, Tally>& days() const { return days_; }  // (site, date)

 private:
  const Protocol& protocol_;
  std::map<std::pair<std::size_t, Date>, Tally> days_;
};

// "5 mL" -> {5, "mL"}; nullopt when the text is not a number and a unit.
std::optional<std::pair<double, std::string>> parse_amount(const std::string& text);

// One row per site and period: site,period,visits,doses,assessments,conflicts,capacity,busiest_day,
// days_over_capacity,products ("autologous serum 40 mL; normal saline (placebo) 35 mL").
// `sites` gives ids and capacities (empty: one unnamed site 0).
std::string workload_csv(const Workload& w, const std::vector<Site>& sites, Period period, CsvOptions csv = {});
// The terminal view: per site, a table with a bar chart of visits per period.
std::string workload_table(const Workload& w, const std::vector<Site>& sites, Period period);

}  // namespace planner
