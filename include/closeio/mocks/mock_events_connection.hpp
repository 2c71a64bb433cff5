/// @file
/// A gmock mock of closeio::EventsConnection, to unit-test code that uses EventsClient (or
/// reads the Event Log through it) without HTTP. Header-only; the `closeio::mocks` CMake target.
#pragma once

#include <gmock/gmock.h>

#include <functional>
#include <optional>
#include <string>
#include <utility>

#include "closeio/async_result.hpp"
#include "closeio/events_connection.hpp"

namespace closeio::mocks {

/// A gmock implementation of closeio::EventsConnection. Build an EventsClient over it and set
/// expectations on list_page() and fetch(). The client validates its arguments first (a filter
/// combination Close refuses, a `_limit` above 50, a bad id: std::invalid_argument without
/// calling the mock), and EventsClient::list() calls list_page() once per cursor.
///
/// @code
/// auto mock = std::make_shared<closeio::mocks::MockEventsConnection>();
/// closeio::CursorPage<closeio::Event> page;
/// page.data.emplace_back().id = "ev_1";
/// EXPECT_CALL(*mock, list_page(::testing::_, ::testing::_, ::testing::_))
///     .WillOnce(::testing::Return(page));
/// closeio::EventsClient events(mock);
/// EXPECT_EQ(events.list_page().data.at(0).id, "ev_1");
/// @endcode
///
/// @par Asynchronous members
/// As on MockCallsConnection: unless told otherwise, each `*_async` member calls the blocking
/// member (so its expectations apply) on the calling thread and runs `done` before returning.
///
/// @par Thread safety
/// As gmock mocks are: expectations must be set before the calls they match are made.
class MockEventsConnection : public EventsConnection {
 public:
  /// A mock whose asynchronous members serve their calls through the blocking members.
  MockEventsConnection() {
    using ::testing::_;
    using ::testing::AnyNumber;
    ON_CALL(*this, list_page_async(_, _, _, _))
        .WillByDefault([this](const EventFilter& filter, const EventListOptions& options,
                              const CallOptions& call,
                              std::function<void(AsyncResult<CursorPage<Event>>)> done) {
          EventsConnection::list_page_async(filter, options, call, std::move(done));
        });
    ON_CALL(*this, fetch_async(_, _, _))
        .WillByDefault([this](const std::string& id, const CallOptions& call,
                              std::function<void(AsyncResult<Event>)> done) {
          EventsConnection::fetch_async(id, call, std::move(done));
        });
    EXPECT_CALL(*this, list_page_async(_, _, _, _)).Times(AnyNumber());
    EXPECT_CALL(*this, fetch_async(_, _, _)).Times(AnyNumber());
  }

  /// Mocks EventsConnection::list_page(): GET /event/ for one cursor.
  MOCK_METHOD(CursorPage<Event>, list_page,
              (const EventFilter& filter, const EventListOptions& options, const CallOptions& call),
              (override));
  /// Mocks EventsConnection::fetch(): GET /event/{id}/.
  MOCK_METHOD(Event, fetch, (const std::string& id, const CallOptions& call), (override));
  /// Mocks EventsConnection::list_page_async(); `done` is argument 3.
  MOCK_METHOD(void, list_page_async,
              (const EventFilter& filter, const EventListOptions& options, const CallOptions& call,
               std::function<void(AsyncResult<CursorPage<Event>>)> done),
              (override));
  /// Mocks EventsConnection::fetch_async(); `done` is argument 2.
  MOCK_METHOD(void, fetch_async,
              (const std::string& id, const CallOptions& call,
               std::function<void(AsyncResult<Event>)> done),
              (override));
  /// Mocks EventsConnection::rate_limit(). Unless told otherwise it returns std::nullopt.
  MOCK_METHOD(std::optional<RateLimitInfo>, rate_limit, (), (const, override));
};

}  // namespace closeio::mocks
