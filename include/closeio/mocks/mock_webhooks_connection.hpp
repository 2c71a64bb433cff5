/// @file
/// A gmock mock of closeio::WebhooksConnection, to unit-test code that uses WebhooksClient
/// without HTTP. Header-only; the `closeio::mocks` CMake target (closeio + GMock).
#pragma once

#include <gmock/gmock.h>

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "closeio/async_result.hpp"
#include "closeio/webhooks_connection.hpp"

namespace closeio::mocks {

/// A gmock implementation of closeio::WebhooksConnection. Build a WebhooksClient over it and set
/// expectations on the connection calls the client makes. The client still validates its
/// arguments first (an empty id or an http-less URL throws std::invalid_argument without calling
/// the mock); pause() and resume() arrive as update() with only `status` set.
///
/// @code
/// auto mock = std::make_shared<closeio::mocks::MockWebhooksConnection>();
/// closeio::WebhookSubscription paused;
/// paused.id = "whsub_1";
/// paused.status = closeio::WebhookStatus::paused;
/// EXPECT_CALL(*mock, update("whsub_1", ::testing::_, ::testing::_))
///     .WillOnce(::testing::Return(paused));
/// closeio::WebhooksClient webhooks(mock);
/// EXPECT_EQ(webhooks.pause("whsub_1").status, closeio::WebhookStatus::paused);
/// @endcode
///
/// @par Asynchronous members
/// As on MockCallsConnection: unless told otherwise, each `*_async` member calls the blocking
/// member (so its expectations apply) on the calling thread and runs `done` before returning.
///
/// @par Thread safety
/// As gmock mocks are: expectations must be set before the calls they match are made.
class MockWebhooksConnection : public WebhooksConnection {
 public:
  /// A mock whose asynchronous members serve their calls through the blocking members.
  MockWebhooksConnection() {
    using ::testing::_;
    using ::testing::AnyNumber;
    using Done = std::function<void(AsyncResult<WebhookSubscription>)>;
    ON_CALL(*this, list_page_async(_, _, _))
        .WillByDefault([this](const ListOptions& options, const CallOptions& call,
                              std::function<void(AsyncResult<Page<WebhookSubscription>>)> done) {
          WebhooksConnection::list_page_async(options, call, std::move(done));
        });
    ON_CALL(*this, fetch_async(_, _, _, _))
        .WillByDefault([this](const std::string& id, const std::vector<std::string>& fields,
                              const CallOptions& call, Done done) {
          WebhooksConnection::fetch_async(id, fields, call, std::move(done));
        });
    ON_CALL(*this, create_async(_, _, _))
        .WillByDefault(
            [this](const WebhookCreate& subscription, const CallOptions& call, Done done) {
              WebhooksConnection::create_async(subscription, call, std::move(done));
            });
    ON_CALL(*this, update_async(_, _, _, _))
        .WillByDefault([this](const std::string& id, const WebhookUpdate& changes,
                              const CallOptions& call, Done done) {
          WebhooksConnection::update_async(id, changes, call, std::move(done));
        });
    ON_CALL(*this, remove_async(_, _, _))
        .WillByDefault([this](const std::string& id, const CallOptions& call,
                              std::function<void(AsyncResult<void>)> done) {
          WebhooksConnection::remove_async(id, call, std::move(done));
        });
    EXPECT_CALL(*this, list_page_async(_, _, _)).Times(AnyNumber());
    EXPECT_CALL(*this, fetch_async(_, _, _, _)).Times(AnyNumber());
    EXPECT_CALL(*this, create_async(_, _, _)).Times(AnyNumber());
    EXPECT_CALL(*this, update_async(_, _, _, _)).Times(AnyNumber());
    EXPECT_CALL(*this, remove_async(_, _, _)).Times(AnyNumber());
  }

  /// Mocks WebhooksConnection::list_page(): GET /webhook/.
  MOCK_METHOD(Page<WebhookSubscription>, list_page,
              (const ListOptions& options, const CallOptions& call), (override));
  /// Mocks WebhooksConnection::fetch(): GET /webhook/{id}/.
  MOCK_METHOD(WebhookSubscription, fetch,
              (const std::string& id, const std::vector<std::string>& fields,
               const CallOptions& call),
              (override));
  /// Mocks WebhooksConnection::create(): POST /webhook/.
  MOCK_METHOD(WebhookSubscription, create,
              (const WebhookCreate& subscription, const CallOptions& call), (override));
  /// Mocks WebhooksConnection::update(): PUT /webhook/{id}/ (also pause() and resume()).
  MOCK_METHOD(WebhookSubscription, update,
              (const std::string& id, const WebhookUpdate& changes, const CallOptions& call),
              (override));
  /// Mocks WebhooksConnection::remove(): DELETE /webhook/{id}/.
  MOCK_METHOD(void, remove, (const std::string& id, const CallOptions& call), (override));
  /// Mocks WebhooksConnection::list_page_async(); `done` is argument 2.
  MOCK_METHOD(void, list_page_async,
              (const ListOptions& options, const CallOptions& call,
               std::function<void(AsyncResult<Page<WebhookSubscription>>)> done),
              (override));
  /// Mocks WebhooksConnection::fetch_async(); `done` is argument 3.
  MOCK_METHOD(void, fetch_async,
              (const std::string& id, const std::vector<std::string>& fields,
               const CallOptions& call, std::function<void(AsyncResult<WebhookSubscription>)> done),
              (override));
  /// Mocks WebhooksConnection::create_async(); `done` is argument 2.
  MOCK_METHOD(void, create_async,
              (const WebhookCreate& subscription, const CallOptions& call,
               std::function<void(AsyncResult<WebhookSubscription>)> done),
              (override));
  /// Mocks WebhooksConnection::update_async(); `done` is argument 3.
  MOCK_METHOD(void, update_async,
              (const std::string& id, const WebhookUpdate& changes, const CallOptions& call,
               std::function<void(AsyncResult<WebhookSubscription>)> done),
              (override));
  /// Mocks WebhooksConnection::remove_async(); `done` is argument 2.
  MOCK_METHOD(void, remove_async,
              (const std::string& id, const CallOptions& call,
               std::function<void(AsyncResult<void>)> done),
              (override));
  /// Mocks WebhooksConnection::rate_limit(). Unless told otherwise it returns std::nullopt.
  MOCK_METHOD(std::optional<RateLimitInfo>, rate_limit, (), (const, override));
};

}  // namespace closeio::mocks
