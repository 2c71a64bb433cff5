// Shared state behind CancellationSource and its tokens.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <utility>

#include "closeio/cancellation.hpp"

namespace closeio::internal {

struct CancellationState {
  std::atomic<bool> cancelled{false};
  std::mutex mutex;
  std::condition_variable woken;
  // Called once by cancel(), with `mutex` held, so that remove_listener() returning means the
  // listener is not running and will not run. A listener must be quick, must not throw and must
  // not touch this state (the asynchronous engine's one sets a flag and wakes its thread).
  std::map<std::uint64_t, std::function<void()>> listeners;
  std::uint64_t next_listener = 1;

  void cancel() noexcept {
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (!cancelled.exchange(true, std::memory_order_acq_rel)) {
        for (auto& entry : listeners) entry.second();
      }
      listeners.clear();
    }
    woken.notify_all();
  }

  // Registers `listener`; returns 0 (and registers nothing) when already cancelled.
  std::uint64_t add_listener(std::function<void()> listener) {
    std::lock_guard<std::mutex> lock(mutex);
    if (cancelled.load(std::memory_order_acquire)) return 0;
    const std::uint64_t id = next_listener++;
    listeners.emplace(id, std::move(listener));
    return id;
  }

  void remove_listener(std::uint64_t id) {
    if (id == 0) return;
    std::lock_guard<std::mutex> lock(mutex);
    listeners.erase(id);
  }

  // Waits up to `duration`; returns false when cancelled (before or during the wait).
  bool wait_for(std::chrono::milliseconds duration) {
    std::unique_lock<std::mutex> lock(mutex);
    return !woken.wait_for(lock, duration,
                           [this] { return cancelled.load(std::memory_order_acquire); });
  }
};

/// Reaches the state behind a token (null for a token that can never be cancelled).
struct CancellationAccess {
  static const std::shared_ptr<CancellationState>& state(const CancellationToken& token) {
    return token.state_;
  }
};

}  // namespace closeio::internal
