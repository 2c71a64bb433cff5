// The asynchronous calls (futures and completion callbacks) end to end through libcurl's multi
// interface: the same answers, errors, retries, POST-once rule, deadline, cancellation and
// logging as the blocking calls, plus the bound on requests in flight and shutdown.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "closeio/mocks/mock_outcomes_connection.hpp"
#include "support/deadline_checks.hpp"
#include "support/test_client.hpp"

namespace closeio::e2e_async_outcomes_test {
namespace {

using std::chrono::milliseconds;
using ::testing::ElementsAre;
using testing::FakeCloseServer;
using testing::FakeCloseServerOptions;
using testing::Fault;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::ScriptedResponse;

ScriptedResponse answer(int status, int times = 1) {
  ScriptedResponse r;
  r.status = status;
  r.times = times;
  r.body = R"({"error": "scripted"})";
  return r;
}

// A scripted answer that never comes during the test: the server holds the request until it
// stops (which cuts the delay short).
ScriptedResponse held(int times = 1) {
  ScriptedResponse r = answer(200, times);
  r.delay = std::chrono::minutes(10);
  return r;
}

// Collects the results a completion callback receives and the thread it ran on.
template <class T>
struct Completion {
  std::promise<void> ran;
  std::atomic<int> calls{0};
  std::thread::id thread;
  std::exception_ptr error;
  std::optional<T> value;

