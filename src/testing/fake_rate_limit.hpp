// The emulator's rate limit: the `RateLimit` header on its own answers and, when enforced, the
// 429 Close sends once a window's requests are used up.
#pragma once

#include <chrono>
#include <mutex>
#include <string>

#include "testing/fake_api_support.hpp"

namespace closeio::testing::internal {

/// What the rate limit says about one request.
struct FakeRateDecision {
  bool allowed = true;  ///< False: answer `refusal` instead of carrying the request out.
  std::string header;   ///< `RateLimit` header value for the answer.
  ApiAnswer refusal;    ///< Close's 429 (set when not allowed).
};

/// A fixed window that starts with the first request after the previous one ended (so a window
/// holds at most `limit` requests): "limit=<limit>, remaining=<left in this window>,
/// reset=<seconds left, rounded up to the millisecond>". Reporting only, it never refuses (429s
/// are then scripted by tests); enforcing, a request beyond the limit is refused, not counted,
/// and answered 429 with Close's body, `RateLimit` and `Retry-After` (whole seconds, rounded
/// up). Thread-safe.
class FakeRateLimit {
 public:
  FakeRateLimit(int limit, std::chrono::milliseconds window, bool enforce);
  /// Counts one request (unless refused) and says how to answer it.
  FakeRateDecision next();

 private:
  const int limit_;
  const std::chrono::milliseconds window_;
  const bool enforce_;
  std::mutex mutex_;
  std::chrono::steady_clock::time_point window_start_;
  int used_ = 0;
  bool started_ = false;  // The first window starts with the first request.
};

}  // namespace closeio::testing::internal
