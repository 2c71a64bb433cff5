/// @file
/// When a failed call is tried again, and after how long.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

#include "closeio/export.hpp"

namespace closeio {

/// What happened on the attempt that just failed; the input of RetryPolicy::next_wait.
struct RetryAttempt {
  std::string_view method;  ///< "GET", "POST", "PUT", "PATCH" (RawClient) or "DELETE".
  int attempt = 1;          ///< 1-based number of the attempt that failed.
  int status = 0;           ///< HTTP status, or 0 when no answer was received.
  bool timed_out = false;   ///< True when the attempt hit the connect or request timeout.
  /// How long the server asked to wait (429 headers or body), in milliseconds, if it said.
  std::optional<std::chrono::milliseconds> server_wait;
};

/// Decides whether, and after how long, a failed attempt is repeated. The SDK asks only about
/// failures that are safe to repeat: it never asks about a POST (or a PATCH) that may have reached
/// the server. Implementations must be thread-safe (one policy serves concurrent calls).
class CLOSEIO_EXPORT RetryPolicy {
 public:
  virtual ~RetryPolicy();
  /// The wait before the next attempt, or std::nullopt to stop and raise the failure.
  virtual std::optional<std::chrono::milliseconds> next_wait(const RetryAttempt& attempt) const = 0;
};

/// The default rules: retry 429 on any method, and 502, 503, 504 and transport failures;
/// wait what the server asked on 429 (stop if it asks for more than `max_server_wait`), else
/// exponential backoff with full jitter: uniform in [0, min(max_backoff, initial * 2^(n-1))].
class CLOSEIO_EXPORT DefaultRetryPolicy : public RetryPolicy {
 public:
  /// `max_retries` retries after the first attempt (0 disables retries; default 3);
  /// backoff base `initial_backoff` (default 500 ms) capped at `max_backoff` (default 8 s);
  /// server-requested waits above `max_server_wait` (default 60 s) are not waited out.
  explicit DefaultRetryPolicy(
      int max_retries = 3,
      std::chrono::milliseconds initial_backoff = std::chrono::milliseconds(500),
      std::chrono::milliseconds max_backoff = std::chrono::milliseconds(8000),
      std::chrono::milliseconds max_server_wait = std::chrono::milliseconds(60000));

  std::optional<std::chrono::milliseconds> next_wait(const RetryAttempt& attempt) const override;

  /// True when the failure is one the default rules retry (ignoring the retry budget).
  static bool is_retryable(const RetryAttempt& attempt) noexcept;
  /// The upper bound of the jittered backoff before attempt `attempt + 1`, in milliseconds.
  std::chrono::milliseconds backoff_ceiling(int attempt) const noexcept;

  /// Retries after the first attempt.
  int max_retries() const noexcept { return max_retries_; }

 private:
  int max_retries_;
  std::chrono::milliseconds initial_backoff_, max_backoff_, max_server_wait_;
};

}  // namespace closeio
