// The emulator's webhook subscriptions (`/webhook/` CRUD and validation) and its signed
// deliveries to a cpp-httplib receiver in the test, whose signatures the test checks with its
// own OpenSSL HMAC. Expected shapes come from EVENTS.md §1-§2, written out here by hand.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <chrono>
#include <deque>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "closeio/testing/fake_close_server.hpp"
#include "support/loopback_http_server.hpp"

namespace e2e_fake_webhooks_test {
namespace {

using closeio::CallLog;
using closeio::testing::FakeCloseServer;
using closeio::testing::FakeCloseServerOptions;
using closeio::testing::FakeDeliveryFault;
using closeio::testing::FakeDeliveryStats;
using std::chrono::milliseconds;
using Json = nlohmann::json;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;

constexpr char kWebhooks[] = "/api/v1/webhook/";
constexpr char kWebhookId[] = "whsub_[0-9A-Za-z]{22}";
constexpr char kSignatureKey[] = "[0-9a-f]{64}";
constexpr char kNoOffsetDate[] = "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{6}";
constexpr char kUser[] = "user_fake0000000000000000000";
constexpr char kSubscription[] =
    R"({"url": "https://example.com/hook", "events": [{"object_type": "activity.call",
        "action": "updated"}, {"object_type": "activity.meeting", "action": "completed",
        "extra_filter": {"type": "field_accessor", "field": "lead_id",
                         "filter": {"type": "equals", "value": "lead_1"}}}]})";

class FakeWebhooks : public ::testing::Test {
 protected:
  explicit FakeWebhooks(FakeCloseServerOptions options = {}) : server(std::move(options)) {
    client.set_basic_auth(FakeCloseServerOptions().api_key, "");
  }

  Json send(const std::string& method, const std::string& target, const std::string& body,
            int status) {
    httplib::Result result = method == "POST"     ? client.Post(target, body, "application/json")
                             : method == "PUT"    ? client.Put(target, body, "application/json")
                             : method == "DELETE" ? client.Delete(target)
                                                  : client.Get(target);
    EXPECT_TRUE(result);
    if (!result) return Json();
    EXPECT_EQ(result->status, status) << method << " " << target << ": " << result->body;
    return Json::parse(result->body);
  }
  Json create(const std::string& body, int status = 201) {
    return send("POST", kWebhooks, body, status);
  }
  static std::string item(const Json& webhook) {
    return std::string(kWebhooks) + webhook["id"].get<std::string>() + "/";
  }

  FakeCloseServer server;
  httplib::Client client{"127.0.0.1", server.port()};
};

TEST_F(FakeWebhooks, CreateAnswers201WithTheSubscriptionAndItsSignatureKey) {
  const Json created = create(kSubscription);
  EXPECT_THAT(created["id"].get<std::string>(), MatchesRegex(kWebhookId));
  EXPECT_EQ(created["url"], "https://example.com/hook");
  ASSERT_EQ(created["events"].size(), 2u);
  EXPECT_EQ(created["events"][0], Json({{"object_type", "activity.call"}, {"action", "updated"}}));
  EXPECT_EQ(created["events"][1]["extra_filter"]["field"], "lead_id");
  EXPECT_EQ(created["verify_ssl"], true);  // default
  EXPECT_EQ(created["status"], "active");
  EXPECT_EQ(created["pause_reason"], nullptr);
  EXPECT_EQ(created["health_status"], "healthy");
  EXPECT_EQ(created["latest_error"], nullptr);
  EXPECT_EQ(created["recent_consecutive_fail_buckets_cnt"], 0);
  EXPECT_EQ(created["counters"], Json::object());
  EXPECT_EQ(created["created_by"], kUser);
  EXPECT_EQ(created["updated_by"], kUser);
  EXPECT_THAT(created["date_created"].get<std::string>(), MatchesRegex(kNoOffsetDate));
  EXPECT_THAT(created["signature_key"].get<std::string>(), MatchesRegex(kSignatureKey));

  // Shown once, at creation (the default); GET and list answer the rest.
  Json fetched = send("GET", item(created), "", 200);
  EXPECT_FALSE(fetched.contains("signature_key"));
  Json expected = created;
  expected.erase("signature_key");
  EXPECT_EQ(fetched, expected);
  const Json list = send("GET", kWebhooks, "", 200);
  ASSERT_EQ(list["data"].size(), 1u);
  EXPECT_EQ(list["data"][0], expected);
  EXPECT_EQ(list["has_more"], false);
  // Every subscription gets its own key.
  EXPECT_NE(create(kSubscription)["signature_key"], created["signature_key"]);
}

