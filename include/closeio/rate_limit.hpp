/// @file
/// The rate-limit state the server last reported.
#pragma once

#include <chrono>
#include <optional>

namespace closeio {

/// Rate-limit figures from the latest response that carried them (`RateLimit` or
/// `X-Rate-Limit-*` headers), so callers can pace themselves before a 429.
struct RateLimitInfo {
  std::optional<long long> limit;      ///< Requests allowed in the window.
  std::optional<long long> remaining;  ///< Requests left in the window.
  /// Time until the window resets, in milliseconds (fractional seconds rounded up).
  std::optional<std::chrono::milliseconds> reset;
  /// When the response carrying these figures arrived.
  std::chrono::system_clock::time_point observed_at{};
};

}  // namespace closeio
