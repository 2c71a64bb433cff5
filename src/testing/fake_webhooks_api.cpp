#include "testing/fake_webhooks_api.hpp"

#include <nlohmann/json.hpp>
#include <string_view>
#include <utility>

#include "testing/fake_event_log.hpp"
#include "testing/fake_json_support.hpp"
#include "testing/fake_outcome_store.hpp"
#include "testing/fake_webhook_validation.hpp"

namespace closeio::testing::internal {
namespace {

using OrderedJson = nlohmann::ordered_json;

constexpr std::string_view kWebhooksPath = "/api/v1/webhook/";
constexpr std::string_view kWebhookNotFound =
    "Empty query: WebhookSubscription matching query does not exist.";

void apply(const WebhookChanges& changes, StoredWebhook& webhook) {
  if (changes.url) webhook.url = *changes.url;
  if (changes.events) webhook.events = *changes.events;
  if (changes.verify_ssl) webhook.verify_ssl = *changes.verify_ssl;
  if (changes.paused && *changes.paused != webhook.paused) {
    webhook.paused = *changes.paused;
    // Reactivating starts the delivery health over.
    webhook.pause_reason = webhook.paused ? std::optional<std::string>("api") : std::nullopt;
    if (!webhook.paused) {
      webhook.consecutive_failures = 0;
      webhook.failing_since.reset();
    }
  }
}

}  // namespace

std::string encode_webhook(const StoredWebhook& webhook, bool with_key) {
  OrderedJson events = OrderedJson::array();
  for (const WebhookEventSpec& spec : webhook.events) {
    OrderedJson item = {{"object_type", spec.object_type}, {"action", spec.action}};
    if (!spec.extra_filter.is_null()) item["extra_filter"] = spec.extra_filter;
    events.push_back(std::move(item));
  }
  OrderedJson json = OrderedJson::object();
  json["id"] = webhook.id;
  json["url"] = webhook.url;
  json["events"] = std::move(events);
  json["verify_ssl"] = webhook.verify_ssl;
  json["status"] = webhook.paused ? "paused" : "active";
  json["pause_reason"] = optional_string(webhook.pause_reason);
  json["health_status"] = webhook.consecutive_failures == 0 ? "healthy" : "unhealthy";
  json["latest_error"] = webhook.latest_error;
  json["recent_consecutive_fail_buckets_cnt"] = webhook.consecutive_failures;
  json["counters"] = OrderedJson::object();
  json["created_by"] = webhook.created_by;
  json["updated_by"] = webhook.updated_by;
  json["date_created"] = format_event_timestamp(webhook.date_created);
  json["date_updated"] = format_event_timestamp(webhook.date_updated);
  if (with_key) json["signature_key"] = webhook.signature_key;
  return dump_json(json);
}

FakeWebhooksApi::FakeWebhooksApi(const FakeCloseServerOptions& options, FakeWebhookStore& store)
    : options_(options), store_(store) {}

std::optional<ApiAnswer> FakeWebhooksApi::route(const RecordedRequest& request) const {
  const bool read = request.method == "GET" || request.method == "HEAD";
  if (request.path == kWebhooksPath) {
    if (read) return list(request);
    if (request.method == "POST") return create(request);
    return method_not_allowed("GET, HEAD, POST");
  }
  if (std::optional<std::string> id = item_id(request.path, kWebhooksPath)) {
    if (read) return fetch(*id);
    if (request.method == "PUT") return update(request, *id);
    if (request.method == "DELETE") return remove(*id);
    return method_not_allowed("GET, HEAD, PUT, DELETE");
  }
  return std::nullopt;
}

ApiAnswer FakeWebhooksApi::list(const RecordedRequest& request) const {
  ApiAnswer bad_request;
  std::optional<Paging> paging = parse_paging(request, options_.max_limit, bad_request);
  if (!paging) return bad_request;
  const std::vector<StoredWebhook> all = store_.all();
  std::string body = "{\"data\":[";
  const std::size_t begin = std::min(paging->skip, all.size());
  const std::size_t end = begin + std::min(paging->limit, all.size() - begin);
  for (std::size_t i = begin; i < end; ++i) {
    if (i > begin) body += ',';
    body += encode_webhook(all[i], options_.webhooks.signature_key_in_every_answer);
  }
  body += std::string("],\"has_more\":") + (end < all.size() ? "true" : "false") + "}";
  return answer(200, std::move(body));
}

ApiAnswer FakeWebhooksApi::create(const RecordedRequest& request) const {
  Validated<WebhookChanges> body = validate_webhook_create(request.body);
  if (!body.value) return answer(400, std::move(body.error_body));
  if (store_.size() >= options_.webhooks.max_subscriptions) {
    // Close's answer to the 41st subscription is unconfirmed (EVENTS.md §2.1).
    return answer(400,
                  error_body("Maximum number of webhook subscriptions (" +
                             std::to_string(options_.webhooks.max_subscriptions) + ") reached."));
  }
  StoredWebhook webhook;
  apply(*body.value, webhook);
  webhook.created_by = options_.user_id;
  webhook.updated_by = options_.user_id;
  webhook.date_created = now_utc();
  webhook.date_updated = webhook.date_created;
  // Not counted by creates_performed()/writes_performed(), which count outcomes and activities.
  return answer(201, encode_webhook(store_.add(std::move(webhook)), true));
}

ApiAnswer FakeWebhooksApi::fetch(const std::string& id) const {
  std::optional<StoredWebhook> webhook = store_.find(id);
  if (!webhook) return answer(404, error_body(kWebhookNotFound));
  return answer(200, encode_webhook(*webhook, options_.webhooks.signature_key_in_every_answer));
}

ApiAnswer FakeWebhooksApi::update(const RecordedRequest& request, const std::string& id) const {
  if (!store_.find(id)) return answer(404, error_body(kWebhookNotFound));
  Validated<WebhookChanges> body = validate_webhook_update(request.body);
  if (!body.value) return answer(400, std::move(body.error_body));
  const Timestamp now = now_utc();
  std::optional<StoredWebhook> updated = store_.update(id, [&](StoredWebhook& webhook) {
    apply(*body.value, webhook);
    webhook.updated_by = options_.user_id;
    webhook.date_updated = now;
  });
  if (!updated) return answer(404, error_body(kWebhookNotFound));
  return answer(200, encode_webhook(*updated, options_.webhooks.signature_key_in_every_answer));
}

ApiAnswer FakeWebhooksApi::remove(const std::string& id) const {
  if (!store_.remove(id)) return answer(404, error_body(kWebhookNotFound));
  return answer(200, "{}");  // Close's delete body is unconfirmed; its other DELETEs answer {}
}

}  // namespace closeio::testing::internal
