#include "testing/fake_rate_limit.hpp"

#include <algorithm>
#include <cstdio>

namespace closeio::testing::internal {
namespace {

using std::chrono::milliseconds;

// Milliseconds as decimal seconds with three digits, e.g. "0.595".
std::string seconds_text(milliseconds ms) {
  char text[32];
  std::snprintf(text, sizeof text, "%lld.%03lld", static_cast<long long>(ms.count() / 1000),
                static_cast<long long>(ms.count() % 1000));
  return text;
}

// Close's 429, as FACTS.md §4 describes it (the fields under "error").
ApiAnswer refusal(int limit, milliseconds window, milliseconds reset) {
  ApiAnswer answer;
  answer.status = 429;
  const long long retry_after = (reset.count() + 999) / 1000;  // whole seconds, rounded up
  answer.headers = {{"Retry-After", std::to_string(retry_after)}};
  answer.body = R"({"error": {"message": "API call count exceeded for this period", )"
                R"("rate_reset": )" +
                seconds_text(reset) + R"(, "rate_limit": )" + std::to_string(limit) +
                R"(, "rate_window": )" + seconds_text(window) +
                R"(, "rate_limit_type": "key", "rate_endpoint_group": "default"}})";
  return answer;
}

}  // namespace

FakeRateLimit::FakeRateLimit(int limit, milliseconds window, bool enforce)
    : limit_(limit), window_(window), enforce_(enforce) {}

FakeRateDecision FakeRateLimit::next() {
  const auto now = std::chrono::steady_clock::now();
  FakeRateDecision decision;
  std::lock_guard<std::mutex> lock(mutex_);
  if (!started_ || now - window_start_ >= window_) {
    started_ = true;
    window_start_ = now;
    used_ = 0;
  }
  decision.allowed = !enforce_ || used_ < limit_;
  if (decision.allowed) ++used_;
  const int remaining = std::max(limit_ - used_, 0);
  // Rounded up, so that a client waiting `reset` never comes back before the window ended.
  const milliseconds reset = std::chrono::ceil<milliseconds>(window_start_ + window_ - now);
  decision.header = "limit=" + std::to_string(limit_) + ", remaining=" + std::to_string(remaining) +
                    ", reset=" + seconds_text(reset);
  if (!decision.allowed) decision.refusal = refusal(limit_, window_, reset);
  return decision;
}

}  // namespace closeio::testing::internal
