// A forecast (planner/core/forecast.h) as text: quantiles of each site's visits, doses, assessments and
// product per period, the probability of a day over capacity, and when the target and the last visit are
// reached. Quantiles are the empirical ones of the runs (the smallest value at least q of the runs reach).
//
//   forecast_table(view)      // tests/cli/golden/forecast-table.out (200 runs, columns shortened here)
//   target reached (Day 1 of the last subject):  5% 2026-02-06  50% 2026-03-07  95% 2026-04-26
//   site KR01 (capacity 4 visits a day)
//   WEEK      VISITS 5/50/95%  DOSES 5/50/95%  ...  P(DAY OVER)  PRODUCT (MEDIAN)  FAN: VISITS 5/50/95%
//   2026-W04  1/7/21           0/6/17           ...        0.080  autologous ...     ##=====|---------------
//
// Product rows carry the date by which the product must be ready: the period's first day less the longest
// lead time of a draw that prepares it (the protocol's `prepares`/`lead_time`).
#pragma once

#include <string>
#include <vector>

#include "planner/core/forecast.h"
#include "planner/core/protocol.h"
#include "planner/core/site.h"
#include "planner/io/write/csv.h"

namespace planner {

// What the writers need besides the forecast: the sites, the protocol (for lead times), the quantiles asked
// (fractions, 0 < q <= 1, increasing) and the run's parameters, echoed in the output.
struct ForecastView {
  const Forecast& forecast;
  const Protocol& protocol;
  const std::vector<Site>& sites;
  std::vector<double> quantiles;
  long target = 0;
  std::uint64_t seed = 0;
};

// site,period,measure,unit,mean,q5,q50,q95[,ready_by]: one row per site, period with visits, and measure
// (visits, doses, assessments, each product, "day over capacity" whose mean is the probability), then the
// rows of site "all": "target reached" and "last visit" with dates as quantiles.
std::string forecast_csv(const ForecastView& view, CsvOptions csv = {});
std::string forecast_json(const ForecastView& view);
// The terminal view: the dates, then per site a table with a text fan chart of visits.
std::string forecast_table(const ForecastView& view);
// The HTML page (report_page, planner/io/write/report.h): the dates, then per site a fan chart of visits as
// inline SVG (the quantile band and the median) and the table. Every input text goes through html_escape.
std::string forecast_html(const ForecastView& view);
// The body of forecast_html without its <h1>: <section id="forecast"> with the runs, the dates and lead times,
// and per site (<h3>) the fan chart and the table; `planner report --forecast-target` adds it to the report.
std::string forecast_section(const ForecastView& view);

}  // namespace planner
