// webhook_receiver --subscribe: the receiver subscribes its own URL when it starts and removes
// that subscription when it stops, as development receivers do. The signature key of the
// subscription stays in memory: it is never printed, written or put in the environment.
#pragma once

#include <closeio/closeio.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace webhook_receiver {

/// Parses "object_type:action" pairs separated by commas, e.g.
/// "activity.call:created,activity.call:updated". Throws std::invalid_argument naming the bad
/// item (shown with control bytes as '?') when one has no ':' or an empty side, or when there is
/// none.
std::vector<closeio::WebhookEventSpec> parse_event_kinds(std::string_view text);

/// A subscription this receiver made for itself: created by the constructor, removed by the
/// destructor (best effort: a failure is printed with the id, to remove it by hand).
class OwnSubscription {
 public:
  /// Subscribes `url` to `events` with the credentials and base URL of `options`. Throws what
  /// WebhooksClient::create() throws, or closeio::DecodeError when Close's answer carries no
  /// signature key (nothing could be verified).
  OwnSubscription(const closeio::ClientOptions& options, const std::string& url,
                  std::vector<closeio::WebhookEventSpec> events);
  OwnSubscription(const OwnSubscription&) = delete;
  OwnSubscription& operator=(const OwnSubscription&) = delete;
  ~OwnSubscription();

  /// "whsub_..." of the subscription.
  const std::string& id() const { return subscription_.id; }
  /// Its signature key (a secret: never print it).
  const std::string& key() const { return *subscription_.signature_key; }

 private:
  closeio::WebhooksClient webhooks_;
  closeio::WebhookSubscription subscription_;
};

}  // namespace webhook_receiver
