/// @file
/// WebhooksConnection, the seam between WebhooksClient and the wire (one virtual call per
/// operation), and make_webhooks_connection(), its libcurl implementation.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "closeio/async_result.hpp"
#include "closeio/client_options.hpp"
#include "closeio/export.hpp"
#include "closeio/list_options.hpp"
#include "closeio/rate_limit.hpp"
#include "closeio/session.hpp"
#include "closeio/webhook_subscription.hpp"

namespace closeio {

/// Performs the webhook subscription operations. WebhooksClient forwards every call to one of
/// these; replace it (see closeio::mocks::MockWebhooksConnection) to test code without HTTP.
/// Implementations must be thread-safe and report failures as WebhooksClient documents.
///
/// @par Growing without breaking
/// Every member has a default body that throws UnimplementedError (the `*_async` ones call the
/// blocking member; rate_limit() returns std::nullopt), so members added in later versions do
/// not break subclasses and mocks written against this one.
class CLOSEIO_EXPORT WebhooksConnection {
 public:
  virtual ~WebhooksConnection();
  /// GET /webhook/ with `_limit`, `_skip` and `_fields`.
  virtual Page<WebhookSubscription> list_page(const ListOptions& options, const CallOptions& call);
  /// GET /webhook/{id}/ with optional `_fields`.
  virtual WebhookSubscription fetch(const std::string& id, const std::vector<std::string>& fields,
                                    const CallOptions& call);
  /// POST /webhook/ (Close answers 201; 200 is accepted too). Never sent twice.
  virtual WebhookSubscription create(const WebhookCreate& subscription, const CallOptions& call);
  /// PUT /webhook/{id}/ with only the members `changes` sets.
  virtual WebhookSubscription update(const std::string& id, const WebhookUpdate& changes,
                                     const CallOptions& call);
  /// DELETE /webhook/{id}/.
  virtual void remove(const std::string& id, const CallOptions& call);
  /// The asynchronous list_page(): returns at once; `done` receives the value or the exception
  /// list_page() would throw, exactly once, on the session's I/O thread for the HTTP connection.
  /// The default body calls list_page() on the calling thread and `done` before returning.
  virtual void list_page_async(const ListOptions& options, const CallOptions& call,
                               std::function<void(AsyncResult<Page<WebhookSubscription>>)> done);
  /// The asynchronous fetch() (see list_page_async() for threads and the default body).
  virtual void fetch_async(const std::string& id, const std::vector<std::string>& fields,
                           const CallOptions& call,
                           std::function<void(AsyncResult<WebhookSubscription>)> done);
  /// The asynchronous create() (see list_page_async() for threads and the default body).
  virtual void create_async(const WebhookCreate& subscription, const CallOptions& call,
                            std::function<void(AsyncResult<WebhookSubscription>)> done);
  /// The asynchronous update() (see list_page_async() for threads and the default body).
  virtual void update_async(const std::string& id, const WebhookUpdate& changes,
                            const CallOptions& call,
                            std::function<void(AsyncResult<WebhookSubscription>)> done);
  /// The asynchronous remove() (see list_page_async() for threads and the default body).
  virtual void remove_async(const std::string& id, const CallOptions& call,
                            std::function<void(AsyncResult<void>)> done);
  /// The rate-limit state of the latest response that reported one, if any.
  virtual std::optional<RateLimitInfo> rate_limit() const;
};

/// The HTTP connection over libcurl, with a session of its own. Throws std::invalid_argument
/// as Session's constructor does.
CLOSEIO_EXPORT std::shared_ptr<WebhooksConnection> make_webhooks_connection(ClientOptions options);
/// The HTTP connection over `session`'s connection pool and rate-limit state.
CLOSEIO_EXPORT std::shared_ptr<WebhooksConnection> make_webhooks_connection(const Session& session);

}  // namespace closeio
