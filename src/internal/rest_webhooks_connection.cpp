#include "internal/rest_webhooks_connection.hpp"

#include <utility>

#include "internal/argument_checks.hpp"
#include "internal/async_bridge.hpp"
#include "internal/rest_resource.hpp"
#include "internal/session_access.hpp"
#include "internal/unimplemented.hpp"
#include "internal/webhook_requests.hpp"

namespace closeio::internal {
namespace {

constexpr std::string_view kWebhookCollection = "webhook/";
constexpr std::string_view kWebhookIdWhat = "webhook subscription id";

std::string webhook_path(const std::string& id) {
  require_clean_id(id, kWebhookIdWhat);
  return item_path(kWebhookCollection, id, kWebhookIdWhat);
}

RestPlan<Page<WebhookSubscription>> webhook_list_plan(const ListOptions& options) {
  require_valid_list_options(options);
  return list_plan<WebhookSubscription>(kWebhookCollection, {}, options);
}

RestPlan<void> webhook_remove_plan(const std::string& id) {
  return {RestRequest{"DELETE", webhook_path(id), "", std::nullopt},
          [](const std::string& body) { check_delete_body(body); }};
}

}  // namespace

RestWebhooksConnection::RestWebhooksConnection(std::shared_ptr<RestCaller> caller)
    : caller_(std::move(caller)) {}

Page<WebhookSubscription> RestWebhooksConnection::list_page(const ListOptions& options,
                                                            const CallOptions& call) {
  return run_plan(*caller_, webhook_list_plan(options), call);
}

WebhookSubscription RestWebhooksConnection::fetch(const std::string& id,
                                                  const std::vector<std::string>& fields,
                                                  const CallOptions& call) {
  return fetch_item<WebhookSubscription>(*caller_, webhook_path(id), fields, call);
}

WebhookSubscription RestWebhooksConnection::create(const WebhookCreate& subscription,
                                                   const CallOptions& call) {
  // Close answers 201 with the subscription; any 2xx is accepted (a 200 too). A POST is never
  // retried once it may have reached the server (RestCaller's rule).
  return write_item<WebhookSubscription>(*caller_, "POST", std::string(kWebhookCollection),
                                         encode_webhook_create(subscription), call);
}

WebhookSubscription RestWebhooksConnection::update(const std::string& id,
                                                   const WebhookUpdate& changes,
                                                   const CallOptions& call) {
  std::string path = webhook_path(id);
  return write_item<WebhookSubscription>(*caller_, "PUT", std::move(path),
                                         encode_webhook_update(changes), call);
}

void RestWebhooksConnection::remove(const std::string& id, const CallOptions& call) {
  run_plan(*caller_, webhook_remove_plan(id), call);
}

void RestWebhooksConnection::list_page_async(
    const ListOptions& options, const CallOptions& call,
    std::function<void(AsyncResult<Page<WebhookSubscription>>)> done) {
  run_plan_async<Page<WebhookSubscription>>(
      *caller_, [&] { return webhook_list_plan(options); }, call, std::move(done));
}

void RestWebhooksConnection::fetch_async(
    const std::string& id, const std::vector<std::string>& fields, const CallOptions& call,
    std::function<void(AsyncResult<WebhookSubscription>)> done) {
  run_plan_async<WebhookSubscription>(
      *caller_, [&] { return fetch_plan<WebhookSubscription>(webhook_path(id), fields); }, call,
      std::move(done));
}

void RestWebhooksConnection::create_async(
    const WebhookCreate& subscription, const CallOptions& call,
    std::function<void(AsyncResult<WebhookSubscription>)> done) {
  run_plan_async<WebhookSubscription>(
      *caller_,
      [&] {
        return write_plan<WebhookSubscription>("POST", std::string(kWebhookCollection),
                                               encode_webhook_create(subscription));
      },
      call, std::move(done));
}

void RestWebhooksConnection::update_async(
    const std::string& id, const WebhookUpdate& changes, const CallOptions& call,
    std::function<void(AsyncResult<WebhookSubscription>)> done) {
  run_plan_async<WebhookSubscription>(
      *caller_,
      [&] {
        return write_plan<WebhookSubscription>("PUT", webhook_path(id),
                                               encode_webhook_update(changes));
      },
      call, std::move(done));
}

void RestWebhooksConnection::remove_async(const std::string& id, const CallOptions& call,
                                          std::function<void(AsyncResult<void>)> done) {
  run_plan_async<void>(
      *caller_, [&] { return webhook_remove_plan(id); }, call, std::move(done));
}

std::optional<RateLimitInfo> RestWebhooksConnection::rate_limit() const {
  return caller_->rate_limit();
}

}  // namespace closeio::internal

