// The REST core every resource shares: one call = attempts, each classified, with waits between
// them. It knows HTTP, Close's error bodies and rate limits, the retry and POST-once rules, the
// deadline, cancellation and logging; it knows no resource.
#pragma once

#include <chrono>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "closeio/async_result.hpp"
#include "closeio/client_options.hpp"
#include "closeio/errors.hpp"
#include "closeio/rate_limit.hpp"
#include "internal/http_transport.hpp"
#include "internal/url.hpp"

namespace closeio::internal {

/// One call to send.
struct RestRequest {
  std::string method;               ///< "GET", "POST", "PUT", "PATCH" or "DELETE".
  std::string path;                 ///< Relative to the base URL, e.g. "activity/call/acti_1/".
  std::string query;                ///< "" or "?a=1&b=2", already encoded.
  std::optional<std::string> body;  ///< JSON body of a POST or PUT.
};

/// A call's 2xx answer.
struct RestAnswer {
  std::string body;
  int attempts = 1;     ///< HTTP attempts made, retries included.
  int status = 200;     ///< The final attempt's HTTP status.
  HttpHeaders headers;  ///< The final attempt's response headers.
};

/// True for the methods never sent twice once they may have reached the server: POST, and PATCH
/// (not idempotent by definition, RFC 5789). They are repeated only when the server cannot have
/// acted (a 429, a connection that never opened).
inline bool is_send_once_method(std::string_view method) noexcept {
  return method == "POST" || method == "PATCH";
}

class CurlMultiEngine;
class OAuthRefresher;
class RatePacer;

/// Sends calls for every client of one session. Thread-safe.
class RestCaller : public std::enable_shared_from_this<RestCaller> {
 public:
  /// Validates `options` (std::invalid_argument); uses `transport` when given (tests), else a
  /// CurlTransport.
  explicit RestCaller(ClientOptions options, std::shared_ptr<HttpTransport> transport = nullptr);
  /// Cancels the asynchronous calls still running (they finish with CancelledError) and joins
  /// the I/O thread.
  ~RestCaller();
  RestCaller(const RestCaller&) = delete;
  RestCaller& operator=(const RestCaller&) = delete;

  /// Called once with the 2xx answer or the mapped closeio::Error, on the session's I/O thread.
  using AsyncDone = std::function<void(AsyncResult<RestAnswer>)>;

  /// Sends `request` with retries; returns the 2xx answer or throws the mapped closeio::Error.
  RestAnswer send(const RestRequest& request, const CallOptions& call);

  /// The asynchronous send(): the same attempts, classification, retry decisions, deadline,
  /// cancellation and logging, with the waits on the engine's timers instead of a sleeping
  /// thread. Returns at once; `done` runs exactly once, on the I/O thread. Must be called on a
  /// RestCaller owned by a std::shared_ptr.
  void send_async(RestRequest request, CallOptions call, AsyncDone done);

  /// send_async(), then `decode(body)` on the I/O thread; `done` receives the decoded value.
  template <class T, class Decode>
  // NOLINTNEXTLINE(performance-unnecessary-value-param): both are moved into send_async().
  void send_and_decode_async(RestRequest request, CallOptions call, Decode decode,
                             std::function<void(AsyncResult<T>)> done) {
    std::string shown = request.method + " /" + request.path;
    send_async(std::move(request), std::move(call),
               [decode = std::move(decode), done = std::move(done),
                shown = std::move(shown)](AsyncResult<RestAnswer> answer) mutable {
                 if (!answer.has_value()) return done(AsyncResult<T>(answer.error()));
                 // `done` runs outside the catch blocks, as AsyncCall::finish() does: the caller
                 // may read the error the moment it has it, so no exception object of this
                 // thread may still be alive then (its release is invisible to TSan).
                 std::exception_ptr failure;
                 std::optional<AsyncResult<T>> decoded;
                 try {
                   if constexpr (std::is_void_v<T>) {
                     decode(answer.value().body);
                     decoded.emplace();
                   } else {
                     decoded.emplace(decode(answer.value().body));
                   }
                 } catch (const DecodeError& e) {
                   failure = std::make_exception_ptr(
                       DecodeError("closeio: " + shown + ": " + e.what(), answer.value().attempts));
                 } catch (...) {
                   failure = std::current_exception();
                 }
                 if (failure) return done(AsyncResult<T>(std::move(failure)));
                 done(std::move(*decoded));
               });
  }

  /// Runs `work` on the I/O thread (or at once when there is none), so that an asynchronous
  /// call refused before sending still reports on the thread its callback documents.
  void post(std::function<void()> work);

  /// Runs `timer` on the I/O thread after `wait`, or as soon as `token` fires (`interrupted`
  /// true then, or when the session closes first); exactly once. Without an engine (a test's
  /// transport) it waits on the calling thread. For work that repeats on the session's thread,
  /// such as EventFollower::follow().
  void after(std::chrono::milliseconds wait, const CancellationToken& token,
             std::function<void(bool interrupted)> timer);

  /// Throws std::logic_error on the session's I/O thread, where a blocking call would stall
  /// every asynchronous call of the session (or wait for itself).
  void require_not_io_thread(const char* what) const;

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
  struct AsyncCall;
  void begin_attempt(Attempt& attempt, HttpRequest& http, const CallOptions& call) const;
  std::uint64_t wait_for_window(const Attempt& attempt, const CallOptions& call) const;
  std::optional<std::chrono::milliseconds> next_wait(const Attempt& attempt) const;
  HttpRequest http_request(const RestRequest& request, const CallOptions& call) const;
  std::optional<RestAnswer> classify(const RestRequest& request, HttpResult& result,
                                     Attempt& attempt);
  void log_attempt(const HttpRequest& request, int attempt, const HttpResult& result) const;
  void remember_rate_limit(const std::optional<RateLimitInfo>& figures);

  ClientOptions options_;
  BaseUrl base_;
  std::shared_ptr<HttpTransport> transport_;
  std::shared_ptr<const RetryPolicy> retry_policy_;
  std::string user_agent_;
  mutable std::mutex rate_limit_mutex_;
  std::optional<RateLimitInfo> rate_limit_;
  // The session's pacing by the server's RateLimit figures: blocking calls wait on it, the
  // engine's transfers take their slots from it.
  std::shared_ptr<RatePacer> pacer_;
  // The token source of an OAuth session (ClientOptions::oauth); null otherwise. Before the
  // engine, which finishes a refresh still running when it goes.
  std::shared_ptr<OAuthRefresher> oauth_;
  // Last, so it goes first: its destructor finishes the calls still running, whose
  // completions use the members above.
  std::unique_ptr<CurlMultiEngine> engine_;
};

}  // namespace closeio::internal
