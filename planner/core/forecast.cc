#include "planner/core/forecast.h"

#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>
#include <map>
#include <numeric>
#include <stdexcept>
#include <thread>

#include "planner/core/dose.h"

namespace planner {

void Histogram::add(long value, std::uint64_t times) {
  if (value < 0 || times == 0) return;
  const auto v = static_cast<std::size_t>(value);
  if (v >= counts_.size()) counts_.resize(v + 1, 0);
  counts_[v] += times;
  counted_ += times;
}

void Histogram::merge(const Histogram& other) {
  for (std::size_t v = 0; v < other.counts_.size(); ++v) add(static_cast<long>(v), other.counts_[v]);
}

long Histogram::quantile(double q, std::uint64_t runs) const {
  const auto need = static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(runs) - 1e-9));
  std::uint64_t seen = runs - counted_;  // the runs not counted are zeros
  for (std::size_t v = 0; v < counts_.size(); ++v) {
    seen += counts_[v];
    if (seen >= need) return static_cast<long>(v);
  }
  return counts_.empty() ? 0 : static_cast<long>(counts_.size() - 1);
}

double Histogram::mean(std::uint64_t runs) const {
  double sum = 0;
  for (std::size_t v = 0; v < counts_.size(); ++v) sum += static_cast<double>(v) * static_cast<double>(counts_[v]);
  return runs == 0 ? 0 : sum / static_cast<double>(runs);
}

Forecast::Forecast(std::size_t sites, Date first_day, Period period, Date origin)
    : measures_{{"visits", "", 1}, {"doses", "", 1}, {"assessments", "", 1}},
      sites_{sites},
      first_period_{period_start(first_day, period)},
      period_{period},
      origin_{origin},
      cells_(sites),
      over_(sites) {}

Date Forecast::period_date(std::size_t p) const {
  return first_period_ + Days{static_cast<long>(p) * (period_ == Period::week ? 7 : 1)};
}

std::size_t Forecast::period_of(Date day) const {
  return static_cast<std::size_t>((period_start(day, period_) - first_period_).count() /
                                  (period_ == Period::week ? 7 : 1));
}

const Histogram& Forecast::cell(std::size_t site, std::size_t p, std::size_t measure) const {
  return cells_[site][p * measures_.size() + measure];
}

std::uint64_t Forecast::runs_over_capacity(std::size_t site, std::size_t p) const { return over_[site][p]; }

void Forecast::grow(std::size_t periods) {
  if (periods <= periods_) return;
  periods_ = periods;
  for (std::size_t s = 0; s < sites_; ++s) {
    cells_[s].resize(periods_ * measures_.size());
    over_[s].resize(periods_, 0);
  }
}

void Forecast::add_run(const std::vector<std::vector<std::int32_t>>& counts,
                       const std::vector<std::vector<std::uint8_t>>& over, long target_day, long last_visit) {
  const std::size_t m = measures_.size();
  for (std::size_t s = 0; s < sites_; ++s) {
    grow(over[s].size());
    for (std::size_t i = 0; i < counts[s].size(); ++i)
      if (counts[s][i] != 0) cells_[s][i].add(counts[s][i]);
    for (std::size_t p = 0; p < over[s].size() && p * m < counts[s].size(); ++p) over_[s][p] += over[s][p];
  }
  target_day_.add(target_day);
  last_visit_.add(last_visit);
  ++runs_;
}

void Forecast::merge(const Forecast& other) {
  grow(other.periods_);
  for (std::size_t s = 0; s < sites_; ++s) {
    for (std::size_t i = 0; i < other.cells_[s].size(); ++i) cells_[s][i].merge(other.cells_[s][i]);
    for (std::size_t p = 0; p < other.over_[s].size(); ++p) over_[s][p] += other.over_[s][p];
  }
  target_day_.merge(other.target_day_);
  last_visit_.merge(other.last_visit_);
  runs_ += other.runs_;
}

