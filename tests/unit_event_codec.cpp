// Event Log entries, event pages and webhook delivery bodies (internal/event_codec.*), and the
// typed views Event::as_call()/as_meeting(). The bodies follow the shapes in Close's docs
// (EVENTS.md §1.1, §3): the event's own dates without a UTC offset, the dates inside `data` with
// one. Expected values are written out by hand (Unix times computed with Python's datetime).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "closeio/errors.hpp"
#include "closeio/event.hpp"
#include "internal/event_codec.hpp"

namespace closeio::internal::unit_event_codec_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

Timestamp utc(std::int64_t unix_seconds, std::int64_t micros = 0) {
  return Timestamp(std::chrono::microseconds(unix_seconds * 1'000'000 + micros));
}

// The documented lead example's shape: an update with changed_fields, previous_data and meta.
const std::string kLeadEvent = R"({
  "id": "ev_2LpBvEnz8BNgh6UlmtjHZL",
  "date_created": "2019-01-15T12:48:23.395000",
  "date_updated": "2019-01-15T12:48:23.395000",
  "action": "updated",
  "object_type": "lead",
  "object_id": "lead_FfB5jJaC3u8WgS0bNxqaDe",
  "lead_id": "lead_FfB5jJaC3u8WgS0bNxqaDe",
  "user_id": "user_6AsXzFwHB5W4J7ieQEsJG4",
  "organization_id": "orga_XbVPx5fFbKlYTz9PW5Ih1XDhViV10YihIaEgMEb6fVW",
  "request_id": "req_5BoEzsYMfEuoGZnFrFTbXb",
  "api_key_id": null,
  "changed_fields": ["name", "date_updated"],
  "previous_data": {"name": "Old Name", "date_updated": "2019-01-15T12:40:00.000000+00:00"},
  "data": {"id": "lead_FfB5jJaC3u8WgS0bNxqaDe", "name": "New Name", "tags": [1, 2.5, true, null]},
  "meta": {"request_method": "PUT", "request_path": "/api/v1/lead/lead_FfB5jJaC3u8WgS0bNxqaDe/"},
  "future_key": {"nested": [1, 2, 3]}
})";

TEST(EventCodec, DecodesTheDocumentedLeadEventShape) {
  const Event event = decode_event(kLeadEvent);
  EXPECT_EQ(event.id, "ev_2LpBvEnz8BNgh6UlmtjHZL");
  EXPECT_EQ(event.object_type, "lead");
  EXPECT_EQ(event.object_id, "lead_FfB5jJaC3u8WgS0bNxqaDe");
  EXPECT_EQ(event.action, "updated");
  EXPECT_EQ(event.date_created, utc(1547556503, 395000));  // Offset-less: read as UTC.
  EXPECT_EQ(event.date_updated, utc(1547556503, 395000));
  EXPECT_EQ(event.organization_id, "orga_XbVPx5fFbKlYTz9PW5Ih1XDhViV10YihIaEgMEb6fVW");
  EXPECT_EQ(event.user_id, "user_6AsXzFwHB5W4J7ieQEsJG4");
  EXPECT_EQ(event.lead_id, "lead_FfB5jJaC3u8WgS0bNxqaDe");
  EXPECT_EQ(event.request_id, "req_5BoEzsYMfEuoGZnFrFTbXb");
  EXPECT_EQ(event.api_key_id, std::nullopt);
  EXPECT_EQ(event.changed_fields, (std::vector<std::string>{"name", "date_updated"}));
  // Raw JSON is the value's bytes exactly as received.
  EXPECT_EQ(event.previous_data,
            R"({"name": "Old Name", "date_updated": "2019-01-15T12:40:00.000000+00:00"})");
  EXPECT_EQ(event.data, R"({"id": "lead_FfB5jJaC3u8WgS0bNxqaDe", "name": "New Name", )"
                        R"("tags": [1, 2.5, true, null]})");
  EXPECT_EQ(event.meta, R"({"request_method": "PUT", )"
                        R"("request_path": "/api/v1/lead/lead_FfB5jJaC3u8WgS0bNxqaDe/"})");
  // An unknown object type stays usable: its data is JSON a program can read itself.
  const auto data = nlohmann::json::parse(*event.data);
  EXPECT_EQ(data.at("name"), "New Name");
  EXPECT_EQ(event.as_call(), std::nullopt);
  EXPECT_EQ(event.as_meeting(), std::nullopt);
}

