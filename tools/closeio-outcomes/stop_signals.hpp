// SIGINT and SIGTERM as a cancellation: `events --follow` ends cleanly on them (the request under
// way is cancelled, the position written) instead of dying mid-write.
#pragma once

#include <atomic>
#include <closeio/cancellation.hpp>
#include <thread>

namespace closeio_cli {

/// While alive, SIGINT and SIGTERM do not kill the process: they cancel token(). Construct it
/// before any other thread (the SDK's I/O thread included) so every thread inherits the blocked
/// signals; a thread of its own waits for them.
class StopSignals {
 public:
  StopSignals();
  ~StopSignals();  ///< Ends the waiting thread and restores the signal mask.
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

  closeio::CancellationToken token() const { return source_.token(); }
  /// The signal that cancelled, or 0.
  int received() const noexcept { return received_; }

 private:
  closeio::CancellationSource source_;
  std::thread waiter_;
  std::atomic<int> received_{0};
};

}  // namespace closeio_cli
