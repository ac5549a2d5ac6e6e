// Temporary files that a terminating signal must not leave behind. OutputFile registers the temporary file
// it writes; when SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGXCPU, SIGALRM or SIGABRT arrives, the handler
// unlinks every registered file and re-raises the signal with its default action, so the process still dies of that
// signal (exit status 128+N in a shell) and the destination keeps its previous content.
//
//   install_temp_cleanup();                 // once, in main, before any output is opened
//   { BlockTerminatingSignals block;        // no signal between creating the file and registering it
//     fd = mkstemp(name);  slot = register_temp(name); }
//   ... write ...
//   { BlockTerminatingSignals block; rename(name, target); unregister_temp(slot); }
//
// The handler is async-signal-safe: it reads a fixed table of fixed-size buffers and calls only unlink(),
// signal() and raise(). A signal whose disposition was "ignore" when install_temp_cleanup() ran (nohup sets
// SIGHUP so) stays ignored. SIGXFSZ (a file-size limit reached) is ignored so that the write fails with EFBIG
// and is reported as an error like a full disk, instead of killing the process.
#pragma once

#include <signal.h>

namespace planner {

void install_temp_cleanup();

// Registers `path` (at most PATH_MAX bytes) for removal on a terminating signal; returns its slot, or -1
// when the table of kMaxTemps live files is full (the file is then not removed on a signal).
constexpr int kMaxTemps = 8;
int register_temp(const char* path);
void unregister_temp(int slot);  // -1: nothing

// Blocks the terminating signals in the calling thread for its lifetime (pending ones arrive afterwards).
class BlockTerminatingSignals {
 public:
  BlockTerminatingSignals();
  ~BlockTerminatingSignals();
  BlockTerminatingSignals(const BlockTerminatingSignals&) = delete;
  BlockTerminatingSignals& operator=(const BlockTerminatingSignals&) = delete;

 private:
  sigset_t saved_;
};

}  // namespace planner
