// OAuth sessions end to end: code exchange, refresh before expiry and on a 401, one refresh for
// many concurrent calls (blocking and asynchronous), rotation through the callback, typed errors
// without loops, a lost refresh answer never replayed, and no secret in messages or logs.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <future>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "support/test_client.hpp"

namespace closeio::e2e_oauth_test {
namespace {

using std::chrono::seconds;
using std::chrono::system_clock;
using test::seed_outcome;
using testing::FakeCloseServer;
using testing::FakeCloseServerOptions;

OAuthApp app_of(const FakeCloseServer& server) {
  OAuthApp app;
  app.client_id = FakeCloseServerOptions().oauth_client_id;
  app.client_secret = FakeCloseServerOptions().oauth_client_secret;
  app.token_url = server.oauth_token_url();
  return app;
}

// Every pair the session reported, in order.
struct Persisted {
  std::mutex mutex;
  std::vector<OAuthTokens> pairs;
  OAuthTokensCallback callback() {
    return [this](const OAuthTokens& tokens) {
      std::lock_guard<std::mutex> lock(mutex);
      pairs.push_back(tokens);
    };
  }
  std::vector<OAuthTokens> all() {
    std::lock_guard<std::mutex> lock(mutex);
    return pairs;
  }
};

ClientOptions oauth_options(const FakeCloseServer& server, const OAuthTokens& tokens,
                            Persisted* persisted = nullptr) {
  ClientOptions options = test::options_for(server);
  options.credentials = Credentials();
  OAuthOptions oauth;
  oauth.app = app_of(server);
  oauth.tokens = tokens;
  if (persisted) oauth.on_new_tokens = persisted->callback();
  options.oauth = oauth;
  return options;
}

// Requests the API (not the token endpoint) received.
std::vector<testing::RecordedRequest> api_requests(const FakeCloseServer& server) {
  std::vector<testing::RecordedRequest> out;
  for (auto& request : server.requests()) {
    if (request.path.rfind("/api/v1/", 0) == 0) out.push_back(request);
  }
  return out;
}

// A gate many threads wait at until it opens: no sleeps, no timing.
class Gate {
 public:
  void wait() {
    std::unique_lock<std::mutex> lock(mutex_);
    opened_.wait(lock, [this] { return open_; });
  }
  void open() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      open_ = true;
    }
    opened_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable opened_;
  bool open_ = false;
};

TEST(OAuth, ExchangesAnAuthorizationCodeForTheFirstPair) {
  FakeCloseServer server;
  OAuthCodeExchange exchange;
  exchange.app = app_of(server);
  exchange.redirect_uri = "https://app.example/callback";
  exchange.code = server.mint_oauth_code(exchange.redirect_uri);
  const auto before = system_clock::now();
  const OAuthTokens tokens = exchange_authorization_code(exchange);
  EXPECT_FALSE(tokens.access_token.empty());
  EXPECT_FALSE(tokens.refresh_token.empty());
  EXPECT_GE(tokens.expires_at, before + seconds(3600));
  EXPECT_LE(tokens.expires_at, system_clock::now() + seconds(3600));
  ASSERT_EQ(server.oauth_token_requests(), 1u);
  const testing::RecordedRequest sent = server.requests().back();
  EXPECT_EQ(sent.method, "POST");
  EXPECT_EQ(sent.path, "/oauth2/token/");
  EXPECT_EQ(sent.header("content-type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(sent.header("authorization"), "");  // The API's credentials never go there.
  EXPECT_THAT(sent.body, ::testing::HasSubstr("grant_type=authorization_code"));

  // The pair works for API calls, with no refresh.
  OutcomesClient client(oauth_options(server, tokens));
  const Outcome seeded = seed_outcome(server, "x");
  EXPECT_EQ(client.fetch(seeded.id).id, seeded.id);
  EXPECT_EQ(server.oauth_refresh_requests(), 0u);
  EXPECT_EQ(api_requests(server).back().header("authorization"), "Bearer " + tokens.access_token);

  // A code is single-use.
  try {
    exchange_authorization_code(exchange);
    FAIL() << "a used code was accepted";
  } catch (const OAuthError& e) {
    EXPECT_EQ(e.code(), "invalid_grant");
    EXPECT_EQ(e.status(), 400);
    EXPECT_THAT(e.what(), ::testing::Not(::testing::HasSubstr(exchange.code)));
    EXPECT_THAT(e.what(), ::testing::Not(::testing::HasSubstr(exchange.app.client_secret)));
  }
}

TEST(OAuth, CodeExchangeRefusesAWrongRedirectAndAWrongSecret) {
  FakeCloseServer server;
  OAuthCodeExchange exchange;
  exchange.app = app_of(server);
  exchange.code = server.mint_oauth_code("https://app.example/callback");
  exchange.redirect_uri = "https://elsewhere.example/";
  try {
    exchange_authorization_code(exchange);
    FAIL() << "a code was exchanged with another redirect_uri";
  } catch (const OAuthError& e) {
    EXPECT_EQ(e.code(), "invalid_grant");
  }
  exchange.redirect_uri = "https://app.example/callback";
  exchange.app.client_secret = "wrong-secret-value";
  try {
    exchange_authorization_code(exchange);
    FAIL() << "a wrong client secret was accepted";
  } catch (const OAuthError& e) {
    EXPECT_EQ(e.code(), "invalid_client");
    EXPECT_EQ(e.status(), 401);
    EXPECT_THAT(e.what(), ::testing::Not(::testing::HasSubstr("wrong-secret-value")));
  }
  exchange.code.clear();
  EXPECT_THROW(exchange_authorization_code(exchange), std::invalid_argument);
}

TEST(OAuth, ManyThreadsAndAsyncCallsAcrossAnExpiryShareExactlyOneRefresh) {
  // A worker per connection the 16 threads and the asynchronous calls keep open at once.
  FakeCloseServerOptions server_options;
  server_options.threads = 40;
  FakeCloseServer server(server_options);
  const Outcome seeded = seed_outcome(server, "shared");
  const OAuthTokens first = server.issue_oauth_tokens();
  Persisted persisted;
  OutcomesClient client(oauth_options(server, first, &persisted));
  ASSERT_EQ(client.fetch(seeded.id).id, seeded.id);  // The first pair works.
  ASSERT_EQ(server.oauth_refresh_requests(), 0u);

  // The server expires the token the session holds; the session still thinks it has an hour.
  server.expire_oauth_access_tokens();

  constexpr int kThreads = 16;
  constexpr int kPerThread = 4;
  constexpr int kAsync = 200;
  Gate gate;
  std::atomic<int> ok{0};
  std::atomic<int> failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      gate.wait();
      for (int i = 0; i < kPerThread; ++i) {
        try {
          if (client.fetch(seeded.id).id == seeded.id) ++ok;
        } catch (const std::exception&) {
          ++failed;
        }
      }
    });
  }
  std::vector<std::future<Outcome>> futures;
  futures.reserve(kAsync);
  gate.open();
  for (int i = 0; i < kAsync; ++i) futures.push_back(client.fetch_async(seeded.id));
  for (auto& thread : threads) thread.join();
  for (auto& future : futures) {
    try {
      if (future.get().id == seeded.id) ++ok;
    } catch (const std::exception&) {
      ++failed;
    }
  }

  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(ok.load(), kThreads * kPerThread + kAsync);
  EXPECT_EQ(server.oauth_refresh_requests(), 1u);
  EXPECT_EQ(server.oauth_refreshes_performed(), 1u);
  const std::vector<OAuthTokens> pairs = persisted.all();
  ASSERT_EQ(pairs.size(), 1u);
  EXPECT_NE(pairs[0].access_token, first.access_token);
  EXPECT_NE(pairs[0].refresh_token, first.refresh_token);
  // Every API request carried the old token (refused, at most once per call) or the new one.
  int refused = 0;
  for (const auto& request : api_requests(server)) {
    const std::string authorization = request.header("authorization");
    if (authorization == "Bearer " + first.access_token) {
      ++refused;
    } else {
      EXPECT_EQ(authorization, "Bearer " + pairs[0].access_token);
    }
  }
  EXPECT_LE(refused, 1 + kThreads * kPerThread + kAsync);
  EXPECT_EQ(api_requests(server).size(),
            static_cast<std::size_t>(refused + kThreads * kPerThread + kAsync));
}