TEST_F(FakeWebhooks, ListPagesWithSkipAndLimit) {
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) ids.push_back(create(kSubscription)["id"]);
  const Json first = send("GET", std::string(kWebhooks) + "?_limit=2", "", 200);
  ASSERT_EQ(first["data"].size(), 2u);
  EXPECT_EQ(first["has_more"], true);
  EXPECT_EQ(first["data"][0]["id"], ids[0]);  // creation order
  const Json rest = send("GET", std::string(kWebhooks) + "?_limit=2&_skip=2", "", 200);
  ASSERT_EQ(rest["data"].size(), 1u);
  EXPECT_EQ(rest["data"][0]["id"], ids[2]);
  EXPECT_EQ(rest["has_more"], false);
}

TEST_F(FakeWebhooks, UpdateChangesOnlyWhatIsSentAndPausesWithReasonApi) {
  const Json created = create(kSubscription);
  const Json paused = send("PUT", item(created), R"({"status": "paused"})", 200);
  EXPECT_EQ(paused["status"], "paused");
  EXPECT_EQ(paused["pause_reason"], "api");
  EXPECT_EQ(paused["url"], created["url"]);
  EXPECT_EQ(paused["events"], created["events"]);
  EXPECT_FALSE(paused.contains("signature_key"));

  const Json moved = send("PUT", item(created),
                          R"({"url": "http://127.0.0.1:9/new", "verify_ssl": false,
                              "events": [{"object_type": "lead", "action": "created"}],
                              "status": "active"})",
                          200);
  EXPECT_EQ(moved["status"], "active");
  EXPECT_EQ(moved["pause_reason"], nullptr);
  EXPECT_EQ(moved["url"], "http://127.0.0.1:9/new");
  EXPECT_EQ(moved["verify_ssl"], false);
  EXPECT_EQ(moved["events"], Json::parse(R"([{"object_type": "lead", "action": "created"}])"));
  EXPECT_GE(moved["date_updated"].get<std::string>(), created["date_updated"].get<std::string>());
  EXPECT_EQ(send("GET", item(created), "", 200), moved);
}

TEST_F(FakeWebhooks, DeleteAnswersAnEmptyObjectThen404) {
  const Json created = create(kSubscription);
  EXPECT_EQ(send("DELETE", item(created), "", 200), Json::object());
  EXPECT_TRUE(send("GET", item(created), "", 404).contains("error"));
  EXPECT_TRUE(send("DELETE", item(created), "", 404).contains("error"));
  EXPECT_TRUE(send("PUT", item(created), R"({"status": "paused"})", 404).contains("error"));
  EXPECT_EQ(send("GET", kWebhooks, "", 200)["data"], Json::array());
  for (const std::string id : {"..", "%2E", "a%2Fb", "whsub_%00"}) {
    EXPECT_TRUE(send("GET", std::string(kWebhooks) + id + "/", "", 404).contains("error")) << id;
  }
}

