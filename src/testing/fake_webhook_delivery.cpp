#include "testing/fake_webhook_delivery.hpp"

#include <httplib.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <utility>

#include "testing/fake_hmac.hpp"
#include "testing/fake_outcome_store.hpp"
#include "testing/fake_webhook_filter.hpp"

namespace closeio::testing::internal {
namespace {

// Close's deliveries' User-Agent is unconfirmed (EVENTS.md §8); this one says what sent it.
constexpr char kDeliveryUserAgent[] = "closeio-fake-server webhooks";

bool wants(const StoredWebhook& webhook, const StoredEvent& event, const nlohmann::json& parsed) {
  for (const WebhookEventSpec& spec : webhook.events) {
    if (spec.object_type != event.object_type || spec.action != event.action) continue;
    if (spec.extra_filter.is_null() || filter_admits(spec.extra_filter, parsed)) return true;
  }
  return false;
}

// "https://host:port/path?q" -> {"https://host:port", "/path?q"}; std::nullopt when it is not
// an http(s) URL with a host.
std::optional<std::pair<std::string, std::string>> split_url(const std::string& url) {
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return std::nullopt;
  const std::size_t path_start = url.find_first_of("/?#", scheme_end + 3);
  std::string origin = url.substr(0, path_start);
  std::string path = path_start == std::string::npos ? "/" : url.substr(path_start);
  if (!path.empty() && path[0] != '/') path.insert(0, "/");
  if (const std::size_t hash = path.find('#'); hash != std::string::npos) path.resize(hash);
  if (origin.size() <= scheme_end + 3) return std::nullopt;
  return std::make_pair(std::move(origin), std::move(path));
}

std::string unix_seconds_now() {
  return std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count());
}

}  // namespace

FakeWebhookDelivery::FakeWebhookDelivery(FakeWebhookStore& store, const FakeWebhookOptions& options)
    : store_(store), options_(options) {
  worker_ = std::thread([this] { run(); });
}

FakeWebhookDelivery::~FakeWebhookDelivery() { stop(); }

void FakeWebhookDelivery::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    queue_.clear();
  }
  wake_.notify_all();
  if (worker_.joinable() && worker_.get_id() != std::this_thread::get_id()) worker_.join();
  idle_.notify_all();
}

void FakeWebhookDelivery::enqueue(const StoredEvent& event) {
  std::vector<StoredWebhook> subscribers;
  const nlohmann::json parsed = nlohmann::json::parse(event.json);
  for (StoredWebhook& webhook : store_.all()) {
    if (!webhook.paused && wants(webhook, event, parsed)) subscribers.push_back(std::move(webhook));
  }
  if (subscribers.empty()) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_) return;
    const Clock::time_point now = Clock::now();
    for (const StoredWebhook& webhook : subscribers) {
      Pending delivery;
      delivery.subscription_id = webhook.id;
      delivery.event_id = event.id;
      // Close's key order: the event, then the subscription id.
      delivery.body =
          R"({"event":)" + event.json + R"(,"subscription_id":")" + webhook.id + R"("})";
      delivery.first_attempt = now;
      queue_.emplace(now, std::move(delivery));
    }
  }
  wake_.notify_all();
}

void FakeWebhookDelivery::inject(FakeDeliveryFault fault, std::size_t count) {
  std::lock_guard<std::mutex> lock(mutex_);
  faults_.insert(faults_.end(), count, fault);
}

FakeDeliveryStats FakeWebhookDelivery::stats(const std::string& subscription_id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto it = stats_.find(subscription_id);
  return it == stats_.end() ? FakeDeliveryStats{} : it->second;
}

std::vector<FakeDeliveryAttempt> FakeWebhookDelivery::attempts() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return attempts_;
}

std::size_t FakeWebhookDelivery::pending() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return queue_.size() + (in_flight_ ? 1 : 0);
}

bool FakeWebhookDelivery::wait_idle(std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lock(mutex_);
  return idle_.wait_for(lock, timeout,
                        [this] { return stopping_ || (queue_.empty() && !in_flight_); });
}

std::chrono::milliseconds FakeWebhookDelivery::backoff_after(int attempt) const {
  // base, 2 base, 4 base, ... up to the cap; doubling stops before it could overflow.
  std::chrono::milliseconds delay = options_.retry_base_delay;
  for (int i = 1; i < attempt && delay < options_.retry_max_delay; ++i) delay *= 2;
  return std::min(delay, options_.retry_max_delay);
}

// Counts one attempt and decides what comes next: nothing, a retry after the backoff, or (for a
// subscription just paused) dropping its queue. Called with mutex_ held.
void FakeWebhookDelivery::settle(Pending delivery, bool deliverable, const Answer& result,
                                 bool paused_now, std::optional<FakeDeliveryFault> fault) {
  FakeDeliveryStats& stats = stats_[delivery.subscription_id];
  if (!deliverable) {
    // A paused or deleted subscription gets nothing more; its fault stays for the next one.
    if (fault) faults_.push_front(*fault);
    ++stats.dropped;
  } else {
    ++stats.attempted;
    ++(result.succeeded ? stats.succeeded : stats.failed);
    if (fault == FakeDeliveryFault::duplicate && result.status != 0) ++stats.duplicates;
    attempts_.push_back(FakeDeliveryAttempt{delivery.subscription_id, delivery.event_id,
                                            delivery.attempt, result.status, result.succeeded,
                                            delivery.backoff, fault});
    if (paused_now) {
      // Close clears a paused subscription's queue.
      ++stats.dropped;
      for (auto it = queue_.begin(); it != queue_.end();) {
        if (it->second.subscription_id != delivery.subscription_id) {
          ++it;
          continue;
        }
        ++stats.dropped;
        it = queue_.erase(it);
      }
    } else if (!result.succeeded) {
      const std::chrono::milliseconds wait = backoff_after(delivery.attempt);
      const Clock::time_point next = Clock::now() + wait;
      if (next - delivery.first_attempt > options_.give_up_after) {
        ++stats.dropped;
      } else {
        ++delivery.attempt;
        delivery.backoff = wait;
        queue_.emplace(next, std::move(delivery));
      }
    }
  }
}