TEST(OAuth, ManyCallsStartingInsideTheMarginShareOneRefreshAndDrawNo401) {
  FakeCloseServerOptions server_options;
  server_options.threads = 40;
  FakeCloseServer server(server_options);
  const Outcome seeded = seed_outcome(server, "shared");
  OAuthTokens closing = server.issue_oauth_tokens();
  closing.expires_at = system_clock::now() + seconds(30);  // Inside the 60 s margin.
  Persisted persisted;
  OutcomesClient client(oauth_options(server, closing, &persisted));

  constexpr int kThreads = 16;
  constexpr int kAsync = 200;
  Gate gate;
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      gate.wait();
      try {
        if (client.fetch(seeded.id).id == seeded.id) ++ok;
      } catch (const std::exception&) {
        // Counted by `ok` falling short.
      }
    });
  }
  std::vector<std::future<Outcome>> futures;
  futures.reserve(kAsync);
  gate.open();
  for (int i = 0; i < kAsync; ++i) futures.push_back(client.fetch_async(seeded.id));
  for (auto& thread : threads) thread.join();
  for (auto& future : futures) {
    try {
      if (future.get().id == seeded.id) ++ok;
    } catch (const std::exception&) {
      // Counted by `ok` falling short.
    }
  }
  EXPECT_EQ(ok.load(), kThreads + kAsync);
  EXPECT_EQ(server.oauth_refresh_requests(), 1u);
  ASSERT_EQ(persisted.all().size(), 1u);
  // Every call waited for the refresh: none went out with the closing token.
  const auto calls = api_requests(server);
  EXPECT_EQ(calls.size(), static_cast<std::size_t>(kThreads + kAsync));
  for (const auto& request : calls) {
    EXPECT_EQ(request.header("authorization"), "Bearer " + persisted.all()[0].access_token);
  }
}