namespace closeio {

using internal::throw_unimplemented;

namespace {
constexpr const char* kWebhooksConnection = "WebhooksConnection";
}  // namespace

WebhooksConnection::~WebhooksConnection() = default;
Page<WebhookSubscription> WebhooksConnection::list_page(const ListOptions& /*unused*/,
                                                        const CallOptions& /*unused*/) {
  throw_unimplemented(kWebhooksConnection, "list_page()");
}
WebhookSubscription WebhooksConnection::fetch(const std::string& /*unused*/,
                                              const std::vector<std::string>& /*unused*/,
                                              const CallOptions& /*unused*/) {
  throw_unimplemented(kWebhooksConnection, "fetch()");
}
WebhookSubscription WebhooksConnection::create(const WebhookCreate& /*unused*/,
                                               const CallOptions& /*unused*/) {
  throw_unimplemented(kWebhooksConnection, "create()");
}
WebhookSubscription WebhooksConnection::update(const std::string& /*unused*/,
                                               const WebhookUpdate& /*unused*/,
                                               const CallOptions& /*unused*/) {
  throw_unimplemented(kWebhooksConnection, "update()");
}
void WebhooksConnection::remove(const std::string& /*unused*/, const CallOptions& /*unused*/) {
  throw_unimplemented(kWebhooksConnection, "remove()");
}
void WebhooksConnection::list_page_async(
    const ListOptions& options, const CallOptions& call,
    std::function<void(AsyncResult<Page<WebhookSubscription>>)> done) {
  internal::complete_now<Page<WebhookSubscription>>(std::move(done),
                                                    [&] { return this->list_page(options, call); });
}
void WebhooksConnection::fetch_async(const std::string& id, const std::vector<std::string>& fields,
                                     const CallOptions& call,
                                     std::function<void(AsyncResult<WebhookSubscription>)> done) {
  internal::complete_now<WebhookSubscription>(std::move(done),
                                              [&] { return this->fetch(id, fields, call); });
}
void WebhooksConnection::create_async(const WebhookCreate& subscription, const CallOptions& call,
                                      std::function<void(AsyncResult<WebhookSubscription>)> done) {
  internal::complete_now<WebhookSubscription>(std::move(done),
                                              [&] { return this->create(subscription, call); });
}
void WebhooksConnection::update_async(const std::string& id, const WebhookUpdate& changes,
                                      const CallOptions& call,
                                      std::function<void(AsyncResult<WebhookSubscription>)> done) {
  internal::complete_now<WebhookSubscription>(std::move(done),
                                              [&] { return this->update(id, changes, call); });
}
void WebhooksConnection::remove_async(const std::string& id, const CallOptions& call,
                                      std::function<void(AsyncResult<void>)> done) {
  internal::complete_now<void>(std::move(done), [&] { this->remove(id, call); });
}
std::optional<RateLimitInfo> WebhooksConnection::rate_limit() const { return std::nullopt; }

std::shared_ptr<WebhooksConnection> make_webhooks_connection(ClientOptions options) {
  return make_webhooks_connection(Session(std::move(options)));
}
std::shared_ptr<WebhooksConnection> make_webhooks_connection(const Session& session) {
  return std::make_shared<internal::RestWebhooksConnection>(internal::SessionAccess::core(session));
}

}  // namespace closeio
