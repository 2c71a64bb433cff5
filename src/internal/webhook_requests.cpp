#include "internal/webhook_requests.hpp"

#include <stdexcept>

#include "internal/argument_checks.hpp"
#include "internal/json_codec.hpp"
#include "internal/resource_tables.hpp"

namespace closeio::internal {
namespace {

constexpr std::size_t kMaxIdBytes = 256;
constexpr std::size_t kMaxUrlBytes = 2048;

// Bytes that never belong in an id, a URL or an event name: controls, space and DEL.
bool has_control_or_space(std::string_view text) {
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == 0x7f) return true;
  }
  return false;
}

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

template <class Body>
std::string encode_checked(const Body& body, const char* what) {
  try {
    return encode_object(body, {}, true);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(std::string("closeio: ") + what + ": " + e.what());
  }
}

}  // namespace

void require_clean_id(const std::string& id, std::string_view what) {
  require_id(id, what);
  if (has_control_or_space(id)) {
    // The id itself is not echoed: it may hold terminal control sequences.
    throw std::invalid_argument("closeio: the " + std::string(what) +
                                " holds spaces or control characters");
  }
  if (id.size() > kMaxIdBytes) {
    throw std::invalid_argument("closeio: the " + std::string(what) + " is longer than " +
                                std::to_string(kMaxIdBytes) + " bytes");
  }
}

void require_webhook_url(const std::string& url) {
  if (url.empty()) throw std::invalid_argument("closeio: the webhook url is empty");
  if (url.size() > kMaxUrlBytes) {
    throw std::invalid_argument("closeio: the webhook url is longer than " +
                                std::to_string(kMaxUrlBytes) + " bytes");
  }
  if (has_control_or_space(url)) {
    throw std::invalid_argument("closeio: the webhook url holds spaces or control characters");
  }
  std::size_t host = 0;
  if (starts_with_ignoring_case(url, "https://")) {
    host = 8;
  } else if (starts_with_ignoring_case(url, "http://")) {
    host = 7;
  } else {
    throw std::invalid_argument("closeio: the webhook url must start with https:// or http://");
  }
  if (host >= url.size() || url[host] == '/' || url[host] == '?' || url[host] == '#') {
    throw std::invalid_argument("closeio: the webhook url has no host");
  }
}

void require_webhook_events(const std::vector<WebhookEventSpec>& events) {
  if (events.empty()) throw std::invalid_argument("closeio: a webhook needs at least one event");
  for (std::size_t i = 0; i < events.size(); ++i) {
    const std::string where = "closeio: webhook events[" + std::to_string(i) + "].";
    for (const auto& [name, value] :
         {std::pair<const char*, const std::string*>{"object_type", &events[i].object_type},
          {"action", &events[i].action}}) {
      if (value->empty()) throw std::invalid_argument(where + name + " is empty");
      if (has_control_or_space(*value)) {
        throw std::invalid_argument(where + name + " holds spaces or control characters");
      }
    }
  }
}

std::string encode_webhook_create(const WebhookCreate& subscription) {
  require_webhook_url(subscription.url);
  require_webhook_events(subscription.events);
  return encode_checked(subscription, "WebhookCreate");
}

std::string encode_webhook_update(const WebhookUpdate& changes) {
  if (changes.url) require_webhook_url(*changes.url);
  if (changes.events) require_webhook_events(*changes.events);
  if (changes.status == WebhookStatus::unknown) {
    throw std::invalid_argument("closeio: WebhookStatus::unknown cannot be sent to the server");
  }
  return encode_checked(changes, "WebhookUpdate");
}

}  // namespace closeio::internal
