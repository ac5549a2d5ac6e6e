// Enrolment: the Poisson-gamma model of multicentre recruitment (Anisimov & Fedorov 2007). Each site
// enrols from its activation date as a Poisson process whose rate is itself uncertain: drawn, once per
// simulated trial, from Gamma(shape alpha, rate beta), mean alpha/beta subjects a day. A shape of infinity
// is a rate known exactly (a plain Poisson process).
//
//   RateModel r = RateModel::from_mean(0.5 / 7, 0.5);  // 0.5 subjects a week, coefficient of variation 0.5
//   r.shape == 4, r.rate == 56                          // alpha = 1/cv^2, beta = alpha/mean (per day)
//
// With K sites active from day 0 and rates Gamma(alpha, beta) the number enrolled by day t is negative
// binomial with r = K alpha and p = beta/(beta + t) (tests/core/enrolment_test.cc checks the simulation
// against it). fit_rates() estimates alpha and beta by maximum likelihood from the counts seen so far.
//
// Random draws: std::mt19937_64 seeded per run from (seed, run) by splitmix64 (run streams do not depend on
// the thread that draws them), with std::gamma_distribution, std::exponential_distribution and
// std::uniform_real_distribution. The engine's output is fixed by the C++ standard; the distributions are
// libstdc++'s (fixed for a given library version: g++ 12 on Debian bookworm gives the bytes of our goldens).
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

namespace planner {

struct RateModel {
  double mean = 0;                                         // subjects a day, > 0
  double shape = std::numeric_limits<double>::infinity();  // alpha > 0; infinity: the rate is exactly `mean`

  static RateModel from_mean(double mean_per_day, double cv);   // cv 0: exact
  static RateModel from_gamma(double alpha, double beta_days);  // both > 0
  double rate() const { return shape / mean; }                  // beta, per day
  bool exact() const { return shape == std::numeric_limits<double>::infinity(); }
};

using Rng = std::mt19937_64;
// The generator of run `run` of a forecast seeded with `seed`: the same whatever thread draws it.
Rng run_stream(std::uint64_t seed, std::uint64_t run);

// One draw of a site's rate (subjects a day).
double draw_rate(const RateModel& model, Rng& rng);

// The arrivals of several sites, merged in time order. Site i starts at `start[i]` days (>= 0) with the
// rate `rate[i]` (0: never enrols).
class Arrivals {
 public:
  Arrivals(std::vector<double> start, std::vector<double> rate, Rng& rng);
  struct Arrival {
    double time = 0;  // days from the origin
    std::size_t site = 0;
  };
  // The next arrival; time is infinity when no site enrols.
  Arrival next();

 private:
  std::vector<double> next_;
  std::vector<double> rate_;
  Rng& rng_;
};

// What one site has enrolled by the cut-off: `count` subjects over `exposure` days of being active.
struct SiteEnrolment {
  long count = 0;
  double exposure = 0;  // days, >= 0
};

// The maximum-likelihood alpha and beta (per day) of the Poisson-gamma model given each site's count and
// exposure: each count is negative binomial, P(n) = G(alpha+n)/(G(alpha) n!) (beta/(beta+t))^alpha
// (t/(beta+t))^n. beta is profiled out (for a fixed alpha it solves the score equation); alpha is found by
// golden-section search on log alpha in [1e-3, 1e6]. When the counts show no spread beyond Poisson the
// likelihood grows with alpha and the estimate stops at the upper bound: the rate is then known exactly.
struct RateFit {
  double alpha = 0;
  double beta = 0;
  double log_likelihood = 0;
};
RateFit fit_rates(const std::vector<SiteEnrolment>& sites);

// Site i's rate once `seen` is known: Gamma(alpha + count, beta + exposure) (the Bayesian update).
RateModel posterior(const RateFit& fit, const SiteEnrolment& seen);

}  // namespace planner