TEST_F(FakeWebhooks, CreateRefusesBadBodiesWithFieldErrors) {
  const auto errors = [&](const std::string& body) { return create(body, 400)["field-errors"]; };
  const Json missing = errors("{}");
  EXPECT_EQ(missing["url"], "This field is required.");
  EXPECT_EQ(missing["events"], "This field is required.");
  for (const std::string url : {"ftp://example.com", "example.com", "https://", "http:// x",
                                "https://exa\nmple.com", "https://user@example.com/"}) {
    EXPECT_EQ(errors(Json({{"url", url}, {"events", Json::parse(R"([{"object_type": "lead",
                                                   "action": "created"}])")}})
                         .dump())["url"],
              "Not a valid URL.")
        << url;
  }
  EXPECT_EQ(errors(R"({"url": 5, "events": "lead"})")["events"], "Not a valid list.");
  EXPECT_EQ(errors(R"({"url": "https://a.example", "events": []})")["events"],
            "Shorter than minimum length 1.");
  const Json items = errors(R"({"url": "https://a.example", "events": [
      {"object_type": "lead"}, {"action": "created", "extra_filter": 3}, "lead",
      {"object_type": "lead", "action": "created", "colour": "red"}]})")["events"];
  EXPECT_EQ(items["0"]["action"], "This field is required.");
  EXPECT_EQ(items["1"]["object_type"], "This field is required.");
  EXPECT_EQ(items["1"]["extra_filter"], "Not a valid object.");
  EXPECT_TRUE(items["2"].contains("_schema"));
  EXPECT_EQ(items["3"]["colour"], "Unknown field.");
  EXPECT_EQ(errors(R"({"url": "https://a.example", "events": [{"object_type": "lead",
                       "action": "created"}], "verify_ssl": "yes", "colour": 1})"),
            Json({{"verify_ssl", "Not a valid boolean."}, {"colour", "Unknown field."}}));
  // Keys Close answers with may be sent back (Close's clone script does); they are ignored.
  const Json echoed = create(R"({"url": "https://a.example", "events": [{"object_type": "lead",
      "action": "created"}], "id": "whsub_mine", "signature_key": "00", "status": "paused"})");
  EXPECT_NE(echoed["id"], "whsub_mine");
  EXPECT_EQ(echoed["status"], "active");
  EXPECT_TRUE(create("not json", 400).contains("error"));
  EXPECT_TRUE(create("[1]", 400).contains("error"));
}

TEST_F(FakeWebhooks, UpdateRefusesNullsBadStatusAndUnknownFields) {
  const Json created = create(kSubscription);
  const Json errors = send("PUT", item(created),
                           R"({"url": null, "status": "stopped", "verify_ssl": null,
                               "events": null, "signature_key": "ff", "bogus": 1})",
                           400)["field-errors"];
  EXPECT_EQ(errors, Json({{"url", "Field may not be null."},
                          {"status", "Must be one of: active, paused."},
                          {"verify_ssl", "Field may not be null."},
                          {"events", "Field may not be null."},
                          {"bogus", "Unknown field."}}));
  EXPECT_EQ(send("GET", item(created), "", 200)["status"], "active");  // nothing changed
}

TEST_F(FakeWebhooks, OtherMethodsAnswer405) {
  const Json created = create(kSubscription);
  EXPECT_EQ(send("PUT", kWebhooks, "{}", 405)["error"], "Method not allowed");
  EXPECT_EQ(send("POST", item(created), "{}", 405)["error"], "Method not allowed");
}

class FewWebhooks : public FakeWebhooks {
 protected:
  static FakeCloseServerOptions options() {
    FakeCloseServerOptions options;
    options.webhooks.max_subscriptions = 2;
    options.webhooks.signature_key_in_every_answer = true;
    return options;
  }
  FewWebhooks() : FakeWebhooks(options()) {}
};

TEST_F(FewWebhooks, RefusesOneSubscriptionTooManyAndCanShowTheKeyEverywhere) {
  const Json first = create(kSubscription);
  create(kSubscription);
  EXPECT_THAT(create(kSubscription, 400)["error"].get<std::string>(), HasSubstr("(2)"));
  EXPECT_EQ(send("GET", item(first), "", 200)["signature_key"], first["signature_key"]);
  EXPECT_EQ(send("PUT", item(first), R"({"verify_ssl": false})", 200)["signature_key"],
            first["signature_key"]);
  send("DELETE", item(first), "", 200);
  create(kSubscription);  // room again
}

