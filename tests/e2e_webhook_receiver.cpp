// The whole webhook loop with the SDK's own parts: a subscription made with WebhooksClient, events
// made by CallsClient writes, signed deliveries POSTed by the emulator to a receiver that checks
// them with closeio::verify_webhook() and drops duplicates with EventDeduplicator; then a forged,
// a replayed and a re-serialised copy of a real delivery, refused.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "support/loopback_http_server.hpp"
#include "support/test_client.hpp"

namespace closeio::e2e_webhook_receiver_test {
namespace {

using std::chrono::milliseconds;
using testing::FakeCloseServer;
using testing::FakeCloseServerOptions;

// A receiver as the guide describes it: verify, drop duplicates, answer at once. It records what
// it accepted and why it refused the rest.
class VerifyingReceiver {
 public:
  explicit VerifyingReceiver(std::string key) : key_(std::move(key)) {
    http_.http().Post(
        "/hook", [this](const httplib::Request& request, httplib::Response& response) {
          std::lock_guard<std::mutex> lock(mutex_);
          raw_.push_back({request.body, request.get_header_value("close-sig-timestamp"),
                          request.get_header_value("close-sig-hash")});
          WebhookVerifyOptions options;
          options.now = std::chrono::system_clock::now() + clock_offset_;
          try {
            const WebhookDelivery delivery =
                verify_webhook(key_, request.get_header_value("close-sig-timestamp"),
                               request.get_header_value("close-sig-hash"), request.body, options);
            if (seen_.first_time(delivery.event)) {
              accepted_.push_back(delivery.event);
            } else {
              ++duplicates_;
            }
            response.status = 204;
          } catch (const WebhookSignatureError& e) {
            refused_.push_back(e.reason());
            response.status = 401;
          }
        });
    port_ = http_.start();
  }
  VerifyingReceiver(const VerifyingReceiver&) = delete;
  VerifyingReceiver& operator=(const VerifyingReceiver&) = delete;

  struct Raw {
    std::string body, timestamp, hash;
  };
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }
  int port() const { return port_; }
  void set_key(std::string key) {
    std::lock_guard<std::mutex> lock(mutex_);
    key_ = std::move(key);
  }
  void shift_clock(std::chrono::seconds offset) {
    std::lock_guard<std::mutex> lock(mutex_);
    clock_offset_ = offset;
  }
  std::vector<Event> accepted() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return accepted_;
  }
  std::vector<WebhookSignatureError::Reason> refused() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return refused_;
  }
  std::vector<Raw> raw() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return raw_;
  }
  int duplicates() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return duplicates_;
  }

 private:
  int port_ = 0;
  mutable std::mutex mutex_;
  std::string key_;
  std::chrono::seconds clock_offset_{0};
  EventDeduplicator seen_{1000};
  std::vector<Event> accepted_;
  std::vector<WebhookSignatureError::Reason> refused_;
  std::vector<Raw> raw_;
  int duplicates_ = 0;  // Last: stopped before the members its handler uses are destroyed.
  closeio::test::LoopbackHttpServer http_;
};

FakeCloseServerOptions fast_retries() {
  FakeCloseServerOptions options;
  options.webhooks.retry_base_delay = milliseconds(5);
  options.webhooks.retry_max_delay = milliseconds(20);
  return options;
}

class WebhookReceiver : public ::testing::Test {
 protected:
  // Subscribes the receiver to call creations and updates; returns the signature key.
  std::string subscribe() {
    WebhookCreate create;
    create.url = receiver.url();
    create.events = {{"activity.call", "created", std::nullopt},
                     {"activity.call", "updated", std::nullopt}};
    const WebhookSubscription subscription = webhooks.create(create);
    EXPECT_TRUE(subscription.signature_key.has_value());
    receiver.set_key(subscription.signature_key.value_or(""));
    return subscription.signature_key.value_or("");
  }
  // POSTs `raw` to the receiver as Close would; returns the HTTP status.
  int post(const std::string& body, const std::string& timestamp, const std::string& hash) {
    httplib::Client client("127.0.0.1", receiver.port());
    httplib::Headers headers{{"close-sig-timestamp", timestamp}, {"close-sig-hash", hash}};
    auto result = client.Post("/hook", headers, body, "application/json");
    return result ? result->status : -1;
  }

