/// @file
/// A gmock mock of closeio::CallsConnection, to unit-test code that uses CallsClient without
/// HTTP. Header-only; the `closeio::mocks` CMake target (closeio + GMock).
#pragma once

#include <gmock/gmock.h>

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "closeio/async_result.hpp"
#include "closeio/calls_connection.hpp"

namespace closeio::mocks {

/// A gmock implementation of closeio::CallsConnection. Build a CallsClient over it and set
/// expectations on the connection calls the client makes. The client still validates its
/// arguments first (an empty id throws std::invalid_argument without calling the mock), and
/// CallsClient::list() drives list_page() page after page.
///
/// @code
/// auto mock = std::make_shared<closeio::mocks::MockCallsConnection>();
/// closeio::Call done;
/// done.id = "acti_1";
/// done.outcome_id = "outcome_1";
/// EXPECT_CALL(*mock, set_outcome("acti_1", "outcome_1", ::testing::_))
///     .WillOnce(::testing::Return(done));
/// closeio::CallsClient calls(mock);
/// EXPECT_EQ(calls.set_outcome("acti_1", "outcome_1").outcome_id, "outcome_1");
/// @endcode
///
/// @par Asynchronous members
/// Every `*_async` member is mocked too, as on MockOutcomesConnection: an expectation on one
/// completes the call by running its last argument, `done`, e.g. with
/// gmock's `InvokeArgument<N>(closeio::AsyncResult<T>(value))`. Unless told otherwise, an
/// asynchronous member does what CallsConnection's default body does: it calls the blocking member
/// (so its expectations apply) on the calling thread and runs `done` before returning; the
/// constructor sets that default (`ON_CALL`) and allows any number of such calls
/// (`EXPECT_CALL(...).Times(AnyNumber())`), so tests that set expectations only on the
/// blocking members work unchanged, under gmock's `StrictMock` too.
///
/// @par Thread safety
/// As gmock mocks are: expectations must be set before the calls they match are made.
class MockCallsConnection : public CallsConnection {
 public:
  /// A mock whose asynchronous members serve their calls through the blocking members (see
  /// above) until a test sets expectations on them.
  MockCallsConnection() {
    using ::testing::_;
    using ::testing::AnyNumber;
    ON_CALL(*this, list_page_async(_, _, _, _))
        .WillByDefault([this](const ActivityFilter& filter, const ListOptions& options,
                              const CallOptions& call,
                              std::function<void(AsyncResult<Page<Call>>)> done) {
          CallsConnection::list_page_async(filter, options, call, std::move(done));
        });
    ON_CALL(*this, fetch_async(_, _, _, _))
        .WillByDefault([this](const std::string& id, const std::vector<std::string>& fields,
                              const CallOptions& call,
                              std::function<void(AsyncResult<Call>)> done) {
          CallsConnection::fetch_async(id, fields, call, std::move(done));
        });
    ON_CALL(*this, log_async(_, _, _))
        .WillByDefault([this](const CallLog& log, const CallOptions& call,
                              std::function<void(AsyncResult<Call>)> done) {
          CallsConnection::log_async(log, call, std::move(done));
        });
    ON_CALL(*this, set_outcome_async(_, _, _, _))
        .WillByDefault([this](const std::string& call_id, const std::string& outcome_id,
                              const CallOptions& call,
                              std::function<void(AsyncResult<Call>)> done) {
          CallsConnection::set_outcome_async(call_id, outcome_id, call, std::move(done));
        });
    ON_CALL(*this, clear_outcome_async(_, _, _))
        .WillByDefault([this](const std::string& call_id, const CallOptions& call,
                              std::function<void(AsyncResult<Call>)> done) {
          CallsConnection::clear_outcome_async(call_id, call, std::move(done));
        });
    ON_CALL(*this, remove_async(_, _, _))
        .WillByDefault([this](const std::string& call_id, const CallOptions& call,
                              std::function<void(AsyncResult<void>)> done) {
          CallsConnection::remove_async(call_id, call, std::move(done));
        });
    EXPECT_CALL(*this, list_page_async(_, _, _, _)).Times(AnyNumber());
    EXPECT_CALL(*this, fetch_async(_, _, _, _)).Times(AnyNumber());
    EXPECT_CALL(*this, log_async(_, _, _)).Times(AnyNumber());
    EXPECT_CALL(*this, set_outcome_async(_, _, _, _)).Times(AnyNumber());
    EXPECT_CALL(*this, clear_outcome_async(_, _, _)).Times(AnyNumber());
    EXPECT_CALL(*this, remove_async(_, _, _)).Times(AnyNumber());
  }

  /// Mocks CallsConnection::list_page(): one page of a list.
  MOCK_METHOD(Page<Call>, list_page,
              (const ActivityFilter& filter, const ListOptions& options, const CallOptions& call),
              (override));
  /// Mocks CallsConnection::fetch(): GET /activity/call/{id}/.
  MOCK_METHOD(Call, fetch,
              (const std::string& id, const std::vector<std::string>& fields,
               const CallOptions& call),
              (override));
  /// Mocks CallsConnection::log(): POST /activity/call/.
  MOCK_METHOD(Call, log, (const CallLog& log, const CallOptions& call), (override));
  /// Mocks CallsConnection::set_outcome(): PUT {"outcome_id": ...}.
  MOCK_METHOD(Call, set_outcome,
              (const std::string& id, const std::string& outcome_id, const CallOptions& call),
              (override));
  /// Mocks CallsConnection::clear_outcome(): PUT {"outcome_id": null}.
  MOCK_METHOD(Call, clear_outcome, (const std::string& id, const CallOptions& call), (override));
  /// Mocks CallsConnection::remove(): DELETE /activity/call/{id}/.
  MOCK_METHOD(void, remove, (const std::string& id, const CallOptions& call), (override));
  /// Mocks CallsConnection::list_page_async(); `done` is argument 3.
  MOCK_METHOD(void, list_page_async,
              (const ActivityFilter& filter, const ListOptions& options, const CallOptions& call,
               std::function<void(AsyncResult<Page<Call>>)> done),
              (override));
  /// Mocks CallsConnection::fetch_async(); `done` is argument 3.
  MOCK_METHOD(void, fetch_async,
              (const std::string& id, const std::vector<std::string>& fields,
               const CallOptions& call, std::function<void(AsyncResult<Call>)> done),
              (override));
  /// Mocks CallsConnection::log_async(); `done` is argument 2.
  MOCK_METHOD(void, log_async,
              (const CallLog& log, const CallOptions& call,
               std::function<void(AsyncResult<Call>)> done),
              (override));
  /// Mocks CallsConnection::set_outcome_async(); `done` is argument 3.
  MOCK_METHOD(void, set_outcome_async,
              (const std::string& call_id, const std::string& outcome_id, const CallOptions& call,
               std::function<void(AsyncResult<Call>)> done),
              (override));
  /// Mocks CallsConnection::clear_outcome_async(); `done` is argument 2.
  MOCK_METHOD(void, clear_outcome_async,
              (const std::string& call_id, const CallOptions& call,
               std::function<void(AsyncResult<Call>)> done),
              (override));
  /// Mocks CallsConnection::rate_limit(). Unless told otherwise it returns std::nullopt.
  MOCK_METHOD(std::optional<RateLimitInfo>, rate_limit, (), (const, override));
  /// Mocks CallsConnection::remove_async(); `done` is argument 2.
  MOCK_METHOD(void, remove_async,
              (const std::string& call_id, const CallOptions& call,
               std::function<void(AsyncResult<void>)> done),
              (override));
};

}  // namespace closeio::mocks
