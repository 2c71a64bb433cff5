// The wire side of Close's OAuth token endpoint: the form-encoded requests (code exchange and
// refresh), and the reading of its answers into a token pair or a closeio::OAuthError. Knows no
// session state: the refresh rules live in oauth_refresher.hpp.
#pragma once

#include <chrono>
#include <initializer_list>
#include <string>

#include "closeio/oauth.hpp"
#include "internal/http_transport.hpp"

namespace closeio::internal {

/// The validated, normalised token URL (std::invalid_argument for a bad one, an http:// URL to
/// a non-loopback host unless `allow_insecure_http`).
std::string checked_token_url(const std::string& token_url, bool allow_insecure_http);

/// `text` with every occurrence of each non-empty secret replaced by "REDACTED", control
/// characters as spaces, at most 512 bytes: fit for an OAuthError message or a log line.
std::string redact_oauth_text(std::string text, std::initializer_list<const std::string*> secrets);

/// Throws std::invalid_argument (naming the field, never its value) for an empty client id or
/// secret, or one holding a control character.
void validate_oauth_app(const OAuthApp& app);

/// `grant_type=refresh_token&refresh_token=...&client_id=...&client_secret=...`, percent-encoded.
std::string refresh_form(const OAuthApp& app, const std::string& refresh_token);

/// `grant_type=authorization_code&code=...&client_id=...&client_secret=...[&redirect_uri=...]`.
std::string authorization_code_form(const OAuthCodeExchange& exchange);

/// A POST of `form` to `url`: form-encoded, without the API's Authorization header, and never
/// re-sent by libcurl (a refresh token is single-use).
HttpRequest token_request(const std::string& url, std::string form,
                          std::chrono::milliseconds timeout);

/// Whether the server provably did not act on the token request: no connection was made, or a
/// 429 (refused before anything is done). Only then may the same refresh token be sent again.
bool token_request_not_applied(const HttpResult& result);

/// The token pair of a 2xx answer (expires_at = `now` + expires_in); throws OAuthError for
/// anything else (see OAuthError::code()). `secrets` (the request's tokens, the client secret)
/// are removed from any text the error carries. `what` names the operation ("refresh",
/// "authorization code exchange").
OAuthTokens read_token_answer(const HttpResult& result, const std::string& what,
                              std::chrono::system_clock::time_point now,
                              std::initializer_list<const std::string*> secrets);

}  // namespace closeio::internal
