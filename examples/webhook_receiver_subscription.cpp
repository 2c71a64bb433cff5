// The receiver's own subscription. The create is sent once (the SDK never repeats a POST that may
// have reached Close); the remove is retried by the SDK where that is safe.
#include "webhook_receiver_subscription.hpp"

#include <iostream>
#include <stdexcept>
#include <utility>

namespace webhook_receiver {
namespace {

std::string printable(std::string_view text) {
  std::string out(text.substr(0, 60));
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  }
  return out;
}

}  // namespace

std::vector<closeio::WebhookEventSpec> parse_event_kinds(std::string_view text) {
  std::vector<closeio::WebhookEventSpec> events;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find(',', start), text.size());
    const std::string_view item = text.substr(start, end - start);
    start = end + 1;
    const std::size_t colon = item.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == item.size()) {
      throw std::invalid_argument("expected object_type:action, not \"" + printable(item) + "\"");
    }
    closeio::WebhookEventSpec spec;
    spec.object_type = std::string(item.substr(0, colon));
    spec.action = std::string(item.substr(colon + 1));
    events.push_back(std::move(spec));
  }
  return events;
}

OwnSubscription::OwnSubscription(const closeio::ClientOptions& options, const std::string& url,
                                 std::vector<closeio::WebhookEventSpec> events)
    : webhooks_(options) {
  closeio::WebhookCreate create;
  create.url = url;
  create.events = std::move(events);
  subscription_ = webhooks_.create(create);
  if (!subscription_.signature_key) {
    const std::string id = subscription_.id;
    try {
      webhooks_.remove(id);
    } catch (const closeio::Error&) {
      // Reported below with the id.
    }
    throw closeio::DecodeError("the answer creating " + id +
                               " carries no signature_key: its deliveries cannot be verified");
  }
}

OwnSubscription::~OwnSubscription() {
  try {
    webhooks_.remove(subscription_.id);
    std::cout << "unsubscribed " << subscription_.id << std::endl;
  } catch (const std::exception& e) {
    std::cerr << "webhook_receiver: could not remove " << subscription_.id
              << " (remove it by hand): " << e.what() << std::endl;
  }
}

}  // namespace webhook_receiver