void FakeWebhookDelivery::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    if (stopping_) return;
    if (queue_.empty()) {
      wake_.wait(lock);
      continue;
    }
    const Clock::time_point due = queue_.begin()->first;
    if (due > Clock::now()) {
      wake_.wait_until(lock, due);
      continue;
    }
    Pending delivery = std::move(queue_.begin()->second);
    queue_.erase(queue_.begin());
    in_flight_ = true;
    std::optional<FakeDeliveryFault> fault;
    if (!faults_.empty()) {
      fault = faults_.front();
      faults_.pop_front();
    }
    lock.unlock();

    const std::optional<StoredWebhook> webhook = store_.find(delivery.subscription_id);
    bool deliverable = webhook && !webhook->paused;
    Answer result;
    bool paused_now = false;
    if (deliverable) {
      result = attempt(*webhook, delivery, fault);
      paused_now = record_health(delivery.subscription_id, result);
    }

    lock.lock();
    settle(std::move(delivery), deliverable, result, paused_now, fault);
    in_flight_ = false;
    if (queue_.empty()) idle_.notify_all();
  }
}

FakeWebhookDelivery::Answer FakeWebhookDelivery::attempt(
    const StoredWebhook& webhook, const Pending& delivery,
    const std::optional<FakeDeliveryFault>& fault) {
  Answer result;
  if (fault == FakeDeliveryFault::fail_without_sending) {
    result.problem = "injected failure: not sent";
    return result;
  }
  const auto target = split_url(webhook.url);
  if (!target) {
    result.problem = "not an http(s) URL";
    return result;
  }
  httplib::Client client(target->first);
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(options_.delivery_timeout);
  const auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(options_.delivery_timeout - seconds);
  client.set_connection_timeout(seconds.count(), micros.count());
  client.set_read_timeout(seconds.count(), micros.count());
  client.set_write_timeout(seconds.count(), micros.count());
  client.set_decompress(false);
#ifdef CPPHTTPLIB_OPENSSL_SUPPORT
  client.enable_server_certificate_verification(webhook.verify_ssl);
#endif
  // Signed at every attempt, retries included (whether Close re-signs retries is unconfirmed).
  const std::string timestamp = unix_seconds_now();
  const httplib::Headers headers = {
      {"close-sig-hash", close_signature(webhook.signature_key, timestamp, delivery.body)},
      {"close-sig-timestamp", timestamp},
      {"User-Agent", kDeliveryUserAgent}};
  const int sends = fault == FakeDeliveryFault::duplicate ? 2 : 1;
  for (int i = 0; i < sends; ++i) {
    const httplib::Result answer =
        client.Post(target->second, headers, delivery.body, "application/json");
    if (i > 0) break;  // the first answer counts
    if (!answer) {
      result.problem = "no answer: " + httplib::to_string(answer.error());
      return result;
    }
    result.status = answer->status;
    result.succeeded = answer->status >= 200 && answer->status < 300;
    if (!result.succeeded) result.problem = "answered " + std::to_string(answer->status);
  }
  if (fault == FakeDeliveryFault::fail_after_sending) {
    result.succeeded = false;
    result.problem = "injected failure after sending";
  }
  return result;
}

bool FakeWebhookDelivery::record_health(const std::string& subscription_id, const Answer& answer) {
  bool paused_now = false;
  const Timestamp now = now_utc();
  store_.update(subscription_id, [&](StoredWebhook& webhook) {
    if (answer.succeeded) {
      webhook.consecutive_failures = 0;
      webhook.failing_since.reset();
      return;
    }
    ++webhook.consecutive_failures;
    if (!webhook.failing_since) webhook.failing_since = now;
    // The shape of latest_error is unconfirmed (EVENTS.md §8): the emulator's own.
    webhook.latest_error = {{"date", format_event_timestamp(now)},
                            {"status_code", answer.status == 0 ? nlohmann::json(nullptr)
                                                               : nlohmann::json(answer.status)},
                            {"message", answer.problem}};
    const bool by_count = options_.pause_after_failures > 0 &&
                          webhook.consecutive_failures >= options_.pause_after_failures;
    const bool by_time = now - *webhook.failing_since >= options_.pause_after_failing_for;
    if (!webhook.paused && (by_count || by_time)) {
      webhook.paused = true;
      webhook.pause_reason = "failing";  // Close's value for this is unconfirmed
      paused_now = true;
    }
  });
  return paused_now;
}

}  // namespace closeio::testing::internal
