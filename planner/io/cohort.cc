#include "planner/io/cohort.h"

#include <exception>
#include <thread>

#include "planner/core/error.h"

namespace planner {
namespace {

constexpr std::size_t kChunk = 4096;  // subjects read, planned and written per round

}  // namespace

CohortPlanner::CohortPlanner(const Protocol& protocol, const std::vector<Site>* sites, const SiteCalendar* calendar,
                             Prefer prefer, unsigned threads)
    : protocol_{protocol}, sites_{sites}, calendar_{calendar}, prefer_{prefer}, threads_{threads ? threads : 1} {
  if (sites_)
    for (const Site& s : *sites_) loads_.emplace_back(s.capacity);
}

void CohortPlanner::run(RosterReader& roster, const Work& work, const Emit& emit, const Progress& progress) {
  std::vector<PlannedSubject> chunk(kChunk);
  std::vector<std::string> texts(kChunk);
  std::size_t done = 0;
  for (;;) {
    std::size_t n = 0;
    while (n < kChunk && roster.next(chunk[n].subject, chunk[n].site)) chunk[n++].line = roster.line();
    if (n == 0) break;

    // Thread t plans the subjects of the sites it owns (or every t-th subject without sites).
    const auto plan_share = [&](unsigned t) {
      for (std::size_t i = 0; i < n; ++i) {
        PlannedSubject& ps = chunk[i];
        if ((sites_ ? ps.site : i) % threads_ != t) continue;
        const Site* site = sites_ ? &(*sites_)[ps.site] : nullptr;
        const PlanRequest request{ps.subject.day1, ps.subject.arm, site ? &site->calendar : calendar_, prefer_,
                                  site ? &loads_[ps.site] : nullptr};
        try {
          ps.visits = plan(protocol_, request);
        } catch (const PlanError& e) {  // say which roster row it was
          throw InputError{roster.path() + ":" + std::to_string(ps.line) + ": error: subject '" + ps.subject.id +
                           "': " + e.what()};
        }
        texts[i].clear();
        work(t, ps, texts[i]);
      }
    };
    std::vector<std::thread> workers;
    std::vector<std::exception_ptr> errors(threads_);
    for (unsigned t = 1; t < threads_; ++t)
      workers.emplace_back([&, t] {
        try {
          plan_share(t);
        } catch (...) {
          errors[t] = std::current_exception();
        }
      });
    try {
      plan_share(0);
    } catch (...) {
      errors[0] = std::current_exception();
    }
    for (std::thread& w : workers) w.join();
    for (const std::exception_ptr& e : errors)
      if (e) std::rethrow_exception(e);

    for (std::size_t i = 0; i < n; ++i) emit(texts[i]);
    done += n;
    if (progress) progress(done);
  }
}

}  // namespace planner
