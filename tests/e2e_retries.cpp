// Retry rules, rate limits, deadlines and cancellation, end to end through libcurl.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <ctime>
#include <thread>

#include "support/test_client.hpp"

namespace closeio::e2e_retries_test {
namespace {

using std::chrono::milliseconds;
using ::testing::ElementsAre;
using testing::FakeCloseServer;
using testing::Fault;
using ::testing::HasSubstr;
using testing::ScriptedResponse;

ScriptedResponse status_answer(int status, int times = 1,
                               std::vector<std::pair<std::string, std::string>> headers = {},
                               std::string body = R"({"error": "scripted"})") {
  ScriptedResponse r;
  r.status = status;
  r.times = times;
  r.headers = std::move(headers);
  r.body = std::move(body);
  return r;
}

class Retries : public ::testing::Test {
 protected:
  OutcomesClient client_with(std::shared_ptr<const RetryPolicy> p) {
    return OutcomesClient(test::options_for(server, std::move(p)));
  }
  Outcome seed(const std::string& name = "Seeded") {
    OutcomeCreate c;
    c.name = name;
    return server.seed(c);
  }
  FakeCloseServer server;
  std::shared_ptr<test::RecordingRetryPolicy> policy =
      std::make_shared<test::RecordingRetryPolicy>();
  OutcomesClient client = client_with(policy);
};

TEST_F(Retries, IdempotentCallsRetryTransientServerErrorsWithJitteredBackoff) {
  const Outcome outcome = seed();
  server.script(status_answer(503, 2));
  EXPECT_EQ(client.fetch(outcome.id).id, outcome.id);
  EXPECT_THAT(policy->asked(), ElementsAre(503, 503));
  const auto waits = policy->waits();
  ASSERT_EQ(waits.size(), 2u);
  EXPECT_LE(waits[0], milliseconds(500));
  EXPECT_LE(waits[1], milliseconds(1000));

  for (int status : {502, 504}) {
    server.script(status_answer(status, 1));
    EXPECT_NO_THROW(client.update(outcome.id, OutcomeUpdate().set_name("n")));
    server.script(status_answer(status, 1));
    EXPECT_NO_THROW(client.list_page());
  }
  server.script(status_answer(503, 1));
  EXPECT_NO_THROW(client.remove(outcome.id));
  EXPECT_TRUE(server.outcomes().empty());
}

TEST_F(Retries, GivesUpAfterMaxRetriesAndCountsAttempts) {
  server.script(status_answer(503, 10));
  try {
    client.list_page();
    FAIL();
  } catch (const ServerError& e) {
    EXPECT_EQ(e.attempts(), 4);  // 1 + 3 retries (the default).
    EXPECT_THAT(e.what(), HasSubstr("after 4 attempts"));
  }
  EXPECT_EQ(server.requests().size(), 4u);
}

TEST_F(Retries, MaxRetriesZeroTurnsRetriesOff) {
  ClientOptions options = test::options_for(server);
  options.retry_policy = nullptr;  // Use the built-in policy, built from max_retries.
  options.max_retries = 0;
  server.script(status_answer(503, 10));
  EXPECT_THROW(OutcomesClient(options).list_page(), ServerError);
  EXPECT_EQ(server.requests().size(), 1u);
}

TEST_F(Retries, Non5xxAnd500AreNotRetried) {
  for (int status : {400, 401, 403, 404, 500}) {
    server.clear_requests();
    server.script(status_answer(status, 5));
    EXPECT_THROW(client.list_page(), ApiError) << status;
    EXPECT_EQ(server.requests().size(), 1u) << status;
    server.clear_script();
  }
}

TEST_F(Retries, A429WaitsWhatTheServerSaysInTheDocumentedOrder) {
  struct Case {
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    milliseconds expected;
  };
  const std::vector<Case> cases = {
      {{{"RateLimit", "limit=100, remaining=0, reset=1.5"}, {"Retry-After", "9"}},
       "{}",
       milliseconds(1500)},
      {{{"Retry-After", "2"}, {"X-Rate-Limit-Reset", "9"}}, "{}", milliseconds(2000)},
      {{{"X-Rate-Limit-Reset", "14.260394"}}, R"({"rate_reset": 9})", milliseconds(14261)},
      {{}, R"({"rate_reset": "0.595956", "message": "slow down"})", milliseconds(596)},
      {{},
       R"({"error": {"rate_reset": 0.25, "message": "API rate limit exceeded."}})",
       milliseconds(250)},
      {{{"RateLimit", "garbage=="}, {"Retry-After", "not a number"}},
       R"({"rate_reset": "x"})",
       milliseconds(-1)},  // Nothing readable: backoff.
  };
  for (const Case& c : cases) {
    auto recording = std::make_shared<test::RecordingRetryPolicy>();
    OutcomesClient c_client = client_with(recording);
    server.script(status_answer(429, 1, c.headers, c.body));
    EXPECT_NO_THROW(c_client.list_page()) << c.body;
    ASSERT_EQ(recording->waits().size(), 1u) << c.body;
    if (c.expected.count() >= 0) {
      EXPECT_EQ(recording->waits()[0], c.expected) << c.body;
    } else {
      EXPECT_LE(recording->waits()[0], milliseconds(500)) << c.body;
    }
  }
}

TEST_F(Retries, RetryAfterAsAnHttpDateIsHonoured) {
  const std::time_t in_ten_seconds = std::time(nullptr) + 10;
  char date[64];
  std::tm tm{};
  gmtime_r(&in_ten_seconds, &tm);
  std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  server.script(status_answer(429, 1, {{"Retry-After", date}}));
  client.list_page();
  ASSERT_EQ(policy->waits().size(), 1u);
  EXPECT_GE(policy->waits()[0], milliseconds(8000));
  EXPECT_LE(policy->waits()[0], milliseconds(10000));
}

TEST_F(Retries, AWaitLongerThanTheCapIsNotSleptButRaised) {
  auto real_rules = std::make_shared<DefaultRetryPolicy>();  // Cap 60 s: must not sleep 120 s.
  OutcomesClient strict = client_with(real_rules);
  server.script(status_answer(429, 1, {{"Retry-After", "120"}}));
  try {
    strict.list_page();
    FAIL();
  } catch (const RateLimitError& e) {
    EXPECT_EQ(e.retry_after(), milliseconds(120000));
    EXPECT_EQ(e.attempts(), 1);
  }
  EXPECT_EQ(server.requests().size(), 1u);
}

TEST_F(Retries, PostIsRetriedOn429ButNotOnServerErrors) {
  OutcomeCreate create;
  create.name = "Once";
  server.script(status_answer(429, 1, {{"Retry-After", "0"}}));
  EXPECT_EQ(client.create(create).name, "Once");
  EXPECT_EQ(server.creates_performed(), 1u);

  server.clear_requests();
  server.script(status_answer(503, 1));
  EXPECT_THROW(client.create(create), ServerError);
  EXPECT_EQ(server.requests().size(), 1u);
  EXPECT_EQ(server.creates_performed(), 1u);
}

TEST_F(Retries, APostThatMayHaveReachedTheServerIsNeverSentTwice) {
  OutcomeCreate create;
  create.name = "Exactly once";
  for (Fault fault : {Fault::drop_mid_body, Fault::close_connection}) {
    server.clear_requests();
    ScriptedResponse lost;
    lost.status = 201;
    lost.body = R"({"id": "outcome_lostanswer0000000000000", "name": "Exactly once"})";
    lost.fault = fault;
    lost.perform = true;  // The server acted; only the answer is lost.
    server.script(lost);
    EXPECT_THROW(client.create(create), TransportError);
    EXPECT_EQ(server.requests().size(), 1u);
  }
  EXPECT_EQ(server.creates_performed(), 2u);
  EXPECT_TRUE(policy->asked().empty());
}

TEST_F(Retries, GetsAreRetriedAfterADroppedConnection) {
  const Outcome outcome = seed();
  ScriptedResponse dropped;
  dropped.body = R"({"id": "x"})";
  dropped.fault = Fault::drop_mid_body;
  server.script(dropped);
  EXPECT_EQ(client.fetch(outcome.id), outcome);
  EXPECT_THAT(policy->asked(), ElementsAre(0));
}

TEST(RetriesUnsent, APostThatNeverConnectedIsRetried) {
  auto policy = std::make_shared<test::RecordingRetryPolicy>();
  ClientOptions options;
  options.credentials = Credentials::api_key("k");
  options.base_url = "http://127.0.0.1:1/api/v1/";  // Connection refused: nothing was sent.
  options.retry_policy = policy;
  OutcomeCreate create;
  create.name = "Never sent";
  try {
    OutcomesClient(options).create(create);
    FAIL();
  } catch (const TransportError& e) {
    EXPECT_EQ(e.attempts(), 4);
    EXPECT_FALSE(e.timed_out());
  }
  EXPECT_THAT(policy->asked(), ElementsAre(0, 0, 0, 0));
}

TEST_F(Retries, TheCallDeadlineBoundsAttemptsAndWaits) {
  ClientOptions options = test::options_for(server, policy);
  options.call_deadline = milliseconds(300);
  ScriptedResponse slow;
  slow.delay = std::chrono::seconds(30);
  slow.times = 10;
  server.script(slow);
  const auto started = std::chrono::steady_clock::now();
  try {
    OutcomesClient(options).list_page();
    FAIL();
  } catch (const TransportError& e) {
    EXPECT_TRUE(e.timed_out());
  }
  // Bounded by the deadline, not by the 30 s answer (generous margin for a loaded machine).
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
}

void wait_for_requests(const FakeCloseServer& server, std::size_t n) {
  // Waits on the event itself (the emulator has logged the request), not on a timer.
  while (server.requests().size() < n) std::this_thread::yield();
}

TEST_F(Retries, CancellingFromAnotherThreadAbortsAnInFlightCall) {
  ScriptedResponse slow;
  slow.delay = std::chrono::seconds(30);
  server.script(slow);
  CancellationSource source;
  CallOptions call;
  call.cancellation = source.token();
  OutcomesClient cancellable = client.with_call_options(call);
  std::thread canceller([&] {
    wait_for_requests(server, 1);
    source.cancel();
  });
  EXPECT_THROW(cancellable.list_page(), CancelledError);
  canceller.join();
}

class FixedWaitPolicy : public RetryPolicy {
 public:
  std::optional<milliseconds> next_wait(const RetryAttempt&) const override {
    return milliseconds(30000);
  }
};

TEST_F(Retries, CancellingCutsABackoffSleepShort) {
  server.script(status_answer(503, 1));
  CancellationSource source;
  CallOptions call;
  call.cancellation = source.token();
  OutcomesClient sleepy = client_with(std::make_shared<FixedWaitPolicy>()).with_call_options(call);
  std::thread canceller([&] {
    wait_for_requests(server, 1);
    source.cancel();
  });
  const auto started = std::chrono::steady_clock::now();
  EXPECT_THROW(sleepy.list_page(), CancelledError);
  canceller.join();
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(20));
  EXPECT_EQ(server.requests().size(), 1u);
}

TEST_F(Retries, CancellingStopsAListWalkBetweenPages) {
  server.seed_many(6);
  CancellationSource source;
  CallOptions call;
  call.cancellation = source.token();
  ListOptions options;
  options.limit = 2;
  auto range = client.with_call_options(call).list(options);
  auto it = range.begin();
  source.cancel();
  ++it;  // Still within the first page.
  EXPECT_THROW(++it, CancelledError);
  EXPECT_EQ(server.requests().size(), 1u);
}

TEST_F(Retries, TheLatestRateLimitStateIsAvailable) {
  EXPECT_EQ(client.rate_limit(), std::nullopt);
  server.script(status_answer(200, 1, {{"RateLimit", "limit=100, remaining=42, reset=3"}},
                              R"({"data": [], "has_more": false})"));
  client.list_page();
  const auto state = client.rate_limit();
  ASSERT_TRUE(state);
  EXPECT_EQ(state->limit, 100);
  EXPECT_EQ(state->remaining, 42);
  EXPECT_EQ(state->reset, milliseconds(3000));
}

TEST(Logging, EveryAttemptIsLoggedWithSecretsRedacted) {
  FakeCloseServer server;
  std::vector<HttpLogRecord> records;
  ClientOptions options = test::options_for(server);
  options.credentials = Credentials::bearer_token(testing::FakeCloseServerOptions().access_token);
  options.logger = [&](const HttpLogRecord& r) { records.push_back(r); };
  server.script(status_answer(503, 1, {{"Set-Cookie", "session=abc123"}}));
  OutcomesClient(options).list_page();
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].method, "GET");
  EXPECT_EQ(records[0].status, 503);
  EXPECT_EQ(records[0].attempt, 1);
  EXPECT_EQ(records[1].status, 200);
  EXPECT_EQ(records[1].attempt, 2);
  EXPECT_EQ(records[1].url, server.base_url() + "outcome/?_limit=100&_skip=0");
  bool saw_authorization = false;
  for (const auto& record : records) {
    for (const auto& [name, value] : record.request_headers) {
      EXPECT_THAT(value, ::testing::Not(HasSubstr("test-access-token")));
      if (name == "Authorization") {
        saw_authorization = true;
        EXPECT_EQ(value, "REDACTED");
      }
    }
  }
  EXPECT_TRUE(saw_authorization);
  bool saw_cookie = false;
  for (const auto& [name, value] : records[0].response_headers) {
    if (name == "Set-Cookie") {
      saw_cookie = true;
      EXPECT_EQ(value, "REDACTED");
    }
    if (name == "Content-Type") {
      EXPECT_EQ(value, "application/json");
    }
  }
  EXPECT_TRUE(saw_cookie);
}

TEST(Security, PlainHttpIsOnlyForLoopbackUnlessAllowed) {
  ClientOptions options;
  options.credentials = Credentials::api_key("k");
  options.base_url = "http://api.close.com/api/v1/";
  EXPECT_THROW(OutcomesClient{options}, std::invalid_argument);
  options.allow_insecure_http = true;
  EXPECT_NO_THROW(OutcomesClient{options});
}

}  // namespace
}  // namespace closeio::e2e_retries_test