TEST(OAuth, RefreshesBeforeExpiryWithinTheMarginAndNotBefore) {
  FakeCloseServer server;
  const Outcome seeded = seed_outcome(server, "x");

  // An hour left: far outside the 60 s margin, no refresh.
  OAuthTokens fresh = server.issue_oauth_tokens();
  OutcomesClient outside(oauth_options(server, fresh));
  outside.fetch(seeded.id);
  EXPECT_EQ(server.oauth_refresh_requests(), 0u);

  // 30 s left (the server would still accept it): inside the margin, so the session refreshes
  // first and the call goes out once, with the new token.
  OAuthTokens closing = server.issue_oauth_tokens();
  closing.expires_at = system_clock::now() + seconds(30);
  Persisted persisted;
  OutcomesClient inside(oauth_options(server, closing, &persisted));
  server.clear_requests();
  inside.fetch(seeded.id);
  EXPECT_EQ(server.oauth_refresh_requests(), 1u);
  ASSERT_EQ(persisted.all().size(), 1u);
  const auto calls = api_requests(server);
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].header("authorization"), "Bearer " + persisted.all()[0].access_token);

  // The same 30 s with a margin of 0: used as it is.
  ClientOptions no_margin = oauth_options(server, closing);
  no_margin.oauth->refresh_margin = seconds(0);
  OutcomesClient(no_margin).fetch(seeded.id);
  EXPECT_EQ(server.oauth_refresh_requests(), 1u);

  // An empty access token, or one already past expires_at, is refreshed before the first call,
  // by an asynchronous call too.
  OAuthTokens expired = server.issue_oauth_tokens();
  expired.expires_at = system_clock::now() - seconds(1);
  OutcomesClient async_client(oauth_options(server, expired));
  EXPECT_EQ(async_client.fetch_async(seeded.id).get().id, seeded.id);
  EXPECT_EQ(server.oauth_refresh_requests(), 2u);
}

TEST(OAuth, RotationReachesTheCallbackAndTheOldRefreshTokenIsDead) {
  FakeCloseServer server;
  const Outcome seeded = seed_outcome(server, "x");
  OAuthTokens first = server.issue_oauth_tokens();
  first.expires_at = system_clock::now() - seconds(1);
  Persisted persisted;
  OutcomesClient(oauth_options(server, first, &persisted)).fetch(seeded.id);
  const std::vector<OAuthTokens> pairs = persisted.all();
  ASSERT_EQ(pairs.size(), 1u);
  const OAuthTokens& second = pairs[0];
  EXPECT_GT(second.expires_at, system_clock::now() + seconds(3000));

  // A session started from the persisted pair needs no refresh.
  OutcomesClient(oauth_options(server, second)).fetch(seeded.id);
  EXPECT_EQ(server.oauth_refresh_requests(), 1u);

  // The refresh token the rotation replaced is dead.
  OAuthTokens stale;
  stale.refresh_token = first.refresh_token;
  OutcomesClient old(oauth_options(server, stale));
  try {
    old.fetch(seeded.id);
    FAIL() << "the rotated-out refresh token still worked";
  } catch (const OAuthError& e) {
    EXPECT_EQ(e.code(), "invalid_grant");
  }
}

