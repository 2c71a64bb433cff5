#include "internal/rate_limit_headers.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>

#include "internal/header_utils.hpp"

namespace closeio::internal {
namespace {

constexpr double kMaxSeconds = 86400.0;  // Anything longer is a broken header, not a real wait.

std::optional<long long> parse_count(std::string_view text) noexcept {
  text = trim(text);
  if (text.empty() || text.size() > 18) return std::nullopt;
  long long value = 0;
  for (const char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

// Splits "limit=100, remaining=0, reset=1" into its parameters.
template <class F>
void for_each_param(std::string_view value, F&& f) {
  while (!value.empty()) {
    std::size_t end = value.find_first_of(",;");
    std::string_view item = value.substr(0, end);
    value = end == std::string_view::npos ? std::string_view() : value.substr(end + 1);
    const std::size_t eq = item.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view key = trim(item.substr(0, eq));
    std::string_view val = trim(item.substr(eq + 1));
    if (val.size() >= 2 && val.front() == '"' && val.back() == '"') {
      val = val.substr(1, val.size() - 2);
    }
    f(key, val);
  }
}

}  // namespace

std::optional<std::chrono::milliseconds> parse_seconds(std::string_view text) noexcept {
  // Digits with at most one '.', nothing else ("inf", "0x10", "1e9", "-1" are refused), read as
  // exact decimal: whole seconds, then the first three fraction digits as milliseconds, and any
  // further non-zero digit rounds up. Runs on every response, so no copy and no strtod.
  text = trim(text);
  if (text.empty() || text.size() > 32) return std::nullopt;
  long long whole = 0;
  long long millis = 0;
  int fraction_digits = -1;  // -1: no '.' seen yet.
  bool round_up = false;
  bool any_digit = false;
  for (const char c : text) {
    if (c == '.') {
      if (fraction_digits >= 0) return std::nullopt;
      fraction_digits = 0;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    any_digit = true;
    const int digit = c - '0';
    if (fraction_digits < 0) {
      whole = whole * 10 + digit;
      if (whole > static_cast<long long>(kMaxSeconds)) return std::nullopt;
    } else if (fraction_digits < 3) {
      millis = millis * 10 + digit;
      ++fraction_digits;
    } else if (digit != 0) {
      round_up = true;
    }
  }
  if (!any_digit) return std::nullopt;
  for (int i = std::max(fraction_digits, 0); i < 3; ++i) millis *= 10;
  const long long total = whole * 1000 + millis + (round_up ? 1 : 0);
  if (total > static_cast<long long>(kMaxSeconds) * 1000) return std::nullopt;
  return std::chrono::milliseconds(total);
}

std::optional<std::chrono::milliseconds> parse_retry_after(
    std::string_view value, std::chrono::system_clock::time_point now) noexcept {
  if (auto seconds = parse_seconds(value)) return seconds;
  const std::string copy(trim(value));
  if (copy.empty() || copy.size() > 64) return std::nullopt;
  const time_t when = curl_getdate(copy.c_str(), nullptr);  // RFC 1123, RFC 850 and asctime.
  if (when == -1) return std::nullopt;
  const auto target = std::chrono::system_clock::from_time_t(when);
  if (target <= now) return std::chrono::milliseconds(0);
  const auto wait = std::chrono::ceil<std::chrono::milliseconds>(target - now);
  if (wait > std::chrono::milliseconds(static_cast<long long>(kMaxSeconds * 1000))) {
    return std::nullopt;
  }
  return wait;
}

std::optional<std::chrono::milliseconds> server_requested_wait(
    const HttpHeaders& headers, std::optional<double> body_rate_reset_seconds,
    std::chrono::system_clock::time_point now) noexcept {
  if (const std::string* rate_limit = find_header(headers, "RateLimit")) {
    std::optional<std::chrono::milliseconds> reset;
    for_each_param(*rate_limit, [&](std::string_view key, std::string_view val) {
      if (equals_ignore_case(key, "reset")) reset = parse_seconds(val);
    });
    if (reset) return reset;
  }
  if (const std::string* retry_after = find_header(headers, "Retry-After")) {
    if (auto wait = parse_retry_after(*retry_after, now)) return wait;
  }
  if (const std::string* reset = find_header(headers, "X-Rate-Limit-Reset")) {
    if (auto wait = parse_seconds(*reset)) return wait;
  }
  if (body_rate_reset_seconds && std::isfinite(*body_rate_reset_seconds) &&
      *body_rate_reset_seconds >= 0 && *body_rate_reset_seconds <= kMaxSeconds) {
    return std::chrono::milliseconds(
        static_cast<long long>(std::ceil(*body_rate_reset_seconds * 1000.0)));
  }
  return std::nullopt;
}

std::optional<RateLimitInfo> parse_rate_limit_info(
    const HttpHeaders& headers, std::chrono::system_clock::time_point now) noexcept {
  RateLimitInfo info;
  info.observed_at = now;
  if (const std::string* rate_limit = find_header(headers, "RateLimit")) {
    for_each_param(*rate_limit, [&](std::string_view key, std::string_view val) {
      if (equals_ignore_case(key, "limit")) info.limit = parse_count(val);
      if (equals_ignore_case(key, "remaining")) info.remaining = parse_count(val);
      if (equals_ignore_case(key, "reset")) info.reset = parse_seconds(val);
    });
  } else {
    if (const std::string* v = find_header(headers, "X-Rate-Limit-Limit"))
      info.limit = parse_count(*v);
    if (const std::string* v = find_header(headers, "X-Rate-Limit-Remaining")) {
      info.remaining = parse_count(*v);
    }
    if (const std::string* v = find_header(headers, "X-Rate-Limit-Reset"))
      info.reset = parse_seconds(*v);
  }
  if (!info.limit && !info.remaining && !info.reset) return std::nullopt;
  return info;
}

}  // namespace closeio::internal
