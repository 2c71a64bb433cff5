#include "closeio/webhooks_client.hpp"

#include <stdexcept>
#include <utility>

#include "internal/argument_checks.hpp"
#include "internal/async_bridge.hpp"
#include "internal/webhook_requests.hpp"

namespace closeio {
namespace {

constexpr std::string_view kWebhookIdName = "webhook subscription id";

void require_webhook_id(const std::string& id) { internal::require_clean_id(id, kWebhookIdName); }

// The client refuses what the connection would refuse, before a mocked connection sees it.
void require_valid_create(const WebhookCreate& subscription) {
  (void)internal::encode_webhook_create(subscription);
}
void require_valid_update(const std::string& id, const WebhookUpdate& changes) {
  require_webhook_id(id);
  (void)internal::encode_webhook_update(changes);
}

WebhookUpdate status_change(WebhookStatus status) {
  WebhookUpdate changes;
  changes.status = status;
  return changes;
}

}  // namespace

WebhooksClient::WebhooksClient(ClientOptions options)
    : connection_(make_webhooks_connection(std::move(options))) {}

WebhooksClient::WebhooksClient(const Session& session)
    : connection_(make_webhooks_connection(session)) {}

WebhooksClient::WebhooksClient(std::shared_ptr<WebhooksConnection> connection)
    : connection_(std::move(connection)) {
  if (!connection_) throw std::invalid_argument("closeio: WebhooksClient needs a connection");
}

WebhooksClient WebhooksClient::with_call_options(CallOptions call) const {
  WebhooksClient copy(*this);
  copy.call_ = std::move(call);
  return copy;
}

Page<WebhookSubscription> WebhooksClient::list_page(const ListOptions& options) const {
  internal::require_valid_list_options(options);
  return connection_->list_page(options, call_);
}

WebhookRange WebhooksClient::list(ListOptions options) const {
  internal::require_valid_list_options(options);
  return {[connection = connection_, call = call_](const ListOptions& page) {
            return connection->list_page(page, call);
          },
          std::move(options), call_.cancellation};
}

WebhookSubscription WebhooksClient::fetch(const std::string& id,
                                          const std::vector<std::string>& fields) const {
  require_webhook_id(id);
  return connection_->fetch(id, fields, call_);
}

WebhookSubscription WebhooksClient::create(const WebhookCreate& subscription) const {
  require_valid_create(subscription);
  return connection_->create(subscription, call_);
}

WebhookSubscription WebhooksClient::update(const std::string& id,
                                           const WebhookUpdate& changes) const {
  require_valid_update(id, changes);
  return connection_->update(id, changes, call_);
}

WebhookSubscription WebhooksClient::pause(const std::string& id) const {
  return update(id, status_change(WebhookStatus::paused));
}

WebhookSubscription WebhooksClient::resume(const std::string& id) const {
  return update(id, status_change(WebhookStatus::active));
}

void WebhooksClient::remove(const std::string& id) const {
  require_webhook_id(id);
  connection_->remove(id, call_);
}

std::future<Page<WebhookSubscription>> WebhooksClient::list_page_async(
    const ListOptions& options) const {
  internal::require_valid_list_options(options);
  return internal::future_from<Page<WebhookSubscription>>(
      [&](std::function<void(AsyncResult<Page<WebhookSubscription>>)> done) {
        connection_->list_page_async(options, call_, std::move(done));
      });
}

void WebhooksClient::list_page_async(
    const ListOptions& options,
    std::function<void(AsyncResult<Page<WebhookSubscription>>)> done) const {
  internal::require_valid_list_options(options);
  connection_->list_page_async(options, call_, internal::guard_callback(std::move(done)));
}

std::future<WebhookSubscription> WebhooksClient::fetch_async(
    const std::string& id, const std::vector<std::string>& fields) const {
  require_webhook_id(id);
  return internal::future_from<WebhookSubscription>(
      [&](std::function<void(AsyncResult<WebhookSubscription>)> done) {
        connection_->fetch_async(id, fields, call_, std::move(done));
      });
}

void WebhooksClient::fetch_async(const std::string& id, const std::vector<std::string>& fields,
                                 std::function<void(AsyncResult<WebhookSubscription>)> done) const {
  require_webhook_id(id);
  connection_->fetch_async(id, fields, call_, internal::guard_callback(std::move(done)));
}

std::future<WebhookSubscription> WebhooksClient::create_async(
    const WebhookCreate& subscription) const {
  require_valid_create(subscription);
  return internal::future_from<WebhookSubscription>(
      [&](std::function<void(AsyncResult<WebhookSubscription>)> done) {
        connection_->create_async(subscription, call_, std::move(done));
      });
}

void WebhooksClient::create_async(
    const WebhookCreate& subscription,
    std::function<void(AsyncResult<WebhookSubscription>)> done) const {
  require_valid_create(subscription);
  connection_->create_async(subscription, call_, internal::guard_callback(std::move(done)));
}

std::future<WebhookSubscription> WebhooksClient::update_async(const std::string& id,
                                                              const WebhookUpdate& changes) const {
  require_valid_update(id, changes);
  return internal::future_from<WebhookSubscription>(
      [&](std::function<void(AsyncResult<WebhookSubscription>)> done) {
        connection_->update_async(id, changes, call_, std::move(done));
      });
}

void WebhooksClient::update_async(
    const std::string& id, const WebhookUpdate& changes,
    std::function<void(AsyncResult<WebhookSubscription>)> done) const {
  require_valid_update(id, changes);
  connection_->update_async(id, changes, call_, internal::guard_callback(std::move(done)));
}

std::future<WebhookSubscription> WebhooksClient::pause_async(const std::string& id) const {
  return update_async(id, status_change(WebhookStatus::paused));
}

void WebhooksClient::pause_async(const std::string& id,
                                 std::function<void(AsyncResult<WebhookSubscription>)> done) const {
  update_async(id, status_change(WebhookStatus::paused), std::move(done));
}

std::future<WebhookSubscription> WebhooksClient::resume_async(const std::string& id) const {
  return update_async(id, status_change(WebhookStatus::active));
}

void WebhooksClient::resume_async(
    const std::string& id, std::function<void(AsyncResult<WebhookSubscription>)> done) const {
  update_async(id, status_change(WebhookStatus::active), std::move(done));
}

std::future<void> WebhooksClient::remove_async(const std::string& id) const {
  require_webhook_id(id);
  return internal::future_from<void>([&](std::function<void(AsyncResult<void>)> done) {
    connection_->remove_async(id, call_, std::move(done));
  });
}

void WebhooksClient::remove_async(const std::string& id,
                                  std::function<void(AsyncResult<void>)> done) const {
  require_webhook_id(id);
  connection_->remove_async(id, call_, internal::guard_callback(std::move(done)));
}

std::optional<RateLimitInfo> WebhooksClient::rate_limit() const {
  return connection_->rate_limit();
}

}  // namespace closeio
