/// @file
/// A gmock mock of closeio::MeetingsConnection, to unit-test code that uses MeetingsClient
/// without HTTP. Header-only; the `closeio::mocks` CMake target (closeio + GMock).
#pragma once

#include <gmock/gmock.h>

#include <optional>
#include <string>
#include <vector>

#include "closeio/meetings_connection.hpp"

namespace closeio::mocks {

/// A gmock implementation of closeio::MeetingsConnection (see MockCallsConnection for use).
///
/// @par Thread safety
/// As gmock mocks are: expectations must be set before the calls they match are made.
class MockMeetingsConnection : public MeetingsConnection {
 public:
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
  /// Mocks MeetingsConnection::rate_limit(). Unless told otherwise it returns std::nullopt.
  MOCK_METHOD(std::optional<RateLimitInfo>, rate_limit, (), (const, override));
};

}  // namespace closeio::mocks
