#include "planner/core/workload.h"

#include <algorithm>

#include "planner/core/dose.h"
#include "planner/core/home_dosing.h"

namespace planner {

void Tally::add(const Tally& o) {
  visits += o.visits;
  doses += o.doses;
  assessments += o.assessments;
  conflicts += o.conflicts;
  for (const auto& [key, amount] : o.product) product[key] += amount;
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
      if (const auto amount = amount_of(v, act))
        t.product[{act.product, amount->unit}] += amount->value.to_double();
      else
        t.product[{act.product, "doses"}] += 1;  // no amount in the protocol: count doses of the product
    }
  }
  for (const DosingPeriod& period : protocol_.dosing_periods) add_period(site, subject, visits, period);
}

// A dosing period's product is counted where it is handed out: at each dispensing visit, the doses until the
// next one times the amount of one dose. Doses at home take no room at the site; doses at the site count.
void Workload::add_period(std::size_t site, const Subject& subject, const std::vector<PlannedVisit>& visits,
                          const DosingPeriod& period) {
  const std::string& product = protocol_.activities[period.activity].product;
  for (const Dispensing& d : dispensing(protocol_, period, subject.arm, visits)) {
    auto& needed = days_[{site, d.date}].product;
    if (d.amount)
      needed[{product, d.amount->unit}] += static_cast<double>(d.doses) * d.amount->value.to_double();
    else
      needed[{product, "doses"}] += static_cast<double>(d.doses);
  }
  if (period.place == DosingPeriod::Place::site)
    for (Date day : period_dose_days(protocol_, period, subject.arm, visits)) ++days_[{site, day}].doses;
}

void Workload::merge(const Workload& other) {
  for (const auto& [key, tally] : other.days_) days_[key].add(tally);
}

Date period_start(Date day, Period period) {
  if (period == Period::day) return day;
  return day - (date::weekday{day} - date::Monday);  // weekday difference is 0..6 days
}

std::vector<PeriodLoad> by_period(const Workload& w, const std::vector<Site>& sites, Period period) {
  std::vector<PeriodLoad> out;
  for (const auto& [key, tally] : w.days()) {  // by site, then date: a period's days are consecutive
    const auto& [site, day] = key;
    const Date start = period_start(day, period);
    if (out.empty() || out.back().site != site || out.back().start != start) out.push_back({site, start, {}, 0, 0});
    PeriodLoad& p = out.back();
    p.tally.add(tally);
    p.busiest = std::max(p.busiest, tally.visits);
    const auto capacity = site < sites.size() ? sites[site].capacity : std::nullopt;
    if (capacity && tally.visits > *capacity) ++p.days_over_capacity;
  }
  return out;
}

}  // namespace planner
