#include "planner/io/write/temp_cleanup.h"

#include <atomic>
#include <cerrno>
#include <climits>
#include <cstring>
#include <unistd.h>

namespace planner {
namespace {

// Signals that end the process by default and can be caught: asked to stop (INT, TERM, HUP, QUIT), the
// reader gone (PIPE), a limit or timer reached (XCPU, ALRM), abort() (ABRT: std::terminate, a failed
// assertion). Not SIGSEGV and the like: sanitizers and debuggers own those.
constexpr int kSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGXCPU, SIGALRM, SIGABRT};

// A slot is free, being filled (not yet safe to read), or live (path complete, to unlink on a signal).
enum : int { kFree = 0, kFilling = 1, kLive = 2 };
struct Slot {
  std::atomic<int> state{kFree};
  char path[PATH_MAX];
};
static_assert(std::atomic<int>::is_always_lock_free, "the signal handler reads the slot states");
Slot slots[kMaxTemps];

extern "C" void remove_temps_and_die(int sig) {
  for (Slot& s : slots)
    if (s.state.load(std::memory_order_acquire) == kLive) ::unlink(s.path);
  ::signal(sig, SIG_DFL);
  ::raise(sig);  // delivered with the default action once this handler returns (or at once)
}

sigset_t terminating_signals() {
  sigset_t set;
  sigemptyset(&set);
  for (int sig : kSignals) sigaddset(&set, sig);
  return set;
}

}  // namespace

void install_temp_cleanup() {
  struct sigaction action {};
  action.sa_handler = remove_temps_and_die;
  action.sa_mask = terminating_signals();  // one handler at a time
  for (int sig : kSignals) {
    struct sigaction old {};
    if (::sigaction(sig, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) continue;  // nohup, trap '' HUP
    ::sigaction(sig, &action, nullptr);
  }
  ::signal(SIGXFSZ, SIG_IGN);
}

int register_temp(const char* path) {
  if (std::strlen(path) >= PATH_MAX) return -1;
  for (int i = 0; i < kMaxTemps; ++i) {
    int expected = kFree;
    if (!slots[i].state.compare_exchange_strong(expected, kFilling, std::memory_order_acq_rel)) continue;
    std::strcpy(slots[i].path, path);
    slots[i].state.store(kLive, std::memory_order_release);
    return i;
  }
  return -1;
}

void unregister_temp(int slot) {
  if (slot >= 0 && slot < kMaxTemps) slots[slot].state.store(kFree, std::memory_order_release);
}

BlockTerminatingSignals::BlockTerminatingSignals() {
  const sigset_t set = terminating_signals();
  ::pthread_sigmask(SIG_BLOCK, &set, &saved_);
}

BlockTerminatingSignals::~BlockTerminatingSignals() { ::pthread_sigmask(SIG_SETMASK, &saved_, nullptr); }

}  // namespace planner
