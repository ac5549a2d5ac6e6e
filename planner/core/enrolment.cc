#include "planner/core/enrolment.h"

#include <cmath>

namespace planner {
namespace {

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30U)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27U)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31U);
}

// The score of beta for a fixed alpha: positive below the profile maximum, negative above it.
double beta_score(const std::vector<SiteEnrolment>& sites, double alpha, double beta) {
  double s = 0;
  for (const SiteEnrolment& e : sites) s += alpha / beta - (alpha + static_cast<double>(e.count)) / (beta + e.exposure);
  return s;
}

double profile_beta(const std::vector<SiteEnrolment>& sites, double alpha) {
  double lo = -30;  // log beta
  double hi = 30;
  for (int i = 0; i < 200; ++i) {
    const double mid = (lo + hi) / 2;
    (beta_score(sites, alpha, std::exp(mid)) > 0 ? lo : hi) = mid;
  }
  return std::exp((lo + hi) / 2);
}

double log_likelihood(const std::vector<SiteEnrolment>& sites, double alpha, double beta) {
  double ll = 0;
  for (const SiteEnrolment& e : sites) {
    const auto n = static_cast<double>(e.count);
    ll += std::lgamma(alpha + n) - std::lgamma(alpha) - std::lgamma(n + 1) + alpha * std::log(beta) -
          (alpha + n) * std::log(beta + e.exposure);
    if (e.count > 0) ll += n * std::log(e.exposure);
  }
  return ll;
}

double profile(const std::vector<SiteEnrolment>& sites, double log_alpha) {
  const double alpha = std::exp(log_alpha);
  return log_likelihood(sites, alpha, profile_beta(sites, alpha));
}

}  // namespace

RateModel RateModel::from_mean(double mean_per_day, double cv) {
  if (cv == 0) return RateModel{mean_per_day};
  return RateModel{mean_per_day, 1 / (cv * cv)};
}

RateModel RateModel::from_gamma(double alpha, double beta_days) { return RateModel{alpha / beta_days, alpha}; }

Rng run_stream(std::uint64_t seed, std::uint64_t run) {
  std::uint64_t state = seed;
  const std::uint64_t a = splitmix64(state);
  state = a ^ run;
  std::seed_seq seq{splitmix64(state), splitmix64(state), splitmix64(state), splitmix64(state)};
  return Rng{seq};
}

double draw_rate(const RateModel& model, Rng& rng) {
  if (model.exact()) return model.mean;
  return std::gamma_distribution<double>{model.shape, 1 / model.rate()}(rng);
}

Arrivals::Arrivals(std::vector<double> start, std::vector<double> rate, Rng& rng)
    : next_{std::move(start)}, rate_{std::move(rate)}, rng_{rng} {
  for (std::size_t i = 0; i < next_.size(); ++i)
    next_[i] = rate_[i] > 0 ? next_[i] + std::exponential_distribution<double>{rate_[i]}(rng_)
                            : std::numeric_limits<double>::infinity();
}

Arrivals::Arrival Arrivals::next() {
  std::size_t first = 0;
  for (std::size_t i = 1; i < next_.size(); ++i)
    if (next_[i] < next_[first]) first = i;
  if (next_.empty()) return {std::numeric_limits<double>::infinity(), 0};
  const Arrival a{next_[first], first};
  if (rate_[first] > 0) next_[first] += std::exponential_distribution<double>{rate_[first]}(rng_);
  return a;
}

RateFit fit_rates(const std::vector<SiteEnrolment>& sites) {
  constexpr double kGolden = 0.6180339887498949;
  double lo = std::log(1e-3);
  double hi = std::log(1e6);
  double x1 = hi - kGolden * (hi - lo);
  double x2 = lo + kGolden * (hi - lo);
  double f1 = profile(sites, x1);
  double f2 = profile(sites, x2);
  for (int i = 0; i < 120; ++i) {
    if (f1 < f2) {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + kGolden * (hi - lo);
      f2 = profile(sites, x2);
    } else {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - kGolden * (hi - lo);
      f1 = profile(sites, x1);
    }
  }
  const double alpha = std::exp((lo + hi) / 2);
  const double beta = profile_beta(sites, alpha);
  return {alpha, beta, log_likelihood(sites, alpha, beta)};
}

RateModel posterior(const RateFit& fit, const SiteEnrolment& seen) {
  return RateModel::from_gamma(fit.alpha + static_cast<double>(seen.count), fit.beta + seen.exposure);
}

}  // namespace planner