TEST(OAuth, InvalidGrantIsATypedErrorAndNeverLoops) {
  FakeCloseServer server;
  const Outcome seeded = seed_outcome(server, "x");
  OAuthTokens tokens = server.issue_oauth_tokens();
  // The access token is refused (401), and so is its refresh token: one refresh, then the
  // typed error, for this call and every later one, with no further request.
  ASSERT_TRUE(server.revoke_oauth_token(tokens.access_token));
  ASSERT_TRUE(server.revoke_oauth_token(tokens.refresh_token));
  OutcomesClient client(oauth_options(server, tokens));
  for (int i = 0; i < 3; ++i) {
    try {
      client.fetch(seeded.id);
      FAIL() << "a call succeeded with revoked tokens";
    } catch (const OAuthError& e) {
      EXPECT_EQ(e.code(), "invalid_grant");
      EXPECT_EQ(e.status(), 400);
      EXPECT_THAT(e.what(), ::testing::Not(::testing::HasSubstr(tokens.refresh_token)));
    }
  }
  try {
    client.fetch_async(seeded.id).get();
    FAIL() << "an asynchronous call succeeded with revoked tokens";
  } catch (const OAuthError& e) {
    EXPECT_EQ(e.code(), "invalid_grant");
  }
  EXPECT_EQ(server.oauth_refresh_requests(), 1u);
  EXPECT_EQ(api_requests(server).size(), 1u);  // The first call's 401, nothing after.
}

TEST(OAuth, ASecondUnauthorizedIsTheCallsErrorAfterOneRefresh) {
  FakeCloseServer server;
  const Outcome seeded = seed_outcome(server, "x");
  const OAuthTokens tokens = server.issue_oauth_tokens();
  server.expire_oauth_access_tokens();
  server.set_oauth_access_token_lifetime(seconds(0));  // The new token is dead on arrival too.
  OutcomesClient client(oauth_options(server, tokens));
  EXPECT_THROW(client.fetch(seeded.id), UnauthorizedError);
  EXPECT_EQ(server.oauth_refresh_requests(), 1u);
  EXPECT_EQ(api_requests(server).size(), 2u);
}

TEST(OAuth, ALostRefreshAnswerIsReportedAndNeverReplayed) {
  FakeCloseServer server;
  const Outcome seeded = seed_outcome(server, "x");
  OAuthTokens tokens = server.issue_oauth_tokens();
  tokens.expires_at = system_clock::now() - seconds(1);
  server.drop_next_oauth_refresh_answer();
  Persisted persisted;
  OutcomesClient client(oauth_options(server, tokens, &persisted));
  for (int i = 0; i < 2; ++i) {
    try {
      client.fetch(seeded.id);
      FAIL() << "a call succeeded without the refresh's answer";
    } catch (const OAuthError& e) {
      EXPECT_EQ(e.code(), "answer_lost");
      EXPECT_EQ(e.status(), 0);
    }
  }
  try {
    client.fetch_async(seeded.id).get();
    FAIL() << "an asynchronous call succeeded without the refresh's answer";
  } catch (const OAuthError& e) {
    EXPECT_EQ(e.code(), "answer_lost");
  }
  EXPECT_EQ(server.oauth_refresh_requests(), 1u);
  EXPECT_EQ(server.oauth_refreshes_performed(), 1u);  // The server did rotate.
  EXPECT_TRUE(persisted.all().empty());
  EXPECT_TRUE(api_requests(server).empty());
}

TEST(OAuth, ALostRefreshAnswerOnTheIoThreadIsNotReplayedEither) {
  FakeCloseServer server;
  const Outcome seeded = seed_outcome(server, "x");
  const OAuthTokens tokens = server.issue_oauth_tokens();
  server.expire_oauth_access_tokens();
  server.drop_next_oauth_refresh_answer();
  OutcomesClient client(oauth_options(server, tokens));
  std::vector<std::future<Outcome>> futures;
  for (int i = 0; i < 20; ++i) futures.push_back(client.fetch_async(seeded.id));
  for (auto& future : futures) {
    try {
      future.get();
      ADD_FAILURE() << "a call succeeded without the refresh's answer";
    } catch (const OAuthError& e) {
      EXPECT_EQ(e.code(), "answer_lost");
    }
  }
  EXPECT_EQ(server.oauth_refresh_requests(), 1u);
}

