// Forecast: the workload of a trial that is still enrolling, as a distribution. Each run simulates
// enrolment with the Poisson-gamma model (planner/core/enrolment.h) until `target` subjects are randomised,
// plans every subject's visits with the real scheduler (the site's calendar and capacity, booked in arrival
// order, as `planner calendar --roster` books a roster), and counts visits, doses, assessments and product
// per site and period. The counts of all runs are kept as exact histograms per cell (site x period x
// measure), never as stored runs, so memory does not grow with the run count.
//
//   ForecastInput in;                      // 3 sites active from 2026-02-02, 0.5 subjects a week each
//   in.origin = 2026y / 2 / 2; in.target = 60; in.rates = {RateModel::from_mean(0.5 / 7, 0.5), ...};
//   Forecast f = forecast(protocol, sites, in, {.runs = 1000, .seed = 1, .threads = 2});
//   f.cell(0, f.period_of(2026y / 3 / 2), 0).quantile(0.95, f.runs())   // visits at KR01 that week, 95 %
//   f.target_day().quantile(0.5, f.runs())                              // median day the target is reached
//
// Arrival, screen failure, arm, dropout: a subject arrives on the origin + floor(arrival time) and that day is
// their Day 1; a screen failure (probability `screen_fail`) has no visits and does not count; the arm is drawn
// with probabilities proportional to `arm_weights`; a subject drops out after an exponential time with
// hazard `dropout_per_week` from Day 1 and has no visits on or after it (their booked slots stay booked).
// The subjects in `enrolled` are planned first, the same in every run, and count towards the target.
// The same seed gives the same forecast for any thread count (runs have their own streams; histograms add).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "planner/core/date.h"
#include "planner/core/enrolment.h"
#include "planner/core/protocol.h"
#include "planner/core/scheduler.h"
#include "planner/core/site.h"
#include "planner/core/subject.h"
#include "planner/core/workload.h"

namespace planner {

// How often each value was seen in the runs; values below 0 are not kept. Zero need not be added: the runs
// not counted are zeros (quantile() takes the run count).
class Histogram {
 public:
  void add(long value, std::uint64_t times = 1);
  void merge(const Histogram& other);
  // The smallest value v with at least q * runs of the runs <= v (the inverse of the empirical distribution),
  // 0 < q <= 1.
  long quantile(double q, std::uint64_t runs) const;
  double mean(std::uint64_t runs) const;
  std::uint64_t counted() const { return counted_; }

 private:
  std::vector<std::uint64_t> counts_;  // counts_[v]: runs with value v
  std::uint64_t counted_ = 0;
};

struct ForecastInput {
  Date origin;                      // day 0 of the simulation
  long target = 0;                  // randomised subjects wanted, the enrolled ones included
  std::vector<RateModel> rates;     // per site
  std::vector<double> start;        // per site: days from the origin when it starts enrolling (>= 0)
  std::vector<double> arm_weights;  // per protocol arm, >= 0 with a positive sum
  double screen_fail = 0;           // probability, 0 <= p < 1
  double dropout_per_week = 0;      // hazard, >= 0
  std::vector<std::pair<std::size_t, Subject>> enrolled;  // (site index, subject), planned first in this order
  Period period = Period::week;
  Prefer prefer = Prefer::earlier;
};

struct ForecastOptions {
  std::uint64_t runs = 1000;
  std::uint64_t seed = 1;
  unsigned threads = 1;
};

class Forecast {
 public:
  // The measures counted: "visits", "doses", "assessments", then one per product and unit of the protocol.
  struct Measure {
    std::string name;    // "visits", or the product: "autologous serum"
    std::string unit;    // "" for counts, else the product's unit ("mL", or "doses" when it has no amount)
    double quantum = 1;  // a cell's value times this is the amount
  };
  Forecast(std::size_t sites, Date first_day, Period period, Date origin);

  const std::vector<Measure>& measures() const { return measures_; }
  std::size_t sites() const { return sites_; }
  std::size_t periods() const { return periods_; }
  std::uint64_t runs() const { return runs_; }
  Period period() const { return period_; }
  Date origin() const { return origin_; }
  Date period_date(std::size_t p) const;  // the day, or the Monday of the ISO week
  std::size_t period_of(Date day) const;
  const Histogram& cell(std::size_t site, std::size_t p, std::size_t measure) const;
  std::uint64_t runs_over_capacity(std::size_t site, std::size_t p) const;  // runs with a day over capacity
  const Histogram& target_day() const { return target_day_; }      // days from the origin to the target's Day 1
  const Histogram& last_visit_day() const { return last_visit_; }  // days from the origin to the last visit

  // Used while running (forecast() below): one run's counts per site ([period * measures + measure]) and
  // whether each of its periods had a day over capacity.
  void add_run(const std::vector<std::vector<std::int32_t>>& counts, const std::vector<std::vector<std::uint8_t>>& over,
               long target_day, long last_visit);
  void merge(const Forecast& other);
  void add_measure(Measure m) { measures_.push_back(std::move(m)); }

 private:
  void grow(std::size_t periods);

  std::vector<Measure> measures_;
  std::size_t sites_;
  Date first_period_;
  Period period_;
  Date origin_;
  std::size_t periods_ = 0;
  std::uint64_t runs_ = 0;
  std::vector<std::vector<Histogram>> cells_;     // [site][period * measures + measure]
  std::vector<std::vector<std::uint64_t>> over_;  // [site][period]
  Histogram target_day_;
  Histogram last_visit_;
};

// One run's simulated subjects, in arrival order (the enrolled ones are not included).
struct Enrollee {
  std::size_t site = 0;
  Subject subject;      // id and site empty; arm and Day 1 drawn
  std::size_t arm = 0;  // index into Protocol::arms
  double dropout = 0;   // days from Day 1 to dropping out (infinity: never)
};
std::vector<Enrollee> draw_enrolment(const Protocol& protocol, const ForecastInput& in, Rng& rng);

// Runs the forecast: run r draws its subjects with draw_enrolment(protocol, in, run_stream(seed, r)). Throws PlanError
// as plan() does; `sites` gives calendars and capacities (one entry per rate of `in`). InputError-free: the caller
// checks the input (weights, target above the enrolled count, at least one site that enrols).
Forecast forecast(const Protocol& protocol, const std::vector<Site>& sites, const ForecastInput& in,
                  const ForecastOptions& options);

}  // namespace planner
