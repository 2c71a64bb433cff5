// The HTTP seam: a request, what came back, and the interface the libcurl transport implements.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "closeio/cancellation.hpp"
#include "closeio/errors.hpp"
#include "closeio/rate_limit.hpp"

namespace closeio::internal {

/// One HTTP attempt to send.
struct HttpRequest {
  std::string method;     ///< "GET", "POST", "PUT", "PATCH" (RawClient) or "DELETE".
  std::string url;        ///< Absolute URL with query.
  std::string body;       ///< JSON body; sent only when `has_body`.
  bool has_body = false;  ///< POST and PUT carry a body.
  /// Whether libcurl may send the request again by itself. libcurl re-sends a request whose
  /// reused keep-alive connection closed before any answer byte, which is safe for idempotent
  /// methods only. When false (POST), the body cannot be rewound, so libcurl fails instead
  /// (CURLE_SEND_FAIL_REWIND, reported as `failed` with `request_sent`) and such a request may
  /// only reuse a connection idle for a short time (see curl_transport.cpp). A request without
  /// a body has nothing to rewind: libcurl can re-send it whatever this says.
  bool replayable = true;
  std::chrono::milliseconds timeout{60000};  ///< Whole attempt, connect included.
  /// The call's deadline, when it has one. Only the asynchronous engine reads it: a transfer
  /// that waits there (for a free slot or for the rate-limit window) and cannot start before
  /// the deadline ends unsent as `past_deadline`, and one that starts late gets only what is
  /// left as its timeout. A blocking call waits before it reaches the transport instead.
  std::optional<std::chrono::steady_clock::time_point> deadline;
  CancellationToken cancellation;  ///< Aborts the transfer when cancelled.
  /// Replaces the transport's fixed Authorization value for this request when set (an OAuth
  /// session's current Bearer token); an empty string sends no Authorization header at all (the
  /// OAuth token endpoint, which must not see the API's credentials). Secret.
  std::optional<std::string> authorization;
  /// Content-Type of the body; empty means "application/json".
  std::string content_type;
};

/// Why an attempt produced no usable HTTP answer.
enum class TransportFailure {
  none,           ///< An HTTP answer arrived (any status).
  not_sent,       ///< Resolving, connecting or the TLS handshake failed: the server saw nothing.
  failed,         ///< The connection failed after the request may have been sent.
  timed_out,      ///< The attempt hit its timeout (sent or not: see `request_sent`).
  too_large,      ///< The body exceeded the configured cap; the transfer was stopped.
  cancelled,      ///< The cancellation token fired.
  past_deadline,  ///< Never started: the call's deadline came first (see HttpRequest::deadline).
};

/// The result of one attempt.
struct HttpResult {
  TransportFailure failure = TransportFailure::none;
  bool request_sent = false;  ///< False only when the server cannot have seen the request.
  std::string error;          ///< libcurl's description of the failure; never holds a secret.
  int status = 0;
  HttpHeaders headers;  ///< Of the final response.
  /// The answer's rate-limit figures (RateLimit or X-Rate-Limit-* headers), read once when the
  /// transfer ends: the pacer and RestCaller::rate_limit() both use them.
  std::optional<RateLimitInfo> rate_limit;
  std::string body;  ///< Decoded (decompressed) body.
  std::chrono::microseconds elapsed{0};
  /// libcurl sent the request more than once in this attempt: the first copy went out on a
  /// reused connection that closed without an answer (so the server may have acted on it), and
  /// libcurl sent it again on a new connection. Only possible for `replayable` requests.
  bool resent_by_libcurl = false;
  HttpHeaders request_headers;  ///< As sent, for the logging hook; Authorization included.
  std::string http_version;     ///< "1.1", "2", ...; empty when no connection was made.
};

/// Sends requests. Implementations are thread-safe.
class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  virtual HttpResult perform(const HttpRequest& request) = 0;
};

}  // namespace closeio::internal