  FakeCloseServer server{fast_retries()};
  WebhooksClient webhooks{test::options_for(server)};
  CallsClient calls{test::options_for(server)};
  VerifyingReceiver receiver{""};
};

TEST_F(WebhookReceiver, DeliveriesFromTheEmulatorVerifyAndDecode) {
  subscribe();
  const Outcome demo = test::seed_outcome(server, "Demo Booked");
  CallLog log;
  log.lead_id = "lead_receiver0000000000000000";
  const Call call = calls.log(log);
  calls.set_outcome(call.id, demo.id);
  ASSERT_TRUE(server.wait_for_deliveries_idle(milliseconds(30000)));

  EXPECT_THAT(receiver.refused(), ::testing::IsEmpty());
  const std::vector<Event> accepted = receiver.accepted();
  ASSERT_EQ(accepted.size(), 2u);
  EXPECT_EQ(accepted[0].action, "created");
  EXPECT_EQ(accepted[1].action, "updated");
  for (const Event& event : accepted) {
    EXPECT_EQ(event.object_type, "activity.call");
    EXPECT_EQ(event.object_id, call.id);
    EXPECT_EQ(event.lead_id, log.lead_id);
  }
  EXPECT_THAT(accepted[1].changed_fields, ::testing::Contains("outcome_id"));
  const std::optional<Call> updated = accepted[1].as_call();
  ASSERT_TRUE(updated.has_value());
  EXPECT_EQ(updated->outcome_id, demo.id);
  EXPECT_EQ(accepted[1].as_meeting(), std::nullopt);
}

TEST_F(WebhookReceiver, ADuplicatedDeliveryIsVerifiedAndDroppedOnce) {
  subscribe();
  server.inject_delivery_fault(testing::FakeDeliveryFault::duplicate, 1);
  calls.log(CallLog{});
  ASSERT_TRUE(server.wait_for_deliveries_idle(milliseconds(30000)));
  EXPECT_EQ(receiver.accepted().size(), 1u);
  EXPECT_EQ(receiver.duplicates(), 1);
  EXPECT_THAT(receiver.refused(), ::testing::IsEmpty());
}

TEST_F(WebhookReceiver, ForgedReplayedAndReserialisedCopiesAreRefused) {
  subscribe();
  calls.log(CallLog{});
  ASSERT_TRUE(server.wait_for_deliveries_idle(milliseconds(30000)));
  ASSERT_EQ(receiver.raw().size(), 1u);
  const VerifyingReceiver::Raw real = receiver.raw().front();
  using Reason = WebhookSignatureError::Reason;

  // Forged: one byte of the body changed, the real headers kept.
  std::string forged = real.body;
  forged[forged.find("activity.call")] = 'A';
  EXPECT_EQ(post(forged, real.timestamp, real.hash), 401);

  // Re-serialised: the same JSON, parsed and written again (another spacing and key order).
  const std::string reserialised = nlohmann::json::parse(real.body).dump(2);
  ASSERT_NE(reserialised, real.body);
  EXPECT_EQ(post(reserialised, real.timestamp, real.hash), 401);

  // Replayed ten minutes later: authentic, but older than the 5-minute tolerance.
  receiver.shift_clock(std::chrono::minutes(10));
  EXPECT_EQ(post(real.body, real.timestamp, real.hash), 401);

  EXPECT_THAT(receiver.refused(),
              ::testing::ElementsAre(Reason::mismatch, Reason::mismatch, Reason::too_old));
  EXPECT_EQ(receiver.accepted().size(), 1u);  // only the emulator's own delivery
}

}  // namespace
}  // namespace closeio::e2e_webhook_receiver_test