// --- Deliveries ------------------------------------------------------------------------------

constexpr milliseconds kIdleTimeout{30000};  // a bound for a hang, never reached when it works

// The test's own HMAC-SHA256 (OpenSSL), independent of the emulator's.
std::string hmac_hex(const std::string& key, const std::string& message) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac, &length);
  static const char digits[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex += digits[mac[i] >> 4];
    hex += digits[mac[i] & 0x0F];
  }
  return hex;
}

std::string hex_decode(const std::string& hex) {
  std::string bytes;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  }
  return bytes;
}

// A subscriber: a cpp-httplib server on a loopback port that records every POST to /hook and
// answers the statuses queued with answer(), then 200.
class Receiver {
 public:
  struct Delivery {
    std::string body, hash, timestamp, content_type;
  };

  explicit Receiver(bool tls = false) : http_(make_server(tls)) {
    if (tls) scheme_ = "https";
    http_.http().Post(
        "/hook", [this](const httplib::Request& request, httplib::Response& response) {
          std::lock_guard<std::mutex> lock(mutex_);
          deliveries_.push_back({request.body, request.get_header_value("close-sig-hash"),
                                 request.get_header_value("close-sig-timestamp"),
                                 request.get_header_value("Content-Type")});
          int status = 200;
          if (!statuses_.empty()) {
            status = statuses_.front();
            statuses_.pop_front();
          }
          response.status = status;
          response.set_content("{}", "application/json");
        });
    port_ = http_.start();
  }
  Receiver(const Receiver&) = delete;
  Receiver& operator=(const Receiver&) = delete;

  std::string url() const { return scheme_ + "://127.0.0.1:" + std::to_string(port_) + "/hook"; }
  void answer(int status, int times) {
    std::lock_guard<std::mutex> lock(mutex_);
    statuses_.insert(statuses_.end(), static_cast<std::size_t>(times), status);
  }
  std::vector<Delivery> deliveries() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return deliveries_;
  }

 private:
  static std::unique_ptr<httplib::Server> make_server(bool tls) {
#if defined(CLOSEIO_TEST_CERT) && defined(CLOSEIO_TEST_KEY)
    if (tls) return std::make_unique<httplib::SSLServer>(CLOSEIO_TEST_CERT, CLOSEIO_TEST_KEY);
#else
    (void)tls;
#endif
    return std::make_unique<httplib::Server>();
  }

  // Declared before http_: the handler uses them until http_ has stopped.
  mutable std::mutex mutex_;
  std::vector<Delivery> deliveries_;
  std::deque<int> statuses_;
  std::string scheme_ = "http";
  closeio::test::LoopbackHttpServer http_;  // Last: stopped first.
  int port_ = 0;
};

FakeCloseServerOptions fast_retries() {
  FakeCloseServerOptions options;
  options.webhooks.retry_base_delay = milliseconds(5);
  options.webhooks.retry_max_delay = milliseconds(20);
  options.webhooks.delivery_timeout = milliseconds(5000);
  return options;
}

class Deliveries : public FakeWebhooks {
 protected:
  explicit Deliveries(FakeCloseServerOptions options = fast_retries())
      : FakeWebhooks(std::move(options)) {}

  // A subscription of the receiver to `events` (a JSON array); returns the create answer.
  Json subscribe(const std::string& events) {
    return create(Json({{"url", receiver.url()}, {"events", Json::parse(events)}}).dump());
  }
  void expect_signed(const Receiver::Delivery& delivery, const std::string& key) {
    EXPECT_EQ(delivery.content_type, "application/json");
    EXPECT_THAT(delivery.timestamp, MatchesRegex("[0-9]{10}"));
    EXPECT_THAT(delivery.hash, MatchesRegex("[0-9a-f]{64}"));
    EXPECT_EQ(delivery.hash, hmac_hex(hex_decode(key), delivery.timestamp + delivery.body));
    // The key used as text gives another digest: a receiver doing that could never verify.
    EXPECT_NE(delivery.hash, hmac_hex(key, delivery.timestamp + delivery.body));
  }

