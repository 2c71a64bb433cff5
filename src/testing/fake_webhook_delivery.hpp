// Delivers the Event Log to webhook subscribers as Close does: one signed POST per event and
// matching subscription (`{"event": ..., "subscription_id": ...}`, headers close-sig-hash and
// close-sig-timestamp), on its own thread so that API requests never wait for a subscriber;
// failed attempts retried with exponential backoff, given up after a window; a subscription that
// keeps failing paused. Tests can inject faults, read counters and wait until it is idle.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "closeio/testing/fake_close_server.hpp"
#include "testing/fake_event_log.hpp"
#include "testing/fake_webhook_store.hpp"

namespace closeio::testing::internal {

class FakeWebhookDelivery {
 public:
  /// Keeps references: both must outlive this object. Starts the delivery thread.
  FakeWebhookDelivery(FakeWebhookStore& store, const FakeWebhookOptions& options);
  /// Stops and joins the thread.
  ~FakeWebhookDelivery();
  FakeWebhookDelivery(const FakeWebhookDelivery&) = delete;
  FakeWebhookDelivery& operator=(const FakeWebhookDelivery&) = delete;

  /// Queues `event` for every active subscription whose events it matches (object_type, action
  /// and extra_filter). The Event Log's listener; cheap, never blocks on the network.
  void enqueue(const StoredEvent& event);
  /// Stops delivering; an attempt being sent finishes first (within delivery_timeout).
  /// Queued deliveries are dropped. Idempotent.
  void stop();

  void inject(FakeDeliveryFault fault, std::size_t count);
  FakeDeliveryStats stats(const std::string& subscription_id) const;
  std::vector<FakeDeliveryAttempt> attempts() const;
  std::size_t pending() const;
  bool wait_idle(std::chrono::milliseconds timeout) const;

 private:
  using Clock = std::chrono::steady_clock;
  struct Pending {
    std::string subscription_id;
    std::string event_id;
    std::string body;
    int attempt = 1;
    Clock::time_point first_attempt{};
    std::chrono::milliseconds backoff{0};
  };
  struct Answer {
    int status = 0;
    bool succeeded = false;
    std::string problem;  ///< Why it failed, for latest_error.
  };

  void run();
  /// After an attempt: counts it, then schedules its retry or drops what must go. Under mutex_.
  void settle(Pending delivery, bool deliverable, const Answer& result, bool paused_now,
              std::optional<FakeDeliveryFault> fault);
  Answer attempt(const StoredWebhook& webhook, const Pending& delivery,
                 const std::optional<FakeDeliveryFault>& fault);
  /// Records the attempt's result on the subscription; true when this paused it.
  bool record_health(const std::string& subscription_id, const Answer& answer);
  std::chrono::milliseconds backoff_after(int attempt) const;

  FakeWebhookStore& store_;
  const FakeWebhookOptions options_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;                     // new work, or stop
  mutable std::condition_variable idle_;             // queue empty and nothing in flight
  std::multimap<Clock::time_point, Pending> queue_;  // by due time
  bool in_flight_ = false;
  bool stopping_ = false;
  std::deque<FakeDeliveryFault> faults_;
  std::map<std::string, FakeDeliveryStats> stats_;
  std::vector<FakeDeliveryAttempt> attempts_;
  std::thread worker_;
};

}  // namespace closeio::testing::internal
