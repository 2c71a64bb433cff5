// closeio-fake-server's --rate-limit N/SECONDS: N requests per window of SECONDS (a decimal
// with at most three fractional digits, e.g. 100/1 or 20/0.5).
#pragma once

#include <algorithm>
#include <cctype>
#include <chrono>
#include <stdexcept>
#include <string>

namespace closeio::tools {

/// A parsed --rate-limit.
struct RateLimitSpec {
  int limit = 0;                     ///< Requests per window, 1 to 1,000,000.
  std::chrono::milliseconds window;  ///< 1 ms to 1 day.
};

/// Parses "N/SECONDS"; throws std::invalid_argument saying what is expected.
inline RateLimitSpec parse_rate_limit_spec(const std::string& spec) {
  const auto fail = [&spec](const char* why) {
    throw std::invalid_argument("bad rate limit \"" + spec + "\" (" + why +
                                "; expected N/SECONDS, e.g. 100/1 or 20/0.5)");
  };
  const auto digits = [](const std::string& text) {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
  };
  const auto slash = spec.find('/');
  if (slash == std::string::npos) fail("no '/'");
  const std::string count = spec.substr(0, slash);
  if (!digits(count) || count.size() > 7) fail("N must be a whole number from 1 to 1000000");
  RateLimitSpec parsed;
  parsed.limit = std::stoi(count);
  if (parsed.limit < 1 || parsed.limit > 1000000) {
    fail("N must be a whole number from 1 to 1000000");
  }
  std::string whole = spec.substr(slash + 1);
  std::string fraction;
  if (const auto dot = whole.find('.'); dot != std::string::npos) {
    fraction = whole.substr(dot + 1);
    whole.erase(dot);
    if (!digits(fraction) || fraction.size() > 3) fail("SECONDS may have at most 3 decimals");
  }
  if (!digits(whole) || whole.size() > 5) fail("SECONDS must be a number from 0.001 to 86400");
  fraction.resize(3, '0');
  const long long ms = std::stoll(whole) * 1000 + std::stoll(fraction);
  if (ms < 1 || ms > 86400LL * 1000) fail("SECONDS must be a number from 0.001 to 86400");
  parsed.window = std::chrono::milliseconds(ms);
  return parsed;
}

}  // namespace closeio::tools
