// The asynchronous members of the gmock connections (closeio::mocks): an expectation on one
// decides what the client's future or callback gets, values and typed errors alike, and a mock
// with expectations only on the blocking members still serves the asynchronous forms through
// them (under StrictMock too, so no call is "uninteresting").
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <closeio/closeio.hpp>
#include <closeio/mocks/mock_calls_connection.hpp>
#include <closeio/mocks/mock_meetings_connection.hpp>
#include <closeio/mocks/mock_outcomes_connection.hpp>
#include <exception>
#include <future>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace closeio::e2e_async_mocks_test {
namespace {

using ::testing::_;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::InvokeArgument;
using ::testing::Return;
using ::testing::StrictMock;
using ::testing::Throw;

// The mocks run `done` inside the client's call, so the future is ready when the call returns:
// checked without waiting (a future the mock never completes fails here instead of hanging).
template <class T>
bool is_ready(const std::future<T>& future) {
  return future.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
}

// `future`, once checked ready: a test fails at once instead of hanging on get().
template <class T>
std::future<T> ready(std::future<T> future) {
  if (!is_ready(future)) throw std::logic_error("the mock did not complete the call");
  return future;
}

// What a callback-form call delivered, and how many times.
template <class T>
struct Delivered {
  int calls = 0;
  std::optional<AsyncResult<T>> result;