TEST(EventCodec, ReadsDatesWithAndWithoutAnOffset) {
  EXPECT_EQ(parse_event_timestamp("2023-06-01T10:00:00"), utc(1685613600));
  EXPECT_EQ(parse_event_timestamp("2023-06-01T10:00:00.5"), utc(1685613600, 500000));
  EXPECT_EQ(parse_event_timestamp("2023-06-01T10:00:00.123456"), utc(1685613600, 123456));
  EXPECT_EQ(parse_event_timestamp("2023-06-01T10:00:00Z"), utc(1685613600));
  EXPECT_EQ(parse_event_timestamp("2023-06-01T10:00:00.000000+00:00"), utc(1685613600));
  EXPECT_EQ(parse_event_timestamp("2023-06-01T10:59:00+01:00"), utc(1685613540));
  EXPECT_EQ(parse_event_timestamp("2023-06-01T08:59:00-0100"), utc(1685613540));
  for (const char* bad : {"", "2023-06-01", "2023-06-01T25:00:00", "2023-13-01T10:00:00",
                          "2023-06-01T10:00:00+", "2023-06-01T10:00:00 junk", "yesterday"}) {
    EXPECT_THROW(parse_event_timestamp(bad), std::invalid_argument) << bad;
  }
}

TEST(EventCodec, AnOffsetlessBadDateIsQuotedAsReceived) {
  try {
    parse_event_timestamp("2023-02-30T10:00:00");
    FAIL() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_THAT(e.what(), HasSubstr("\"2023-02-30T10:00:00\""));
  }
}

TEST(EventCodec, CallEventGivesATypedCall) {
  const Event event = decode_event(R"({
    "id": "ev_call1", "object_type": "activity.call", "action": "updated",
    "object_id": "acti_1", "lead_id": "lead_1", "user_id": null,
    "date_created": "2024-03-01T09:00:00.000000", "date_updated": "2024-03-01T09:05:00.000000",
    "changed_fields": ["outcome_id"],
    "previous_data": {"outcome_id": null},
    "data": {"id": "acti_1", "lead_id": "lead_1", "outcome_id": "outcome_7", "duration": 42,
             "direction": "outbound", "status": "completed",
             "date_created": "2024-03-01T09:00:00.000000+00:00",
             "date_updated": "2024-03-01T09:05:00.000000+00:00", "_type": "Call"}
  })");
  EXPECT_EQ(event.user_id, std::nullopt);
  EXPECT_EQ(event.previous_data, R"({"outcome_id": null})");
  const std::optional<Call> call = event.as_call();
  ASSERT_TRUE(call.has_value());
  EXPECT_EQ(call->id, "acti_1");
  EXPECT_EQ(call->outcome_id, "outcome_7");
  EXPECT_EQ(call->duration, std::chrono::seconds(42));
  EXPECT_EQ(call->direction, CallDirection::outbound);
  EXPECT_EQ(event.as_meeting(), std::nullopt);
}

TEST(EventCodec, MeetingEventGivesATypedMeeting) {
  const Event event = decode_event(R"({"id": "ev_m", "object_type": "activity.meeting",
    "action": "completed", "object_id": "acti_m",
    "data": {"id": "acti_m", "title": "Demo", "status": "completed", "outcome_id": null}})");
  const std::optional<Meeting> meeting = event.as_meeting();
  ASSERT_TRUE(meeting.has_value());
  EXPECT_EQ(meeting->id, "acti_m");
  EXPECT_EQ(meeting->title, "Demo");
  EXPECT_EQ(meeting->outcome_id, std::nullopt);
  EXPECT_EQ(event.as_call(), std::nullopt);
}

TEST(EventCodec, DeleteEventKeepsTheDeletedObjectInPreviousData) {
  const Event event = decode_event(R"({"id": "ev_del", "object_type": "activity.call",
    "action": "deleted", "object_id": "acti_9", "data": null, "changed_fields": null,
    "previous_data": {"id": "acti_9", "duration": 5}})");
  EXPECT_EQ(event.data, std::nullopt);
  EXPECT_TRUE(event.changed_fields.empty());
  EXPECT_EQ(event.previous_data, R"({"id": "acti_9", "duration": 5})");
  EXPECT_EQ(event.as_call(), std::nullopt);  // No data: nothing to view.
}

TEST(EventCodec, BadDataOfACallEventIsADecodeError) {
  const Event event = decode_event(
      R"({"id": "ev_bad", "object_type": "activity.call", "data": {"duration": "long"}})");
  EXPECT_THROW(event.as_call(), DecodeError);
  const Event meeting = decode_event(
      R"({"id": "ev_bad", "object_type": "activity.meeting", "data": {"starts_at": "soon"}})");
  EXPECT_THROW(meeting.as_meeting(), DecodeError);
  const Event not_object =
      decode_event(R"({"id": "ev_bad", "object_type": "activity.call", "data": [1]})");
  EXPECT_THROW(not_object.as_call(), DecodeError);
}

