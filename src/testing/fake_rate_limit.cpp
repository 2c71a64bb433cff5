#include "testing/fake_rate_limit.hpp"

#include <algorithm>
#include <cstdio>

namespace closeio::testing::internal {

FakeRateLimit::FakeRateLimit(int limit, std::chrono::milliseconds window)
    : limit_(limit), window_(window), window_start_(std::chrono::steady_clock::now()) {}

std::string FakeRateLimit::next() {
  using std::chrono::duration;
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard<std::mutex> lock(mutex_);
  if (now - window_start_ >= window_) {
    window_start_ = now;
    used_ = 0;
  }
  ++used_;
  const int remaining = std::max(limit_ - used_, 0);
  const double reset = duration<double>(window_start_ + window_ - now).count();
  char text[96];
  std::snprintf(text, sizeof text, "limit=%d, remaining=%d, reset=%.3f", limit_, remaining, reset);
  return text;
}

}  // namespace closeio::testing::internal
