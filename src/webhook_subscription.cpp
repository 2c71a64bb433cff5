#include "closeio/webhook_subscription.hpp"

#include "internal/webhook_enums.hpp"

namespace closeio {

std::string_view to_string(WebhookStatus value) noexcept {
  return internal::kWebhookStatuses.name(value);
}

WebhookStatus webhook_status_from_string(std::string_view wire) noexcept {
  return internal::kWebhookStatuses.parse(wire);
}

}  // namespace closeio
