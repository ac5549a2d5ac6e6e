#include "planner/io/pipeline/cohort.h"

#include <algorithm>
#include <array>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>

#include "planner/core/error.h"
#include "planner/io/source_text.h"

namespace planner {
namespace {

// Subjects per batch; four batches are in flight, so the text in memory is at most 4 x 512 subjects' (4 MiB
// of CSV, 14 MiB of iCalendar for Nahm 2023's 11 visits a subject).
constexpr std::size_t kChunk = 512;

}  // namespace

// The planning threads 1..n-1, started once for the whole run (not once a batch): run(job) has every thread
// t call job(t), thread 0 being the caller, and returns when all are done. A job must not throw.
class CohortPlanner::Crew {
 public:
  explicit Crew(unsigned threads) {
    for (unsigned t = 1; t < threads; ++t) threads_.emplace_back([this, t] { serve(t); });
  }
  ~Crew() {
    {
      const std::lock_guard lock{mutex_};
      stop_ = true;
    }
    start_.notify_all();
    for (std::thread& t : threads_) t.join();
  }
  Crew(const Crew&) = delete;
  Crew& operator=(const Crew&) = delete;

  void run(const std::function<void(unsigned)>& job) {
    {
      const std::lock_guard lock{mutex_};
      job_ = &job;
      ++round_;
      busy_ = threads_.size();
    }
    start_.notify_all();
    job(0);
    std::unique_lock lock{mutex_};
    done_.wait(lock, [&] { return busy_ == 0; });
  }

 private:
  void serve(unsigned t) {
    for (std::size_t seen = 0;;) {
      const std::function<void(unsigned)>* job = nullptr;
      {
        std::unique_lock lock{mutex_};
        start_.wait(lock, [&] { return stop_ || round_ != seen; });
        if (stop_) return;
        seen = round_;
        job = job_;
      }
      (*job)(t);
      bool last = false;
      {
        const std::lock_guard lock{mutex_};
        last = --busy_ == 0;
      }
      if (last) done_.notify_one();
    }
  }