void expect_decode_error(const std::string& body, const std::string& fragment) {
  try {
    decode_event(body);
    ADD_FAILURE() << "no exception for " << body;
  } catch (const DecodeError& e) {
    EXPECT_THAT(e.what(), HasSubstr(fragment)) << body;
  }
}

TEST(EventCodec, WrongTypesAndBadDatesNameTheField) {
  expect_decode_error(R"({"id": 5})",
                      R"(decoding event: field "id": expected a string, got number)");
  expect_decode_error(R"({"id": "ev", "action": null})",
                      R"(field "action": expected a string, got null)");
  expect_decode_error(R"({"id": "ev", "lead_id": ["x"]})",
                      R"(field "lead_id": expected a string or null, got array)");
  expect_decode_error(R"({"id": "ev", "changed_fields": "name"})",
                      R"(field "changed_fields": expected an array or null, got string)");
  expect_decode_error(R"({"id": "ev", "changed_fields": ["a", 1]})",
                      R"(field "changed_fields[1]": expected a string, got number)");
  expect_decode_error(R"({"id": "ev", "date_updated": "2019-01-15"})",
                      R"(field "date_updated": invalid timestamp "2019-01-15")");
  expect_decode_error(R"({"object_type": "lead"})", R"(missing or empty field "id")");
  expect_decode_error(R"({"id": ""})", R"(missing or empty field "id")");
  expect_decode_error(R"([1])", "decoding event: expected a JSON object, got array");
  expect_decode_error(R"({"id": "ev",)", "decoding event: invalid JSON at byte");
  expect_decode_error("", "decoding event: invalid JSON at byte 1");
  expect_decode_error(R"({"id": "ev"} trailing)", "invalid JSON");
  expect_decode_error("{\"id\": \"ev\xff\"}", "invalid JSON");
  expect_decode_error(std::string(100000, '['), "JSON nested deeper than 64 levels");
}

TEST(EventCodec, AParseErrorMessageIsOneBoundedAsciiLine) {
  try {
    decode_event("{\"id\": \"" + std::string(5000, 'x') + "\x01\"}");
    FAIL() << "no exception";
  } catch (const DecodeError& e) {
    const std::string what = e.what();
    EXPECT_LT(what.size(), 400U);
    for (const char c : what) EXPECT_TRUE(c >= 0x20 && c < 0x7f) << what;
  }
}

TEST(EventCodec, DecodesAnEventLogPage) {
  const EventLogPage page = decode_event_page(R"({
    "data": [{"id": "ev_2", "action": "created", "date_updated": "2024-01-01T00:00:01"},
             {"id": "ev_1", "action": "deleted"}],
    "cursor_next": "older", "cursor_previous": null})");
  ASSERT_EQ(page.data.size(), 2U);
  EXPECT_EQ(page.data[0].id, "ev_2");
  EXPECT_EQ(page.data[0].date_updated, utc(1704067201));
  EXPECT_EQ(page.data[1].action, "deleted");
  EXPECT_EQ(page.cursor_next, "older");
  EXPECT_EQ(page.cursor_previous, std::nullopt);

  const EventLogPage last = decode_event_page(R"({"data": [], "cursor_next": ""})");
  EXPECT_TRUE(last.data.empty());
  EXPECT_EQ(last.cursor_next, std::nullopt);
}

TEST(EventCodec, APageErrorNamesTheItem) {
  const auto expect_page_error = [](const std::string& body, const std::string& fragment) {
    try {
      decode_event_page(body);
      ADD_FAILURE() << "no exception for " << body;
    } catch (const DecodeError& e) {
      EXPECT_THAT(e.what(), HasSubstr(fragment)) << body;
    }
  };
  expect_page_error(R"({"data": [{"id": "a"}, {"id": "b", "action": 1}]})",
                    R"(decoding event page: field "data[1].action": expected a string)");
  expect_page_error(R"({"data": [{"id": "a"}, 7]})",
                    R"(field "data[1]": expected a JSON object, got number)");
  expect_page_error(R"({"cursor_next": null})", R"(missing field "data")");
  expect_page_error(R"({"data": {}})", R"(field "data": expected an array)");
  expect_page_error(R"({"data": [], "cursor_next": 3})", R"(field "cursor_next")");
}