  std::function<void(AsyncResult<T>)> callback() {
    return [this](AsyncResult<T> r) {
      ++calls;
      result.emplace(std::move(r));
    };
  }
};

NotFoundError not_found(const std::string& method, const std::string& path) {
  return NotFoundError(method, path, 404, "Empty query", R"({"error": "Empty query"})", {});
}

template <class T>
std::exception_ptr error_of(const T& error) {
  return std::make_exception_ptr(error);
}

// ---- OutcomesConnection -------------------------------------------------------------------

Outcome make_outcome(std::string id, std::string name) {
  Outcome outcome;
  outcome.id = std::move(id);
  outcome.name = std::move(name);
  return outcome;
}

TEST(MockOutcomesAsync, FutureFormsGetWhatTheAsyncExpectationsGive) {
  auto mock = std::make_shared<mocks::MockOutcomesConnection>();
  Page<Outcome> page;
  page.data = {make_outcome("outcome_1", "Booked"), make_outcome("outcome_2", "Won")};
  EXPECT_CALL(*mock, list_page_async(Field(&ListOptions::limit, 2), _, _))
      .WillOnce(InvokeArgument<2>(AsyncResult<Page<Outcome>>(page)));
  EXPECT_CALL(*mock, create_async(Field(&OutcomeCreate::name, "Booked"), _, _))
      .WillOnce(InvokeArgument<2>(AsyncResult<Outcome>(make_outcome("outcome_1", "Booked"))));
  EXPECT_CALL(*mock, fetch_async("outcome_1", ElementsAre("name"), _, _))
      .WillOnce(InvokeArgument<3>(AsyncResult<Outcome>(make_outcome("outcome_1", "Fetched"))));
  EXPECT_CALL(*mock, update_async("outcome_1", _, _, _))
      .WillOnce(InvokeArgument<3>(AsyncResult<Outcome>(make_outcome("outcome_1", "Renamed"))));
  EXPECT_CALL(*mock, remove_async("outcome_1", _, _))
      .WillOnce(InvokeArgument<2>(AsyncResult<void>()));
  // The asynchronous expectations answer: the blocking members are not called.
  EXPECT_CALL(*mock, list_page(_, _)).Times(0);
  EXPECT_CALL(*mock, create(_, _)).Times(0);
  EXPECT_CALL(*mock, fetch(_, _, _)).Times(0);
  EXPECT_CALL(*mock, update(_, _, _)).Times(0);
  EXPECT_CALL(*mock, remove(_, _)).Times(0);

  OutcomesClient client(mock);
  auto listed = client.list_page_async(ListOptions{2, 0, {}});
  OutcomeCreate create;
  create.name = "Booked";
  auto created = client.create_async(create);
  auto fetched = client.fetch_async("outcome_1", {"name"});
  auto updated = client.update_async("outcome_1", OutcomeUpdate().set_name("Renamed"));
  auto removed = client.remove_async("outcome_1");

  ASSERT_TRUE(is_ready(listed));
  ASSERT_TRUE(is_ready(created));
  ASSERT_TRUE(is_ready(fetched));
  ASSERT_TRUE(is_ready(updated));
  ASSERT_TRUE(is_ready(removed));
  EXPECT_EQ(listed.get().data, page.data);
  EXPECT_EQ(created.get().name, "Booked");
  EXPECT_EQ(fetched.get().name, "Fetched");
  EXPECT_EQ(updated.get().name, "Renamed");
  EXPECT_NO_THROW(removed.get());
}

TEST(MockOutcomesAsync, TypedErrorsReachTheFutureAndTheCallback) {
  auto mock = std::make_shared<mocks::MockOutcomesConnection>();
  EXPECT_CALL(*mock, fetch_async("outcome_gone", _, _, _))
      .Times(2)
      .WillRepeatedly(InvokeArgument<3>(
          AsyncResult<Outcome>(error_of(not_found("GET", "/outcome/outcome_gone/")))));
  EXPECT_CALL(*mock, remove_async("outcome_gone", _, _))
      .WillOnce(InvokeArgument<2>(
          AsyncResult<void>(error_of(not_found("DELETE", "/outcome/outcome_gone/")))));
  EXPECT_CALL(*mock, fetch(_, _, _)).Times(0);
  EXPECT_CALL(*mock, remove(_, _)).Times(0);

  OutcomesClient client(mock);
  auto fetched = client.fetch_async("outcome_gone");
  ASSERT_TRUE(is_ready(fetched));
  try {
    fetched.get();
    FAIL() << "no NotFoundError";
  } catch (const NotFoundError& e) {
    EXPECT_EQ(e.status(), 404);
    EXPECT_EQ(e.path(), "/outcome/outcome_gone/");
  }

  Delivered<Outcome> delivered;
  client.fetch_async("outcome_gone", {}, delivered.callback());
  EXPECT_EQ(delivered.calls, 1);
  ASSERT_TRUE(delivered.result.has_value());
  EXPECT_FALSE(delivered.result->has_value());
  EXPECT_THROW(delivered.result->value(), NotFoundError);

  auto removed = client.remove_async("outcome_gone");
  ASSERT_TRUE(is_ready(removed));
  EXPECT_THROW(removed.get(), NotFoundError);
}

TEST(MockOutcomesAsync, CallbackFormGetsTheValue) {
  auto mock = std::make_shared<mocks::MockOutcomesConnection>();
  EXPECT_CALL(*mock, update_async("outcome_1", _, _, _))
      .WillOnce(InvokeArgument<3>(AsyncResult<Outcome>(make_outcome("outcome_1", "Renamed"))));
  Delivered<Outcome> delivered;
  OutcomesClient(mock).update_async("outcome_1", OutcomeUpdate().set_name("Renamed"),
                                    delivered.callback());
  EXPECT_EQ(delivered.calls, 1);
  ASSERT_TRUE(delivered.result.has_value());
  EXPECT_EQ(delivered.result->value().name, "Renamed");
  // A result handed on read-only (to a loop's handler taking `const AsyncResult&`) reads the same.
  const AsyncResult<Outcome>& read_only = *delivered.result;
  EXPECT_EQ(read_only.value().name, "Renamed");
}

TEST(MockOutcomesAsync, AReadOnlyFailedResultRethrowsItsError) {
  const AsyncResult<Outcome> failed(error_of(not_found("GET", "/outcome/outcome_gone/")));
  EXPECT_FALSE(failed.has_value());
  EXPECT_THROW(failed.value(), NotFoundError);
}

TEST(MockOutcomesAsync, WithoutAsyncExpectationsTheBlockingMocksServeBothForms) {
  // StrictMock: an asynchronous call with no expectation of its own would fail the test.
  auto mock = std::make_shared<StrictMock<mocks::MockOutcomesConnection>>();
  Page<Outcome> page;
  page.data = {make_outcome("outcome_1", "Booked")};
  EXPECT_CALL(*mock, list_page(_, _)).WillOnce(Return(page));
  EXPECT_CALL(*mock, create(_, _)).WillOnce(Return(make_outcome("outcome_1", "Booked")));
  EXPECT_CALL(*mock, fetch("outcome_1", _, _))
      .Times(2)
      .WillRepeatedly(Return(make_outcome("outcome_1", "Canned")));
  EXPECT_CALL(*mock, update("outcome_1", _, _))
      .WillOnce(Return(make_outcome("outcome_1", "Renamed")));
  EXPECT_CALL(*mock, remove("outcome_1", _))
      .WillOnce(Throw(not_found("DELETE", "/outcome/outcome_1/")));

  OutcomesClient client(mock);
  EXPECT_EQ(ready(client.list_page_async()).get().data, page.data);
  OutcomeCreate create;
  create.name = "Booked";
  EXPECT_EQ(ready(client.create_async(create)).get().name, "Booked");
  EXPECT_EQ(ready(client.fetch_async("outcome_1")).get().name, "Canned");
  Delivered<Outcome> delivered;
  client.fetch_async("outcome_1", {}, delivered.callback());
  EXPECT_EQ(delivered.calls, 1);
  ASSERT_TRUE(delivered.result.has_value());
  EXPECT_EQ(delivered.result->value().name, "Canned");
  EXPECT_EQ(ready(client.update_async("outcome_1", OutcomeUpdate().set_name("Renamed"))).get().name,
            "Renamed");
  EXPECT_THROW(ready(client.remove_async("outcome_1")).get(), NotFoundError);
}

TEST(MockOutcomesAsync, AnAsyncCallNoExpectationMatchesFallsThroughToTheBlockingMock) {
  auto mock = std::make_shared<mocks::MockOutcomesConnection>();
  EXPECT_CALL(*mock, fetch_async("outcome_1", _, _, _))
      .WillOnce(InvokeArgument<3>(AsyncResult<Outcome>(make_outcome("outcome_1", "Async"))));
  EXPECT_CALL(*mock, fetch("outcome_2", _, _))
      .WillOnce(Return(make_outcome("outcome_2", "Blocking")));

  OutcomesClient client(mock);
  EXPECT_EQ(ready(client.fetch_async("outcome_2")).get().name, "Blocking");
  EXPECT_EQ(ready(client.fetch_async("outcome_1")).get().name, "Async");
}

// ---- CallsConnection ----------------------------------------------------------------------

Call make_call(std::string id, std::optional<std::string> outcome_id) {
  Call call;
  call.id = std::move(id);
  call.outcome_id = std::move(outcome_id);
  return call;
}

TEST(MockCallsAsync, FutureFormsGetWhatTheAsyncExpectationsGive) {
  auto mock = std::make_shared<mocks::MockCallsConnection>();
  Page<Call> page;
  page.data = {make_call("acti_1", "outcome_1")};
  EXPECT_CALL(*mock, list_page_async(_, Field(&ListOptions::limit, 5), _, _))
      .WillOnce(InvokeArgument<3>(AsyncResult<Page<Call>>(page)));
  EXPECT_CALL(*mock, fetch_async("acti_1", _, _, _))
      .WillOnce(InvokeArgument<3>(AsyncResult<Call>(make_call("acti_1", "outcome_1"))));
  EXPECT_CALL(*mock, log_async(Field(&CallLog::note, "logged"), _, _))
      .WillOnce(InvokeArgument<2>(AsyncResult<Call>(make_call("acti_2", std::nullopt))));
  EXPECT_CALL(*mock, set_outcome_async("acti_1", "outcome_9", _, _))
      .WillOnce(InvokeArgument<3>(AsyncResult<Call>(make_call("acti_1", "outcome_9"))));
  EXPECT_CALL(*mock, clear_outcome_async("acti_1", _, _))
      .WillOnce(InvokeArgument<2>(AsyncResult<Call>(make_call("acti_1", std::nullopt))));
  EXPECT_CALL(*mock, list_page(_, _, _)).Times(0);
  EXPECT_CALL(*mock, fetch(_, _, _)).Times(0);
  EXPECT_CALL(*mock, log(_, _)).Times(0);
  EXPECT_CALL(*mock, set_outcome(_, _, _)).Times(0);
  EXPECT_CALL(*mock, clear_outcome(_, _)).Times(0);

  CallsClient calls(mock);
  auto listed = calls.list_page_async({}, ListOptions{5, 0, {}});
  auto fetched = calls.fetch_async("acti_1");
  CallLog log;
  log.note = "logged";
  auto logged = calls.log_async(log);
  auto set = calls.set_outcome_async("acti_1", "outcome_9");
  auto cleared = calls.clear_outcome_async("acti_1");

  ASSERT_TRUE(is_ready(listed));
  ASSERT_TRUE(is_ready(fetched));
  ASSERT_TRUE(is_ready(logged));
  ASSERT_TRUE(is_ready(set));
  ASSERT_TRUE(is_ready(cleared));
  EXPECT_EQ(listed.get().data, page.data);
  EXPECT_EQ(fetched.get().outcome_id, "outcome_1");
  EXPECT_EQ(logged.get().id, "acti_2");
  EXPECT_EQ(set.get().outcome_id, "outcome_9");
  EXPECT_EQ(cleared.get().outcome_id, std::nullopt);
}

TEST(MockCallsAsync, TypedErrorsReachTheFutureAndTheCallback) {
  auto mock = std::make_shared<mocks::MockCallsConnection>();
  EXPECT_CALL(*mock, set_outcome_async("acti_1", "outcome_gone", _, _))
      .Times(2)
      .WillRepeatedly(InvokeArgument<3>(AsyncResult<Call>(error_of(
          BadRequestError("PUT", "/activity/call/acti_1/", "Invalid outcome",
                          R"({"errors": ["Invalid outcome"]})", {}, {"Invalid outcome"}, {})))));
  EXPECT_CALL(*mock, set_outcome(_, _, _)).Times(0);

  CallsClient calls(mock);
  auto set = calls.set_outcome_async("acti_1", "outcome_gone");
  ASSERT_TRUE(is_ready(set));
  try {
    set.get();
    FAIL() << "no BadRequestError";
  } catch (const BadRequestError& e) {
    EXPECT_EQ(e.status(), 400);
    EXPECT_THAT(e.errors(), ElementsAre("Invalid outcome"));
  }

  Delivered<Call> delivered;
  calls.set_outcome_async("acti_1", "outcome_gone", delivered.callback());
  EXPECT_EQ(delivered.calls, 1);
  ASSERT_TRUE(delivered.result.has_value());
  EXPECT_THROW(delivered.result->value(), BadRequestError);
}

TEST(MockCallsAsync, WithoutAsyncExpectationsTheBlockingMocksServeBothForms) {
  auto mock = std::make_shared<StrictMock<mocks::MockCallsConnection>>();
  EXPECT_CALL(*mock, list_page(_, _, _)).WillOnce(Return(Page<Call>{}));
  EXPECT_CALL(*mock, fetch("acti_1", _, _)).WillOnce(Return(make_call("acti_1", "outcome_1")));
  EXPECT_CALL(*mock, log(_, _)).WillOnce(Return(make_call("acti_2", std::nullopt)));
  EXPECT_CALL(*mock, set_outcome("acti_1", "outcome_9", _))
      .WillOnce(Return(make_call("acti_1", "outcome_9")));
  EXPECT_CALL(*mock, clear_outcome("acti_1", _))
      .WillOnce(Throw(not_found("PUT", "/activity/call/acti_1/")));
  EXPECT_CALL(*mock, remove("acti_1", _)).Times(1);
  EXPECT_CALL(*mock, remove("acti_2", _))
      .WillOnce(Throw(not_found("DELETE", "/activity/call/acti_2/")));

  CallsClient calls(mock);
  EXPECT_TRUE(ready(calls.list_page_async()).get().data.empty());
  EXPECT_EQ(ready(calls.fetch_async("acti_1")).get().outcome_id, "outcome_1");
  EXPECT_EQ(ready(calls.log_async(CallLog{})).get().id, "acti_2");
  Delivered<Call> delivered;
  calls.set_outcome_async("acti_1", "outcome_9", delivered.callback());
  EXPECT_EQ(delivered.calls, 1);
  ASSERT_TRUE(delivered.result.has_value());
  EXPECT_EQ(delivered.result->value().outcome_id, "outcome_9");
  EXPECT_THROW(ready(calls.clear_outcome_async("acti_1")).get(), NotFoundError);
  EXPECT_NO_THROW(ready(calls.remove_async("acti_1")).get());
  EXPECT_THROW(ready(calls.remove_async("acti_2")).get(), NotFoundError);
}

// ---- MeetingsConnection -------------------------------------------------------------------

Meeting make_meeting(std::string id, std::optional<std::string> outcome_id) {
  Meeting meeting;
  meeting.id = std::move(id);
  meeting.outcome_id = std::move(outcome_id);
  return meeting;
}

TEST(MockMeetingsAsync, FutureFormsGetWhatTheAsyncExpectationsGive) {
  auto mock = std::make_shared<mocks::MockMeetingsConnection>();
  Page<Meeting> page;
  page.data = {make_meeting("acti_m1", std::nullopt), make_meeting("acti_m2", "outcome_1")};
  EXPECT_CALL(*mock, list_page_async(_, _, _, _))
      .WillOnce(InvokeArgument<3>(AsyncResult<Page<Meeting>>(page)));
  EXPECT_CALL(*mock, fetch_async("acti_m1", _, _, _))
      .WillOnce(InvokeArgument<3>(AsyncResult<Meeting>(make_meeting("acti_m1", "outcome_1"))));
  EXPECT_CALL(*mock, set_outcome_async("acti_m1", "outcome_2", _, _))
      .WillOnce(InvokeArgument<3>(AsyncResult<Meeting>(make_meeting("acti_m1", "outcome_2"))));
  EXPECT_CALL(*mock, clear_outcome_async("acti_m1", _, _))
      .WillOnce(InvokeArgument<2>(AsyncResult<Meeting>(make_meeting("acti_m1", std::nullopt))));
  EXPECT_CALL(*mock, remove_async("acti_m1", _, _))
      .WillOnce(InvokeArgument<2>(AsyncResult<void>()));
  EXPECT_CALL(*mock, list_page(_, _, _)).Times(0);
  EXPECT_CALL(*mock, fetch(_, _, _)).Times(0);
  EXPECT_CALL(*mock, set_outcome(_, _, _)).Times(0);
  EXPECT_CALL(*mock, clear_outcome(_, _)).Times(0);
  EXPECT_CALL(*mock, remove(_, _)).Times(0);

  MeetingsClient meetings(mock);
  auto listed = meetings.list_page_async();
  auto fetched = meetings.fetch_async("acti_m1");
  auto set = meetings.set_outcome_async("acti_m1", "outcome_2");
  auto cleared = meetings.clear_outcome_async("acti_m1");
  auto removed = meetings.remove_async("acti_m1");

  ASSERT_TRUE(is_ready(listed));
  ASSERT_TRUE(is_ready(fetched));
  ASSERT_TRUE(is_ready(set));
  ASSERT_TRUE(is_ready(cleared));
  ASSERT_TRUE(is_ready(removed));
  EXPECT_NO_THROW(removed.get());
  EXPECT_EQ(listed.get().data, page.data);
  EXPECT_EQ(fetched.get().outcome_id, "outcome_1");
  EXPECT_EQ(set.get().outcome_id, "outcome_2");
  EXPECT_EQ(cleared.get().outcome_id, std::nullopt);
}

TEST(MockMeetingsAsync, TypedErrorsReachTheFutureAndTheCallback) {
  auto mock = std::make_shared<mocks::MockMeetingsConnection>();
  EXPECT_CALL(*mock, clear_outcome_async("acti_gone", _, _))
      .Times(2)
      .WillRepeatedly(InvokeArgument<2>(
          AsyncResult<Meeting>(error_of(not_found("PUT", "/activity/meeting/acti_gone/")))));
  EXPECT_CALL(*mock, clear_outcome(_, _)).Times(0);

  MeetingsClient meetings(mock);
  auto cleared = meetings.clear_outcome_async("acti_gone");
  ASSERT_TRUE(is_ready(cleared));
  try {
    cleared.get();
    FAIL() << "no NotFoundError";
  } catch (const NotFoundError& e) {
    EXPECT_EQ(e.status(), 404);
    EXPECT_EQ(e.path(), "/activity/meeting/acti_gone/");
  }

  Delivered<Meeting> delivered;
  meetings.clear_outcome_async("acti_gone", delivered.callback());
  EXPECT_EQ(delivered.calls, 1);
  ASSERT_TRUE(delivered.result.has_value());
  EXPECT_THROW(delivered.result->value(), NotFoundError);
}

TEST(MockMeetingsAsync, WithoutAsyncExpectationsTheBlockingMocksServeBothForms) {
  auto mock = std::make_shared<StrictMock<mocks::MockMeetingsConnection>>();
  Page<Meeting> page;
  page.data = {make_meeting("acti_m1", std::nullopt)};
  EXPECT_CALL(*mock, list_page(_, _, _)).WillOnce(Return(page));
  EXPECT_CALL(*mock, fetch("acti_m1", _, _)).WillOnce(Return(make_meeting("acti_m1", "outcome_1")));
  EXPECT_CALL(*mock, set_outcome("acti_m1", "outcome_2", _))
      .WillOnce(Throw(not_found("PUT", "/activity/meeting/acti_m1/")));
  EXPECT_CALL(*mock, clear_outcome("acti_m1", _))
      .WillOnce(Return(make_meeting("acti_m1", std::nullopt)));
  EXPECT_CALL(*mock, remove("acti_m1", _)).Times(1);
  EXPECT_CALL(*mock, remove("acti_m2", _))
      .WillOnce(Throw(not_found("DELETE", "/activity/meeting/acti_m2/")));

  MeetingsClient meetings(mock);
  EXPECT_EQ(ready(meetings.list_page_async()).get().data, page.data);
  EXPECT_EQ(ready(meetings.fetch_async("acti_m1")).get().outcome_id, "outcome_1");
  EXPECT_THROW(ready(meetings.set_outcome_async("acti_m1", "outcome_2")).get(), NotFoundError);
  Delivered<Meeting> delivered;
  meetings.clear_outcome_async("acti_m1", delivered.callback());
  EXPECT_EQ(delivered.calls, 1);
  ASSERT_TRUE(delivered.result.has_value());
  EXPECT_EQ(delivered.result->value().outcome_id, std::nullopt);
  EXPECT_NO_THROW(ready(meetings.remove_async("acti_m1")).get());
  Delivered<void> removed;
  meetings.remove_async("acti_m2", removed.callback());
  EXPECT_EQ(removed.calls, 1);
  ASSERT_TRUE(removed.result.has_value());
  EXPECT_THROW(removed.result->value(), NotFoundError);
}

}  // namespace
}  // namespace closeio::e2e_async_mocks_test
