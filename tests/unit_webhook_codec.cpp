// The webhook subscription wire format: decoding Close's example answer (nested `events` with
// an extra_filter, health fields, offset-less dates), round trips through the field table, the
// create/update bodies and the argument checks. Expected values are written out by hand from the
// vendor example in EVENTS.md §2.2.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>
#include <string>

#include "closeio/errors.hpp"
#include "closeio/fields.hpp"
#include "closeio/webhook_subscription.hpp"
#include "internal/json_codec.hpp"
#include "internal/webhook_requests.hpp"

namespace closeio::internal::unit_webhook_codec_test {
namespace {

using ::testing::HasSubstr;

Timestamp utc(std::int64_t unix_seconds, std::int64_t micros = 0) {
  return Timestamp(std::chrono::microseconds(unix_seconds * 1'000'000 + micros));
}

// The shape of Close's example subscription (EVENTS.md §2.2), with a filtered event, keys the SDK
// does not read, and spacing that the raw-JSON members must not keep.
const std::string kCloseSubscription = R"({
  "id": "whsub_6un6NQjYTaFdgtIZsTDXP6",
  "url": "https://test.example.com/hook",
  "events": [
    {"object_type": "activity.call", "action": "completed"},
    {"object_type": "activity.meeting", "action": "updated", "extra_filter":
      {"type": "field_accessor", "field": "changed_fields",
       "filter": {"type": "contains", "value": "outcome_id"}}},
    {"object_type": "lead", "action": "created", "extra_filter": null, "future_key": [1, 2]}
  ],
  "verify_ssl": false,
  "status": "paused",
  "signature_key": "e6ce1b4ea64e5fc24c9f0bcbd1a0e8b1f0b27b2d21f54b3e49e2cfc0b3f2fd3a",
  "created_by": "user_1",
  "updated_by": null,
  "date_created": "2018-12-06T19:15:09.590432",
  "date_updated": "2018-12-06T19:15:10.000001",
  "health_status": "healthy",
  "pause_reason": "api",
  "latest_error": null,
  "recent_consecutive_fail_buckets_cnt": 3,
  "counters": {"sent": 12, "ratio": 2.50, "by_day": [{"d": "\u00e9"}, true, null]},
  "event_filter": null
})";

TEST(WebhookCodec, DecodesClosesExampleSubscription) {
  const WebhookSubscription sub = decode_resource<WebhookSubscription>(kCloseSubscription);
  EXPECT_EQ(sub.id, "whsub_6un6NQjYTaFdgtIZsTDXP6");
  EXPECT_EQ(sub.url, "https://test.example.com/hook");
  ASSERT_EQ(sub.events.size(), 3U);
  EXPECT_EQ(sub.events[0].object_type, "activity.call");
  EXPECT_EQ(sub.events[0].action, "completed");
  EXPECT_EQ(sub.events[0].extra_filter, std::nullopt);
  EXPECT_EQ(sub.events[1].extra_filter,
            R"({"field":"changed_fields","filter":{"type":"contains","value":"outcome_id"},)"
            R"("type":"field_accessor"})");
  EXPECT_EQ(sub.events[2].object_type, "lead");
  EXPECT_EQ(sub.events[2].extra_filter, std::nullopt);
  EXPECT_FALSE(sub.verify_ssl);
  EXPECT_EQ(sub.status, WebhookStatus::paused);
  EXPECT_EQ(sub.signature_key->size(), 64U);
  EXPECT_EQ(sub.created_by, "user_1");
  EXPECT_EQ(sub.updated_by, std::nullopt);
  // 2018-12-06T19:15:09 UTC is 1544123709.
  EXPECT_EQ(sub.date_created, utc(1544123709, 590432));
  EXPECT_EQ(sub.date_updated, utc(1544123710, 1));
  EXPECT_EQ(sub.health_status, "healthy");
  EXPECT_EQ(sub.pause_reason, "api");
  EXPECT_EQ(sub.latest_error, std::nullopt);
  EXPECT_EQ(sub.recent_consecutive_fail_buckets_cnt, 3);
  // Compact, key order as received, the number as written, the escape decoded to UTF-8.
  EXPECT_EQ(sub.counters,
            "{\"sent\":12,\"ratio\":2.50,\"by_day\":[{\"d\":\"\xc3\xa9\"},true,null]}");
}