namespace {

// What one visit adds to each measure, per arm: [arm][visit] -> (measure, amount in quanta) pairs after the
// visit itself (measure 0).
struct CostTable {
  std::vector<Forecast::Measure> products;                                           // measures 3...
  std::vector<std::vector<std::vector<std::pair<std::size_t, std::int32_t>>>> cost;  // [arm][visit]
};

std::int64_t pow10(int n) {
  std::int64_t x = 1;
  for (int i = 0; i < n; ++i) x *= 10;
  return x;
}

// Products with their units, and each dose's amount as a multiple of the gcd of the product's amounts (so a
// cell's amount is an exact count of quanta).
CostTable cost_table(const Protocol& protocol) {
  struct Dose {
    std::size_t arm, visit, key;
    Decimal amount;
  };
  std::map<std::pair<std::string, std::string>, std::size_t> keys;
  std::vector<Dose> doses;
  CostTable t;
  t.cost.assign(protocol.arms.size(),
                std::vector<std::vector<std::pair<std::size_t, std::int32_t>>>(protocol.visits.size()));
  for (std::size_t a = 0; a < protocol.arms.size(); ++a)
    for (std::size_t v = 0; v < protocol.visits.size(); ++v) {
      const Visit& visit = protocol.visits[v];
      if (!visit.applies_to(protocol.arms[a].id)) continue;
      for (std::size_t i : activities_for(protocol, visit, protocol.arms[a].id)) {
        const Activity& act = protocol.activities[i];
        if (act.kind == ActivityKind::assessment) t.cost[a][v].emplace_back(2, 1);
        if (act.kind != ActivityKind::dose) continue;
        t.cost[a][v].emplace_back(1, 1);
        const auto amount = amount_of(visit, act);
        const auto key = keys.emplace(std::pair{act.product, amount ? amount->unit : "doses"}, keys.size()).first;
        const Decimal value = amount ? amount->value : Decimal{1, 0};
        if (value.scaled > 0) doses.push_back({a, v, key->second, value});
      }
    }
  std::vector<int> places(keys.size(), 0);
  for (const Dose& d : doses) places[d.key] = std::max(places[d.key], d.amount.places);
  const auto scaled = [&](const Dose& d) { return d.amount.scaled * pow10(places[d.key] - d.amount.places); };
  std::vector<std::int64_t> gcd(keys.size(), 0);
  for (const Dose& d : doses) gcd[d.key] = std::gcd(gcd[d.key], scaled(d));
  for (std::int64_t& g : gcd)
    if (g == 0) g = 1;                         // a product whose every amount is 0: nothing to count
  std::vector<std::size_t> rank(keys.size());  // measures in (product, unit) order, as `planner load` lists them
  for (const auto& [key, k] : keys) {
    rank[k] = t.products.size();
    t.products.push_back({key.first, key.second, static_cast<double>(gcd[k]) / static_cast<double>(pow10(places[k]))});
  }
  for (const Dose& d : doses)
    t.cost[d.arm][d.visit].emplace_back(3 + rank[d.key], static_cast<std::int32_t>(scaled(d) / gcd[d.key]));
  return t;
}

std::size_t draw_arm(const std::vector<double>& weights, double x) {
  for (std::size_t a = 0; a < weights.size(); ++a) {
    if (x < weights[a]) return a;
    x -= weights[a];
  }
  std::size_t last = weights.size() - 1;  // rounding: the last arm with weight
  while (last > 0 && weights[last] == 0) --last;
  return last;
}

// One run's state: bookings and counts per site. A copy of the state after the enrolled subjects starts
// every run.
struct RunState {
  std::vector<SiteLoad> loads;
  std::vector<std::vector<std::int32_t>> counts;      // [site][period * measures + measure]
  std::vector<std::vector<std::uint8_t>> over;        // [site][period]: a day over capacity
  std::vector<std::vector<std::int32_t>> day_visits;  // [site][day from first_day]
  Date last_visit = kFirstDate;
};

class Simulation {
 public:
  Simulation(const Protocol& protocol, const std::vector<Site>& sites, const ForecastInput& in, Date first_day)
      : protocol_{protocol},
        scheduler_{protocol},
        sites_{sites},
        in_{in},
        table_{cost_table(protocol)},
        first_day_{first_day},
        first_period_{period_start(first_day, in.period)} {}

  const CostTable& table() const { return table_; }
  std::size_t measures() const { return 3 + table_.products.size(); }

  RunState enrolled() {
    RunState st;
    for (const Site& s : sites_) st.loads.emplace_back(s.capacity, minutes_capacity(s));
    st.counts.resize(sites_.size());
    st.over.resize(sites_.size());
    st.day_visits.resize(sites_.size());
    for (const auto& [site, subject] : in_.enrolled) place(st, site, subject, arm_index(subject.arm), kNever);
    return st;
  }

  // One run from the state after the enrolled subjects; adds it to `out`.
  void run(std::uint64_t seed, std::uint64_t r, const RunState& start, Forecast& out) {
    Rng rng = run_stream(seed, r);
    RunState st = start;
    Date last_day1 = in_.origin;
    for (const Enrollee& e : draw_enrolment(protocol_, in_, rng)) {
      place(st, e.site, e.subject, e.arm, e.dropout);
      last_day1 = e.subject.day1;
    }
    out.add_run(st.counts, st.over, (last_day1 - in_.origin).count(), (st.last_visit - in_.origin).count());
  }

 private:
  static constexpr double kNever = std::numeric_limits<double>::infinity();

  std::size_t arm_index(const std::string& id) const {
    for (std::size_t a = 0; a < protocol_.arms.size(); ++a)
      if (protocol_.arms[a].id == id) return a;
    return 0;
  }

  std::size_t period_of(Date day) const {
    return static_cast<std::size_t>((period_start(day, in_.period) - first_period_).count() /
                                    (in_.period == Period::week ? 7 : 1));
  }

