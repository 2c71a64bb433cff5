// The token source of an OAuth session: hands each attempt its Authorization value and runs the
// refreshes, one at a time. Concurrent calls, blocking and asynchronous, that need a new token
// share one refresh; a failure that may have spent the refresh token ends refreshing for good.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "closeio/oauth.hpp"
#include "internal/http_transport.hpp"

namespace closeio::internal {

/// What an attempt sends, or why it cannot be sent.
struct OAuthGrant {
  std::string authorization;     ///< "Bearer <access token>" (secret); empty with `error`.
  std::uint64_t generation = 0;  ///< Which pair it came from: 1 for the first, +1 per refresh.
  std::exception_ptr error;      ///< An OAuthError of its own (never shared between calls).
};

class OAuthRefresher : public std::enable_shared_from_this<OAuthRefresher> {
 public:
  /// Sends a token request without blocking; `done` runs once with the result (on the I/O
  /// thread).
  using PerformAsync = std::function<void(HttpRequest, std::function<void(HttpResult)>)>;
  /// Runs work on the I/O thread.
  using Post = std::function<void(std::function<void()>)>;

  /// `token_url` is already checked (checked_token_url()); `transport` sends blocking refreshes
  /// (the session's, with its TLS settings); `timeout` bounds each refresh request. Throws
  /// std::invalid_argument for a missing refresh token, client id or secret, or a negative
  /// margin.
  OAuthRefresher(OAuthOptions options, std::string token_url, std::chrono::milliseconds timeout,
                 std::shared_ptr<HttpTransport> transport);

  /// Makes acquire_async() possible: how to send a refresh and reach the I/O thread.
  void set_async(PerformAsync perform, Post post);
  /// Told of every refresh request and its result, once it ended (the session's logging hook).
  /// Set before the first acquire.
  void set_logger(std::function<void(const HttpRequest&, const HttpResult&)> log) {
    log_ = std::move(log);
  }

  /// The grant for an attempt, refreshing first (on this thread, or by waiting for the refresh
  /// under way) when the token is within the margin of its expiry or when `rejected` (the
  /// generation a 401 answered; 0 for none) is still the current one. Blocks.
  OAuthGrant acquire(std::uint64_t rejected = 0);

  /// acquire() without blocking: `done` runs at once on this thread when no refresh is needed
  /// (or refreshing has ended for good), else on the I/O thread when the shared refresh ends.
  void acquire_async(std::uint64_t rejected, std::function<void(OAuthGrant)> done);

 private:
  struct Failure {
    std::string what, code, description;
    int status = 0;
  };
  bool needs_refresh(std::uint64_t rejected) const;
  OAuthGrant current_grant() const;
  static OAuthGrant failed_grant(const Failure& failure);
  HttpRequest begin_refresh(std::string& used_refresh_token);
  /// Publishes the refresh's outcome and answers the asynchronous waiters; returns its failure.
  std::optional<Failure> finish_refresh(const HttpResult& result,
                                        const std::string& used_refresh_token, bool on_io_thread);

  const OAuthOptions options_;
  const std::string token_url_;
  const std::chrono::milliseconds timeout_;
  const std::shared_ptr<HttpTransport> transport_;
  PerformAsync perform_async_;
  Post post_;
  std::function<void(const HttpRequest&, const HttpResult&)> log_;
  HttpRequest last_request_;  // The refresh under way, for log_ (under `refreshing_`).

  mutable std::mutex mutex_;  // Guards everything below.
  std::condition_variable refreshed_;
  OAuthTokens current_;
  std::chrono::seconds margin_;  // refresh_margin, or half the current token's lifetime if less.
  std::uint64_t generation_ = 1;
  bool refreshing_ = false;
  std::uint64_t rounds_ = 0;              // Refreshes finished, for blocking waiters.
  std::optional<Failure> last_failure_;   // Of the latest refresh, when it failed.
  std::optional<Failure> final_failure_;  // Set once a failure may have spent the token.
  std::vector<std::function<void(OAuthGrant)>> waiters_;  // Asynchronous calls waiting.
};

}  // namespace closeio::internal