TEST(WebhookCodec, RoundTripsThroughTheFieldTable) {
  WebhookSubscription sub;
  sub.id = "whsub_1";
  sub.url = "https://example.com/a?b=c";
  sub.events = {{"activity.call", "updated", R"({"type":"non_null"})"},
                {"activity.meeting", "completed", std::nullopt}};
  sub.status = WebhookStatus::active;
  sub.verify_ssl = true;
  sub.signature_key = std::string(64, 'a');
  sub.date_created = utc(1700000000, 123456);
  sub.date_updated = utc(1700000001);
  sub.latest_error = R"({"code":500,"message":"boom"})";
  sub.recent_consecutive_fail_buckets_cnt = 0;
  sub.counters = "{}";
  const std::string json = encode_object(sub, {}, false);
  EXPECT_EQ(decode_resource<WebhookSubscription>(json), sub);
  EXPECT_EQ(decode_resource_full<WebhookSubscription>(json), sub);
}

TEST(WebhookCodec, DecodesAPage) {
  const Page<WebhookSubscription> page = decode_page<WebhookSubscription>(
      R"({"data":[{"id":"whsub_1","url":"https://a.example","events":[],"status":"active",)"
      R"("verify_ssl":true},{"id":"whsub_2","status":"sleeping"}],"has_more":true})");
  ASSERT_EQ(page.data.size(), 2U);
  EXPECT_TRUE(page.has_more);
  EXPECT_EQ(page.data[0].status, WebhookStatus::active);
  EXPECT_EQ(page.data[1].id, "whsub_2");
  EXPECT_EQ(page.data[1].status, WebhookStatus::unknown);  // A value Close may add later.
}

