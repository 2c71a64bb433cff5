/// @file
/// A gmock mock of closeio::OutcomesConnection, to unit-test code that uses OutcomesClient
/// without HTTP. Header-only; the `closeio::mocks` CMake target (closeio + GMock).
#pragma once

#include <gmock/gmock.h>

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "closeio/async_result.hpp"
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
/// @par Asynchronous members
/// Every `*_async` member is mocked too; its last argument, `done`, is the completion callback.
/// An expectation on one completes the call by running `done` (the client's future becomes ready
/// when it runs; a `done` that never runs leaves the future waiting for ever):
///
/// @code
/// EXPECT_CALL(*mock, fetch_async("outcome_1", ::testing::_, ::testing::_, ::testing::_))
///     .WillOnce(::testing::InvokeArgument<3>(closeio::AsyncResult<closeio::Outcome>(renamed)));
/// EXPECT_EQ(closeio::OutcomesClient(mock).fetch_async("outcome_1").get().name, "Renamed");
/// @endcode
///
/// A typed error is an `AsyncResult` holding the exception, e.g.
/// `closeio::AsyncResult<closeio::Outcome>(std::make_exception_ptr(closeio::NotFoundError(...)))`.
///
/// Unless told otherwise, an asynchronous member does what OutcomesConnection's default body does:
/// it calls the blocking member (so its expectations apply) on the calling thread and runs `done`
/// with the value or exception before returning. So tests that set expectations only on the
/// blocking members work unchanged, with no "uninteresting call" warnings and under
/// gmock's `StrictMock` too: the constructor sets that default with `ON_CALL` and allows any
/// number of such calls with an `EXPECT_CALL(...).Times(AnyNumber())`. Expectations a
/// test sets later take precedence; an asynchronous call that matches none of them falls through
/// to the blocking member. gmock's `Mock::VerifyAndClear()` removes that default as well: set
/// an action on every asynchronous member called after it.
///
/// @par Thread safety
/// As gmock mocks are: expectations must be set before the calls they match are made.
class MockOutcomesConnection : public OutcomesConnection {
 public:
  /// A mock whose asynchronous members serve their calls through the blocking members (see
  /// above) until a test sets expectations on them.
  MockOutcomesConnection() {
    using ::testing::_;
    using ::testing::AnyNumber;
    ON_CALL(*this, list_page_async(_, _, _))
        .WillByDefault([this](const ListOptions& options, const CallOptions& call,
                              std::function<void(AsyncResult<Page<Outcome>>)> done) {
          OutcomesConnection::list_page_async(options, call, std::move(done));
        });
    ON_CALL(*this, create_async(_, _, _))
        .WillByDefault([this](const OutcomeCreate& outcome, const CallOptions& call,
                              std::function<void(AsyncResult<Outcome>)> done) {
          OutcomesConnection::create_async(outcome, call, std::move(done));
        });
    ON_CALL(*this, fetch_async(_, _, _, _))
        .WillByDefault([this](const std::string& id, const std::vector<std::string>& fields,
                              const CallOptions& call,
                              std::function<void(AsyncResult<Outcome>)> done) {
          OutcomesConnection::fetch_async(id, fields, call, std::move(done));
        });
    ON_CALL(*this, update_async(_, _, _, _))
        .WillByDefault([this](const std::string& id, const OutcomeUpdate& changes,
                              const CallOptions& call,
                              std::function<void(AsyncResult<Outcome>)> done) {
          OutcomesConnection::update_async(id, changes, call, std::move(done));
        });
    ON_CALL(*this, remove_async(_, _, _))
        .WillByDefault([this](const std::string& id, const CallOptions& call,
                              std::function<void(AsyncResult<void>)> done) {
          OutcomesConnection::remove_async(id, call, std::move(done));
        });
    EXPECT_CALL(*this, list_page_async(_, _, _)).Times(AnyNumber());
    EXPECT_CALL(*this, create_async(_, _, _)).Times(AnyNumber());
    EXPECT_CALL(*this, fetch_async(_, _, _, _)).Times(AnyNumber());
    EXPECT_CALL(*this, update_async(_, _, _, _)).Times(AnyNumber());
    EXPECT_CALL(*this, remove_async(_, _, _)).Times(AnyNumber());
  }

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
  /// Mocks OutcomesConnection::list_page_async(); `done` is argument 2.
  MOCK_METHOD(void, list_page_async,
              (const ListOptions& options, const CallOptions& call,
               std::function<void(AsyncResult<Page<Outcome>>)> done),
              (override));
  /// Mocks OutcomesConnection::create_async(); `done` is argument 2.
  MOCK_METHOD(void, create_async,
              (const OutcomeCreate& outcome, const CallOptions& call,
               std::function<void(AsyncResult<Outcome>)> done),
              (override));
  /// Mocks OutcomesConnection::fetch_async(); `done` is argument 3.
  MOCK_METHOD(void, fetch_async,
              (const std::string& id, const std::vector<std::string>& fields,
               const CallOptions& call, std::function<void(AsyncResult<Outcome>)> done),
              (override));
  /// Mocks OutcomesConnection::update_async(); `done` is argument 3.
  MOCK_METHOD(void, update_async,
              (const std::string& id, const OutcomeUpdate& changes, const CallOptions& call,
               std::function<void(AsyncResult<Outcome>)> done),
              (override));
  /// Mocks OutcomesConnection::remove_async(); `done` is argument 2.
  MOCK_METHOD(void, remove_async,
              (const std::string& id, const CallOptions& call,
               std::function<void(AsyncResult<void>)> done),
              (override));
  /// Mocks OutcomesConnection::rate_limit(). Unless told otherwise it returns std::nullopt.
  MOCK_METHOD(std::optional<RateLimitInfo>, rate_limit, (), (const, override));
};

}  // namespace closeio::mocks
