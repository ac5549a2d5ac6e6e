// Workload: how many visits, doses and assessments each site has per day, how much of each product must be
// ready, and how much of the site's capacity that uses, counted from planned calendars (so its sums equal the
// calendar's rows). A day's counts are a Tally; by_period() sums them per day or ISO week for the writers
// (planner/io/write/workload).
//
//   Workload w{protocol};                 // Nahm 2023: W0 has 4 assessments and, in arm SERUM, 5 mL of serum
//   w.add(0, subject, visits);            // for every subject (any order: only sums are kept)
//   w.merge(other);                       // per-thread workloads combine into one
//   w.days()                              // two SERUM subjects with Day 1 = 2026-01-05 at site 0:
//                                         //   {0, 2026-01-05} -> visits 2, doses 2, assessments 8,
//                                         //                      product {"autologous serum", "mL"}: 10
//   by_period(w, sites, Period::week)     // one PeriodLoad per site and ISO week, in date order
//
// A dose of unstated amount counts as one unit "doses" of its product: {"autologous serum", "doses"}: 1.
// A dosing period ([[dosing_period]]) adds its product on its dispensing visits' days: the doses until the next
// dispensing visit times the amount of one dose (planner/core/home_dosing.h); its doses at home are not site
// doses (a period `where = "site"` counts one dose on each of its days).
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "planner/core/date.h"
#include "planner/core/protocol.h"
#include "planner/core/scheduler.h"
#include "planner/core/site.h"
#include "planner/core/subject.h"

namespace planner {

enum class Period { day, week };  // weeks are ISO weeks: Monday to Sunday

struct Tally {
  long visits = 0;
  long doses = 0;
  long assessments = 0;
  long conflicts = 0;
  std::map<std::pair<std::string, std::string>, double> product;  // (product, unit) -> amount needed
  void add(const Tally& other);
};

class Workload {
 public:
  explicit Workload(const Protocol& protocol);
  void add(std::size_t site, const Subject& subject, const std::vector<PlannedVisit>& visits);
  void merge(const Workload& other);
  const std::map<std::pair<std::size_t, Date>, Tally>& days() const { return days_; }  // (site, date)

 private:
  void add_period(std::size_t site, const Subject& subject, const std::vector<PlannedVisit>& visits,
                  const DosingPeriod& period);
  const Protocol& protocol_;
  std::map<std::pair<std::size_t, Date>, Tally> days_;
};

// One site's day or week: the sum of its days, its busiest day (most visits) and how many of its days have
// more visits than the site's capacity.
struct PeriodLoad {
  std::size_t site = 0;
  Date start;  // the day, or the Monday of the ISO week
  Tally tally;
  long busiest = 0;
  long days_over_capacity = 0;
};

// The periods with visits, by site then date. `sites` gives capacities (a site index past its end, or a site
// without capacity, is never over).
std::vector<PeriodLoad> by_period(const Workload& w, const std::vector<Site>& sites, Period period);

// The day itself, or the Monday that starts its ISO week.
Date period_start(Date day, Period period);

}  // namespace planner