  Receiver receiver;
};

constexpr char kCallCreated[] = R"([{"object_type": "activity.call", "action": "created"}])";

TEST_F(Deliveries, AMatchingEventIsPostedSignedWithTheHexDecodedKey) {
  const Json webhook = subscribe(kCallCreated);
  const std::string key = webhook["signature_key"];
  CallLog log;
  log.lead_id = "lead_1";
  const closeio::Call call = server.seed_call(log);
  server.seed_meeting({});  // not subscribed
  ASSERT_TRUE(server.wait_for_deliveries_idle(kIdleTimeout));

  const std::vector<Receiver::Delivery> got = receiver.deliveries();
  ASSERT_EQ(got.size(), 1u);
  expect_signed(got[0], key);
  const Json body = Json::parse(got[0].body);
  EXPECT_EQ(body["subscription_id"], webhook["id"]);
  EXPECT_EQ(body["event"]["object_type"], "activity.call");
  EXPECT_EQ(body["event"]["action"], "created");
  EXPECT_EQ(body["event"]["object_id"], call.id);
  EXPECT_EQ(body["event"]["lead_id"], "lead_1");
  // The same event the log serves.
  EXPECT_EQ(body["event"],
            Json::parse(
                client.Get("/api/v1/event/" + body["event"]["id"].get<std::string>() + "/")->body));
  const FakeDeliveryStats stats = server.delivery_stats(webhook["id"]);
  EXPECT_EQ(stats.attempted, 1u);
  EXPECT_EQ(stats.succeeded, 1u);
  EXPECT_EQ(stats.failed, 0u);
  EXPECT_EQ(server.deliveries_pending(), 0u);
}

TEST_F(Deliveries, APausedOrFilteredOutSubscriptionGetsNothing) {
  const Json outcome_changes = subscribe(R"([{"object_type": "activity.call", "action": "updated",
      "extra_filter": {"type": "field_accessor", "field": "changed_fields",
                       "filter": {"type": "contains", "value": "outcome_id"}}}])");
  const Json paused = subscribe(kCallCreated);
  send("PUT", item(paused), R"({"status": "paused"})", 200);
  const closeio::Outcome demo = server.seed(closeio::OutcomeCreate{"Demo", {}, {}});
  const closeio::Call call = server.seed_call(CallLog{});
  const std::string path = "/api/v1/activity/call/" + call.id + "/";
  ASSERT_EQ(client.Put(path, R"({"note": "only the note"})", "application/json")->status, 200);
  ASSERT_EQ(client.Put(path, Json({{"outcome_id", demo.id}}).dump(), "application/json")->status,
            200);
  ASSERT_TRUE(server.wait_for_deliveries_idle(kIdleTimeout));

  const std::vector<Receiver::Delivery> got = receiver.deliveries();
  ASSERT_EQ(got.size(), 1u);
  const Json body = Json::parse(got[0].body);
  EXPECT_EQ(body["subscription_id"], outcome_changes["id"]);
  EXPECT_THAT(body["event"]["changed_fields"], ::testing::Contains("outcome_id"));
  EXPECT_EQ(body["event"]["data"]["outcome_id"], demo.id);
  expect_signed(got[0], outcome_changes["signature_key"]);
  EXPECT_EQ(server.delivery_stats(paused["id"]).attempted, 0u);
}

