// The Poisson-gamma enrolment model against its closed forms, and the rate estimator against known
// parameters. Monte-Carlo bounds: with R runs, a sample mean is within 5 standard errors (sd/sqrt(R)) of the
// true mean, a sample variance within 5 estimated standard errors (sqrt((m4 - s^4)/R)), and the empirical
// distribution within 5 sqrt(q(1-q)/R) of the true one at every quantile checked (a false alarm at 5 sigma
// is rarer than 1e-6 per check; the seeds are fixed, so the tests are deterministic).
#include "planner/core/enrolment.h"

#include <gtest/gtest.h>

#include <cmath>

#include "planner/core/forecast.h"

namespace planner {
namespace {

// Negative binomial with r = K alpha, p = beta / (beta + t): P(N(t) = n), n = 0..max.
std::vector<double> nb_pmf(double r, double p, long max) {
  std::vector<double> pmf(static_cast<std::size_t>(max) + 1);
  pmf[0] = std::pow(p, r);
  for (long n = 0; n < max; ++n)
    pmf[n + 1] = pmf[n] * (r + static_cast<double>(n)) / static_cast<double>(n + 1) * (1 - p);
  return pmf;
}

double cdf(const std::vector<double>& pmf, long n) {
  double c = 0;
  for (long i = 0; i <= n && i < static_cast<long>(pmf.size()); ++i) c += pmf[i];
  return c;
}

constexpr int kSites = 4;
constexpr double kAlpha = 2.5;
constexpr double kBeta = 30;  // days: mean rate 1/12 a day per site
constexpr std::uint64_t kRuns = 10000;

// Enrolment by day t in each run: K sites from day 0, rates Gamma(alpha, beta).
std::vector<long> enrolled_by(double t) {
  std::vector<long> out;
  for (std::uint64_t r = 0; r < kRuns; ++r) {
    Rng rng = run_stream(7, r);
    std::vector<double> rates;
    rates.reserve(kSites);
    for (int s = 0; s < kSites; ++s) rates.push_back(draw_rate(RateModel::from_gamma(kAlpha, kBeta), rng));
    Arrivals arrivals{std::vector<double>(kSites, 0.0), rates, rng};
    long n = 0;
    while (arrivals.next().time <= t) ++n;
    out.push_back(n);
  }
  return out;
}

TEST(Enrolment, CountByDayIsNegativeBinomial) {
  for (const double t : {10.0, 60.0, 250.0}) {
    const std::vector<long> n = enrolled_by(t);
    const double r = kSites * kAlpha;
    const double p = kBeta / (kBeta + t);
    const double mean = r * (1 - p) / p;
    const double variance = mean / p;
    double m = 0;
    for (long x : n) m += static_cast<double>(x);
    m /= kRuns;
    double s2 = 0;
    double m4 = 0;
    for (long x : n) {
      const double d = static_cast<double>(x) - m;
      s2 += d * d;
      m4 += d * d * d * d;
    }
    s2 /= kRuns - 1;
    m4 /= kRuns;
    EXPECT_NEAR(m, mean, 5 * std::sqrt(variance / kRuns)) << "t = " << t;
    EXPECT_NEAR(s2, variance, 5 * std::sqrt((m4 - s2 * s2) / kRuns)) << "t = " << t;
    Histogram h;
    for (long x : n) h.add(x);
    const std::vector<double> pmf = nb_pmf(r, p, 2000);
    for (const double q : {0.05, 0.5, 0.95}) {
      const long x = h.quantile(q, kRuns);
      const double bound = 5 * std::sqrt(q * (1 - q) / kRuns);
      EXPECT_GE(cdf(pmf, x), q - bound) << "t = " << t << ", q = " << q << ", x = " << x;
      EXPECT_LE(cdf(pmf, x - 1), q + bound) << "t = " << t << ", q = " << q << ", x = " << x;
    }
  }
}

// The estimator on 2000 simulated sites with exposures of 30 to 400 days: alpha and beta within 15 % (their
// standard errors at this size are about 5 %).
TEST(Enrolment, FitRecoversAlphaAndBeta) {
  Rng rng = run_stream(11, 0);
  std::vector<SiteEnrolment> sites;
  for (int i = 0; i < 2000; ++i) {
    const double exposure = 30 + (i % 371);
    const double rate = draw_rate(RateModel::from_gamma(kAlpha, kBeta), rng);
    sites.push_back({std::poisson_distribution<long>{rate * exposure}(rng), exposure});
  }
  const RateFit fit = fit_rates(sites);
  EXPECT_NEAR(fit.alpha, kAlpha, 0.15 * kAlpha);
  EXPECT_NEAR(fit.beta, kBeta, 0.15 * kBeta);
}

// Counts without spread beyond Poisson: alpha runs to the bound, and the mean rate is total count / exposure.
TEST(Enrolment, FitOfExactRatesKeepsTheMean) {
  Rng rng = run_stream(12, 0);
  std::vector<SiteEnrolment> sites;
  long total = 0;
  double exposure = 0;
  for (int i = 0; i < 500; ++i) {
    const double t = 100 + i % 50;
    const long n = std::poisson_distribution<long>{0.2 * t}(rng);
    sites.push_back({n, t});
    total += n;
    exposure += t;
  }
  const RateFit fit = fit_rates(sites);
  EXPECT_GT(fit.alpha, 100);
  EXPECT_NEAR(fit.alpha / fit.beta, static_cast<double>(total) / exposure, 1e-3);
}

TEST(Enrolment, PosteriorAddsCountAndExposure) {
  const RateModel m = posterior(RateFit{2, 30, 0}, SiteEnrolment{5, 70});
  EXPECT_DOUBLE_EQ(m.shape, 7);
  EXPECT_DOUBLE_EQ(m.rate(), 100);
  EXPECT_DOUBLE_EQ(m.mean, 0.07);
}

TEST(Enrolment, RunStreamsDependOnSeedAndRunOnly) {
  Rng a = run_stream(1, 5);
  Rng b = run_stream(1, 5);
  Rng c = run_stream(1, 6);
  Rng d = run_stream(2, 5);
  const auto x = a();
  EXPECT_EQ(x, b());
  EXPECT_NE(x, c());
  EXPECT_NE(x, d());
}

}  // namespace
}  // namespace planner
