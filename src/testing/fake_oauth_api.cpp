#include "testing/fake_oauth_api.hpp"

#include <nlohmann/json.hpp>
#include <string>

#include "testing/fake_request_record.hpp"

namespace closeio::testing::internal {
namespace {

// RFC 6749 section 5.2, as oauthlib (which Close's Python stack uses) writes it.
ApiAnswer oauth_error(int status, const char* code, const char* description) {
  nlohmann::json body = {{"error", code}};
  if (description != nullptr) body["error_description"] = description;
  return answer(status, body.dump());
}

std::string form_value(const std::vector<std::pair<std::string, std::string>>& form,
                       std::string_view name) {
  for (const auto& [key, value] : form) {
    if (key == name) return value;
  }
  return {};
}

bool is_form(const RecordedRequest& request) {
  return request.header("content-type").rfind("application/x-www-form-urlencoded", 0) == 0;
}

}  // namespace

FakeOAuthApi::FakeOAuthApi(const FakeCloseServerOptions& options, FakeOAuthStore& store)
    : options_(options), store_(store) {}

std::optional<ApiAnswer> FakeOAuthApi::route(const RecordedRequest& request) const {
  if (request.path != kOAuthTokenPath) return std::nullopt;
  token_requests_.fetch_add(1);
  if (request.method != "POST") return method_not_allowed("POST");
  return grant(request);
}

ApiAnswer FakeOAuthApi::grant(const RecordedRequest& request) const {
  if (!is_form(request)) {
    return oauth_error(400, "invalid_request", "The body must be form-encoded.");
  }
  const auto form = decode_query("?" + request.body);
  const std::string grant_type = form_value(form, "grant_type");
  const bool refreshing = grant_type == "refresh_token";
  if (refreshing) refresh_requests_.fetch_add(1);
  if (form_value(form, "client_id") != options_.oauth_client_id ||
      form_value(form, "client_secret") != options_.oauth_client_secret) {
    return oauth_error(401, "invalid_client", nullptr);
  }
  FakeOAuthStore::Grant result;
  if (refreshing) {
    const std::string token = form_value(form, "refresh_token");
    if (token.empty()) return oauth_error(400, "invalid_request", "Missing refresh_token.");
    result = store_.refresh(token);
  } else if (grant_type == "authorization_code") {
    const std::string code = form_value(form, "code");
    if (code.empty()) return oauth_error(400, "invalid_request", "Missing code.");
    result = store_.exchange(code, form_value(form, "redirect_uri"));
  } else {
    return oauth_error(400, "unsupported_grant_type", nullptr);
  }
  ApiAnswer out = result.tokens ? answer(200,
                                         nlohmann::json{
                                             {"token_type", "Bearer"},
                                             {"access_token", result.tokens->access_token},
                                             {"expires_in", result.expires_in.count()},
                                             {"refresh_token", result.tokens->refresh_token},
                                             {"scope", "all.full_access offline_access"},
                                             {"organization_id", options_.organization_id},
                                             {"user_id", options_.user_id},
                                         }
                                             .dump())
                                : oauth_error(400, "invalid_grant", nullptr);
  if (refreshing) {
    if (result.tokens) refreshes_performed_.fetch_add(1);
    // Applied above; the client is then left without the answer (FakeCloseServer's switch).
    out.drop_connection = store_.take_drop();
  }
  return out;
}

bool FakeOAuthApi::accepts(std::string_view authorization) const {
  constexpr std::string_view kBearer = "Bearer ";
  if (authorization.substr(0, kBearer.size()) != kBearer) return false;
  return store_.accepts(std::string(authorization.substr(kBearer.size())));
}

}  // namespace closeio::testing::internal