TEST_F(Deliveries, ExtraFiltersSelectWithClosesOperators) {
  const auto lead_is = [](const std::string& lead) {
    return Json::parse(R"({"type": "field_accessor", "field": "lead_id",
                           "filter": {"type": "equals", "value": ")" +
                       lead + R"("}})");
  };
  const auto data_field = [](const std::string& field, const Json& filter) {
    return Json({{"type", "field_accessor"},
                 {"field", "data"},
                 {"filter", {{"type", "field_accessor"}, {"field", field}, {"filter", filter}}}});
  };
  const std::vector<std::pair<Json, bool>> cases = {
      {lead_is("lead_1"), true},
      {lead_is("lead_2"), false},
      {Json({{"type", "and"},
             {"filters",
              {lead_is("lead_1"),
               data_field("status", {{"type", "equals"}, {"value", "completed"}})}}}),
       true},
      {Json({{"type", "or"}, {"filters", {lead_is("lead_2"), lead_is("lead_3")}}}), false},
      {Json({{"type", "not"}, {"filter", lead_is("lead_2")}}), true},
      {data_field("note", {{"type", "contains"}, {"value", "pricing"}}), true},
      {data_field("outcome_id", {{"type", "is_null"}}), true},
      {data_field("outcome_id", {{"type", "non_null"}}), false},
      {Json({{"type", "field_accessor"},
             {"field", "changed_fields"},
             {"filter",
              {{"type", "any_array_value"}, {"filter", {{"type", "equals"}, {"value", "note"}}}}}}),
       false},  // a created event changes no fields
      {Json({{"type", "no_such_operator"}}), false},
  };
  std::vector<std::string> ids;
  for (const auto& [filter, delivered] : cases) {
    ids.push_back(create(Json({{"url", receiver.url()},
                               {"events",
                                {{{"object_type", "activity.call"},
                                  {"action", "created"},
                                  {"extra_filter", filter}}}}})
                             .dump())["id"]);
  }
  CallLog log;
  log.lead_id = "lead_1";
  log.note = "Asked for pricing";
  server.seed_call(log);
  ASSERT_TRUE(server.wait_for_deliveries_idle(kIdleTimeout));
  for (std::size_t i = 0; i < cases.size(); ++i) {
    EXPECT_EQ(server.delivery_stats(ids[i]).succeeded, cases[i].second ? 1u : 0u)
        << cases[i].first.dump();
  }
}

TEST_F(Deliveries, FailuresAreRetriedWithExponentialBackoffUpToTheCap) {
  const Json webhook = subscribe(kCallCreated);
  server.inject_delivery_fault(FakeDeliveryFault::fail_without_sending);
  receiver.answer(500, 3);
  receiver.answer(404, 1);
  server.seed_call(CallLog{});
  ASSERT_TRUE(server.wait_for_deliveries_idle(kIdleTimeout));

  const auto attempts = server.delivery_attempts();
  ASSERT_EQ(attempts.size(), 6u);
  const std::vector<int> statuses = {0, 500, 500, 500, 404, 200};
  // base 5 ms, doubling, capped at 20 ms.
  const std::vector<milliseconds> backoffs = {milliseconds(0),  milliseconds(5),  milliseconds(10),
                                              milliseconds(20), milliseconds(20), milliseconds(20)};
  for (std::size_t i = 0; i < attempts.size(); ++i) {
    EXPECT_EQ(attempts[i].attempt, static_cast<int>(i + 1));
    EXPECT_EQ(attempts[i].status, statuses[i]) << i;
    EXPECT_EQ(attempts[i].backoff, backoffs[i]) << i;
    EXPECT_EQ(attempts[i].succeeded, i == 5) << i;
    EXPECT_EQ(attempts[i].event_id, attempts[0].event_id);
  }
  EXPECT_EQ(attempts[0].fault, FakeDeliveryFault::fail_without_sending);
  EXPECT_EQ(attempts[1].fault, std::nullopt);
  const FakeDeliveryStats stats = server.delivery_stats(webhook["id"]);
  EXPECT_EQ(stats.attempted, 6u);
  EXPECT_EQ(stats.failed, 5u);
  EXPECT_EQ(stats.succeeded, 1u);
  EXPECT_EQ(receiver.deliveries().size(), 5u);  // the injected failure sent nothing
  // Every retry carries the same event, signed afresh.
  for (const Receiver::Delivery& delivery : receiver.deliveries()) {
    expect_signed(delivery, webhook["signature_key"]);
    EXPECT_EQ(Json::parse(delivery.body)["event"]["id"], attempts[0].event_id);
  }
  const Json health = send("GET", item(webhook), "", 200);
  EXPECT_EQ(health["health_status"], "healthy");  // the last attempt succeeded
  EXPECT_EQ(health["status"], "active");
  EXPECT_EQ(health["latest_error"]["status_code"], 404);
}

