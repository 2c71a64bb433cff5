// The emulator's webhook subscriptions (`/webhook/`): what Close keeps for each, including the
// signature key and the delivery health fields, in thread-safe storage.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "closeio/timestamp.hpp"

namespace closeio::testing::internal {

/// One `events` item: the object_type/action pair a subscription wants, and its filter.
// nlohmann::json's destructor may allocate (it flattens nested values before freeing them), so
// the implicit destructor is "noexcept but may throw"; an allocation failure there ends the
// emulator, a test double, which is acceptable.
// NOLINTNEXTLINE(bugprone-exception-escape)
struct WebhookEventSpec {
  std::string object_type;
  std::string action;
  nlohmann::json extra_filter;  ///< Close's filter object; null (the default) for none.
};

/// A subscription as the emulator keeps it.
struct StoredWebhook {
  std::string id;  ///< "whsub_" + 22 base62 characters.
  std::string url;
  std::vector<WebhookEventSpec> events;
  bool verify_ssl = true;
  bool paused = false;
  std::optional<std::string> pause_reason;  ///< "api", or "failing" when paused by deliveries.
  std::string signature_key;                ///< 64 lowercase hex characters.
  std::string created_by, updated_by;
  Timestamp date_created{}, date_updated{};
  std::size_t consecutive_failures = 0;  ///< Failed delivery attempts since the last success.
  std::optional<Timestamp> failing_since;
  nlohmann::json latest_error = nullptr;  ///< {date, status_code, message} of the last failure.
};

/// Thread-safe storage of subscriptions, in creation order.
class FakeWebhookStore {
 public:
  FakeWebhookStore();

  /// Stores `webhook` under a new id with a new signature key; returns the stored copy.
  StoredWebhook add(StoredWebhook webhook);
  std::optional<StoredWebhook> find(const std::string& id) const;
  /// Applies `change` under the lock; std::nullopt for an unknown id.
  std::optional<StoredWebhook> update(const std::string& id,
                                      const std::function<void(StoredWebhook&)>& change);
  /// Deletes; false for an unknown id.
  bool remove(const std::string& id);
  /// Every subscription, in creation order.
  std::vector<StoredWebhook> all() const;
  std::size_t size() const;

 private:
  mutable std::mutex mutex_;
  std::vector<StoredWebhook> webhooks_;
  std::mt19937_64 random_;
};

}  // namespace closeio::testing::internal