  std::function<void(AsyncResult<T>)> callback() {
    return [this](AsyncResult<T> result) {
      thread = std::this_thread::get_id();
      if (result.has_value()) {
        value.emplace(std::move(result).value());
      } else {
        error = result.error();
      }
      if (calls.fetch_add(1) == 0) ran.set_value();
    };
  }
  void wait() { ran.get_future().wait(); }
};

OutcomeCreate named(const std::string& name) {
  OutcomeCreate c;
  c.name = name;
  return c;
}

class AsyncOutcomes : public ::testing::Test {
 protected:
  FakeCloseServer server;
  std::shared_ptr<test::RecordingRetryPolicy> policy =
      std::make_shared<test::RecordingRetryPolicy>();
  OutcomesClient client{test::options_for(server, policy)};
};

TEST_F(AsyncOutcomes, EveryOperationHasAFutureForm) {
  std::future<Outcome> created = client.create_async(named("Async"));
  const Outcome outcome = created.get();
  EXPECT_EQ(outcome.name, "Async");
  ASSERT_EQ(server.outcomes().size(), 1u);
  EXPECT_EQ(server.outcomes()[0].id, outcome.id);

  EXPECT_EQ(client.fetch_async(outcome.id).get().name, "Async");
  EXPECT_EQ(client.update_async(outcome.id, OutcomeUpdate().set_name("Renamed")).get().name,
            "Renamed");
  EXPECT_EQ(server.outcomes()[0].name, "Renamed");
  const Page<Outcome> page = client.list_page_async().get();
  ASSERT_EQ(page.data.size(), 1u);
  EXPECT_EQ(page.data[0].id, outcome.id);
  client.remove_async(outcome.id).get();
  EXPECT_TRUE(server.outcomes().empty());
}

TEST_F(AsyncOutcomes, ManyCallsInFlightFromOneThreadAllAnswer) {
  server.seed_many(40, "Many");
  std::vector<std::future<Outcome>> fetches;
  for (const Outcome& o : server.outcomes()) fetches.push_back(client.fetch_async(o.id));
  const std::vector<Outcome> seeded = server.outcomes();
  for (std::size_t i = 0; i < fetches.size(); ++i) {
    EXPECT_EQ(fetches[i].get().id, seeded[i].id);
  }
}

TEST_F(AsyncOutcomes, CallbackRunsOnceOnTheIoThreadWithTheTypedError) {
  Completion<Outcome> done;
  client.fetch_async("outcome_missing", {}, done.callback());
  done.wait();
  EXPECT_EQ(done.calls.load(), 1);
  EXPECT_NE(done.thread, std::this_thread::get_id());
  ASSERT_TRUE(done.error);
  EXPECT_THROW(std::rethrow_exception(done.error), NotFoundError);
  // The future form raises the same type.
  EXPECT_THROW(client.fetch_async("outcome_missing").get(), NotFoundError);
}

TEST_F(AsyncOutcomes, InvalidArgumentsThrowAtOnceAndSendNothing) {
  Completion<Outcome> done;
  EXPECT_THROW(client.fetch_async("", {}, done.callback()), std::invalid_argument);
  EXPECT_THROW(client.fetch_async(".."), std::invalid_argument);
  EXPECT_THROW(client.create_async(OutcomeCreate()), std::invalid_argument);
  EXPECT_EQ(done.calls.load(), 0);
  EXPECT_TRUE(server.requests().empty());
}

TEST_F(AsyncOutcomes, RetriesTransientErrorsLikeTheBlockingCall) {
  const Outcome outcome = server.seed(named("Seeded"));
  server.script(answer(503, 2));
  EXPECT_EQ(client.fetch_async(outcome.id).get().id, outcome.id);
  EXPECT_THAT(policy->asked(), ElementsAre(503, 503));
  EXPECT_EQ(server.requests().size(), 3u);

  server.script(answer(503, 10));
  try {
    client.list_page_async().get();
    FAIL() << "expected ServerError";
  } catch (const ServerError& e) {
    EXPECT_EQ(e.attempts(), 4);
  }
}

TEST_F(AsyncOutcomes, ACreateWhoseAnswerIsLostIsNeverSentAgain) {
  ScriptedResponse lost;
  lost.method = "POST";
  lost.fault = Fault::drop_mid_body;
  lost.perform = true;
  server.script(lost);
  EXPECT_THROW(client.create_async(named("Once")).get(), Error);
  EXPECT_EQ(server.creates_performed(), 1u);
  std::size_t posts = 0;
  for (const auto& r : server.requests()) posts += r.method == "POST";
  EXPECT_EQ(posts, 1u);
  EXPECT_EQ(server.outcomes().size(), 1u);
}

TEST_F(AsyncOutcomes, TheCallDeadlineEndsAHeldCall) {
  server.script(held());
  CallOptions call;
  call.deadline = milliseconds(200);
  try {
    client.with_call_options(call).fetch_async("outcome_x").get();
    FAIL() << "expected TransportError";
  } catch (const TransportError& e) {
    EXPECT_TRUE(e.timed_out());
  }
}

TEST_F(AsyncOutcomes, CancellingEndsAnInFlightCall) {
  server.script(held());
  CancellationSource source;
  CallOptions call;
  call.cancellation = source.token();
  std::future<Outcome> fetch = client.with_call_options(call).fetch_async("outcome_x");
  source.cancel();
  EXPECT_THROW(fetch.get(), CancelledError);
}

TEST_F(AsyncOutcomes, CancellingEndsAWaitBetweenAttempts) {
  // A retry wait of ten minutes: only the cancellation can end this call within the test.
  ClientOptions options = test::options_for(server);
  options.retry_policy =
      std::make_shared<DefaultRetryPolicy>(3, std::chrono::minutes(10), std::chrono::minutes(10));
  server.script(answer(503, 5));
  CancellationSource source;
  CallOptions call;
  call.cancellation = source.token();
  // Cancel once the first attempt was answered, i.e. while the call waits on its timer.
  std::promise<void> first_attempt;
  options.logger = [&](const HttpLogRecord& r) {
    if (r.attempt == 1) first_attempt.set_value();
  };
  Completion<Outcome> done;
  OutcomesClient waiting(options);
  waiting.with_call_options(call).fetch_async("outcome_x", {}, done.callback());
  first_attempt.get_future().wait();
  source.cancel();
  done.wait();
  ASSERT_TRUE(done.error);
  EXPECT_THROW(std::rethrow_exception(done.error), CancelledError);
  EXPECT_EQ(done.calls.load(), 1);
}

TEST_F(AsyncOutcomes, ABlockingCallInsideACallbackThrowsLogicError) {
  const Outcome outcome = server.seed(named("Seeded"));
  std::promise<std::string> what;
  client.fetch_async(outcome.id, {}, [&](AsyncResult<Outcome>) {
    try {
      client.fetch(outcome.id);
      what.set_value("no exception");
    } catch (const std::logic_error& e) {
      what.set_value(e.what());
    }
  });
  EXPECT_THAT(what.get_future().get(), HasSubstr("I/O thread"));
}

TEST_F(AsyncOutcomes, ACallbackMayStartAnotherAsynchronousCall) {
  const Outcome outcome = server.seed(named("Seeded"));
  Completion<Outcome> second;
  client.fetch_async(outcome.id, {}, [&](AsyncResult<Outcome> first) {
    client.fetch_async(first.value().id, {}, second.callback());
  });
  second.wait();
  ASSERT_TRUE(second.value);
  EXPECT_EQ(second.value->id, outcome.id);
}

TEST_F(AsyncOutcomes, LogsEveryAttemptWithTheHttpVersionAndNoSecret) {
  std::mutex mutex;
  std::vector<HttpLogRecord> records;
  ClientOptions options = test::options_for(server);
  options.logger = [&](const HttpLogRecord& r) {
    std::lock_guard<std::mutex> lock(mutex);
    records.push_back(r);
  };
  server.script(answer(503, 1));
  EXPECT_THROW(OutcomesClient(options).fetch_async("outcome_x").get(), NotFoundError);
  std::lock_guard<std::mutex> lock(mutex);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].status, 503);
  EXPECT_EQ(records[1].status, 404);
  EXPECT_EQ(records[1].attempt, 2);
  EXPECT_EQ(records[1].http_version, "1.1");
  for (const auto& r : records) {
    for (const auto& h : r.request_headers) {
      EXPECT_THAT(h.second, Not(HasSubstr(test::default_api_key())));
    }
  }
}

