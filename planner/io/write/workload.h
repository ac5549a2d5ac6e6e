// The workload forecast as text: one row per site and day or ISO week (planner/core/workload counts it).
//
//   workload_table(w, sites, Period::week)   // tests/cli/golden/cohort-load-week-table.out
//   site KR01 (capacity 4 visits a day)
//   WEEK      VISITS  DOSES  ASSESSMENTS  BUSIEST  OVER  CONFLICTS  PRODUCT NEEDED
//   2026-W03       7      6           12        3     0          0  autologous serum 20 mL; normal saline (placebo) ...
#pragma once

#include <string>
#include <vector>

#include "planner/core/site.h"
#include "planner/core/workload.h"
#include "planner/io/write/csv.h"

namespace planner {

// "2026-01-05" for a day, "2026-W02" for the ISO week starting on Monday `start`.
std::string period_text(Date start, Period period);
// "autologous serum 40 mL; normal saline (placebo) 35 mL": each product's amount, in product order.
std::string products_text(const Tally& tally);

// One row per site and period: site,period,visits,doses,assessments,conflicts,capacity,busiest_day,
// days_over_capacity,products ("autologous serum 40 mL; normal saline (placebo) 35 mL").
// `sites` gives ids and capacities (empty: one unnamed site 0).
std::string workload_csv(const Workload& w, const std::vector<Site>& sites, Period period, CsvOptions csv = {});
// The terminal view: per site, a table with a bar chart of visits per period.
std::string workload_table(const Workload& w, const std::vector<Site>& sites, Period period);

}  // namespace planner
