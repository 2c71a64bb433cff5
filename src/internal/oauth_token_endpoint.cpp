#include "internal/oauth_token_endpoint.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <utility>

#include "internal/url.hpp"

namespace closeio::internal {
namespace {

// Longest server description kept in an OAuthError.
constexpr std::size_t kMaxOAuthDescription = 512;
// Close issues access tokens for an hour; an answer that omits expires_in gets that.
constexpr long long kDefaultExpiresInSeconds = 3600;

void check_field(const std::string& value, const char* name) {
  if (value.empty())
    throw std::invalid_argument(std::string("closeio: OAuth ") + name + " is empty");
  for (const char ch : value) {
    if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f) {
      throw std::invalid_argument(std::string("closeio: OAuth ") + name +
                                  " contains a control character");
    }
  }
}

}  // namespace

// Printable, bounded, and free of the request's secrets (a hostile or buggy server may echo
// them back).
std::string redact_oauth_text(std::string text, std::initializer_list<const std::string*> secrets) {
  for (const std::string* secret : secrets) {
    if (secret == nullptr || secret->empty()) continue;
    for (std::size_t at = text.find(*secret); at != std::string::npos;
         at = text.find(*secret, at)) {
      text.replace(at, secret->size(), "REDACTED");
    }
  }
  if (text.size() > kMaxOAuthDescription) text.resize(kMaxOAuthDescription);
  for (char& ch : text) {
    if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f) ch = ' ';
  }
  return text;
}

namespace {

[[noreturn]] void fail(const std::string& what, std::string code, int status,
                       std::string description) {
  std::string message = "closeio: OAuth " + what + " failed: ";
  message += status > 0 ? "HTTP " + std::to_string(status) + ": " + code : code;
  if (!description.empty()) message += ": " + description;
  throw OAuthError(message, std::move(code), status, std::move(description));
}

}  // namespace

std::string checked_token_url(const std::string& token_url, bool allow_insecure_http) {
  return parse_base_url(token_url, allow_insecure_http).url;
}

void validate_oauth_app(const OAuthApp& app) {
  check_field(app.client_id, "client_id");
  check_field(app.client_secret, "client_secret");
}

std::string refresh_form(const OAuthApp& app, const std::string& refresh_token) {
  return "grant_type=refresh_token&refresh_token=" + percent_encode(refresh_token) +
         "&client_id=" + percent_encode(app.client_id) +
         "&client_secret=" + percent_encode(app.client_secret);
}

std::string authorization_code_form(const OAuthCodeExchange& exchange) {
  std::string form = "grant_type=authorization_code&code=" + percent_encode(exchange.code) +
                     "&client_id=" + percent_encode(exchange.app.client_id) +
                     "&client_secret=" + percent_encode(exchange.app.client_secret);
  if (!exchange.redirect_uri.empty()) {
    form += "&redirect_uri=" + percent_encode(exchange.redirect_uri);
  }
  return form;
}

HttpRequest token_request(const std::string& url, std::string form,
                          std::chrono::milliseconds timeout) {
  HttpRequest request;
  request.method = "POST";
  request.url = url;
  request.body = std::move(form);
  request.has_body = true;
  request.replayable = false;
  request.timeout = timeout;
  request.authorization =
      std::string();  // None: the endpoint takes the client's secret in the form.
  request.content_type = "application/x-www-form-urlencoded";
  return request;
}

bool token_request_not_applied(const HttpResult& result) {
  if (result.failure == TransportFailure::none) return result.status == 429;
  return !result.request_sent;
}

OAuthTokens read_token_answer(const HttpResult& result, const std::string& what,
                              std::chrono::system_clock::time_point now,
                              std::initializer_list<const std::string*> secrets) {
  if (result.failure != TransportFailure::none) {
    const std::string error = redact_oauth_text(result.error, secrets);
    if (!result.request_sent) fail(what, "not_sent", 0, error);
    fail(what, "answer_lost", 0,
         error + " (the request was sent; the server may have rotated the refresh token)");
  }
  const nlohmann::json body = nlohmann::json::parse(result.body, nullptr, false);
  if (result.status < 200 || result.status >= 300) {
    std::string code = "server_error";
    std::string description;
    if (body.is_object()) {
      if (auto it = body.find("error"); it != body.end() && it->is_string()) {
        code = redact_oauth_text(it->get<std::string>(), secrets);
      }
      if (auto it = body.find("error_description"); it != body.end() && it->is_string()) {
        description = redact_oauth_text(it->get<std::string>(), secrets);
      }
    }
    fail(what, std::move(code), result.status, std::move(description));
  }
  OAuthTokens tokens;
  const auto text = [&body](const char* key) -> std::string {
    auto it = body.find(key);
    return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  if (body.is_object()) {
    tokens.access_token = text("access_token");
    tokens.refresh_token = text("refresh_token");
  }
  if (tokens.access_token.empty()) {
    fail(what, "bad_answer", result.status, "the answer holds no access_token");
  }
  // The access token goes into a header line: a space or control character would split it.
  for (const std::string* token : {&tokens.access_token, &tokens.refresh_token}) {
    for (const char ch : *token) {
      if (static_cast<unsigned char>(ch) <= 0x20 || ch == 0x7f) {
        fail(what, "bad_answer", result.status, "a token holds a space or control character");
      }
    }
  }
  long long expires_in = kDefaultExpiresInSeconds;
  if (auto it = body.find("expires_in"); it != body.end() && it->is_number()) {
    const double seconds = it->get<double>();
    if (!(seconds >= 0 && seconds < 1e9)) {
      fail(what, "bad_answer", result.status, "expires_in is out of range");
    }
    expires_in = static_cast<long long>(seconds);
  }
  tokens.expires_at = now + std::chrono::seconds(expires_in);
  return tokens;
}

}  // namespace closeio::internal
