// The `RateLimit` header the emulator puts on its own answers.
#pragma once

#include <chrono>
#include <mutex>
#include <string>

namespace closeio::testing::internal {

/// A fixed window counter that only reports, never refuses (429s are scripted by tests):
/// "limit=600, remaining=<limit - requests in this window>, reset=<seconds left, fractional>".
class FakeRateLimit {
 public:
  FakeRateLimit(int limit, std::chrono::milliseconds window);
  /// Counts one request and returns the header value to send with its answer.
  std::string next();

 private:
  const int limit_;
  const std::chrono::milliseconds window_;
  std::mutex mutex_;
  std::chrono::steady_clock::time_point window_start_;
  int used_ = 0;
};

}  // namespace closeio::testing::internal
