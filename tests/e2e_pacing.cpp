// Client-side pacing shared by one session's blocking and asynchronous calls, end to end
// against the emulator with an enforced rate limit: the server answers no 429 because the
// session never sends more than a window allows, and a call waiting for the window ends at once
// when cancelled or when the window opens only after its deadline. Windows are time-based, so
// the numbers are chosen for a slow machine to make a test take longer, never fail: only the
// count of 429s and of requests is asserted, never a duration.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <future>
#include <string>
#include <thread>
#include <vector>

#include "support/deadline_checks.hpp"
#include "support/test_client.hpp"

namespace closeio::e2e_pacing_test {
namespace {

using std::chrono::milliseconds;
using testing::FakeCloseServer;
using testing::FakeCloseServerOptions;

FakeCloseServerOptions enforced(int limit, milliseconds window) {
  FakeCloseServerOptions options;
  options.rate_limit = limit;
  options.rate_limit_window = window;
  options.enforce_rate_limit = true;
  return options;
}

// `threads` threads, each making `each` blocking fetches of `id` through `client`.
std::vector<std::future<void>> fetch_from_threads(const OutcomesClient& client,
                                                  const std::string& id, int threads, int each) {
  std::vector<std::future<void>> done;
  for (int t = 0; t < threads; ++t) {
    done.push_back(std::async(std::launch::async, [&client, id, each] {
      for (int i = 0; i < each; ++i) client.fetch(id);
    }));
  }
  return done;
}

TEST(Pacing, BlockingCallsFromSeveralThreadsDrawNo429) {
  FakeCloseServer server(enforced(20, milliseconds(1000)));
  const std::string id = test::seed_outcome(server, "Paced").id;
  const OutcomesClient client(test::options_for(server));
  // 60 fetches at 20 per window: three windows at least.
  for (auto& thread : fetch_from_threads(client, id, 4, 15)) EXPECT_NO_THROW(thread.get());
  EXPECT_EQ(server.requests_rate_limited(), 0u);
  EXPECT_EQ(server.requests().size(), 60u);  // No retries: every request was answered 200.
}

TEST(Pacing, BlockingAndAsyncCallsOfASessionShareTheBudget) {
  FakeCloseServer server(enforced(20, milliseconds(1000)));
  const std::string id = test::seed_outcome(server, "Shared").id;
  const OutcomesClient client(test::options_for(server));  // 8 async requests in flight at most
  std::vector<std::future<Outcome>> async_fetches;
  for (int i = 0; i < 40; ++i) async_fetches.push_back(client.fetch_async(id));
  for (auto& thread : fetch_from_threads(client, id, 2, 10)) EXPECT_NO_THROW(thread.get());
  for (auto& fetch : async_fetches) EXPECT_NO_THROW(fetch.get());
  EXPECT_EQ(server.requests_rate_limited(), 0u);
  EXPECT_EQ(server.requests().size(), 60u);
}

// A window of one request that lasts 50 s (less than max_rate_limit_wait, 60 s, the longest
// the pacer holds a call): after the first call, the next one can only wait (or end).
class PacingExhausted : public ::testing::Test {
 protected:
  void SetUp() override {
    id = test::seed_outcome(server, "Exhausted").id;
    ASSERT_NO_THROW(client.fetch(id));
  }
  FakeCloseServer server{enforced(1, milliseconds(50000))};
  std::string id;
  OutcomesClient client{test::options_for(server)};
};

TEST_F(PacingExhausted, CancellingABlockingCallWaitingForTheWindowEndsItUnsent) {
  CancellationSource source;
  CallOptions call;
  call.cancellation = source.token();
  const OutcomesClient cancellable = client.with_call_options(call);
  auto waiting = std::async(std::launch::async, [&] { return cancellable.fetch(id); });
  source.cancel();  // Waiting already or not yet: either way the call ends without sending.
  EXPECT_THROW(waiting.get(), CancelledError);
  EXPECT_EQ(server.requests().size(), 1u);
  EXPECT_EQ(server.requests_rate_limited(), 0u);
}

TEST_F(PacingExhausted, ADeadlineBeforeTheWindowOpensFailsWithoutSending) {
  CallOptions call;
  call.deadline = milliseconds(5000);
  // Not after 50 s: the test would time out.
  test::expect_deadline_before_any_attempt([&] { client.with_call_options(call).fetch(id); }, 5000);
  EXPECT_EQ(server.requests().size(), 1u);
  EXPECT_EQ(server.requests_rate_limited(), 0u);
}

TEST_F(PacingExhausted, CancellingAnAsyncCallWaitingForTheWindowEndsItUnsent) {
  CancellationSource source;
  CallOptions call;
  call.cancellation = source.token();
  std::future<Outcome> waiting = client.with_call_options(call).fetch_async(id);
  source.cancel();
  EXPECT_THROW(waiting.get(), CancelledError);
  EXPECT_EQ(server.requests().size(), 1u);
}

// As for a blocking call: the async call's wait for the window counts against its deadline,
// and a window that opens after it fails the call at once, unsent (not after 50 s).
TEST_F(PacingExhausted, AnAsyncCallWhoseDeadlineComesBeforeTheWindowFailsWithoutSending) {
  CallOptions call;
  call.deadline = milliseconds(5000);
  std::future<Outcome> waiting = client.with_call_options(call).fetch_async(id);
  test::expect_deadline_before_any_attempt([&] { waiting.get(); }, 5000);
  EXPECT_EQ(server.requests().size(), 1u);
  EXPECT_EQ(server.requests_rate_limited(), 0u);
}

TEST(Pacing, AWindowLongerThanMaxRateLimitWaitHoldsNoCall) {
  FakeCloseServer server;
  const std::string id = test::seed_outcome(server, "Patient").id;
  testing::ScriptedResponse exhausted;
  exhausted.status = 429;
  exhausted.headers = {{"RateLimit", "limit=100, remaining=0, reset=120"}, {"Retry-After", "120"}};
  exhausted.body = R"({"error": {"message": "API call count exceeded", "rate_reset": 120}})";
  server.script(exhausted);
  const OutcomesClient client(test::options_for(server));
  // 120 s is more than max_rate_limit_wait (60 s): the retry policy does not wait for it...
  EXPECT_THROW(client.fetch(id), RateLimitError);
  // ...and neither does the pacer: the next call goes out at once (the test would time out).
  EXPECT_NO_THROW(client.fetch(id));
  EXPECT_EQ(server.requests().size(), 2u);
}

}  // namespace
}  // namespace closeio::e2e_pacing_test
