// The wire names of the webhook subscription enums.
#pragma once

#include "closeio/webhook_subscription.hpp"
#include "internal/wire_enum.hpp"

namespace closeio::internal {

inline constexpr auto kWebhookStatuses = make_wire_enum<WebhookStatus>(
    WebhookStatus::unknown, {{WebhookStatus::active, "active"}, {WebhookStatus::paused, "paused"}});

}  // namespace closeio::internal