  void place(RunState& st, std::size_t site, const Subject& subject, std::size_t arm, double dropout) {
    const PlanRequest request{subject.day1, subject.arm, &sites_[site].calendar, in_.prefer, &st.loads[site]};
    const std::size_t m = measures();
    for (const PlannedVisit& pv : scheduler_.plan(request)) {
      if (static_cast<double>((pv.scheduled - subject.day1).count()) >= dropout) continue;
      if (pv.scheduled < first_day_) throw std::logic_error{"forecast: a visit before the first day counted"};
      const std::size_t p = period_of(pv.scheduled);
      std::vector<std::int32_t>& counts = st.counts[site];
      if (counts.size() < (p + 1) * m) {
        counts.resize((p + 1) * m, 0);
        st.over[site].resize(p + 1, 0);
      }
      ++counts[p * m];
      for (const auto& [measure, amount] : table_.cost[arm][pv.visit]) counts[p * m + measure] += amount;
      const auto d = static_cast<std::size_t>((pv.scheduled - first_day_).count());
      std::vector<std::int32_t>& days = st.day_visits[site];
      if (days.size() <= d) days.resize(d + 1, 0);
      const auto& capacity = sites_[site].capacity;
      if (capacity && ++days[d] == *capacity + 1) st.over[site][p] = 1;
      st.last_visit = std::max(st.last_visit, pv.scheduled);
    }
  }

  const Protocol& protocol_;
  Scheduler scheduler_;  // every simulated subject is planned by it
  const std::vector<Site>& sites_;
  const ForecastInput& in_;
  CostTable table_;
  Date first_day_;
  Date first_period_;
};

}  // namespace

std::vector<Enrollee> draw_enrolment(const Protocol& protocol, const ForecastInput& in, Rng& rng) {
  std::vector<double> rates;
  for (const RateModel& m : in.rates) rates.push_back(draw_rate(m, rng));
  Arrivals arrivals{in.start, rates, rng};
  std::uniform_real_distribution<double> uniform{0, 1};
  const double total = std::accumulate(in.arm_weights.begin(), in.arm_weights.end(), 0.0);
  std::vector<Enrollee> out;
  for (auto randomised = static_cast<long>(in.enrolled.size()); randomised < in.target;) {
    const Arrivals::Arrival a = arrivals.next();
    if (!std::isfinite(a.time)) break;  // no site enrols (the caller refuses such input)
    if (in.screen_fail > 0 && uniform(rng) < in.screen_fail) continue;
    const std::size_t arm = draw_arm(in.arm_weights, uniform(rng) * total);
    const double dropout = in.dropout_per_week > 0 ? std::exponential_distribution<double>{in.dropout_per_week / 7}(rng)
                                                   : std::numeric_limits<double>::infinity();
    const Date day1 = in.origin + Days{static_cast<long>(std::floor(a.time))};
    out.push_back({a.site, Subject{"", protocol.arms[arm].id, "", day1}, arm, dropout});
    ++randomised;
  }
  return out;
}

namespace {

// The earliest day any visit can be on: the earliest Day 1 plus the earliest window start of any arm.
Date first_day(const Protocol& protocol, const ForecastInput& in) {
  Date day1 = in.origin;
  for (const auto& [site, subject] : in.enrolled) day1 = std::min(day1, subject.day1);
  Date first = day1;
  for (const Arm& arm : protocol.arms)
    for (const PlannedVisit& pv : plan(protocol, PlanRequest{day1, arm.id})) first = std::min(first, pv.earliest);
  // A year of margin: month lengths move month-timed visits by a few days, and a chained visit follows its
  // reference when that one moves earlier.
  return first - Days{366};
}

}  // namespace

Forecast forecast(const Protocol& protocol, const std::vector<Site>& sites, const ForecastInput& in,
                  const ForecastOptions& options) {
  const Date first = first_day(protocol, in);
  Simulation sim{protocol, sites, in, first};
  const RunState enrolled = sim.enrolled();
  const unsigned threads = std::max(1U, options.threads);
  std::vector<Forecast> parts(threads, Forecast{sites.size(), first, in.period, in.origin});
  for (Forecast& f : parts)
    for (const Forecast::Measure& m : sim.table().products) f.add_measure(m);
  // Each thread stops at its first error; the error of the earliest run is rethrown, so the message does not
  // depend on the thread count.
  std::vector<std::pair<std::uint64_t, std::exception_ptr>> errors(threads, {options.runs, nullptr});
  const auto share = [&](unsigned t) {
    std::uint64_t r = t;
    try {
      for (; r < options.runs; r += threads) sim.run(options.seed, r, enrolled, parts[t]);
    } catch (...) {
      errors[t] = {r, std::current_exception()};
    }
  };
  std::vector<std::thread> workers;
  for (unsigned t = 1; t < threads; ++t) workers.emplace_back(share, t);
  share(0);
  for (std::thread& w : workers) w.join();
  const auto earliest = std::min_element(errors.begin(), errors.end(),
                                         [](const auto& a, const auto& b) { return a.first < b.first; });
  if (earliest->second) std::rethrow_exception(earliest->second);
  for (unsigned t = 1; t < threads; ++t) parts[0].merge(parts[t]);
  return std::move(parts[0]);
}

}  // namespace planner