TEST(AsyncConcurrency, NoMoreRequestsInFlightThanTheBound) {
  FakeCloseServerOptions server_options;
  server_options.latency = milliseconds(300);
  FakeCloseServer server(server_options);
  server.seed_many(6, "Bound");
  ClientOptions options = test::options_for(server);
  options.max_concurrent_requests = 2;
  OutcomesClient client(options);
  std::vector<std::future<Outcome>> fetches;
  for (const Outcome& o : server.outcomes()) fetches.push_back(client.fetch_async(o.id));
  for (auto& f : fetches) EXPECT_NO_THROW(f.get());
  EXPECT_LE(server.peak_requests_in_flight(), 2u);
  EXPECT_GE(server.peak_requests_in_flight(), 2u);
}

// The wait for a free slot counts against the deadline: a call queued behind one that is held
// for minutes fails when its deadline passes and is never sent.
TEST(AsyncConcurrency, ACallQueuedPastItsDeadlineFailsWithoutSending) {
  FakeCloseServer server;
  const std::string id = test::seed_outcome(server, "Queued").id;
  server.script(held());
  ClientOptions options = test::options_for(server);
  options.max_concurrent_requests = 1;
  OutcomesClient client(options);
  CancellationSource source;
  CallOptions held_call;
  held_call.cancellation = source.token();
  std::future<Outcome> first = client.with_call_options(held_call).fetch_async(id);
  CallOptions call;
  call.deadline = milliseconds(300);
  std::future<Outcome> queued = client.with_call_options(call).fetch_async(id);
  test::expect_deadline_before_any_attempt([&] { queued.get(); }, 300);
  source.cancel();
  EXPECT_THROW(first.get(), CancelledError);
  EXPECT_EQ(server.requests().size(), 1u);
}

// Over plain HTTP (HTTP/1.1: no multiplexing), a burst opens its connections at once instead of
// waiting for the first answer to show that its connection cannot carry more: the requests are
// all at the server together, within the first one's latency.
TEST(AsyncConcurrency, ABurstOverPlainHttpDoesNotWaitForTheFirstAnswer) {
  FakeCloseServerOptions server_options;
  server_options.latency = milliseconds(500);
  FakeCloseServer server(server_options);
  server.seed_many(4, "Burst");
  ClientOptions options = test::options_for(server);
  options.max_concurrent_requests = 4;
  OutcomesClient client(options);
  std::vector<std::future<Outcome>> fetches;
  for (const Outcome& o : server.outcomes()) fetches.push_back(client.fetch_async(o.id));
  for (auto& f : fetches) EXPECT_NO_THROW(f.get());
  EXPECT_EQ(server.peak_requests_in_flight(), 4u);
  EXPECT_EQ(server.connection_count(), 4u);
}

TEST(AsyncPacing, CallsWaitForTheWindowWhenTheServerSaysNoneRemain) {
  FakeCloseServer server;
  ScriptedResponse exhausted;
  exhausted.body = R"({"data": [], "has_more": false})";
  exhausted.headers = {{"RateLimit", "limit=10, remaining=0, reset=0.5"}};
  server.script(exhausted);
  OutcomesClient client(test::options_for(server));
  const auto before = std::chrono::steady_clock::now();
  client.list_page_async().get();
  // Nothing may start before the window resets, 500 ms after that answer arrived (so after
  // `before` + 500 ms): a lower bound, whatever the machine's speed.
  std::future<Page<Outcome>> second = client.list_page_async();
  std::future<Page<Outcome>> third = client.list_page_async();
  EXPECT_NO_THROW(second.get());
  EXPECT_NO_THROW(third.get());
  EXPECT_GE(std::chrono::steady_clock::now() - before, milliseconds(500));
  EXPECT_EQ(server.requests().size(), 3u);
}