TEST(WebhookCodec, RefusesWrongShapesNamingTheField) {
  const auto message = [](const std::string& body) {
    try {
      (void)decode_resource<WebhookSubscription>(body);
    } catch (const DecodeError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_THAT(message(R"({"id":"whsub_1","events":{"object_type":"lead"}})"),
              HasSubstr("\"events\""));
  EXPECT_THAT(message(R"({"id":"whsub_1","events":[{"object_type":"lead"}]})"),
              HasSubstr("events[0]: \"action\" must be a string"));
  EXPECT_THAT(message(R"({"id":"whsub_1","events":[7]})"), HasSubstr("events[0]"));
  EXPECT_THAT(message(R"({"id":"whsub_1","verify_ssl":"yes"})"),
              HasSubstr("field \"verify_ssl\": expected a boolean, got string"));
  EXPECT_THAT(message(R"({"id":"whsub_1","recent_consecutive_fail_buckets_cnt":1.5})"),
              HasSubstr("recent_consecutive_fail_buckets_cnt"));
  EXPECT_THAT(message(R"({"id":"whsub_1","date_created":"yesterday"})"), HasSubstr("date_created"));
}

TEST(WebhookCodec, DepthLimitHoldsInsideRawMembers) {
  std::string deep = R"({"id":"whsub_1","counters":)";
  deep += std::string(100, '[');
  deep += std::string(100, ']');
  deep += '}';
  EXPECT_THROW((void)decode_resource<WebhookSubscription>(deep), DecodeError);
}

TEST(WebhookCodec, FieldReflectionListsAndRendersTheEvents) {
  const auto& names = field_names<WebhookSubscription>();
  ASSERT_FALSE(names.empty());
  EXPECT_EQ(names.front(), "id");
  EXPECT_NE(std::find(names.begin(), names.end(), "pause_reason"), names.end());
  WebhookSubscription sub;
  sub.events = {{"activity.call", "completed", std::nullopt}, {"lead", "created", "{}"}};
  sub.status = WebhookStatus::paused;
  EXPECT_EQ(field_text(sub, "events"), "activity.call:completed,lead:created");
  EXPECT_EQ(field_text(sub, "verify_ssl"), "true");
  EXPECT_EQ(to_json(sub, {"status", "events"}),
            R"({"status":"paused","events":[{"object_type":"activity.call","action":"completed"},)"
            R"({"object_type":"lead","action":"created","extra_filter":{}}]})");
}

TEST(WebhookBodies, CreateSendsWhatIsSetAndParsesTheFilter) {
  WebhookCreate create;
  create.url = "https://example.com/close";
  create.events = {{"activity.call", "updated", " { \"type\" : \"non_null\" } "}};
  EXPECT_EQ(encode_webhook_create(create),
            R"({"url":"https://example.com/close","events":[{"object_type":"activity.call",)"
            R"("action":"updated","extra_filter":{"type":"non_null"}}]})");
  create.verify_ssl = false;
  EXPECT_THAT(encode_webhook_create(create), HasSubstr(R"(,"verify_ssl":false})"));
}

TEST(WebhookBodies, CreateRefusesHostileOrIncompleteInput) {
  WebhookCreate good;
  good.url = "http://127.0.0.1:8080/hook";  // Plain http is allowed (Close only recommends TLS).
  good.events = {{"lead", "created", std::nullopt}};
  EXPECT_NO_THROW((void)encode_webhook_create(good));

  for (const std::string& url : std::vector<std::string>{
           "", "ftp://example.com", "https://", "https:///path", "https://exa mple.com",
           "https://example.com/\r\nX-Evil: 1", "javascript:alert(1)",
           std::string("https://") + std::string(3000, 'a')}) {
    WebhookCreate bad = good;
    bad.url = url;
    EXPECT_THROW((void)encode_webhook_create(bad), std::invalid_argument) << url.size();
  }
  WebhookCreate no_events = good;
  no_events.events.clear();
  EXPECT_THROW((void)encode_webhook_create(no_events), std::invalid_argument);
  for (const WebhookEventSpec& spec :
       {WebhookEventSpec{"", "created", std::nullopt}, WebhookEventSpec{"lead", "", std::nullopt},
        WebhookEventSpec{"lead", "cre\nated", std::nullopt},
        // A fragment that would add members to the body if pasted, and non-objects.
        WebhookEventSpec{"lead", "created", std::string(R"({}, "url": "https://evil")")},
        WebhookEventSpec{"lead", "created", std::string("[1]")},
        WebhookEventSpec{"lead", "created", std::string("not json")}}) {
    WebhookCreate bad = good;
    bad.events = {spec};
    EXPECT_THROW((void)encode_webhook_create(bad), std::invalid_argument) << spec.action;
  }
  WebhookCreate bad_utf8 = good;
  bad_utf8.events = {{"lead\xff", "created", std::nullopt}};
  EXPECT_THROW((void)encode_webhook_create(bad_utf8), std::invalid_argument);
}

TEST(WebhookBodies, UpdateSendsOnlyWhatIsSet) {
  EXPECT_EQ(encode_webhook_update(WebhookUpdate{}), "{}");
  WebhookUpdate pause;
  pause.status = WebhookStatus::paused;
  EXPECT_EQ(encode_webhook_update(pause), R"({"status":"paused"})");
  WebhookUpdate all;
  all.url = "https://b.example/x";
  all.events = std::vector<WebhookEventSpec>{{"lead", "deleted", std::nullopt}};
  all.verify_ssl = true;
  all.status = WebhookStatus::active;
  EXPECT_EQ(encode_webhook_update(all),
            R"({"url":"https://b.example/x","events":[{"object_type":"lead","action":"deleted"}],)"
            R"("verify_ssl":true,"status":"active"})");
  WebhookUpdate unknown;
  unknown.status = WebhookStatus::unknown;
  EXPECT_THROW((void)encode_webhook_update(unknown), std::invalid_argument);
  WebhookUpdate empty_events;
  empty_events.events = std::vector<WebhookEventSpec>{};
  EXPECT_THROW((void)encode_webhook_update(empty_events), std::invalid_argument);
}

TEST(WebhookBodies, IdsAreRefusedBeforeSending) {
  for (const std::string& id :
       {std::string(), std::string("."), std::string(".."), std::string("whsub_1\n"),
        std::string("whsub 1"), std::string("a\x7f"), std::string(300, 'a')}) {
    EXPECT_THROW(require_clean_id(id, "webhook subscription id"), std::invalid_argument)
        << id.size();
  }
  EXPECT_NO_THROW(require_clean_id("whsub_6un6NQjYTaFdgtIZsTDXP6", "webhook subscription id"));
  EXPECT_NO_THROW(require_clean_id("a/b", "webhook subscription id"));  // Percent-encoded.
}

TEST(WebhookStatusNames, MapBothWays) {
  EXPECT_EQ(to_string(WebhookStatus::active), "active");
  EXPECT_EQ(to_string(WebhookStatus::paused), "paused");
  EXPECT_EQ(webhook_status_from_string("paused"), WebhookStatus::paused);
  EXPECT_EQ(webhook_status_from_string("Paused"), WebhookStatus::unknown);
}

}  // namespace
}  // namespace closeio::internal::unit_webhook_codec_test
