// The forecast through the real scheduler: the time to reach the target against its closed form, one run
// against the workload of the same subjects planned as `planner load` plans a roster, and the same bytes for
// any thread count. Monte-Carlo bound as in enrolment_test.cc: 5 sqrt(q(1-q)/R) on the distribution.
#include "planner/core/forecast.h"

#include <gtest/gtest.h>

#include <cmath>

#include "planner/io/iso8601.h"
#include "test_protocol.h"

namespace planner {
namespace {

using namespace date::literals;

// W0 on Day 1, W1 a week later (window 2 days each way), W4 four weeks later (3 days): INJ, SAL (2.5 mL, arm
// B) and Q at W0; INJ and SAL at 0.5 mL at W1; Q at W4.
Protocol protocol() {
  return testing::test_protocol(testing::test_dose("SAL", "saline", "2.5 mL", R"("B")") +
                                testing::test_visit("W0", "P0D", 0, 0, R"("INJ", "SAL", "Q")") +
                                testing::test_visit("W1", "P1W", 2, 2, R"("INJ", "SAL")", "amount = \"0.5 mL\"\n") +
                                testing::test_visit("W4", "P4W", 3, 3, R"("Q")"));
}

// Two sites closed at weekends, capacity 1 and 2.
std::vector<Site> sites() {
  std::vector<Site> out(2);
  out[0].id = "S1";
  out[1].id = "S2";
  out[0].capacity = 1;
  out[1].capacity = 2;
  for (Site& s : out) {
    s.calendar.close(date::Saturday);
    s.calendar.close(date::Sunday);
  }
  return out;
}

ForecastInput input(std::vector<RateModel> rates, long target) {
  ForecastInput in;
  in.origin = 2026_y / 1 / 5;
  in.target = target;
  in.start.assign(rates.size(), 0.0);
  in.rates = std::move(rates);
  in.arm_weights = {1, 1};
  return in;
}

// P(N(t) >= n) for the negative binomial r = K alpha, p = beta / (beta + t).
double reached_by(double r, double p, long n) {
  double term = std::pow(p, r);
  double below = 0;
  for (long i = 0; i < n; ++i) {
    below += term;
    term *= (r + static_cast<double>(i)) / static_cast<double>(i + 1) * (1 - p);
  }
  return 1 - below;
}

// The day the target's Day 1 falls on is floor(T_N), so P(day <= d) = P(T_N < d + 1) = P(N(d + 1) >= N).
TEST(Forecast, TargetDayFollowsTheNegativeBinomial) {
  constexpr double kAlpha = 1.5;
  constexpr double kBeta = 20;
  constexpr long kTarget = 25;
  const std::vector<Site> open(3);  // every day open, no capacity
  const ForecastInput in = input(std::vector<RateModel>(3, RateModel::from_gamma(kAlpha, kBeta)), kTarget);
  const Forecast f = forecast(protocol(), open, in, {2000, 3, 2});
  const auto runs = static_cast<double>(f.runs());
  for (const double q : {0.05, 0.5, 0.95}) {
    const long d = f.target_day().quantile(q, f.runs());
    const double bound = 5 * std::sqrt(q * (1 - q) / runs);
    const double r = 3 * kAlpha;
    EXPECT_GE(reached_by(r, kBeta / (kBeta + static_cast<double>(d + 1)), kTarget), q - bound) << q;
    EXPECT_LE(reached_by(r, kBeta / (kBeta + static_cast<double>(d)), kTarget), q + bound) << q;
  }
}

// Rates known exactly, no screen failures or dropouts, one run: every cell is the workload of that run's
// subjects planned one after another against each site's bookings (what `planner load` does with a roster).
TEST(Forecast, OneRunIsTheWorkloadOfItsSubjects) {
  const Protocol p = protocol();
  const std::vector<Site> s = sites();
  const ForecastInput in = input({RateModel::from_mean(0.6, 0), RateModel::from_mean(0.9, 0)}, 40);
  const Forecast f = forecast(p, s, in, {1, 9, 1});

  Rng rng = run_stream(9, 0);
  std::vector<SiteLoad> loads{SiteLoad{1}, SiteLoad{2}};
  Workload w{p};
  const std::vector<Enrollee> subjects = draw_enrolment(p, in, rng);
  ASSERT_EQ(subjects.size(), 40U);
  for (const Enrollee& e : subjects)
    w.add(e.site, e.subject,
          plan(p, PlanRequest{e.subject.day1, e.subject.arm, &s[e.site].calendar, Prefer::earlier, &loads[e.site]}));
  const std::vector<PeriodLoad> expected = by_period(w, s, Period::week);
  long visits = 0;
  long over = 0;
  for (const PeriodLoad& l : expected) {
    const std::size_t period = f.period_of(l.start);
    SCOPED_TRACE(format_date(l.start));
    EXPECT_EQ(f.cell(l.site, period, 0).quantile(0.5, 1), l.tally.visits);
    EXPECT_EQ(f.cell(l.site, period, 1).quantile(0.5, 1), l.tally.doses);
    EXPECT_EQ(f.cell(l.site, period, 2).quantile(0.5, 1), l.tally.assessments);
    for (std::size_t m = 3; m < f.measures().size(); ++m) {
      const auto& measure = f.measures()[m];
      const auto it = l.tally.product.find({measure.name, measure.unit});
      const double amount = it == l.tally.product.end() ? 0 : it->second;
      EXPECT_DOUBLE_EQ(static_cast<double>(f.cell(l.site, period, m).quantile(1, 1)) * measure.quantum, amount);
    }
    EXPECT_EQ(f.runs_over_capacity(l.site, period), l.days_over_capacity > 0 ? 1U : 0U);
    visits += l.tally.visits;
    over += l.days_over_capacity;
  }
  long counted = 0;
  for (std::size_t site = 0; site < 2; ++site)
    for (std::size_t period = 0; period < f.periods(); ++period) counted += f.cell(site, period, 0).quantile(1, 1);
  EXPECT_EQ(counted, visits);  // and no visits elsewhere
  EXPECT_EQ(visits, 40 * 3);
  EXPECT_GT(over, 0);  // capacity 1 and 2 against 1.5 subjects a day: some days are over, and so compared
  EXPECT_EQ(f.target_day().quantile(1, 1), (subjects.back().subject.day1 - in.origin).count());
}

TEST(Forecast, SameForecastForAnyThreadCount) {
  const Protocol p = protocol();
  ForecastInput in = input({RateModel::from_mean(0.3, 0.5), RateModel::from_mean(0.5, 1)}, 30);
  in.screen_fail = 0.2;
  in.dropout_per_week = 0.05;
  const Forecast one = forecast(p, sites(), in, {200, 5, 1});
  const Forecast three = forecast(p, sites(), in, {200, 5, 3});
  ASSERT_EQ(one.periods(), three.periods());
  for (std::size_t site = 0; site < 2; ++site)
    for (std::size_t period = 0; period < one.periods(); ++period) {
      for (std::size_t m = 0; m < one.measures().size(); ++m)
        for (const double q : {0.05, 0.5, 0.95})
          EXPECT_EQ(one.cell(site, period, m).quantile(q, 200), three.cell(site, period, m).quantile(q, 200));
      EXPECT_EQ(one.runs_over_capacity(site, period), three.runs_over_capacity(site, period));
    }
  EXPECT_EQ(one.last_visit_day().mean(200), three.last_visit_day().mean(200));
}

// Dropouts remove visits: with a hazard of 100 a week nearly every subject leaves before W1.
TEST(Forecast, DropoutsHaveNoLaterVisits) {
  ForecastInput in = input({RateModel::from_mean(0.5, 0)}, 50);
  in.dropout_per_week = 100;
  const std::vector<Site> open(1);
  const Forecast f = forecast(protocol(), open, in, {20, 1, 1});
  double visits = 0;
  for (std::size_t period = 0; period < f.periods(); ++period) visits += f.cell(0, period, 0).mean(20);
  EXPECT_GE(visits, 50);  // W0 is on Day 1: before any dropout
  EXPECT_LT(visits, 52);
}

TEST(Histogram, QuantilesCountTheRunsNotAddedAsZeros) {
  Histogram h;
  h.add(3);
  h.add(5, 2);
  h.add(0);
  EXPECT_EQ(h.quantile(0.2, 6), 0);  // runs: 0 0 0 3 5 5 (two zeros never added)
  EXPECT_EQ(h.quantile(0.5, 6), 0);
  EXPECT_EQ(h.quantile(0.51, 6), 3);
  EXPECT_EQ(h.quantile(0.6, 5), 3);  // runs: 0 0 3 5 5
  EXPECT_EQ(h.quantile(0.61, 5), 5);
  EXPECT_EQ(h.quantile(1, 5), 5);
  EXPECT_DOUBLE_EQ(h.mean(5), 13.0 / 5);
}

}  // namespace
}  // namespace planner