TEST(EventCodec, DecodesADeliveryBody) {
  const DecodedDelivery delivery = decode_delivery(
      R"({"event": {"id": "ev_1", "data": {"name": "Zoë Müller"}}, "subscription_id": "whsub_1"})");
  EXPECT_EQ(delivery.subscription_id, "whsub_1");
  EXPECT_EQ(delivery.event.id, "ev_1");
  EXPECT_EQ(delivery.event.data, R"({"name": "Zoë Müller"})");
}

TEST(EventCodec, ABodyThatIsNotADeliveryIsADecodeError) {
  const auto expect_delivery_error = [](const std::string& body, const std::string& fragment) {
    try {
      decode_delivery(body);
      ADD_FAILURE() << "no exception for " << body;
    } catch (const DecodeError& e) {
      EXPECT_THAT(e.what(), HasSubstr(fragment)) << body;
    }
  };
  expect_delivery_error("", "decoding webhook delivery: invalid JSON");
  expect_delivery_error("[]", "decoding webhook delivery: expected a JSON object, got array");
  expect_delivery_error(R"({"event": {"id": "ev"}})", R"(missing field "subscription_id")");
  expect_delivery_error(R"({"subscription_id": 1, "event": {"id": "ev"}})",
                        R"(field "subscription_id": expected a string, got number)");
  expect_delivery_error(R"({"subscription_id": "", "event": {"id": "ev"}})", "is empty");
  expect_delivery_error(R"({"subscription_id": "whsub_1"})", R"(missing field "event")");
  expect_delivery_error(R"({"subscription_id": "whsub_1", "event": "ev"})",
                        R"(field "event": expected a JSON object, got string)");
  expect_delivery_error(R"({"subscription_id": "whsub_1", "event": {"id": "ev", "action": 2}})",
                        R"(field "event.action": expected a string, got number)");
}

TEST(EventCodec, RawJsonKeepsNumbersAndEscapesAsSent) {
  const std::string data = R"({"big":123456789012345678901234567890,"f":1.10,"e":-0.5E+10,)"
                           R"("s":"\u00e9\ud83d\ude00\n","x":[[],{},""]})";
  const Event event = decode_event(R"({"id":"ev","data":)" + data + "\t" + R"(,"meta":{ }})");
  EXPECT_EQ(event.data, data);
  EXPECT_EQ(event.meta, "{ }");
}

TEST(EventCodec, BothPathsReadTheSameFields) {
  // The fast path (JsonCursor) and the DOM path must agree on every field; raw members agree
  // as JSON values (the DOM path can only give a serialisation).
  for (const std::string& text :
       {kLeadEvent,
        std::string(R"({"id":"ev_x","object_type":"activity.call","changed_fields":null,)"
                    R"("date_created":"2024-01-01T00:00:00.5+02:00","data":null,"meta":[1]})")}) {
    const Event fast = decode_event(text);
    const Event full = decode_event_value(nlohmann::json::parse(text));
    Event fast_scalars = fast;
    Event full_scalars = full;
    for (Event* e : {&fast_scalars, &full_scalars}) e->data = e->previous_data = e->meta = {};
    EXPECT_EQ(fast_scalars, full_scalars);
    const auto same_json = [](const std::optional<std::string>& a,
                              const std::optional<std::string>& b) {
      if (!a || !b) return a.has_value() == b.has_value();
      return nlohmann::json::parse(*a) == nlohmann::json::parse(*b);
    };
    EXPECT_TRUE(same_json(fast.data, full.data));
    EXPECT_TRUE(same_json(fast.previous_data, full.previous_data));
    EXPECT_TRUE(same_json(fast.meta, full.meta));
  }
}

TEST(EventCodec, InvalidJsonAnywhereIsRefused) {
  // Inside raw members too: the fast path validates what it keeps as text.
  for (const std::string& data : std::vector<std::string>{"01",
                                                          "[1,]",
                                                          R"({"a" 1})",
                                                          R"({"a":1,})",
                                                          R"("\ud800")",
                                                          R"("\udc00")",
                                                          "1.",
                                                          "-",
                                                          "1e",
                                                          "1e+",
                                                          ".5",
                                                          "+1",
                                                          "tru",
                                                          "nul",
                                                          "\"\x01\"",
                                                          "\"\xc3\"",
                                                          "\"\xed\xa0\x80\"",
                                                          R"("\x")",
                                                          "[1 2]",
                                                          "{1:2}",
                                                          "NaN",
                                                          "[",
                                                          R"("abc)"}) {
    const std::string body = R"({"id":"ev","data":)" + data + "}";
    EXPECT_THROW(decode_event(body), DecodeError) << data;
    EXPECT_THROW(decode_delivery(R"({"subscription_id":"s","event":)" + body + "}"), DecodeError)
        << data;
  }
}