TEST_F(Deliveries, DuplicatedAndPretendFailedDeliveriesReachTheReceiverTwice) {
  const Json webhook = subscribe(kCallCreated);
  server.inject_delivery_fault(FakeDeliveryFault::duplicate);
  server.seed_call(CallLog{});
  ASSERT_TRUE(server.wait_for_deliveries_idle(kIdleTimeout));
  auto got = receiver.deliveries();
  ASSERT_EQ(got.size(), 2u);
  // Byte for byte the same: a replay.
  EXPECT_EQ(got[0].body, got[1].body);
  EXPECT_EQ(got[0].hash, got[1].hash);
  EXPECT_EQ(got[0].timestamp, got[1].timestamp);
  expect_signed(got[1], webhook["signature_key"]);
  FakeDeliveryStats stats = server.delivery_stats(webhook["id"]);
  EXPECT_EQ(stats.attempted, 1u);
  EXPECT_EQ(stats.duplicates, 1u);
  EXPECT_EQ(stats.succeeded, 1u);

  server.inject_delivery_fault(FakeDeliveryFault::fail_after_sending);
  server.seed_call(CallLog{});
  ASSERT_TRUE(server.wait_for_deliveries_idle(kIdleTimeout));
  got = receiver.deliveries();
  ASSERT_EQ(got.size(), 4u);
  // The receiver answered 200 both times; the emulator retried the same event anyway.
  EXPECT_EQ(Json::parse(got[2].body)["event"]["id"], Json::parse(got[3].body)["event"]["id"]);
  EXPECT_NE(Json::parse(got[2].body)["event"]["id"], Json::parse(got[0].body)["event"]["id"]);
  stats = server.delivery_stats(webhook["id"]);
  EXPECT_EQ(stats.attempted, 3u);
  EXPECT_EQ(stats.failed, 1u);
  EXPECT_EQ(stats.succeeded, 2u);
}

class FailingDeliveries : public Deliveries {
 protected:
  static FakeCloseServerOptions options() {
    FakeCloseServerOptions options = fast_retries();
    options.webhooks.pause_after_failures = 3;
    options.webhooks.give_up_after = milliseconds(60000);
    return options;
  }
  FailingDeliveries() : Deliveries(options()) {}
};

TEST_F(FailingDeliveries, ASubscriptionThatKeepsFailingIsPausedAndItsQueueCleared) {
  const Json webhook = subscribe(kCallCreated);
  receiver.answer(503, 100);
  server.seed_call(CallLog{});
  server.seed_call(CallLog{});
  ASSERT_TRUE(server.wait_for_deliveries_idle(kIdleTimeout));

  FakeDeliveryStats stats = server.delivery_stats(webhook["id"]);
  EXPECT_EQ(stats.attempted, 3u);
  EXPECT_EQ(stats.failed, 3u);
  EXPECT_EQ(stats.dropped, 2u);  // both events: the one failing and the one still queued
  Json state = send("GET", item(webhook), "", 200);
  EXPECT_EQ(state["status"], "paused");
  EXPECT_EQ(state["pause_reason"], "failing");
  EXPECT_EQ(state["health_status"], "unhealthy");
  EXPECT_EQ(state["recent_consecutive_fail_buckets_cnt"], 3);
  EXPECT_EQ(state["latest_error"]["status_code"], 503);

  // Paused: new events are not delivered.
  server.seed_call(CallLog{});
  ASSERT_TRUE(server.wait_for_deliveries_idle(kIdleTimeout));
  EXPECT_EQ(server.delivery_stats(webhook["id"]).attempted, 3u);

  // Reactivated by hand, as Close requires: health starts over.
  state = send("PUT", item(webhook), R"({"status": "active"})", 200);
  EXPECT_EQ(state["pause_reason"], nullptr);
  EXPECT_EQ(state["recent_consecutive_fail_buckets_cnt"], 0);
}

