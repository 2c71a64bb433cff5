// The emulator's rate limit, checked from the outside with a plain httplib client: what it
// reports, what it refuses when enforced (Close's 429 body and headers), what it counts, and
// closeio-fake-server's --rate-limit N/SECONDS. Windows here are 10 minutes long, so no window
// ends during a test however slow the machine.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "closeio/testing/fake_close_server.hpp"
#include "rate_limit_spec.hpp"

namespace e2e_fake_rate_limit_test {
namespace {

using closeio::testing::FakeCloseServer;
using closeio::testing::FakeCloseServerOptions;
using closeio::testing::ScriptedResponse;
using Json = nlohmann::json;
using std::chrono::milliseconds;
using ::testing::MatchesRegex;

constexpr char kCollection[] = "/api/v1/outcome/";
// base64("test-api-key:"), the default key with Close's empty password.
const httplib::Headers kAuth = {{"Authorization", "Basic dGVzdC1hcGkta2V5Og=="}};
constexpr milliseconds kTenMinutes{600000};

FakeCloseServerOptions enforced(int limit, milliseconds window = kTenMinutes) {
  FakeCloseServerOptions options;
  options.rate_limit = limit;
  options.rate_limit_window = window;
  options.enforce_rate_limit = true;
  return options;
}

httplib::Client client_for(const FakeCloseServer& server) {
  httplib::Client client("127.0.0.1", server.port());
  client.set_tcp_nodelay(true);
  return client;
}

TEST(FakeRateLimit, ReportsTheConfiguredLimitWithoutRefusingByDefault) {
  FakeCloseServerOptions options;
  options.rate_limit = 2;
  options.rate_limit_window = kTenMinutes;
  FakeCloseServer server(options);
  httplib::Client client = client_for(server);
  for (const char* remaining : {"1", "0", "0"}) {
    auto answer = client.Get(kCollection, kAuth);
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->status, 200);
    EXPECT_THAT(
        answer->get_header_value("RateLimit"),
        MatchesRegex(std::string("limit=2, remaining=") + remaining + ", reset=[0-9]+\\.[0-9]{3}"));
  }
  EXPECT_EQ(server.requests_rate_limited(), 0u);
}

TEST(FakeRateLimit, EnforcedRefusesRequestsBeyondTheWindowLikeClose) {
  FakeCloseServer server(enforced(2));
  httplib::Client client = client_for(server);
  ASSERT_EQ(client.Get(kCollection, kAuth)->status, 200);
  ASSERT_EQ(client.Get(kCollection, kAuth)->status, 200);
  auto refused = client.Get(kCollection, kAuth);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 429);
  EXPECT_EQ(refused->get_header_value("Content-Type"), "application/json");
  EXPECT_THAT(refused->get_header_value("RateLimit"),
              MatchesRegex("limit=2, remaining=0, reset=[0-9]+\\.[0-9]{3}"));
  // Whole seconds, rounded up, of a window that has at most 600 s left.
  const int retry_after = std::stoi(refused->get_header_value("Retry-After"));
  EXPECT_GE(retry_after, 1);
  EXPECT_LE(retry_after, 600);
  const Json body = Json::parse(refused->body);
  const Json& error = body.at("error");
  EXPECT_EQ(error.at("message"), "API call count exceeded for this period");
  EXPECT_EQ(error.at("rate_limit"), 2);
  EXPECT_EQ(error.at("rate_window"), 600.0);
  EXPECT_GT(error.at("rate_reset").get<double>(), 0.0);
  EXPECT_LE(error.at("rate_reset").get<double>(), 600.0);
  EXPECT_EQ(error.at("rate_limit_type"), "key");
  EXPECT_EQ(server.requests_rate_limited(), 1u);
  EXPECT_EQ(server.requests().size(), 3u);  // Refused requests are still recorded.
}

TEST(FakeRateLimit, ARefusedWriteIsNotCarriedOut) {
  FakeCloseServer server(enforced(1));
  httplib::Client client = client_for(server);
  ASSERT_EQ(client.Get(kCollection, kAuth)->status, 200);
  auto refused = client.Post(kCollection, kAuth, R"({"name": "Refused"})", "application/json");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 429);
  EXPECT_TRUE(server.outcomes().empty());
  EXPECT_EQ(server.creates_performed(), 0u);
  EXPECT_EQ(server.requests_rate_limited(), 1u);
}

TEST(FakeRateLimit, ScriptedAnswersAreNeitherCountedNorRefused) {
  FakeCloseServer server(enforced(1));
  ScriptedResponse scripted;
  scripted.body = R"({"data": [], "has_more": false})";
  server.script(scripted);
  httplib::Client client = client_for(server);
  EXPECT_EQ(client.Get(kCollection, kAuth)->status, 200);  // Scripted.
  EXPECT_EQ(client.Get(kCollection, kAuth)->status, 200);  // The window's one request.
  EXPECT_EQ(client.Get(kCollection, kAuth)->status, 429);
  server.script(scripted);
  EXPECT_EQ(client.Get(kCollection, kAuth)->status, 200);  // Scripted, even when exhausted.
  EXPECT_EQ(server.requests_rate_limited(), 1u);
}

TEST(FakeRateLimit, ImpossibleSettingsAreRefused) {
  FakeCloseServerOptions no_requests;
  no_requests.rate_limit = 0;
  EXPECT_THROW(FakeCloseServer{no_requests}, std::invalid_argument);
  FakeCloseServerOptions no_window;
  no_window.rate_limit_window = milliseconds(0);
  EXPECT_THROW(FakeCloseServer{no_window}, std::invalid_argument);
}

TEST(FakeRateLimitSpec, ReadsRequestsPerSeconds) {
  const auto per_second = closeio::tools::parse_rate_limit_spec("100/1");
  EXPECT_EQ(per_second.limit, 100);
  EXPECT_EQ(per_second.window, milliseconds(1000));
  const auto half = closeio::tools::parse_rate_limit_spec("20/0.5");
  EXPECT_EQ(half.limit, 20);
  EXPECT_EQ(half.window, milliseconds(500));
  EXPECT_EQ(closeio::tools::parse_rate_limit_spec("1/0.001").window, milliseconds(1));
  EXPECT_EQ(closeio::tools::parse_rate_limit_spec("1/86400").window, milliseconds(86400000));
}

TEST(FakeRateLimitSpec, RefusesAnythingElse) {
  for (const char* bad : {"", "100", "/1", "100/", "0/1", "100/0", "100/0.0001", "100/1.", "x/1",
                          "100/-1", "100/1e3", "-5/1", "100/86401", "1000001/1", "100/1/2"}) {
    EXPECT_THROW(closeio::tools::parse_rate_limit_spec(bad), std::invalid_argument) << bad;
  }
}

}  // namespace
}  // namespace e2e_fake_rate_limit_test
