// Checks `/webhook/` create and update bodies, producing Close's 400 bodies
// (`{"errors": [], "field-errors": {...}}`, nested per `events` item).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "testing/fake_outcome_validation.hpp"
#include "testing/fake_webhook_store.hpp"

namespace closeio::testing::internal {

/// What a create or update body sets; unset members were not sent.
struct WebhookChanges {
  std::optional<std::string> url;
  std::optional<std::vector<WebhookEventSpec>> events;
  std::optional<bool> verify_ssl;
  std::optional<bool> paused;  ///< `status`: "paused" -> true, "active" -> false (update only).
};

/// POST /webhook/ (CreateWebhook): `url` (http:// or https:// with a host) and `events` (a
/// non-empty list of {object_type, action, extra_filter?}) required, `verify_ssl` a boolean,
/// `event_filter` an object or null (accepted, unused). Keys Close answers with (id, status,
/// signature_key, dates, health fields, ...) are ignored, as Close's own clone script re-posts
/// them; any other key is "Unknown field.".
Validated<WebhookChanges> validate_webhook_create(std::string_view text);

/// PUT /webhook/{id}/ (UpdateWebhook): every key optional and not null: `url`, `events`,
/// `verify_ssl`, `status` ("active" or "paused"); other keys as for create.
Validated<WebhookChanges> validate_webhook_update(std::string_view text);

}  // namespace closeio::testing::internal
