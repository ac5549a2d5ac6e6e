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
  std::atomic<unsigned> pending{0};  // planning threads that have not yet planned their share
  struct Failure {
    std::size_t row = static_cast<std::size_t>(-1);
    std::exception_ptr error;
  };
  std::vector<Failure> failures;  // each planning thread's first error in the batch

  // The error of the earliest row, or null.
  std::exception_ptr first_error() const {
    return std::min_element(failures.begin(), failures.end(),
                            [](const Failure& x, const Failure& y) { return x.row < y.row; })
        ->error;
  }
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
  // Three stages over four batches: a reader thread parses the roster, the planning threads (this one being
  // thread 0) plan, a writer thread emits. Each planning thread goes through every batch in order, planning its
  // share (the subjects of its sites), without waiting for the others: the last of them to finish a batch hands it
  // to the writer. A thread slowed down for a while (the reader or the writer shares its core) falls behind by a
  // batch or two instead of holding up the others at the end of each.
  std::array<Batch, 4> batches;
  Handoff free, to_write;
  std::vector<Handoff> to_plan(threads_);  // every batch, for each planning thread
  for (Batch& b : batches) {
    b.failures.resize(threads_);
    free.push(&b);
  }
  std::exception_ptr read_error, write_error, plan_error;
  std::atomic<bool> failed{false};  // a planning error: the rest is read no further, planned and emitted no more

  std::thread reader{[&] {
    try {
      for (Batch* b; !failed.load(std::memory_order_relaxed) && (b = free.pop()) != nullptr;) {
        b->size = 0;
        while (b->size < kChunk && next(b->subjects[b->size])) ++b->size;
        if (b->size == 0) break;
        b->pending.store(threads_, std::memory_order_relaxed);
        for (Batch::Failure& f : b->failures) f = {};
        for (Handoff& h : to_plan) h.push(b);  // (the queue's lock publishes the batch to each thread)
      }
    } catch (...) {
      read_error = std::current_exception();
    }
    for (Handoff& h : to_plan) h.close();
  }};
  std::thread writer{[&] {
    std::size_t done = 0;
    for (Batch* b; (b = to_write.pop()) != nullptr;) {
      try {
        if (!write_error && b->size > 0) {
          emit(std::span<const std::string>{b->texts.data(), b->size});
          if (report_)
            for (std::size_t i = 0; i < b->size; ++i) report_(b->subjects[i]);
          done += b->size;
          if (progress) progress(done);
        }
      } catch (...) {
        write_error = std::current_exception();
      }
      free.push(b);
    }
  }};

  // The batch `b` every planning thread has planned its share of, by the last of them. Batches are finished in
  // order (each thread goes through them in order, and finishes one before it plans the next), so the first
  // error kept is that of the earliest roster row, whatever the thread count.
  const auto finish = [&](Batch* b) {
    if (!plan_error && (plan_error = b->first_error())) failed.store(true, std::memory_order_relaxed);
    if (plan_error) b->size = 0;  // nothing more is emitted after an error
    to_write.push(b);
  };
  const auto plan_all = [&](unsigned t) {
    for (Batch* b; (b = to_plan[t].pop()) != nullptr;) {
      std::size_t row = 0;
      try {
        if (!failed.load(std::memory_order_relaxed)) plan_share(t, path, b->subjects, b->texts, b->size, row, work);
      } catch (...) {
        b->failures[t] = {row, std::current_exception()};
      }
      if (b->pending.fetch_sub(1, std::memory_order_acq_rel) == 1) finish(b);
    }
  };
  std::vector<std::thread> planners;
  for (unsigned t = 1; t < threads_; ++t) planners.emplace_back(plan_all, t);
  plan_all(0);
  for (std::thread& t : planners) t.join();
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

void CohortPlanner::plan_share(unsigned t, const std::string& path, std::vector<PlannedSubject>& subjects,
                               std::vector<std::string>& texts, std::size_t n, std::size_t& row, const Work& work) {
  // Thread t plans the subjects of the sites it owns (or every t-th subject without sites); `row` is the one it
  // is at (a local of the thread: threads writing to neighbouring memory would slow each other down).
  for (std::size_t i = 0; i < n; ++i) {
    PlannedSubject& ps = subjects[i];
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
    std::string& text = texts[i];
    text.clear();
    work(t, ps, text);
  }
}

}  // namespace planner
