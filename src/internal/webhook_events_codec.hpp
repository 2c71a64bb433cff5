// The `events` member of a webhook subscription, a JSON array of objects: the codec its field
// table row (a JsonType::raw row) reads and writes it with.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "closeio/webhook_subscription.hpp"
#include "internal/field_table.hpp"

namespace closeio::internal {

struct WebhookEventsCodec {
  static constexpr JsonType type = JsonType::raw;
  /// `text` is `[{"object_type":..., "action":..., "extra_filter":{...}|null}, ...]`; unknown
  /// keys are ignored. Throws std::invalid_argument naming the item for another shape.
  static void read(std::vector<WebhookEventSpec>& events, std::string_view text);
  /// The array, each extra_filter re-serialised compactly. Throws std::invalid_argument naming
  /// `field` for an extra_filter that is not a JSON object, or invalid UTF-8.
  static void json(const std::vector<WebhookEventSpec>& events, std::string& out,
                   std::string_view field);
  /// "object_type:action" items joined with ',' (filters left out), for tables and CSV.
  static void text(const std::vector<WebhookEventSpec>& events, std::string& out);
};

}  // namespace closeio::internal
