// Shared set-up for end-to-end tests: a client wired to an in-process FakeCloseServer.
#pragma once

#include <chrono>
#include <closeio/closeio.hpp>
#include <closeio/testing/fake_close_server.hpp>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace closeio::test {

/// Wraps the default retry rules, records each decision, and returns zero waits, so tests
/// check what the SDK would have waited without really sleeping.
class RecordingRetryPolicy : public RetryPolicy {
 public:
  explicit RecordingRetryPolicy(DefaultRetryPolicy rules = DefaultRetryPolicy()) : rules_(rules) {}

  std::optional<std::chrono::milliseconds> next_wait(const RetryAttempt& attempt) const override {
    auto wait = rules_.next_wait(attempt);
    std::lock_guard<std::mutex> lock(mutex_);
    asked_.push_back(attempt.status);
    if (wait) waits_.push_back(*wait);
    return wait ? std::optional<std::chrono::milliseconds>(std::chrono::milliseconds(0))
                : std::nullopt;
  }
  /// The waits the default rules decided, in order.
  std::vector<std::chrono::milliseconds> waits() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return waits_;
  }
  /// The status of every failure the SDK asked about (0 = no HTTP answer).
  std::vector<int> asked() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return asked_;
  }

 private:
  DefaultRetryPolicy rules_;
  mutable std::mutex mutex_;
  mutable std::vector<std::chrono::milliseconds> waits_;
  mutable std::vector<int> asked_;
};

/// Options for a client of `server` with its API key and no real retry sleeping.
inline ClientOptions options_for(const testing::FakeCloseServer& server,
                                 std::shared_ptr<const RetryPolicy> policy = nullptr) {
  ClientOptions options;
  options.credentials = Credentials::api_key(testing::FakeCloseServerOptions().api_key);
  options.base_url = server.base_url();
  options.retry_policy = policy ? std::move(policy) : std::make_shared<RecordingRetryPolicy>();
  return options;
}

#if defined(CLOSEIO_TEST_CERT) && defined(CLOSEIO_TEST_KEY)
/// Emulator options serving HTTPS with the self-signed certificate made at build time.
inline testing::FakeCloseServerOptions tls_server_options() {
  testing::FakeCloseServerOptions options;
  options.tls_cert_file = CLOSEIO_TEST_CERT;
  options.tls_key_file = CLOSEIO_TEST_KEY;
  return options;
}
#endif

/// `unix_seconds` after 1970-01-01T00:00:00Z, as a Timestamp.
inline Timestamp utc(std::int64_t unix_seconds) {
  return Timestamp(std::chrono::microseconds(unix_seconds * 1'000'000));
}

/// Stores an outcome named `name` in `server`, as if created now; returns it.
inline Outcome seed_outcome(testing::FakeCloseServer& server, const std::string& name,
                            OutcomeType type = OutcomeType::custom) {
  OutcomeCreate create;
  create.name = name;
  create.type = type;
  return server.seed(create);
}

/// The API key every FakeCloseServer accepts by default.
inline std::string default_api_key() { return testing::FakeCloseServerOptions().api_key; }

}  // namespace closeio::test
