// RawClient::list_page_async() end to end through libcurl's multi interface against the
// emulator: the future and callback forms give the page list_page() gives, page with `_skip`,
// retry, map errors and cancel like it, refuse what it refuses before anything is sent; and the
// mock connection's default path.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <closeio/mocks/mock_raw_connection.hpp>
#include <future>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "support/test_client.hpp"

namespace closeio::e2e_async_raw_list_test {
namespace {

using ::testing::_;
using ::testing::ElementsAre;
using testing::FakeCloseServer;
using ::testing::HasSubstr;
using ::testing::Return;
using testing::ScriptedResponse;
using ::testing::StrictMock;

using RawPage = Page<std::string>;

// Collects what a completion callback receives, how often, and on which thread.
struct Completion {
  std::promise<void> ran;
  std::atomic<int> calls{0};
  std::thread::id thread;
  std::exception_ptr error;
  std::optional<RawPage> value;

  std::function<void(AsyncResult<RawPage>)> callback() {
    return [this](AsyncResult<RawPage> result) {
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

// The text the emulator gives a lead asked for with `_fields=id`.
std::string id_item(const std::string& id) { return "{\"id\":\"" + id + "\"}"; }

std::vector<std::string> skips_sent(const FakeCloseServer& server) {
  std::vector<std::string> skips;
  for (const auto& request : server.requests()) {
    for (const auto& [name, value] : request.query) {
      if (name == "_skip") skips.push_back(value);
    }
  }
  return skips;
}

class AsyncRawList : public ::testing::Test {
 protected:
  FakeCloseServer server;
  std::shared_ptr<test::RecordingRetryPolicy> policy =
      std::make_shared<test::RecordingRetryPolicy>();
  std::optional<RawClient> raw{std::in_place, test::options_for(server, policy)};

  // Destroys the client, and with it the session, whose I/O thread is joined: no callback can
  // run after this, so counts read afterwards are final.
  void close_session() { raw.reset(); }
};

TEST_F(AsyncRawList, BothFormsGiveThePageListPageGives) {
  for (int i = 0; i < 5; ++i) server.seed_lead();
  const std::vector<std::string> ids = server.lead_ids();
  const QueryParams fields{{"_fields", "id"}};
  const ListOptions second_and_third{2, 1, {}};

  const RawPage blocking = raw->list_page("lead/", fields, second_and_third);
  EXPECT_THAT(blocking.data, ElementsAre(id_item(ids[1]), id_item(ids[2])));
  EXPECT_TRUE(blocking.has_more);

  const RawPage future = raw->list_page_async("lead/", fields, second_and_third).get();
  EXPECT_EQ(future.data, blocking.data);
  EXPECT_EQ(future.has_more, blocking.has_more);

  Completion done;
  raw->list_page_async("/lead/", fields, second_and_third, done.callback());
  done.wait();
  ASSERT_TRUE(done.value) << "error instead of a page";
  EXPECT_EQ(done.value->data, blocking.data);
  EXPECT_EQ(done.value->has_more, blocking.has_more);
  EXPECT_NE(done.thread, std::this_thread::get_id());  // The session's I/O thread.

  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 3u);
  for (const auto& request : requests) {
    EXPECT_EQ(request.method, "GET");
    EXPECT_EQ(request.target, "/api/v1/lead/?_fields=id&_limit=2&_skip=1");
  }
  close_session();
  EXPECT_EQ(done.calls.load(), 1);
}

TEST_F(AsyncRawList, OutcomesListTheSameOverBothForms) {
  OutcomeCreate outcome;
  outcome.name = "Booked";
  const std::string first = server.seed(outcome).id;
  outcome.name = "Lost";
  const std::string second = server.seed(outcome).id;

  const RawPage blocking = raw->list_page("outcome/");
  ASSERT_EQ(blocking.data.size(), 2u);
  EXPECT_FALSE(blocking.has_more);
  const std::string both = blocking.data[0] + blocking.data[1];
  EXPECT_THAT(both, HasSubstr("\"" + first + "\""));
  EXPECT_THAT(both, HasSubstr("\"" + second + "\""));

  const RawPage future = raw->list_page_async("outcome/").get();
  EXPECT_EQ(future.data, blocking.data);
  EXPECT_FALSE(future.has_more);
  Completion done;
  raw->list_page_async("outcome/", {}, {}, done.callback());
  done.wait();
  ASSERT_TRUE(done.value);
  EXPECT_EQ(done.value->data, blocking.data);
}

TEST_F(AsyncRawList, SkipPagesThroughTheWholeList) {
  for (int i = 0; i < 5; ++i) server.seed_lead();
  std::vector<std::string> expected;
  for (const std::string& id : server.lead_ids()) expected.push_back(id_item(id));

  std::vector<std::string> items;
  ListOptions page{2, 0, {}};
  for (bool more = true; more;) {
    const RawPage got = raw->list_page_async("lead/", {{"_fields", "id"}}, page).get();
    items.insert(items.end(), got.data.begin(), got.data.end());
    page.skip += static_cast<int>(got.data.size());
    more = got.has_more;
    ASSERT_LE(page.skip, 10) << "has_more never turned false";
  }
  EXPECT_EQ(items, expected);
  EXPECT_THAT(skips_sent(server), ElementsAre("0", "2", "4"));

  // The callback form pages the same way.
  Completion last;
  raw->list_page_async("lead/", {{"_fields", "id"}}, ListOptions{2, 4, {}}, last.callback());
  last.wait();
  ASSERT_TRUE(last.value);
  EXPECT_THAT(last.value->data, ElementsAre(expected[4]));
  EXPECT_FALSE(last.value->has_more);
}

TEST_F(AsyncRawList, AMissingPathIsNotFoundThroughTheFutureAndTheCallback) {
  EXPECT_THROW(raw->list_page_async("lead/lead_missing/").get(), NotFoundError);
  Completion done;
  raw->list_page_async("lead/lead_missing/", {}, {}, done.callback());
  done.wait();
  ASSERT_TRUE(done.error);
  EXPECT_FALSE(done.value);
  try {
    std::rethrow_exception(done.error);
  } catch (const NotFoundError& e) {
    EXPECT_EQ(e.status(), 404);
    EXPECT_THAT(e.what(), HasSubstr("/lead/lead_missing/"));
  }
  EXPECT_EQ(server.requests().size(), 2u);
  close_session();
  EXPECT_EQ(done.calls.load(), 1);
}

TEST_F(AsyncRawList, AnAnswerThatIsNotAPageIsADecodeError) {
  const std::string path = RawClient::path("lead", server.seed_lead());
  EXPECT_THROW(raw->list_page_async(path).get(), DecodeError);
  Completion done;
  raw->list_page_async(path, {}, {}, done.callback());
  done.wait();
  ASSERT_TRUE(done.error);
  try {
    std::rethrow_exception(done.error);
  } catch (const DecodeError& e) {
    EXPECT_THAT(e.what(), HasSubstr("GET /" + path));
  }
}

TEST_F(AsyncRawList, GatewayErrorsAreRetriedLikeTheBlockingList) {
  server.seed_lead();
  ScriptedResponse unavailable;
  unavailable.status = 503;
  unavailable.times = 2;
  unavailable.body = R"({"error": "scripted"})";
  server.script(unavailable);
  const RawPage page = raw->list_page_async("lead/").get();
  EXPECT_EQ(page.data.size(), 1u);
  EXPECT_THAT(policy->asked(), ElementsAre(503, 503));
  EXPECT_EQ(server.requests().size(), 3u);
}

TEST_F(AsyncRawList, BadArgumentsThrowAtOnceWithNothingSentAndNoCallback) {
  Completion done;
  const auto refused = [&](const QueryParams& query, const ListOptions& options,
                           const std::string& path) {
    EXPECT_THROW(raw->list_page_async(path, query, options), std::invalid_argument);
    EXPECT_THROW(raw->list_page_async(path, query, options, done.callback()),
                 std::invalid_argument);
  };
  refused({}, ListOptions{0, 0, {}}, "lead/");
  refused({}, ListOptions{10, -1, {}}, "lead/");
  refused({}, ListOptions{10, 0, {"id"}}, "lead/");
  refused({{"_skip", "1"}}, {}, "lead/");
  refused({{"_limit", "5"}}, {}, "lead/");
  refused({{"", "v"}}, {}, "lead/");
  refused({}, {}, "lead/../outcome/");
  refused({}, {}, "..");
  refused({}, {}, "https://evil.example/api/v1/lead/");
  refused({}, {}, "");
  close_session();
  EXPECT_EQ(done.calls.load(), 0);
  EXPECT_TRUE(server.requests().empty());
}

TEST_F(AsyncRawList, ACancelledCallEndsWithCancelledError) {
  CancellationSource source;
  source.cancel();
  CallOptions cancelled;
  cancelled.cancellation = source.token();
  const RawClient stopped = raw->with_call_options(cancelled);
  EXPECT_THROW(stopped.list_page_async("lead/").get(), CancelledError);
  Completion done;
  stopped.list_page_async("lead/", {}, {}, done.callback());
  done.wait();
  ASSERT_TRUE(done.error);
  EXPECT_THROW(std::rethrow_exception(done.error), CancelledError);
  EXPECT_TRUE(server.requests().empty());
}

TEST_F(AsyncRawList, CancellingEndsACallWaitingToRetry) {
  // A retry wait of ten minutes: only the cancellation can end this call within the test.
  ClientOptions options = test::options_for(server);
  options.retry_policy =
      std::make_shared<DefaultRetryPolicy>(3, std::chrono::minutes(10), std::chrono::minutes(10));
  ScriptedResponse unavailable;
  unavailable.status = 503;
  unavailable.times = 5;
  server.script(unavailable);
  // Cancel once the first attempt was answered, i.e. while the call waits on its timer.
  std::promise<void> first_attempt;
  options.logger = [&](const HttpLogRecord& r) {
    if (r.attempt == 1) first_attempt.set_value();
  };
  CancellationSource source;
  CallOptions call;
  call.cancellation = source.token();
  Completion done;
  std::optional<RawClient> waiting{std::in_place, options};
  waiting->with_call_options(call).list_page_async("lead/", {}, {}, done.callback());
  first_attempt.get_future().wait();
  source.cancel();
  done.wait();
  ASSERT_TRUE(done.error);
  EXPECT_THROW(std::rethrow_exception(done.error), CancelledError);
  waiting.reset();  // Joins the session's I/O thread: no late second call.
  EXPECT_EQ(done.calls.load(), 1);
  EXPECT_EQ(server.requests().size(), 1u);
}

TEST(AsyncRawListMock, WithoutAsyncExpectationsTheBlockingListPageServesBothForms) {
  // StrictMock: an asynchronous call with no expectation of its own would fail the test.
  auto mock = std::make_shared<StrictMock<mocks::MockRawConnection>>();
  const RawPage page{{"{\"id\":\"lead_1\"}", "{\"id\":\"lead_2\"}"}, true};
  EXPECT_CALL(*mock, list_page("lead/", _, ::testing::Field(&ListOptions::skip, 2), _))
      .Times(2)
      .WillRepeatedly(Return(page));
  const RawClient raw(mock);
  EXPECT_EQ(raw.list_page_async("/lead/", {}, ListOptions{2, 2, {}}).get().data, page.data);
  Completion done;
  raw.list_page_async("lead/", {}, ListOptions{2, 2, {}}, done.callback());
  // The default body runs `done` before returning, on the calling thread.
  EXPECT_EQ(done.calls.load(), 1);
  EXPECT_EQ(done.thread, std::this_thread::get_id());
  ASSERT_TRUE(done.value);
  EXPECT_EQ(done.value->data, page.data);
  EXPECT_TRUE(done.value->has_more);
  EXPECT_THROW(raw.list_page_async("lead/", {{"_skip", "1"}}), std::invalid_argument);
}

TEST(AsyncRawListMock, AnAsyncExpectationCompletesTheCallAndErrorsPassThrough) {
  auto mock = std::make_shared<mocks::MockRawConnection>();
  EXPECT_CALL(*mock, list_page_async("lead/", _, _, _, _))
      .WillOnce(::testing::InvokeArgument<4>(AsyncResult<RawPage>(RawPage{{"{}"}, false})));
  EXPECT_CALL(*mock, list_page("outcome/", _, _, _))
      .WillOnce(::testing::Throw(NotFoundError("GET", "/outcome/", 404, "", "", {})));
  const RawClient raw(mock);
  EXPECT_THAT(raw.list_page_async("lead/").get().data, ElementsAre("{}"));
  EXPECT_THROW(raw.list_page_async("outcome/").get(), NotFoundError);
}

TEST(AsyncRawListConnection, TheDefaultConnectionReportsUnimplementedThroughBothForms) {
  const RawClient raw(std::make_shared<RawConnection>());
  EXPECT_THROW(raw.list_page_async("lead/").get(), UnimplementedError);
  Completion done;
  raw.list_page_async("lead/", {}, {}, done.callback());
  EXPECT_EQ(done.calls.load(), 1);
  ASSERT_TRUE(done.error);
  EXPECT_THROW(std::rethrow_exception(done.error), UnimplementedError);
}

}  // namespace
}  // namespace closeio::e2e_async_raw_list_test
