#include "planner/io/cohort.h"

#include <array>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>

#include "planner/core/error.h"

namespace planner {
namespace {

constexpr std::size_t kChunk = 4096;  // subjects read and planned per batch

}  // namespace

CohortPlanner::CohortPlanner(const Protocol& protocol, const std::vector<Site>* sites, const SiteCalendar* calendar,
                             Prefer prefer, unsigned threads)
    : protocol_{protocol}, sites_{sites}, calendar_{calendar}, prefer_{prefer}, threads_{threads ? threads : 1} {
  if (sites_)
    for (const Site& s : *sites_) loads_.emplace_back(s.capacity);
}

void CohortPlanner::run(RosterReader& roster, const Work& work, const Emit& emit, const Progress& progress) {
  // Two batches: while the writer thread emits one, the other is read and planned.
  struct Batch {
    std::vector<PlannedSubject> subjects{kChunk};
    std::vector<std::string> texts{kChunk};
    std::size_t size = 0;
    bool writing = false;  // handed to the writer, not yet emitted
  };
  std::array<Batch, 2> batches;
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<Batch*> to_write;
  bool finished = false;
  std::exception_ptr write_error;

  std::thread writer{[&] {
    for (;;) {
      Batch* batch = nullptr;
      {
        std::unique_lock lock{mutex};
        changed.wait(lock, [&] { return !to_write.empty() || finished; });
        if (to_write.empty()) return;
        batch = to_write.front();
      }
      try {
        if (!write_error)
          for (std::size_t i = 0; i < batch->size; ++i) emit(batch->texts[i]);
      } catch (...) {
        write_error = std::current_exception();
      }
      std::lock_guard lock{mutex};
      to_write.pop_front();
      batch->writing = false;
      changed.notify_all();
    }
  }};
  const auto stop_writer = [&] {
    {
      std::lock_guard lock{mutex};
      finished = true;
    }
    changed.notify_all();
    writer.join();
  };

  try {
    std::size_t done = 0;
    for (std::size_t turn = 0;; ++turn) {
      Batch& batch = batches[turn % 2];
      {
        std::unique_lock lock{mutex};
        changed.wait(lock, [&] { return !batch.writing; });
        if (write_error) break;
      }
      batch.size = 0;
      while (batch.size < kChunk && roster.next(batch.subjects[batch.size].subject, batch.subjects[batch.size].site))
        batch.subjects[batch.size++].line = roster.line();
      if (batch.size == 0) break;
      plan_batch(roster, batch.subjects, batch.texts, batch.size, work);
      {
        std::lock_guard lock{mutex};
        batch.writing = true;
        to_write.push_back(&batch);
      }
      changed.notify_all();
      done += batch.size;
      if (progress) progress(done);
    }
  } catch (...) {
    stop_writer();
    throw;
  }
  stop_writer();
  if (write_error) std::rethrow_exception(write_error);
}

void CohortPlanner::plan_batch(const RosterReader& roster, std::vector<PlannedSubject>& chunk,
                               std::vector<std::string>& texts, std::size_t n, const Work& work) {
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
}

}  // namespace planner
