// Checks and bodies of the webhook subscription writes (POST and PUT /webhook/...), run before
// anything is sent. Each check throws std::invalid_argument.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "closeio/webhook_subscription.hpp"

namespace closeio::internal {

/// An id that is a path segment: require_id(), and no control characters or spaces, and at
/// most 256 bytes (Close's ids are about 30). `what` names it, e.g. "webhook subscription id".
void require_clean_id(const std::string& id, std::string_view what);

/// An absolute http:// or https:// URL with a host, at most 2048 bytes, without spaces or
/// control characters.
void require_webhook_url(const std::string& url);

/// At least one event; each with an object_type and an action that are not empty and hold no
/// spaces or control characters.
void require_webhook_events(const std::vector<WebhookEventSpec>& events);

/// The body of POST /webhook/, after the checks above. Also throws for an extra_filter that is
/// not a JSON object, and for invalid UTF-8.
std::string encode_webhook_create(const WebhookCreate& subscription);

/// Only the members `changes` sets, after the checks above on them; WebhookStatus::unknown is
/// refused.
std::string encode_webhook_update(const WebhookUpdate& changes);

}  // namespace closeio::internal
