/// @file
/// A gmock mock of closeio::MeetingsConnection, to unit-test code that uses MeetingsClient
/// without HTTP. Header-only; the `closeio::mocks` CMake target (closeio + GMock).
#pragma once

#include <gmock/gmock.h>

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "closeio/async_result.hpp"
#include "closeio/meetings_connection.hpp"

namespace closeio::mocks {

/// A gmock implementation of closeio::MeetingsConnection (see MockCallsConnection for use).
///
/// @par Asynchronous members
/// Every `*_async` member is mocked too, as on MockOutcomesConnection: an expectation on one
/// completes the call by running its last argument, `done`, e.g. with
/// gmock's `InvokeArgument<N>(closeio::AsyncResult<T>(value))`. Unless told otherwise, an
/// asynchronous member does what MeetingsConnection's default body does: it calls the blocking
/// member (so its expectations apply) on the calling thread and runs `done` before returning; the
/// constructor sets that default (`ON_CALL`) and allows any number of such calls
/// (`EXPECT_CALL(...).Times(AnyNumber())`), so tests that set expectations only on the
/// blocking members work unchanged, under gmock's `StrictMock` too.
///
/// @par Thread safety
/// As gmock mocks are: expectations must be set before the calls they match are made.
class MockMeetingsConnection : public MeetingsConnection {
 public:
  /// A mock whose asynchronous members serve their calls through the blocking members (see
  /// above) until a test sets expectations on them.
  MockMeetingsConnection() {
    using ::testing::_;
    using ::testing::AnyNumber;
    ON_CALL(*this, list_page_async(_, _, _, _))
        .WillByDefault([this](const ActivityFilter& filter, const ListOptions& options,
                              const CallOptions& call,
                              std::function<void(AsyncResult<Page<Meeting>>)> done) {
          MeetingsConnection::list_page_async(filter, options, call, std::move(done));
        });
    ON_CALL(*this, fetch_async(_, _, _, _))
        .WillByDefault([this](const std::string& id, const std::vector<std::string>& fields,
                              const CallOptions& call,
                              std::function<void(AsyncResult<Meeting>)> done) {
          MeetingsConnection::fetch_async(id, fields, call, std::move(done));
        });
    ON_CALL(*this, set_outcome_async(_, _, _, _))
        .WillByDefault([this](const std::string& meeting_id, const std::string& outcome_id,
                              const CallOptions& call,
                              std::function<void(AsyncResult<Meeting>)> done) {
          MeetingsConnection::set_outcome_async(meeting_id, outcome_id, call, std::move(done));
        });
    ON_CALL(*this, clear_outcome_async(_, _, _))
        .WillByDefault([this](const std::string& meeting_id, const CallOptions& call,
                              std::function<void(AsyncResult<Meeting>)> done) {
          MeetingsConnection::clear_outcome_async(meeting_id, call, std::move(done));
        });
    ON_CALL(*this, remove_async(_, _, _))
        .WillByDefault([this](const std::string& meeting_id, const CallOptions& call,
                              std::function<void(AsyncResult<void>)> done) {
          MeetingsConnection::remove_async(meeting_id, call, std::move(done));
        });
    EXPECT_CALL(*this, list_page_async(_, _, _, _)).Times(AnyNumber());
    EXPECT_CALL(*this, fetch_async(_, _, _, _)).Times(AnyNumber());
    EXPECT_CALL(*this, set_outcome_async(_, _, _, _)).Times(AnyNumber());
    EXPECT_CALL(*this, clear_outcome_async(_, _, _)).Times(AnyNumber());
    EXPECT_CALL(*this, remove_async(_, _, _)).Times(AnyNumber());
  }

  /// Mocks MeetingsConnection::list_page(): one page of a list.
  MOCK_METHOD(Page<Meeting>, list_page,
              (const ActivityFilter& filter, const ListOptions& options, const CallOptions& call),
              (override));
  /// Mocks MeetingsConnection::fetch(): GET /activity/meeting/{id}/.
  MOCK_METHOD(Meeting, fetch,
              (const std::string& id, const std::vector<std::string>& fields,
               const CallOptions& call),
              (override));
  /// Mocks MeetingsConnection::set_outcome(): PUT {"outcome_id": ...}.
  MOCK_METHOD(Meeting, set_outcome,
              (const std::string& id, const std::string& outcome_id, const CallOptions& call),
              (override));
  /// Mocks MeetingsConnection::clear_outcome(): PUT {"outcome_id": null}.
  MOCK_METHOD(Meeting, clear_outcome, (const std::string& id, const CallOptions& call), (override));
  /// Mocks MeetingsConnection::remove(): DELETE /activity/meeting/{id}/.
  MOCK_METHOD(void, remove, (const std::string& id, const CallOptions& call), (override));
  /// Mocks MeetingsConnection::list_page_async(); `done` is argument 3.
  MOCK_METHOD(void, list_page_async,
              (const ActivityFilter& filter, const ListOptions& options, const CallOptions& call,
               std::function<void(AsyncResult<Page<Meeting>>)> done),
              (override));
  /// Mocks MeetingsConnection::fetch_async(); `done` is argument 3.
  MOCK_METHOD(void, fetch_async,
              (const std::string& id, const std::vector<std::string>& fields,
               const CallOptions& call, std::function<void(AsyncResult<Meeting>)> done),
              (override));
  /// Mocks MeetingsConnection::set_outcome_async(); `done` is argument 3.
  MOCK_METHOD(void, set_outcome_async,
              (const std::string& meeting_id, const std::string& outcome_id,
               const CallOptions& call, std::function<void(AsyncResult<Meeting>)> done),
              (override));
  /// Mocks MeetingsConnection::clear_outcome_async(); `done` is argument 2.
  MOCK_METHOD(void, clear_outcome_async,
              (const std::string& meeting_id, const CallOptions& call,
               std::function<void(AsyncResult<Meeting>)> done),
              (override));
  /// Mocks MeetingsConnection::rate_limit(). Unless told otherwise it returns std::nullopt.
  MOCK_METHOD(std::optional<RateLimitInfo>, rate_limit, (), (const, override));
  /// Mocks MeetingsConnection::remove_async(); `done` is argument 2.
  MOCK_METHOD(void, remove_async,
              (const std::string& meeting_id, const CallOptions& call,
               std::function<void(AsyncResult<void>)> done),
              (override));
};

}  // namespace closeio::mocks
