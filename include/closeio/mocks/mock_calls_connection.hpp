/// @file
/// A gmock mock of closeio::CallsConnection, to unit-test code that uses CallsClient without
/// HTTP. Header-only; the `closeio::mocks` CMake target (closeio + GMock).
#pragma once

#include <gmock/gmock.h>

#include <optional>
#include <string>
#include <vector>

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
/// @par Thread safety
/// As gmock mocks are: expectations must be set before the calls they match are made.
class MockCallsConnection : public CallsConnection {
 public:
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
  /// Mocks CallsConnection::rate_limit(). Unless told otherwise it returns std::nullopt.
  MOCK_METHOD(std::optional<RateLimitInfo>, rate_limit, (), (const, override));
};

}  // namespace closeio::mocks