TEST(AsyncPacing, NoMoreRequestsStartThanRemainInTheWindow) {
  FakeCloseServer server;
  ScriptedResponse one_left;
  one_left.body = R"({"data": [], "has_more": false})";
  one_left.headers = {{"RateLimit", "limit=10, remaining=1, reset=50"}};
  server.script(one_left);
  OutcomesClient first(test::options_for(server));
  first.list_page_async().get();
  CancellationSource source;
  CallOptions call;
  call.cancellation = source.token();
  const OutcomesClient paced = first.with_call_options(call);
  std::future<Page<Outcome>> allowed = paced.list_page_async();
  std::future<Page<Outcome>> held_back = paced.list_page_async();
  EXPECT_NO_THROW(allowed.get());
  source.cancel();  // The window lasts 50 s: only cancelling ends the held-back call.
  EXPECT_THROW(held_back.get(), CancelledError);
  EXPECT_EQ(server.requests().size(), 2u);
}

TEST(AsyncConcurrency, ZeroConcurrentRequestsIsRefused) {
  FakeCloseServer server;
  ClientOptions options = test::options_for(server);
  options.max_concurrent_requests = 0;
  EXPECT_THROW(OutcomesClient{options}, std::invalid_argument);
}

TEST(AsyncShutdown, DestroyingTheLastClientCancelsCallsInFlight) {
  FakeCloseServer server;
  server.script(held(6));
  std::vector<std::future<Outcome>> futures;
  std::vector<std::unique_ptr<Completion<Outcome>>> callbacks;
  {
    ClientOptions options = test::options_for(server);
    options.max_concurrent_requests = 2;  // Some calls in flight, the others queued.
    OutcomesClient client(options);
    for (int i = 0; i < 3; ++i) futures.push_back(client.fetch_async("outcome_x"));
    for (int i = 0; i < 3; ++i) {
      callbacks.push_back(std::make_unique<Completion<Outcome>>());
      client.fetch_async("outcome_x", {}, callbacks.back()->callback());
    }
  }
  for (auto& f : futures) EXPECT_THROW(f.get(), CancelledError);
  for (auto& c : callbacks) {
    EXPECT_EQ(c->calls.load(), 1);
    ASSERT_TRUE(c->error);
    EXPECT_THROW(std::rethrow_exception(c->error), CancelledError);
  }
}

TEST(AsyncShutdown, TheLastClientMayBeDroppedInsideItsOwnCallback) {
  FakeCloseServer server;
  OutcomeCreate c;
  c.name = "Seeded";
  const Outcome outcome = server.seed(c);
  auto client = std::make_shared<OutcomesClient>(test::options_for(server));
  std::promise<std::string> fetched;
  client->fetch_async(outcome.id, {}, [client, &fetched](AsyncResult<Outcome> r) mutable {
    client.reset();  // Possibly the last owner: the session closes here.
    fetched.set_value(r.value().id);
  });
  client.reset();
  EXPECT_EQ(fetched.get_future().get(), outcome.id);
}

TEST(AsyncMocks, DefaultBodiesServeTheAsyncFormsFromTheBlockingMock) {
  auto mock = std::make_shared<mocks::MockOutcomesConnection>();
  Outcome canned;
  canned.id = "outcome_1";
  canned.name = "Canned";
  EXPECT_CALL(*mock, fetch("outcome_1", ::testing::_, ::testing::_))
      .WillOnce(::testing::Return(canned));
  EXPECT_CALL(*mock, remove("outcome_1", ::testing::_))
      .WillOnce(::testing::Throw(NotFoundError("DELETE", "/outcome/outcome_1/", 404, "Empty query",
                                               R"({"error": "Empty query"})", {})));
  OutcomesClient client(mock);
  EXPECT_EQ(client.fetch_async("outcome_1").get().name, "Canned");
  EXPECT_THROW(client.remove_async("outcome_1").get(), NotFoundError);
}

}  // namespace
}  // namespace closeio::e2e_async_outcomes_test
