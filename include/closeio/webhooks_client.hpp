/// @file
/// The client for Close's webhook subscriptions (`/webhook/`): list, read, create, change,
/// pause, resume and delete the subscriptions that tell Close where to POST events.
#pragma once

#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "closeio/async_result.hpp"
#include "closeio/client_options.hpp"
#include "closeio/export.hpp"
#include "closeio/list_options.hpp"
#include "closeio/page_range.hpp"
#include "closeio/rate_limit.hpp"
#include "closeio/session.hpp"
#include "closeio/webhook_subscription.hpp"
#include "closeio/webhooks_connection.hpp"

namespace closeio {

/// A lazy range over every webhook subscription (see PageRange).
using WebhookRange = PageRange<WebhookSubscription>;

/// The client for Close's webhook subscription API (`/webhook/`).
///
/// Every network member can throw: BadRequestError (400: Close refused the body or the
/// request), UnauthorizedError (401), ForbiddenError (403: e.g. a non-admin changing another
/// user's subscription), NotFoundError (404: no such subscription), RateLimitError (429 after the
/// retries), ServerError (5xx after the retries), ApiError (any other status), TransportError (no
/// answer, timeout, call deadline), DecodeError (an answer that is not a subscription) and
/// CancelledError. Argument mistakes found before anything is sent are std::invalid_argument.
///
/// @par The signature key
/// create() returns the subscription with its `signature_key`, which verifies its deliveries.
/// Store it then: other answers may leave it out (Close's sources disagree).
///
/// @par Thread safety
/// Every member is const and safe to call from many threads at once on one client.
/// @par Cost
/// A value holding a shared connection: copies share connections, retries and rate-limit state.
class CLOSEIO_EXPORT WebhooksClient {
 public:
  /// Builds a client over libcurl with a session of its own. Throws std::invalid_argument as
  /// Session's constructor does.
  explicit WebhooksClient(ClientOptions options);
  /// Builds a client over `session`'s connections and rate-limit state.
  explicit WebhooksClient(const Session& session);
  /// Builds a client over any connection, e.g. a closeio::mocks::MockWebhooksConnection.
  explicit WebhooksClient(std::shared_ptr<WebhooksConnection> connection);

  /// A copy of this client whose calls use `call` (cancellation, deadline).
  WebhooksClient with_call_options(CallOptions call) const;

  /// One page: GET /webhook/ with `_limit`, `_skip`, `_fields`. Throws std::invalid_argument
  /// when `limit` < 1, `skip` < 0, or a field is not a WebhookSubscription field.
  Page<WebhookSubscription> list_page(const ListOptions& options = {}) const;
  /// Every subscription from `options.skip` on, fetched lazily page by page (`_skip` paging, as
  /// Close's own scripts read this list).
  WebhookRange list(ListOptions options = {}) const;
  /// GET /webhook/{id}/, only `fields` when non-empty. Throws std::invalid_argument for an
  /// empty id, "." or "..", an id with control characters, or an unknown field.
  WebhookSubscription fetch(const std::string& id,
                            const std::vector<std::string>& fields = {}) const;
  /// POST /webhook/: subscribes `subscription.url` to `subscription.events`; the answer (201) is
  /// the new subscription with its signature key. Never sent twice: a create that may have
  /// reached Close is not retried. Throws std::invalid_argument for a URL that is not http(s)
  /// or holds spaces or control characters, no events, an event without object_type or action,
  /// or an extra_filter that is not a JSON object.
  WebhookSubscription create(const WebhookCreate& subscription) const;
  /// PUT /webhook/{id}/ with only what `changes` sets; returns the updated subscription.
  /// Throws std::invalid_argument for a bad id, WebhookStatus::unknown, or what create() refuses
  /// in the members set.
  WebhookSubscription update(const std::string& id, const WebhookUpdate& changes) const;
  /// PUT /webhook/{id}/ with `{"status":"paused"}`: Close stops delivering.
  WebhookSubscription pause(const std::string& id) const;
  /// PUT /webhook/{id}/ with `{"status":"active"}`: Close delivers again (also after Close
  /// paused it for failed deliveries).
  WebhookSubscription resume(const std::string& id) const;
  /// DELETE /webhook/{id}/. When an attempt may have deleted it (no answer, 502/503/504) and the
  /// retry answers 404, the subscription is gone as asked and remove() returns.
  void remove(const std::string& id) const;

  /// The asynchronous list_page(): returns at once with a future of what list_page() returns or
  /// throws (CancelledError when the call is cancelled or the session closes first).
  /// @throws std::invalid_argument at once, for the arguments list_page() refuses.
  std::future<Page<WebhookSubscription>> list_page_async(const ListOptions& options = {}) const;
  /// list_page_async() with a completion callback: `done` runs exactly once, on the session's
  /// I/O thread. It must not block; exceptions it throws are dropped.
  /// @throws std::invalid_argument at once (and `done` is not called), as list_page().
  void list_page_async(const ListOptions& options,
                       std::function<void(AsyncResult<Page<WebhookSubscription>>)> done) const;
  /// The asynchronous fetch() (future form; see list_page_async()).
  std::future<WebhookSubscription> fetch_async(const std::string& id,
                                               const std::vector<std::string>& fields = {}) const;
  /// The asynchronous fetch() (callback form; see list_page_async()).
  void fetch_async(const std::string& id, const std::vector<std::string>& fields,
                   std::function<void(AsyncResult<WebhookSubscription>)> done) const;
  /// The asynchronous create() (future form; see list_page_async()).
  std::future<WebhookSubscription> create_async(const WebhookCreate& subscription) const;
  /// The asynchronous create() (callback form; see list_page_async()).
  void create_async(const WebhookCreate& subscription,
                    std::function<void(AsyncResult<WebhookSubscription>)> done) const;
  /// The asynchronous update() (future form; see list_page_async()).
  std::future<WebhookSubscription> update_async(const std::string& id,
                                                const WebhookUpdate& changes) const;
  /// The asynchronous update() (callback form; see list_page_async()).
  void update_async(const std::string& id, const WebhookUpdate& changes,
                    std::function<void(AsyncResult<WebhookSubscription>)> done) const;
  /// The asynchronous pause() (future form; see list_page_async()).
  std::future<WebhookSubscription> pause_async(const std::string& id) const;
  /// The asynchronous pause() (callback form; see list_page_async()).
  void pause_async(const std::string& id,
                   std::function<void(AsyncResult<WebhookSubscription>)> done) const;
  /// The asynchronous resume() (future form; see list_page_async()).
  std::future<WebhookSubscription> resume_async(const std::string& id) const;
  /// The asynchronous resume() (callback form; see list_page_async()).
  void resume_async(const std::string& id,
                    std::function<void(AsyncResult<WebhookSubscription>)> done) const;
  /// The asynchronous remove() (future form; see list_page_async()).
  std::future<void> remove_async(const std::string& id) const;
  /// The asynchronous remove() (callback form; see list_page_async()).
  void remove_async(const std::string& id, std::function<void(AsyncResult<void>)> done) const;

  /// The rate-limit figures of the latest response that carried them, if any.
  std::optional<RateLimitInfo> rate_limit() const;

 private:
  std::shared_ptr<WebhooksConnection> connection_;
  CallOptions call_;
};

}  // namespace closeio
