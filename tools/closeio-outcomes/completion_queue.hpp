// Hands the results of asynchronous calls from the SDK's I/O thread to the thread that waits
// for them: the completion callbacks only push (they must not block the session), the command's
// own thread pops and does everything else (printing, deciding what to send next).
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <utility>

namespace closeio_cli {

/// A queue of completions: push() from any thread, pop() blocks until one is there.
/// Held through a std::shared_ptr by the callbacks, so a callback that runs late (during the
/// session's shutdown) still has somewhere to push.
template <class T>
class CompletionQueue {
 public:
  /// Adds `item` and wakes the waiting thread. Never blocks beyond the short lock.
  void push(T item) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      items_.push_back(std::move(item));
    }
    ready_.notify_one();
  }
  /// Waits until an item is there and removes the oldest.
  T pop() {
    std::unique_lock<std::mutex> lock(mutex_);
    ready_.wait(lock, [this] { return !items_.empty(); });
    T item = std::move(items_.front());
    items_.pop_front();
    return item;
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<T> items_;
};

}  // namespace closeio_cli