  std::mutex mutex_;
  std::condition_variable start_, done_;
  const std::function<void(unsigned)>* job_ = nullptr;
  std::size_t round_ = 0;  // raised for each job
  std::size_t busy_ = 0;   // threads still on the current job
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

CohortPlanner::CohortPlanner(const Protocol& protocol, const std::vector<Site>* sites, const SiteCalendar* calendar,
                             Prefer prefer, unsigned threads)
    : protocol_{protocol},
      scheduler_{protocol},
      sites_{sites},
      calendar_{calendar},
      prefer_{prefer},
      threads_{threads ? threads : 1},
      memos_(threads_) {
  if (sites_)
    for (const Site& s : *sites_) loads_.emplace_back(s.capacity, minutes_capacity(s));
}

namespace {

// Whether the load has a capacity: a site without one takes any number of visits, and its bookings are not kept.
bool limited(const SiteLoad& load) { return load.capacity() || load.capacity_minutes(); }

struct Batch {
  std::vector<PlannedSubject> subjects{kChunk};
  std::vector<std::string> texts{kChunk};
  std::size_t size = 0;
};

// Batches handed from one stage to the next, in order. close() ends the stream (after an error, too).
class Handoff {
 public:
  void push(Batch* b) {
    {
      std::lock_guard lock{mutex_};
      queue_.push_back(b);
    }
    changed_.notify_all();
  }
  // The next batch, or null once closed and drained.
  Batch* pop() {
    std::unique_lock lock{mutex_};
    changed_.wait(lock, [&] { return !queue_.empty() || closed_; });
    if (queue_.empty()) return nullptr;
    Batch* b = queue_.front();
    queue_.pop_front();
    return b;
  }
  void close() {
    {
      std::lock_guard lock{mutex_};
      closed_ = true;
    }
    changed_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Batch*> queue_;
  bool closed_ = false;
};

}  // namespace

void CohortPlanner::run(RosterReader& roster, const Work& work, const Emit& emit, const Progress& progress) {
  const Next next = [&roster](PlannedSubject& ps) {
    if (!roster.next(ps.subject, ps.site)) return false;
    ps.line = roster.line();
    return true;
  };
  run(next, roster.path(), work, emit, progress);
}

void CohortPlanner::run(const Next& next, const std::string& path, const Work& work, const Emit& emit,
                        const Progress& progress) {
  // Three stages over four batches: a reader thread parses the roster, this thread plans (with the worker
  // threads), a writer thread emits. Each stage keeps the batch order, so the output is in roster order.
  std::array<Batch, 4> batches;
  Handoff free, to_plan, to_write;
  for (Batch& b : batches) free.push(&b);
  std::exception_ptr read_error, write_error;

  std::thread reader{[&] {
    try {
      for (Batch* b; (b = free.pop()) != nullptr;) {
        b->size = 0;
        while (b->size < kChunk && next(b->subjects[b->size])) ++b->size;
        if (b->size == 0) break;
        to_plan.push(b);
      }
    } catch (...) {
      read_error = std::current_exception();
    }
    to_plan.close();
  }};
  std::thread writer{[&] {
    for (Batch* b; (b = to_write.pop()) != nullptr;) {
      try {
        if (!write_error && b->size > 0) {
          emit(std::span<const std::string>{b->texts.data(), b->size});
          if (report_)
            for (std::size_t i = 0; i < b->size; ++i) report_(b->subjects[i]);
        }
      } catch (...) {
        write_error = std::current_exception();
      }
      free.push(b);
    }
  }};

  Crew crew{threads_};
  std::exception_ptr plan_error;
  std::size_t done = 0;
  for (Batch* b; (b = to_plan.pop()) != nullptr;) {
    if (!plan_error) {
      try {
        plan_batch(crew, path, b->subjects, b->texts, b->size, work);
        done += b->size;
        if (progress) progress(done);
      } catch (...) {
        plan_error = std::current_exception();
        free.close();  // the reader stops at its next batch
      }
    }
    if (plan_error) b->size = 0;  // nothing more is emitted after an error
    to_write.push(b);
  }
  free.close();
  to_write.close();
  reader.join();
  writer.join();
  // A planning error is always earlier in the roster than a reading error (that batch was never planned).
  for (const std::exception_ptr& e : {plan_error, read_error, write_error})
    if (e) std::rethrow_exception(e);
}

// The key of a plan that can be remembered (see the header): the site, the arm and Day 1, or none.
std::optional<std::uint64_t> CohortPlanner::remember_key(const PlannedSubject& ps, const PlanRequest& request) const {
  if (request.actuals || request.events || request.conflicts || request.moves || request.load) return std::nullopt;
  const Arm* arm = protocol_.find_arm(request.arm);
  if (!arm) return std::nullopt;  // the scheduler says so
  const auto arm_index = static_cast<std::uint64_t>(arm - protocol_.arms.data());
  constexpr std::uint64_t kSites = std::uint64_t{1} << 23, kArms = 256;
  if (ps.site >= kSites || arm_index >= kArms) return std::nullopt;
  const auto day = static_cast<std::uint32_t>(request.day1.time_since_epoch().count());
  return (std::uint64_t{1} << 63) | (std::uint64_t{ps.site} << 40) | (arm_index << 32) | day;  // never 0
}

void CohortPlanner::plan_subject(Memo& memo, const PlanRequest& request, PlannedSubject& ps) {
  const std::optional<std::uint64_t> key = remember_key(ps, request);
  ps.alike = key.value_or(0);
  if (!key) {
    scheduler_.plan(request, ps.visits);
    return;
  }
  if (const auto it = memo.find(*key); it != memo.end()) {
    ps.visits = it->second;
    return;
  }
  scheduler_.plan(request, ps.visits);
  if (memo.size() == kRemembered) memo.clear();
  memo.emplace(*key, ps.visits);
}

void CohortPlanner::plan_batch(Crew& crew, const std::string& path, std::vector<PlannedSubject>& chunk,
                               std::vector<std::string>& texts, std::size_t n, const Work& work) {
  // Thread t plans the subjects of the sites it owns (or every t-th subject without sites); `row` is the one
  // it is at (a local of each thread: threads writing to neighbouring memory would slow each other down).
  const auto plan_share = [&](unsigned t, std::size_t& row) {
    for (std::size_t i = 0; i < n; ++i) {
      PlannedSubject& ps = chunk[i];
      if ((sites_ ? ps.site : i) % threads_ != t) continue;
      row = i;
      const Site* site = sites_ ? &(*sites_)[ps.site] : nullptr;
      if (actuals_) {
        ps.actuals.clear();
        actuals_(ps);
      }
      ps.conflicts.clear();
      ps.moves.clear();
      const auto events = events_ ? events_->find(ps.subject.id) : EventDates::const_iterator{};
      const PlanRequest request{ps.subject.day1,
                                ps.subject.arm,
                                site ? &site->calendar : calendar_,
                                prefer_,
                                site && limited(loads_[ps.site]) ? &loads_[ps.site] : nullptr,
                                actuals_ ? &ps.actuals : nullptr,
                                report_ ? &ps.conflicts : nullptr,
                                report_ ? &ps.moves : nullptr,
                                events_ && events != events_->end() ? &events->second : nullptr};
      try {
        plan_subject(memos_[t], request, ps);
      } catch (const PlanError& e) {  // say which roster row it was
        throw InputError{located_error(path, ps.line, 0, "subject '" + ps.subject.id + "': " + e.what())};
      }
      texts[i].clear();
      work(t, ps, texts[i]);
    }
  };
  // Each thread stops at its first error; the error of the earliest roster row is the one reported, so the
  // message does not depend on the thread count.
  struct Failure {
    std::size_t row = static_cast<std::size_t>(-1);
    std::exception_ptr error;
  };
  std::vector<Failure> failures(threads_);
  const std::function<void(unsigned)> guarded = [&](unsigned t) {
    std::size_t row = 0;
    try {
      plan_share(t, row);
    } catch (...) {
      failures[t] = {row, std::current_exception()};
    }
  };
  crew.run(guarded);
  const auto first = std::min_element(failures.begin(), failures.end(),
                                      [](const Failure& a, const Failure& b) { return a.row < b.row; });
  if (first->error) std::rethrow_exception(first->error);
}

}  // namespace planner