std::size_t token_endpoint_requests(const FakeCloseServer& server) {
  std::size_t count = 0;
  for (const auto& request : server.requests()) count += request.path == "/oauth2/token/";
  return count;
}

TEST(OAuth, AServerErrorFromTheTokenEndpointEndsRefreshingForGood) {
  FakeCloseServer server;
  const Outcome seeded = seed_outcome(server, "x");
  OAuthTokens tokens = server.issue_oauth_tokens();
  tokens.expires_at = system_clock::now() - seconds(1);
  testing::ScriptedResponse unavailable;
  unavailable.status = 503;
  unavailable.body = "<html>503 Service Unavailable</html>";
  unavailable.content_type = "text/html";
  unavailable.path = "/oauth2/token/";
  server.script(unavailable);
  OutcomesClient client(oauth_options(server, tokens));
  for (int i = 0; i < 2; ++i) {
    try {
      client.fetch(seeded.id);
      FAIL() << "a call succeeded without a token";
    } catch (const OAuthError& e) {
      // Close may have rotated the token before its ingress failed: never sent again.
      EXPECT_EQ(e.code(), "server_error");
      EXPECT_EQ(e.status(), 503);
    }
  }
  EXPECT_EQ(token_endpoint_requests(server), 1u);
  EXPECT_TRUE(api_requests(server).empty());
}

TEST(OAuth, ARateLimitedRefreshIsTriedAgainByTheNextCall) {
  FakeCloseServer server;
  const Outcome seeded = seed_outcome(server, "x");
  OAuthTokens tokens = server.issue_oauth_tokens();
  tokens.expires_at = system_clock::now() - seconds(1);
  testing::ScriptedResponse limited;
  limited.status = 429;
  limited.body = R"({"error": {"message": "API rate limit exceeded", "rate_reset": 1}})";
  limited.path = "/oauth2/token/";
  server.script(limited);
  OutcomesClient client(oauth_options(server, tokens));
  try {
    client.fetch(seeded.id);
    FAIL() << "a call succeeded without a token";
  } catch (const OAuthError& e) {
    EXPECT_EQ(e.status(), 429);
  }
  // A 429 is refused before anything is done: the refresh token is unused and still good.
  EXPECT_EQ(client.fetch(seeded.id).id, seeded.id);
  EXPECT_EQ(token_endpoint_requests(server), 2u);
  EXPECT_EQ(server.oauth_refreshes_performed(), 1u);
}

#if defined(CLOSEIO_TEST_CERT) && defined(CLOSEIO_TEST_KEY)
TEST(OAuth, TheRefreshUsesTheSessionsTlsSettings) {
  FakeCloseServer server(test::tls_server_options());
  const Outcome seeded = seed_outcome(server, "x");
  OAuthTokens tokens = server.issue_oauth_tokens();
  tokens.expires_at = system_clock::now() - seconds(1);

  // The session's CA file verifies the token endpoint too: blocking and asynchronous refreshes.
  ClientOptions trusted = oauth_options(server, tokens);
  trusted.ca_file = CLOSEIO_TEST_CERT;
  OutcomesClient client(trusted);
  EXPECT_EQ(client.fetch(seeded.id).id, seeded.id);
  server.expire_oauth_access_tokens();
  EXPECT_EQ(client.fetch_async(seeded.id).get().id, seeded.id);
  EXPECT_EQ(server.oauth_refreshes_performed(), 2u);

  // Without it, the self-signed certificate fails verification before anything is sent: the
  // refresh token is unused, so the error says "not_sent".
  OAuthTokens unused = server.issue_oauth_tokens();
  unused.expires_at = system_clock::now() - seconds(1);
  OutcomesClient untrusting(oauth_options(server, unused));
  try {
    untrusting.fetch(seeded.id);
    FAIL() << "the token endpoint's certificate was not verified";
  } catch (const OAuthError& e) {
    EXPECT_EQ(e.code(), "not_sent");
  }
  EXPECT_EQ(server.oauth_refresh_requests(), 2u);
}
#endif

