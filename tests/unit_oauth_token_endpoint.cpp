// internal/oauth_token_endpoint: the token endpoint's forms, and every kind of answer read into a
// pair or an OAuthError without a secret in it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "internal/oauth_token_endpoint.hpp"

namespace closeio::internal::unit_oauth_token_endpoint_test {
namespace {

using std::chrono::seconds;
using ::testing::HasSubstr;
using ::testing::Not;

const std::chrono::system_clock::time_point kNow{seconds(1'700'000'000)};

HttpResult answered(int status, std::string body) {
  HttpResult result;
  result.status = status;
  result.request_sent = true;
  result.body = std::move(body);
  return result;
}

OAuthError error_of(const HttpResult& result, const std::string& secret = "s3cret-refresh") {
  try {
    read_token_answer(result, "refresh", kNow, {&secret});
  } catch (const OAuthError& e) {
    return e;
  }
  ADD_FAILURE() << "no OAuthError";
  return OAuthError("", "", 0, "");
}

TEST(OAuthTokenEndpoint, FormsArePercentEncoded) {
  OAuthApp app;
  app.client_id = "id&x";
  app.client_secret = "se cret=+";
  EXPECT_EQ(refresh_form(app, "r/t"),
            "grant_type=refresh_token&refresh_token=r%2Ft&client_id=id%26x&client_secret="
            "se%20cret%3D%2B");
  OAuthCodeExchange exchange;
  exchange.app = app;
  exchange.code = "c";
  EXPECT_EQ(authorization_code_form(exchange),
            "grant_type=authorization_code&code=c&client_id=id%26x&client_secret=se%20cret%3D%2B");
  exchange.redirect_uri = "https://a.example/cb?x=1";
  EXPECT_THAT(authorization_code_form(exchange),
              HasSubstr("&redirect_uri=https%3A%2F%2Fa.example%2Fcb%3Fx%3D1"));
}

TEST(OAuthTokenEndpoint, TheRequestIsAFormPostWithoutApiCredentialsNeverResent) {
  const HttpRequest request = token_request("https://x.example/oauth2/token/", "a=b", seconds(5));
  EXPECT_EQ(request.method, "POST");
  EXPECT_TRUE(request.has_body);
  EXPECT_FALSE(request.replayable);
  ASSERT_TRUE(request.authorization.has_value());
  EXPECT_EQ(*request.authorization, "");
  EXPECT_EQ(request.content_type, "application/x-www-form-urlencoded");
}

TEST(OAuthTokenEndpoint, ReadsAPair) {
  const OAuthTokens tokens = read_token_answer(
      answered(200, R"({"token_type":"Bearer","access_token":"a1","expires_in":3600,)"
                    R"("refresh_token":"r1","scope":"all.full_access offline_access"})"),
      "refresh", kNow, {});
  EXPECT_EQ(tokens.access_token, "a1");
  EXPECT_EQ(tokens.refresh_token, "r1");
  EXPECT_EQ(tokens.expires_at, kNow + seconds(3600));
}

TEST(OAuthTokenEndpoint, OAuthErrorBodiesKeepTheirCodeAndLoseSecrets) {
  const OAuthError e = error_of(answered(
      400, R"({"error":"invalid_grant","error_description":"token s3cret-refresh\nis gone"})"));
  EXPECT_EQ(e.code(), "invalid_grant");
  EXPECT_EQ(e.status(), 400);
  EXPECT_EQ(e.description(), "token REDACTED is gone");
  EXPECT_THAT(e.what(), Not(HasSubstr("s3cret-refresh")));
  EXPECT_THAT(e.what(), HasSubstr("invalid_grant"));
}

TEST(OAuthTokenEndpoint, AnswersThatAreNotPairsAreTyped) {
  EXPECT_EQ(error_of(answered(503, "<html>busy</html>")).code(), "server_error");
  EXPECT_EQ(error_of(answered(200, "not json")).code(), "bad_answer");
  EXPECT_EQ(error_of(answered(200, R"({"access_token":""})")).code(), "bad_answer");
  EXPECT_EQ(error_of(answered(200, R"({"access_token":"a","expires_in":-5})")).code(),
            "bad_answer");
  // A token that would split the Authorization header line.
  EXPECT_EQ(error_of(answered(200, R"({"access_token":"a\r\nX-Injected: 1"})")).code(),
            "bad_answer");
  EXPECT_EQ(error_of(answered(200, R"({"access_token":"a","refresh_token":"r t"})")).code(),
            "bad_answer");
}

TEST(OAuthTokenEndpoint, OnlyAnUnsentRequestOrA429IsKnownNotApplied) {
  HttpResult unsent;
  unsent.failure = TransportFailure::not_sent;
  unsent.error = "Couldn't connect";
  EXPECT_TRUE(token_request_not_applied(unsent));
  EXPECT_EQ(error_of(unsent).code(), "not_sent");

  HttpResult lost;
  lost.failure = TransportFailure::failed;
  lost.request_sent = true;
  lost.error = "Empty reply from server";
  EXPECT_FALSE(token_request_not_applied(lost));
  EXPECT_EQ(error_of(lost).code(), "answer_lost");

  HttpResult timed_out = lost;
  timed_out.failure = TransportFailure::timed_out;
  EXPECT_FALSE(token_request_not_applied(timed_out));

  EXPECT_TRUE(token_request_not_applied(answered(429, "")));
  EXPECT_FALSE(token_request_not_applied(answered(500, "")));
  EXPECT_FALSE(token_request_not_applied(answered(400, R"({"error":"invalid_grant"})")));
}

TEST(OAuthTokenEndpoint, AppAndUrlAreChecked) {
  OAuthApp app;
  EXPECT_THROW(validate_oauth_app(app), std::invalid_argument);
  app.client_id = "id";
  app.client_secret = "bad\r\nsecret";
  try {
    validate_oauth_app(app);
    FAIL() << "a control character was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_THAT(e.what(), Not(HasSubstr("secret\n")));
    EXPECT_THAT(e.what(), Not(HasSubstr("bad")));
  }
  EXPECT_EQ(checked_token_url("https://api.close.com/oauth2/token", false),
            "https://api.close.com/oauth2/token/");
  EXPECT_THROW(checked_token_url("http://api.close.com/oauth2/token/", false),
               std::invalid_argument);
  EXPECT_NO_THROW(checked_token_url("http://127.0.0.1:8080/oauth2/token/", false));
}

}  // namespace
}  // namespace closeio::internal::unit_oauth_token_endpoint_test