class ShortWindow : public Deliveries {
 protected:
  static FakeCloseServerOptions options() {
    FakeCloseServerOptions options = fast_retries();
    options.webhooks.give_up_after = milliseconds(0);
    return options;
  }
  ShortWindow() : Deliveries(options()) {}
};

TEST_F(ShortWindow, ADeliveryStillFailingAfterTheWindowIsDropped) {
  const Json webhook = subscribe(kCallCreated);
  receiver.answer(500, 1);
  server.seed_call(CallLog{});
  ASSERT_TRUE(server.wait_for_deliveries_idle(kIdleTimeout));
  const FakeDeliveryStats stats = server.delivery_stats(webhook["id"]);
  EXPECT_EQ(stats.attempted, 1u);
  EXPECT_EQ(stats.failed, 1u);
  EXPECT_EQ(stats.dropped, 1u);
  EXPECT_EQ(receiver.deliveries().size(), 1u);
  EXPECT_EQ(send("GET", item(webhook), "", 200)["status"], "active");  // not paused by count
}

TEST_F(ShortWindow, AnUnreachableSubscriberCountsAsAFailureWithoutStatus) {
  // Port 1 (tcpmux) has no listener: the connection is refused.
  const Json webhook = create(
      Json({{"url", "http://127.0.0.1:1/hook"}, {"events", Json::parse(kCallCreated)}}).dump());
  server.seed_call(CallLog{});
  ASSERT_TRUE(server.wait_for_deliveries_idle(kIdleTimeout));
  const FakeDeliveryStats stats = server.delivery_stats(webhook["id"]);
  EXPECT_EQ(stats.attempted, 1u);
  EXPECT_EQ(stats.failed, 1u);
  EXPECT_EQ(stats.dropped, 1u);
  ASSERT_EQ(server.delivery_attempts().size(), 1u);
  EXPECT_EQ(server.delivery_attempts().front().status, 0);
  const Json state = send("GET", item(webhook), "", 200);
  EXPECT_EQ(state["latest_error"]["status_code"], nullptr);
  EXPECT_THAT(state["latest_error"]["message"].get<std::string>(), HasSubstr("no answer"));
}

#if defined(CLOSEIO_TEST_CERT) && defined(CLOSEIO_TEST_KEY)
class TlsDeliveries : public ShortWindow {
 protected:
  Receiver tls_receiver{true};
};

TEST_F(TlsDeliveries, VerifySslDecidesWhetherASelfSignedReceiverIsTrusted) {
  const Json events = Json::parse(kCallCreated);
  const Json trusting =
      create(Json({{"url", tls_receiver.url()}, {"events", events}, {"verify_ssl", false}}).dump());
  const Json verifying = create(Json({{"url", tls_receiver.url()}, {"events", events}}).dump());
  server.seed_call(CallLog{});
  ASSERT_TRUE(server.wait_for_deliveries_idle(kIdleTimeout));

  EXPECT_EQ(server.delivery_stats(trusting["id"]).succeeded, 1u);
  // The certificate is self-signed: with verification on, the handshake fails.
  const FakeDeliveryStats refused = server.delivery_stats(verifying["id"]);
  EXPECT_EQ(refused.attempted, 1u);
  EXPECT_EQ(refused.failed, 1u);
  const std::vector<Receiver::Delivery> got = tls_receiver.deliveries();
  ASSERT_EQ(got.size(), 1u);
  expect_signed(got[0], trusting["signature_key"]);
  EXPECT_EQ(Json::parse(got[0].body)["subscription_id"], trusting["id"]);
}
#endif

}  // namespace
}  // namespace e2e_fake_webhooks_test
