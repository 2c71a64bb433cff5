// Reading what the server says about rate limits: the `RateLimit` header (IETF draft),
// `Retry-After` (seconds or HTTP-date), the older `X-Rate-Limit-*` headers, and `rate_reset`
// in 429 bodies. Nothing here throws on malformed input: a value that cannot be read is absent.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

#include "closeio/errors.hpp"
#include "closeio/rate_limit.hpp"

namespace closeio::internal {

/// Seconds (fractional allowed) as milliseconds, rounded up; nullopt for negative, non-finite,
/// absurdly large (> 1 day) or non-numeric text.
std::optional<std::chrono::milliseconds> parse_seconds(std::string_view text) noexcept;

/// `Retry-After`: delta-seconds or an HTTP-date relative to `now` (a past date means 0).
std::optional<std::chrono::milliseconds> parse_retry_after(
    std::string_view value, std::chrono::system_clock::time_point now) noexcept;

/// The wait the server asked for, in FACTS.md §4 order: `RateLimit` reset, `Retry-After`,
/// `X-Rate-Limit-Reset`, then the body's `rate_reset` (passed in, in seconds).
std::optional<std::chrono::milliseconds> server_requested_wait(
    const HttpHeaders& headers, std::optional<double> body_rate_reset_seconds,
    std::chrono::system_clock::time_point now) noexcept;

/// limit/remaining/reset from `RateLimit` or else `X-Rate-Limit-*`; nullopt when neither is
/// present or readable.
std::optional<RateLimitInfo> parse_rate_limit_info(
    const HttpHeaders& headers, std::chrono::system_clock::time_point now) noexcept;

}  // namespace closeio::internal
