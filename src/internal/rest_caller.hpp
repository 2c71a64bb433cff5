// The REST core every resource shares: one call = attempts, each classified, with waits between
// them. It knows HTTP, Close's error bodies and rate limits, the retry and POST-once rules, the
// deadline, cancellation and logging; it knows no resource.
#pragma once

#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "closeio/client_options.hpp"
#include "closeio/errors.hpp"
#include "closeio/rate_limit.hpp"
#include "internal/http_transport.hpp"
#include "internal/url.hpp"

namespace closeio::internal {

/// One call to send.
struct RestRequest {
  std::string method;               ///< "GET", "POST", "PUT" or "DELETE".
  std::string path;                 ///< Relative to the base URL, e.g. "activity/call/acti_1/".
  std::string query;                ///< "" or "?a=1&b=2", already encoded.
  std::optional<std::string> body;  ///< JSON body of a POST or PUT.
};

/// A call's 2xx answer.
struct RestAnswer {
  std::string body;
  int attempts = 1;  ///< HTTP attempts made, retries included.
};

/// Sends calls for every client of one session. Thread-safe.
class RestCaller {
 public:
  /// Validates `options` (std::invalid_argument); uses `transport` when given (tests), else a
  /// CurlTransport.
  explicit RestCaller(ClientOptions options, std::shared_ptr<HttpTransport> transport = nullptr);

  /// Sends `request` with retries; returns the 2xx answer or throws the mapped closeio::Error.
  RestAnswer send(const RestRequest& request, const CallOptions& call);

  /// send(), then `decode(body)`; a DecodeError gains the call's method, path and attempts.
  template <class Decode>
  auto send_and_decode(const RestRequest& request, const CallOptions& call, Decode&& decode)
      -> decltype(decode(std::string())) {
    RestAnswer answer = send(request, call);
    try {
      return decode(answer.body);
    } catch (const DecodeError& e) {
      throw DecodeError("closeio: " + request.method + " /" + request.path + ": " + e.what(),
                        answer.attempts);
    }
  }

  /// The rate-limit state of the latest answer that reported one.
  std::optional<RateLimitInfo> rate_limit() const;

 private:
  struct Attempt;
  HttpRequest http_request(const RestRequest& request, const CallOptions& call) const;
  std::optional<RestAnswer> classify(const RestRequest& request, HttpResult& result,
                                     Attempt& attempt);
  void log_attempt(const HttpRequest& request, int attempt, const HttpResult& result) const;
  void remember_rate_limit(const HttpHeaders& headers);

  ClientOptions options_;
  BaseUrl base_;
  std::shared_ptr<HttpTransport> transport_;
  std::shared_ptr<const RetryPolicy> retry_policy_;
  std::string user_agent_;
  mutable std::mutex rate_limit_mutex_;
  std::optional<RateLimitInfo> rate_limit_;
};

}  // namespace closeio::internal
