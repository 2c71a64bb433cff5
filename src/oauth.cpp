#include "closeio/oauth.hpp"

#include <chrono>
#include <stdexcept>
#include <utility>

#include "closeio/client_options.hpp"
#include "internal/curl_transport.hpp"
#include "internal/oauth_token_endpoint.hpp"

namespace closeio {

OAuthError::OAuthError(const std::string& what, std::string code, int status,
                       std::string description)
    : Error(what, status > 0 ? 1 : 0),
      code_(std::move(code)),
      status_(status),
      description_(std::move(description)) {}

OAuthTokens exchange_authorization_code(const OAuthCodeExchange& exchange) {
  return exchange_authorization_code(exchange, ClientOptions());
}

OAuthTokens exchange_authorization_code(const OAuthCodeExchange& exchange,
                                        const ClientOptions& transport) {
  internal::validate_oauth_app(exchange.app);
  if (exchange.code.empty())
    throw std::invalid_argument("closeio: the authorization code is empty");
  if (transport.connect_timeout.count() <= 0 || transport.timeout.count() <= 0) {
    throw std::invalid_argument("closeio: connect_timeout and timeout must be positive");
  }
  const std::string url =
      internal::checked_token_url(exchange.app.token_url, transport.allow_insecure_http);
  internal::CurlTransportConfig config;  // No Authorization: the form carries the client secret.
  config.user_agent = internal::closeio_user_agent(transport.user_agent_suffix);
  config.connect_timeout = transport.connect_timeout;
  config.max_response_bytes = transport.max_response_bytes;
  config.ca_file = transport.ca_file;
  config.ca_path = transport.ca_path;
  config.proxy = transport.proxy;
  internal::CurlTransport curl(std::move(config));
  // Sent once: a code is single-use, and a lost answer may have used it up.
  const internal::HttpResult result = curl.perform(
      internal::token_request(url, internal::authorization_code_form(exchange), transport.timeout));
  return internal::read_token_answer(result, "authorization code exchange",
                                     std::chrono::system_clock::now(),
                                     {&exchange.code, &exchange.app.client_secret});
}

}  // namespace closeio
