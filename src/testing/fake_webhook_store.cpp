#include "testing/fake_webhook_store.hpp"

#include <algorithm>
#include <string_view>
#include <utility>

#include "testing/fake_hmac.hpp"

namespace closeio::testing::internal {
namespace {

constexpr std::string_view kWebhookIdAlphabet =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
constexpr std::size_t kWebhookIdChars = 22;  // like whsub_6un6NQjYTaFdgtIZsTDXP6

}  // namespace

FakeWebhookStore::FakeWebhookStore() : random_(std::random_device{}()) {}

StoredWebhook FakeWebhookStore::add(StoredWebhook webhook) {
  webhook.signature_key = new_signature_key();
  std::lock_guard<std::mutex> lock(mutex_);
  std::uniform_int_distribution<std::size_t> pick(0, kWebhookIdAlphabet.size() - 1);
  do {
    webhook.id = "whsub_";
    for (std::size_t i = 0; i < kWebhookIdChars; ++i)
      webhook.id += kWebhookIdAlphabet[pick(random_)];
  } while (std::any_of(webhooks_.begin(), webhooks_.end(),
                       [&](const StoredWebhook& other) { return other.id == webhook.id; }));
  webhooks_.push_back(webhook);
  return webhook;
}

std::optional<StoredWebhook> FakeWebhookStore::find(const std::string& id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const StoredWebhook& webhook : webhooks_) {
    if (webhook.id == id) return webhook;
  }
  return std::nullopt;
}

std::optional<StoredWebhook> FakeWebhookStore::update(
    const std::string& id, const std::function<void(StoredWebhook&)>& change) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (StoredWebhook& webhook : webhooks_) {
    if (webhook.id != id) continue;
    change(webhook);
    return webhook;
  }
  return std::nullopt;
}

bool FakeWebhookStore::remove(const std::string& id) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto it = std::find_if(webhooks_.begin(), webhooks_.end(),
                               [&](const StoredWebhook& webhook) { return webhook.id == id; });
  if (it == webhooks_.end()) return false;
  webhooks_.erase(it);
  return true;
}

std::vector<StoredWebhook> FakeWebhookStore::all() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return webhooks_;
}

std::size_t FakeWebhookStore::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return webhooks_.size();
}

}  // namespace closeio::testing::internal
