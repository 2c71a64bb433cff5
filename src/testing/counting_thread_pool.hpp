// httplib's worker pool, counting the connections it is handed.
#pragma once

#include <httplib.h>

#include <atomic>
#include <cstddef>
#include <functional>
#include <utility>

namespace closeio::testing::internal {

/// httplib's listener enqueues exactly one task per accepted TCP connection (the task then
/// serves every keep-alive request on it), so counting enqueues counts connections.
class CountingThreadPool : public httplib::ThreadPool {
 public:
  /// `accepted` is incremented per connection and must outlive the pool.
  CountingThreadPool(std::size_t threads, std::atomic<std::size_t>& accepted)
      : httplib::ThreadPool(threads), accepted_(accepted) {}

  void enqueue(std::function<void()> task) override {
    accepted_.fetch_add(1);
    httplib::ThreadPool::enqueue(std::move(task));
  }

 private:
  std::atomic<std::size_t>& accepted_;
};

}  // namespace closeio::testing::internal
