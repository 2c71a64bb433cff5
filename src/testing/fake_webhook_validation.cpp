#include "testing/fake_webhook_validation.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <nlohmann/json.hpp>
#include <utility>

#include "testing/fake_json_support.hpp"

namespace closeio::testing::internal {
namespace {

using Json = nlohmann::json;

constexpr const char* kWebhookRequired = "This field is required.";
constexpr const char* kWebhookNotNull = "Field may not be null.";
constexpr const char* kWebhookUnknown = "Unknown field.";
constexpr const char* kBadUrl = "Not a valid URL.";
constexpr const char* kBadBoolean = "Not a valid boolean.";
constexpr const char* kBadList = "Not a valid list.";
constexpr const char* kNoEvents = "Shorter than minimum length 1.";
constexpr const char* kBadItem = "Invalid input type.";
constexpr const char* kBadStatus = "Must be one of: active, paused.";
constexpr const char* kBadFilter = "Not a valid object.";
constexpr std::size_t kMaxUrlLength = 2048;

// Read-only keys of a subscription: ignored in a body.
constexpr std::array<const char*, 13> kReadOnly = {
    "id",           "signature_key", "created_by",      "updated_by",
    "date_created", "date_updated",  "health_status",   "pause_reason",
    "latest_error", "counters",      "organization_id", "recent_consecutive_fail_buckets_cnt",
    "status"};

enum class WebhookOperation { create, update };

bool valid_url(const std::string& url) {
  if (url.size() > kMaxUrlLength) return false;
  std::size_t host_start = 0;
  if (url.rfind("http://", 0) == 0) {
    host_start = 7;
  } else if (url.rfind("https://", 0) == 0) {
    host_start = 8;
  } else {
    return false;
  }
  for (const char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F) return false;
  }
  const std::size_t host_end = url.find_first_of("/?#", host_start);
  const std::string authority = url.substr(
      host_start, host_end == std::string::npos ? std::string::npos : host_end - host_start);
  return !authority.empty() && authority[0] != ':' && authority.find('@') == std::string::npos;
}

std::optional<std::string> required_text(const Json& item, const char* key, Json& errors) {
  const auto it = item.find(key);
  const bool present = it != item.end();
  if (present && it->is_null()) {
    errors[key] = kWebhookNotNull;
  } else if (present && !it->is_string()) {
    errors[key] = kNotString;
  } else if (!present || it->get_ref<const std::string&>().empty()) {
    errors[key] = kWebhookRequired;  // absent or empty alike
  } else {
    return it->get<std::string>();
  }
  return std::nullopt;
}

std::optional<std::vector<WebhookEventSpec>> check_events(const Json& value, Json& errors) {
  if (!value.is_array()) {
    errors["events"] = kBadList;
    return std::nullopt;
  }
  if (value.empty()) {
    errors["events"] = kNoEvents;
    return std::nullopt;
  }
  std::vector<WebhookEventSpec> events;
  Json item_errors = Json::object();
  for (std::size_t i = 0; i < value.size(); ++i) {
    const Json& item = value[i];
    Json errors_of_item = Json::object();
    if (!item.is_object()) {
      item_errors[std::to_string(i)] = {{"_schema", Json::array({kBadItem})}};
      continue;
    }
    WebhookEventSpec spec;
    const std::optional<std::string> type = required_text(item, "object_type", errors_of_item);
    const std::optional<std::string> action = required_text(item, "action", errors_of_item);
    if (const auto filter = item.find("extra_filter"); filter != item.end()) {
      if (filter->is_object() || filter->is_null()) {
        spec.extra_filter = *filter;
      } else {
        errors_of_item["extra_filter"] = kBadFilter;
      }
    }
    for (const auto& [key, unused] : item.items()) {
      (void)unused;
      if (key != "object_type" && key != "action" && key != "extra_filter") {
        errors_of_item[key] = kWebhookUnknown;
      }
    }
    if (!errors_of_item.empty()) {
      item_errors[std::to_string(i)] = std::move(errors_of_item);
      continue;
    }
    spec.object_type = *type;
    spec.action = *action;
    events.push_back(std::move(spec));
  }
  if (!item_errors.empty()) {
    errors["events"] = std::move(item_errors);
    return std::nullopt;
  }
  return events;
}

// One member of a create or update body: stored in `changes`, or its error in `errors`.
void check_member(const std::string& key, const Json& value, WebhookOperation operation,
                  WebhookChanges& changes, Json& errors) {
  if (key == "url") {
    if (value.is_null()) {
      errors[key] = kWebhookNotNull;
    } else if (!value.is_string()) {
      errors[key] = kNotString;
    } else if (!valid_url(value.get<std::string>())) {
      errors[key] = kBadUrl;
    } else {
      changes.url = value.get<std::string>();
    }
  } else if (key == "events") {
    if (value.is_null()) {
      errors[key] = kWebhookNotNull;
    } else {
      changes.events = check_events(value, errors);
    }
  } else if (key == "verify_ssl") {
    if (value.is_boolean()) {
      changes.verify_ssl = value.get<bool>();
    } else {
      errors[key] = value.is_null() ? kWebhookNotNull : kBadBoolean;
    }
  } else if (key == "status" && operation == WebhookOperation::update) {
    if (value == "active" || value == "paused") {
      changes.paused = value == "paused";
    } else {
      errors[key] = value.is_null() ? kWebhookNotNull : kBadStatus;
    }
  } else if (key == "event_filter" && operation == WebhookOperation::create) {
    if (!value.is_object() && !value.is_null()) errors[key] = kBadFilter;
  } else if (std::find_if(kReadOnly.begin(), kReadOnly.end(), [&](const char* read_only) {
               return key == read_only;
             }) == kReadOnly.end()) {
    errors[key] = kWebhookUnknown;
  }
}

Validated<WebhookChanges> validate(std::string_view text, WebhookOperation operation) {
  Validated<WebhookChanges> result;
  std::optional<Json> body = parse_object(text, result.error_body);
  if (!body) return result;
  Json errors = Json::object();
  WebhookChanges changes;
  for (const auto& item : body->items())
    check_member(item.key(), item.value(), operation, changes, errors);
  if (operation == WebhookOperation::create) {
    if (body->find("url") == body->end()) errors["url"] = kWebhookRequired;
    if (body->find("events") == body->end()) errors["events"] = kWebhookRequired;
  }
  if (!errors.empty()) {
    result.error_body = Json{{"errors", Json::array()}, {"field-errors", errors}}.dump(
        -1, ' ', false, Json::error_handler_t::replace);
    return result;
  }
  result.value = std::move(changes);
  return result;
}

}  // namespace

Validated<WebhookChanges> validate_webhook_create(std::string_view text) {
  return validate(text, WebhookOperation::create);
}

Validated<WebhookChanges> validate_webhook_update(std::string_view text) {
  return validate(text, WebhookOperation::update);
}

}  // namespace closeio::testing::internal