TEST(OAuth, NoSecretInMessagesOrLogRecords) {
  FakeCloseServer server;
  const Outcome seeded = seed_outcome(server, "x");
  const OAuthTokens tokens = server.issue_oauth_tokens();
  server.expire_oauth_access_tokens();
  Persisted persisted;
  std::mutex mutex;
  std::vector<HttpLogRecord> records;
  ClientOptions options = oauth_options(server, tokens, &persisted);
  options.logger = [&](const HttpLogRecord& record) {
    std::lock_guard<std::mutex> lock(mutex);
    records.push_back(record);
  };
  OutcomesClient client(options);
  client.fetch(seeded.id);              // 401, refresh, success.
  client.fetch_async(seeded.id).get();  // Asynchronous, with the new token.
  const OAuthTokens second = persisted.all().at(0);
  server.revoke_oauth_token(second.access_token);
  server.revoke_oauth_token(second.refresh_token);
  std::string messages;
  try {
    client.fetch(seeded.id);
  } catch (const Error& e) {
    messages += e.what();
  }
  ASSERT_FALSE(messages.empty());

  const std::vector<std::string> secrets = {tokens.access_token, tokens.refresh_token,
                                            second.access_token, second.refresh_token,
                                            FakeCloseServerOptions().oauth_client_secret};
  std::string logged;
  for (const HttpLogRecord& record : records) {
    logged += record.url + record.error;
    for (const auto& [name, value] : record.request_headers) logged += name + ": " + value + "\n";
    for (const auto& [name, value] : record.response_headers) logged += name + ": " + value + "\n";
  }
  ASSERT_FALSE(records.empty());
  EXPECT_THAT(logged, ::testing::HasSubstr("Authorization: REDACTED"));
  // The refreshes are in the log too: the one that worked and the one refused (the revoked
  // refresh token), each a POST to the token URL with its form's type and no Authorization.
  std::vector<int> refresh_statuses;
  for (const HttpLogRecord& record : records) {
    if (record.url != server.oauth_token_url()) continue;
    EXPECT_EQ(record.method, "POST");
    EXPECT_EQ(record.attempt, 1);
    bool authorization = false;
    std::string content_type;
    for (const auto& [name, value] : record.request_headers) {
      authorization = authorization || name == "Authorization";
      if (name == "Content-Type") content_type = value;
    }
    EXPECT_FALSE(authorization);
    EXPECT_EQ(content_type, "application/x-www-form-urlencoded");
    refresh_statuses.push_back(record.status);
  }
  ASSERT_EQ(refresh_statuses.size(), 2u);
  EXPECT_EQ(refresh_statuses[0], 200);
  EXPECT_GE(refresh_statuses[1], 400);
  for (const std::string& secret : secrets) {
    EXPECT_EQ(logged.find(secret), std::string::npos);
    EXPECT_EQ(messages.find(secret), std::string::npos);
  }
}

TEST(OAuth, OptionsAreCheckedWithoutNamingSecrets) {
  FakeCloseServer server;
  const OAuthTokens tokens = server.issue_oauth_tokens();
  ClientOptions both = oauth_options(server, tokens);
  both.credentials = Credentials::api_key("key");
  EXPECT_THROW(Session{both}, std::invalid_argument);

  ClientOptions no_refresh = oauth_options(server, tokens);
  no_refresh.oauth->tokens.refresh_token.clear();
  EXPECT_THROW(Session{no_refresh}, std::invalid_argument);

  ClientOptions no_secret = oauth_options(server, tokens);
  no_secret.oauth->app.client_secret.clear();
  EXPECT_THROW(Session{no_secret}, std::invalid_argument);

  ClientOptions plain_http = oauth_options(server, tokens);
  plain_http.oauth->app.token_url = "http://auth.example.com/oauth2/token/";
  EXPECT_THROW(Session{plain_http}, std::invalid_argument);

  ClientOptions newline = oauth_options(server, tokens);
  newline.oauth->tokens.refresh_token = "secret-part\nX-Injected: 1";
  try {
    Session session(newline);
    FAIL() << "a token with a newline was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_THAT(e.what(), ::testing::Not(::testing::HasSubstr("secret-part")));
  }
}

}  // namespace
}  // namespace closeio::e2e_oauth_test
