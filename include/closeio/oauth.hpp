/// @file
/// OAuth 2.0 for Close apps: a token pair that a Session refreshes by itself, the code exchange
/// that gets the first pair, and the error a failed refresh raises.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "closeio/errors.hpp"
#include "closeio/export.hpp"

namespace closeio {

struct ClientOptions;

/// An OAuth 2.0 token pair as Close's token endpoint issues it. Both tokens are secrets: the SDK
/// never prints them (no operator<<, nothing in messages or log records); what a program does
/// with them (persist them, see OAuthOptions::on_new_tokens) is up to it.
struct OAuthTokens {
  /// Sent as `Authorization: Bearer <access_token>`; Close issues it for 3600 s. May be empty:
  /// the session then refreshes before its first call. Default: empty.
  std::string access_token;
  /// Gets the next pair. Close rotates it: once a refresh has issued a new one, this one is
  /// dead. Required for a refreshing session. Default: empty.
  std::string refresh_token;
  /// When access_token stops working (a UTC instant). Default: the epoch, i.e. already expired,
  /// so the session refreshes before its first call.
  std::chrono::system_clock::time_point expires_at{};
};

/// An OAuth app registered with Close (Settings -> Developer -> OAuth Apps).
struct OAuthApp {
  /// The app's client id. Required. Default: empty.
  std::string client_id;
  /// The app's client secret (a secret: never printed by the SDK). Required. Default: empty.
  std::string client_secret;
  /// Close's token endpoint; https:// (or http:// to a loopback host, for the emulator).
  /// Default: "https://api.close.com/oauth2/token/".
  std::string token_url = "https://api.close.com/oauth2/token/";
};

/// Receives every new token pair a session obtains, before any call uses it, so that the program
/// can persist it (the refresh token it replaces is dead from now on). Called once per refresh,
/// never concurrently with itself, on the thread that ran the refresh (a blocking caller's, or
/// the session's I/O thread). Must be quick and must not throw (an exception is ignored).
using OAuthTokensCallback = std::function<void(const OAuthTokens&)>;

/// A token source that refreshes itself: set ClientOptions::oauth to it (and leave
/// ClientOptions::credentials empty).
///
/// @par Guarantees
/// - The session refreshes when a call would start with fewer than `refresh_margin` left before
///   `expires_at`, and once when a call made with an access token is answered 401 (the token
///   may have been revoked or expired early); the call is then sent again with the new token,
///   once. A second 401 is the call's UnauthorizedError.
/// - Concurrent calls, blocking and asynchronous, share one refresh: exactly one request goes to
///   the token endpoint, and every call waiting for it uses its result (or its error).
/// - A refresh request is never sent twice with the same refresh token, except after a failure
///   that proves the server never saw it (the connection could not be made). Any failure after
///   which the server may have rotated the token (an answer lost after sending, a 5xx, an
///   unreadable answer) or that says the token is dead (`invalid_grant`) is an OAuthError, and
///   the session stops refreshing: every later call needing a new token raises the same error
///   without a request. Build a new session from the newest persisted pair (or a new
///   authorization) to continue.
/// - A refresh request is bounded by ClientOptions::timeout (and connect_timeout). A blocking
///   call that waits for a refresh another call started waits until that refresh ends,
///   whatever its own deadline or cancellation; an asynchronous call waits without holding a
///   thread.
struct OAuthOptions {
  /// The app whose tokens these are. Required.
  OAuthApp app;
  /// The pair to start from (e.g. as last persisted). `refresh_token` is required.
  OAuthTokens tokens;
  /// Receives every new pair (see OAuthTokensCallback). Default: none (the new pairs then live
  /// only in the session: a program that restarts must authorize again).
  OAuthTokensCallback on_new_tokens;
  /// How long before `expires_at` the session refreshes, in seconds; at least 0. Covers clock
  /// skew and the time a call takes. Default: 60 s.
  std::chrono::seconds refresh_margin{60};
};

/// A request to Close's token endpoint failed: the exchange of an authorization code, or a
/// refresh. Never holds a token or the client secret.
class CLOSEIO_EXPORT OAuthError : public Error {
 public:
  /// `code` as in code(); `status` the HTTP status (0 without an answer); `description` the
  /// server's `error_description` (may be empty).
  OAuthError(const std::string& what, std::string code, int status, std::string description);
  /// The OAuth 2.0 error code of the answer (RFC 6749 section 5.2): "invalid_grant" (the refresh
  /// token or code is dead, revoked or unknown), "invalid_client" (wrong client id or secret),
  /// "invalid_request", ...; or one of the SDK's own: "answer_lost" (sent, but no answer came:
  /// the server may have rotated the refresh token), "not_sent" (the connection could not be
  /// made; the refresh token is unused and a later call tries again), "bad_answer" (a 2xx that
  /// is not a token pair), "server_error" (an answer without an OAuth error code, e.g. a 5xx).
  const std::string& code() const noexcept { return code_; }
  /// The token endpoint's HTTP status, or 0 when no answer arrived.
  int status() const noexcept { return status_; }
  /// The server's `error_description`, bounded, with any secret of the request removed.
  const std::string& description() const noexcept { return description_; }

 private:
  std::string code_;
  int status_;
  std::string description_;
};

/// The first step of an OAuth app: what the redirect brought back, to trade for a token pair.
struct OAuthCodeExchange {
  /// The app. Required.
  OAuthApp app;
  /// The `code` query parameter of the redirect. Required. Default: empty.
  std::string code;
  /// The redirect URI the authorization used, when the app registered several; sent only when
  /// not empty. Default: empty.
  std::string redirect_uri;
};

/// Trades an authorization code for the first token pair (`grant_type=authorization_code`),
/// with default transport settings. Sent once, never retried (a code is single-use). Throws
/// std::invalid_argument for a missing code, client id or secret, or a bad token URL;
/// OAuthError when the endpoint refuses ("invalid_grant" for a used or unknown code) or its
/// answer is lost.
CLOSEIO_EXPORT OAuthTokens exchange_authorization_code(const OAuthCodeExchange& exchange);

/// exchange_authorization_code() with the transport settings of `transport` (timeouts, CA
/// files, proxy, allow_insecure_http, user_agent_suffix); its credentials and base_url are not
/// used.
CLOSEIO_EXPORT OAuthTokens exchange_authorization_code(const OAuthCodeExchange& exchange,
                                                       const ClientOptions& transport);

}  // namespace closeio
