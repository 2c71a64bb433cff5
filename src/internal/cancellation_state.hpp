// Shared state behind CancellationSource and its tokens.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

namespace closeio::internal {

struct CancellationState {
  std::atomic<bool> cancelled{false};
  std::mutex mutex;
  std::condition_variable woken;

  void cancel() noexcept {
    {
      std::lock_guard<std::mutex> lock(mutex);
      cancelled.store(true, std::memory_order_release);
    }
    woken.notify_all();
  }

  // Waits up to `duration`; returns false when cancelled (before or during the wait).
  bool wait_for(std::chrono::milliseconds duration) {
    std::unique_lock<std::mutex> lock(mutex);
    return !woken.wait_for(lock, duration,
                           [this] { return cancelled.load(std::memory_order_acquire); });
  }
};

}  // namespace closeio::internal
