/// @file
/// A gmock mock of closeio::OutcomesConnection, to unit-test code that uses OutcomesClient
/// without HTTP. Header-only; the `closeio::mocks` CMake target (closeio + GMock).
#pragma once

#include <gmock/gmock.h>

#include <optional>
#include <string>
#include <vector>

#include "closeio/client_options.hpp"
#include "closeio/list_options.hpp"
#include "closeio/outcome.hpp"
#include "closeio/outcomes_connection.hpp"
#include "closeio/rate_limit.hpp"

namespace closeio::mocks {

/// A gmock implementation of closeio::OutcomesConnection. Build an OutcomesClient over it and
/// set expectations on the connection calls the client makes. The client still validates its
/// arguments first (an empty id or name throws std::invalid_argument without calling the mock),
/// and OutcomesClient::list() drives list_page() page after page.
///
/// @code
/// #include <closeio/closeio.hpp>
/// #include <closeio/mocks/mock_outcomes_connection.hpp>
///
/// TEST(MyCode, RenamesTheOutcome) {
///   auto mock = std::make_shared<closeio::mocks::MockOutcomesConnection>();
///   closeio::Outcome renamed;
///   renamed.id = "outcome_1";
///   renamed.name = "Renamed";
///   EXPECT_CALL(*mock, update("outcome_1", ::testing::_, ::testing::_))
///       .WillOnce(::testing::Return(renamed));
///
///   closeio::OutcomesClient client(mock);
///   EXPECT_EQ(client.update("outcome_1", closeio::OutcomeUpdate().set_name("Renamed")).name,
///             "Renamed");
/// }
/// @endcode
///
/// @par Thread safety
/// As gmock mocks are: expectations must be set before the calls they match are made.
class MockOutcomesConnection : public OutcomesConnection {
 public:
  /// Mocks OutcomesConnection::list_page(): one page of a list.
  MOCK_METHOD(Page<Outcome>, list_page, (const ListOptions& options, const CallOptions& call),
              (override));
  /// Mocks OutcomesConnection::create(): POST /outcome/.
  MOCK_METHOD(Outcome, create, (const OutcomeCreate& outcome, const CallOptions& call), (override));
  /// Mocks OutcomesConnection::fetch(): GET /outcome/{id}/.
  MOCK_METHOD(Outcome, fetch,
              (const std::string& id, const std::vector<std::string>& fields,
               const CallOptions& call),
              (override));
  /// Mocks OutcomesConnection::update(): PUT /outcome/{id}/.
  MOCK_METHOD(Outcome, update,
              (const std::string& id, const OutcomeUpdate& changes, const CallOptions& call),
              (override));
  /// Mocks OutcomesConnection::remove(): DELETE /outcome/{id}/.
  MOCK_METHOD(void, remove, (const std::string& id, const CallOptions& call), (override));
  /// Mocks OutcomesConnection::rate_limit(). Unless told otherwise it returns std::nullopt.
  MOCK_METHOD(std::optional<RateLimitInfo>, rate_limit, (), (const, override));
};

}  // namespace closeio::mocks
