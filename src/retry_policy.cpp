#include "closeio/retry_policy.hpp"

#include <algorithm>
#include <random>
#include <stdexcept>

namespace closeio {

RetryPolicy::~RetryPolicy() = default;

DefaultRetryPolicy::DefaultRetryPolicy(int max_retries, std::chrono::milliseconds initial_backoff,
                                       std::chrono::milliseconds max_backoff,
                                       std::chrono::milliseconds max_server_wait)
    : max_retries_(max_retries),
      initial_backoff_(initial_backoff),
      max_backoff_(max_backoff),
      max_server_wait_(max_server_wait) {
  if (max_retries < 0) throw std::invalid_argument("closeio: max_retries must be 0 or more");
  if (initial_backoff.count() < 0 || max_backoff.count() < 0 || max_server_wait.count() < 0) {
    throw std::invalid_argument("closeio: retry durations must not be negative");
  }
}

bool DefaultRetryPolicy::is_retryable(const RetryAttempt& attempt) noexcept {
  // 429: the server did not act. 502/503/504 and no answer at all: transient by nature.
  // 500 is not retried: it usually means the request itself trips a server bug.
  return attempt.status == 0 || attempt.status == 429 || attempt.status == 502 ||
         attempt.status == 503 || attempt.status == 504;
}

std::chrono::milliseconds DefaultRetryPolicy::backoff_ceiling(int attempt) const noexcept {
  // initial * 2^(attempt-1), capped; the shift is bounded so it cannot overflow.
  const int doublings = std::clamp(attempt - 1, 0, 30);
  const long long ceiling = initial_backoff_.count() * (1LL << doublings);
  return std::chrono::milliseconds(std::min<long long>(ceiling, max_backoff_.count()));
}

std::optional<std::chrono::milliseconds> DefaultRetryPolicy::next_wait(
    const RetryAttempt& attempt) const {
  if (attempt.attempt > max_retries_ || !is_retryable(attempt)) return std::nullopt;
  if (attempt.status == 429 && attempt.server_wait) {
    // The server's word, unless it asks for longer than we are willing to block.
    if (*attempt.server_wait > max_server_wait_) return std::nullopt;
    return *attempt.server_wait;
  }
  // Full jitter spreads synchronized clients apart (AWS architecture blog, "Exponential Backoff
  // And Jitter").
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::uniform_int_distribution<long long> pick(0, backoff_ceiling(attempt.attempt).count());
  return std::chrono::milliseconds(pick(rng));
}

}  // namespace closeio
