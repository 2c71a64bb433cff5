/// @file
/// One connection pool and one rate-limit state, shared by every client made from it.
#pragma once

#include <memory>
#include <optional>

#include "closeio/client_options.hpp"
#include "closeio/export.hpp"
#include "closeio/rate_limit.hpp"

namespace closeio {

namespace internal {
class RestCaller;
struct SessionAccess;
}  // namespace internal

/// What clients of one API key share: the connection pool (keep-alive connections, DNS cache,
/// TLS sessions), the retry policy, the logger and the rate-limit state Close reports. Close's
/// rate limits count per key, so an OutcomesClient, a CallsClient and a MeetingsClient that use
/// the same key should be made from one Session:
///
/// @code
/// closeio::Session session(closeio::ClientOptions::from_env());
/// closeio::OutcomesClient outcomes(session);
/// closeio::CallsClient calls(session);
/// @endcode
///
/// A client made from ClientOptions alone gets a session of its own. Every call of a session,
/// blocking or asynchronous, is paced by Close's RateLimit figures from one shared budget: a
/// call that the window does not allow yet waits for it instead of drawing a 429.
///
/// @par Asynchronous calls
/// The first `*_async` call starts the session's I/O thread, which runs every asynchronous call
/// of the session (at most ClientOptions::max_concurrent_requests on the wire at once, paced by
/// Close's RateLimit figures) and their completion callbacks. When the last copy of the session
/// and the last client made from it are gone, the calls still running are cancelled
/// (CancelledError) and the thread is joined.
///
/// @par Thread safety
/// Safe to use from many threads at once. A cheap value: copies share the same session, which
/// lives as long as the last copy or client made from it.
class CLOSEIO_EXPORT Session {
 public:
  /// Validates `options` and sets up the transport. Throws std::invalid_argument for missing,
  /// empty or control-character credentials, a malformed base URL, an http:// URL to a
  /// non-loopback host without allow_insecure_http, or non-positive timeouts; with
  /// ClientOptions::oauth, also for credentials set as well, a missing refresh token, client id
  /// or secret, or a bad token URL. An OAuth session refreshes its tokens itself (OAuthOptions
  /// states the guarantees).
  explicit Session(ClientOptions options);

  /// The rate-limit figures of the latest response, to any client of this session, that
  /// carried them; std::nullopt before the first such response.
  std::optional<RateLimitInfo> rate_limit() const;

 private:
  friend struct internal::SessionAccess;
  std::shared_ptr<internal::RestCaller> core_;
};

}  // namespace closeio