TEST(EventCodec, NestingUpToTheLimitIsAccepted) {
  // The event object is level 1: 63 more levels are accepted, 64 are not, on both paths.
  const auto nested = [](int levels) {
    return R"({"id":"ev","data":)" + std::string(static_cast<std::size_t>(levels), '[') +
           std::string(static_cast<std::size_t>(levels), ']') + "}";
  };
  EXPECT_EQ(decode_event(nested(63)).data, std::string(63, '[') + std::string(63, ']'));
  EXPECT_THROW(decode_event(nested(64)), DecodeError);
  EXPECT_NO_THROW(parse_json_bounded(nested(63), ""));
  EXPECT_THROW(parse_json_bounded(nested(64), ""), DecodeError);
  // In a delivery the event is level 2.
  const auto delivery = [&](int levels) {
    return R"({"subscription_id":"s","event":)" + nested(levels) + "}";
  };
  EXPECT_NO_THROW(decode_delivery(delivery(62)));
  EXPECT_THROW(decode_delivery(delivery(63)), DecodeError);
  EXPECT_NO_THROW(parse_json_bounded(delivery(62), ""));
  EXPECT_THROW(parse_json_bounded(delivery(63), ""), DecodeError);
}

TEST(EventCodec, RepeatedKeysKeepTheLastValueOnBothPaths) {
  const std::string text =
      R"({"id":"a","id":"b","data":{"x":1},"data":null,"changed_fields":["p"],)"
      R"("changed_fields":["q"]})";
  const Event fast = decode_event(text);
  EXPECT_EQ(fast.id, "b");
  EXPECT_EQ(fast.data, std::nullopt);
  EXPECT_EQ(fast.changed_fields, std::vector<std::string>{"q"});
  EXPECT_EQ(fast, decode_event_value(nlohmann::json::parse(text)));
}

TEST(EventCodec, NumbersBeyondADoubleStayTextInRawMembers) {
  // nlohmann cannot hold 1e999 (the DOM path refuses it); the text form keeps it as sent.
  const std::string body = R"({"id":"ev","data":{"x":1e999,"y":)" + std::string(400, '9') + "}}";
  EXPECT_EQ(decode_event(body).data, R"({"x":1e999,"y":)" + std::string(400, '9') + "}");
  try {
    decode_event_full(body);
    FAIL() << "the DOM path accepted 1e999";
  } catch (const DecodeError& e) {
    EXPECT_THAT(e.what(), HasSubstr("number overflow"));
  }
}

// Every byte of a documented event replaced by bytes that matter to JSON: the fast path accepts
// exactly what the full path accepts, and reads the same fields.
TEST(EventCodec, FastAndFullPathsAgreeOnMutatedEvents) {
  // Compact, with every kind of JSON value, so that the loop stays short under sanitizers.
  const std::string event =
      R"({"id":"ev_1","action":"updated","lead_id":null,"changed_fields":["a","b"],)"
      R"("date_updated":"2019-01-15T12:48:23.3","data":{"n":-1.5e3,"t":[true,false,null],)"
      R"("s":"\u00e9x"},"previous_data":{},"meta":[]})";
  const std::string replacements = std::string("\"\\{}[],:0a- .e\x01\xff\xc3n", 18);
  int accepted = 0;
  for (std::size_t i = 0; i < event.size(); ++i) {
    for (const char c : replacements) {
      std::string body = event;
      body[i] = c;
      Event fast;
      const bool fast_ok = fast_decode_event(body, fast);
      std::optional<Event> full;
      try {
        full = decode_event_full(body);
      } catch (const DecodeError&) {
      }
      ASSERT_EQ(fast_ok, full.has_value()) << "byte " << i << " = " << int(c) << ": " << body;
      if (!fast_ok) {
        EXPECT_THROW(decode_event(body), DecodeError);
        continue;
      }
      ++accepted;
      Event fast_scalars = fast;
      Event full_scalars = *full;
      for (Event* e : {&fast_scalars, &full_scalars}) e->data = e->previous_data = e->meta = {};
      ASSERT_EQ(fast_scalars, full_scalars) << body;
      for (const auto& [a, b] :
           {std::pair(fast.data, full->data), std::pair(fast.previous_data, full->previous_data),
            std::pair(fast.meta, full->meta)}) {
        ASSERT_EQ(a.has_value(), b.has_value()) << body;
        if (a) {
          ASSERT_EQ(nlohmann::json::parse(*a), nlohmann::json::parse(*b)) << body;
        }
      }
    }
  }
  EXPECT_GT(accepted, 50);  // Whitespace, letters inside strings, digits: many stay valid.
}

}  // namespace
}  // namespace closeio::internal::unit_event_codec_test
