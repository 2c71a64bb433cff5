// The Call and Meeting wire format, request bodies and the public field reflection, all read
// off the resource field tables. Expected values are written out by hand from Close's examples
// (activities-openapi.yaml) and FACTS.md.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>
#include <string>

#include "closeio/errors.hpp"
#include "closeio/fields.hpp"
#include "internal/json_codec.hpp"
#include "internal/json_fast_decode.hpp"
#include "internal/rest_activity_connections.hpp"
#include "internal/rest_resource.hpp"

namespace closeio::internal::unit_activity_codec_test {
namespace {

using std::chrono::seconds;
using ::testing::HasSubstr;

Timestamp utc(std::int64_t unix_seconds, std::int64_t micros = 0) {
  return Timestamp(std::chrono::microseconds(unix_seconds * 1'000'000 + micros));
}

// Close's example answer to logging a call (abridged only by the keys the SDK does not read
// being kept: they must be skipped, including arrays, numbers and null).
const std::string kCloseCall = R"({
  "_type": "Call",
  "activity_at": "2013-02-01T00:51:33+00:00",
  "call_method": "external",
  "contact_id": "cont_q4xYmlGhA3060dEl0NDJuHRxPMuVjqLn30AFSzh1fRk",
  "cost": "2",
  "created_by": "user_N6KhMpzHRCYQHdn4gRNIFNN5JExnsrprKA6ekxM63XA",
  "date_created": "2013-02-20T06:34:33.637000+00:00",
  "date_updated": "2013-02-20T06:34:35.656000+00:00",
  "dialer_id": null,
  "direction": "outbound",
  "disposition": "answered",
  "duration": 10,
  "id": "acti_Ay0QqN91HKAHVQUesISYV8QlhDobGfWb1Ui3TE75pJR",
  "lead_id": "lead_s6vHFTK1TSRoH6otXOexWDO9jM4xyb1kELHDoU7Fdsp",
  "note": "",
  "organization_id": "orga_RbREgmiiwcr1w2b4cOnCMQaQPSIFxMqAD2Dh243uxcH",
  "outcome_id": null,
  "phone": "+16503334444",
  "recording_url": null,
  "source": "External",
  "status": "completed",
  "updated_by": "user_N6KhMpzHRCYQHdn4gRNIFNN5JExnsrprKA6ekxM63XA",
  "user_id": "user_N6KhMpzHRCYQHdn4gRNIFNN5JExnsrprKA6ekxM63XA",
  "users": ["user_N6KhMpzHRCYQHdn4gRNIFNN5JExnsrprKA6ekxM63XA"],
  "voicemail_duration": null
})";

Call expected_close_call() {
  Call c;
  c.id = "acti_Ay0QqN91HKAHVQUesISYV8QlhDobGfWb1Ui3TE75pJR";
  c.organization_id = "orga_RbREgmiiwcr1w2b4cOnCMQaQPSIFxMqAD2Dh243uxcH";
  c.lead_id = "lead_s6vHFTK1TSRoH6otXOexWDO9jM4xyb1kELHDoU7Fdsp";
  c.contact_id = "cont_q4xYmlGhA3060dEl0NDJuHRxPMuVjqLn30AFSzh1fRk";
  c.user_id = "user_N6KhMpzHRCYQHdn4gRNIFNN5JExnsrprKA6ekxM63XA";
  c.direction = CallDirection::outbound;
  c.status = CallStatus::completed;
  c.disposition = CallDisposition::answered;
  c.duration = seconds(10);
  c.phone = "+16503334444";
  c.note = "";
  c.date_created = utc(1361342073, 637000);  // 2013-02-20T06:34:33.637Z
  c.date_updated = utc(1361342075, 656000);
  c.activity_at = utc(1359679893);  // 2013-02-01T00:51:33Z
  return c;
}

TEST(ActivityCodec, DecodesClosesExampleCallOnBothPaths) {
  EXPECT_EQ(decode_resource<Call>(kCloseCall), expected_close_call());
  EXPECT_EQ(decode_resource_full<Call>(kCloseCall), expected_close_call());
}

TEST(ActivityCodec, FastPathTakesTheCommonCallShape) {
  const std::string plain =
      R"({"id":"acti_1","status":"in-progress","duration":42,"outcome_id":"outcome_9",)"
      R"("disposition":"vm-left","direction":null})";
  Call fast;
  ASSERT_TRUE(fast_decode_resource(plain, fast));
  EXPECT_EQ(fast.status, CallStatus::in_progress);
  EXPECT_EQ(fast.duration, seconds(42));
  EXPECT_EQ(fast.outcome_id, "outcome_9");
  EXPECT_EQ(fast.disposition, CallDisposition::vm_left);
  EXPECT_EQ(fast.direction, std::nullopt);
  EXPECT_EQ(fast, decode_resource_full<Call>(plain));
}

TEST(ActivityCodec, NumbersTheFastPathCannotReadGoToTheFullDecoder) {
  for (const std::string body : {R"({"id":"acti_1","duration":-1})", R"({"id":"a","duration":1.5})",
                                 R"({"id":"a","duration":1e3})", R"({"id":"a","duration":007})"}) {
    Call out;
    EXPECT_FALSE(fast_decode_resource(body, out)) << body;
  }
  EXPECT_EQ(decode_resource<Call>(R"({"id":"a","duration":-1})").duration, seconds(-1));
}

TEST(ActivityCodec, NullsAndMissingKeysLeaveOptionalsEmpty) {
  const Call c = decode_resource<Call>(
      R"({"id":"acti_1","lead_id":null,"duration":null,"activity_at":null,"phone":null})");
  EXPECT_EQ(c.lead_id, std::nullopt);
  EXPECT_EQ(c.duration, std::nullopt);
  EXPECT_EQ(c.activity_at, std::nullopt);
  EXPECT_EQ(c.phone, std::nullopt);
  EXPECT_EQ(c.status, CallStatus::unknown);  // Left out of the answer.
}

TEST(ActivityCodec, UnknownEnumValuesDecodeAsUnknown) {
  const Call c = decode_resource<Call>(
      R"({"id":"a","status":"ringing","direction":"sideways","disposition":"hung-up"})");
  EXPECT_EQ(c.status, CallStatus::unknown);
  EXPECT_EQ(c.direction, CallDirection::unknown);
  EXPECT_EQ(c.disposition, CallDisposition::unknown);
  EXPECT_EQ(decode_resource<Meeting>(R"({"id":"a","status":"rescheduled"})").status,
            MeetingStatus::unknown);
}

TEST(ActivityCodec, WrongTypesNameTheFieldAndWhatWasExpected) {
  const auto error = [](const std::string& body) -> std::string {
    try {
      decode_resource<Call>(body);
    } catch (const DecodeError& e) {
      return e.what();
    }
    return "no DecodeError";
  };
  EXPECT_EQ(error(R"({"duration":"10"})"),
            "decoding call: field \"duration\": expected an integer or null, got string");
  EXPECT_EQ(error(R"({"status":null})"),
            "decoding call: field \"status\": expected a string, got null");
  EXPECT_EQ(error(R"({"id":5})"), "decoding call: field \"id\": expected a string, got number");
  EXPECT_EQ(error(R"({"duration":18446744073709551615})"),
            "decoding call: field \"duration\": expected an integer or null, got number");
  EXPECT_THAT(error(R"({"activity_at":"yesterday"})"),
              HasSubstr("decoding call: field \"activity_at\": "));
}

TEST(ActivityCodec, PagePathsNameTheItem) {
  try {
    decode_page<Meeting>(R"({"data":[{"id":"a"},{"id":"b","title":7}],"has_more":false})");
    FAIL() << "no DecodeError";
  } catch (const DecodeError& e) {
    EXPECT_STREQ(e.what(),
                 "decoding meeting page: field \"data[1].title\": expected a string, got number");
  }
}

TEST(ActivityCodec, DecodesClosesExampleMeeting) {
  const std::string body = R"({
    "_type": "Meeting", "activity_at": "2019-10-11T16:30:00+00:00", "actual_duration": null,
    "attendees": [{"contact_id": null, "email": "jane@example.com", "status": "yes"}],
    "date_created": "2019-10-11T16:30:00+00:00", "date_updated": "2019-10-11T16:30:00.368000+00:00",
    "duration": 3600, "ends_at": "2019-10-11T17:30:00+00:00",
    "id": "acti_qwA2IPmjYyMQQ2UWuNxBOtc2CbZtRUOb5JkS1i3Qo1b", "is_recurring": false,
    "lead_id": "lead_Qq33JAqr6zrgqtJGkKv7XQxTnQxpTEJA7Mfcx98ZrWe",
    "organization_id": "orga_RbREgmiiwcr1w2b4cOnCMQaQPSIFxMqAD2Dh243uxcH",
    "outcome_id": "outcome_031uY9IKV1JxfNKM9n2qCw", "source": "calendar",
    "starts_at": "2019-10-11T16:30:00+00:00", "status": "completed", "title": "Batman?",
    "user_id": "user_Ova4RGFG7pztSeJiiMFdN7O2MFl71nD0uGO3bIOo4Wk"
  })";
  Meeting expected;
  expected.id = "acti_qwA2IPmjYyMQQ2UWuNxBOtc2CbZtRUOb5JkS1i3Qo1b";
  expected.organization_id = "orga_RbREgmiiwcr1w2b4cOnCMQaQPSIFxMqAD2Dh243uxcH";
  expected.lead_id = "lead_Qq33JAqr6zrgqtJGkKv7XQxTnQxpTEJA7Mfcx98ZrWe";
  expected.user_id = "user_Ova4RGFG7pztSeJiiMFdN7O2MFl71nD0uGO3bIOo4Wk";
  expected.outcome_id = "outcome_031uY9IKV1JxfNKM9n2qCw";
  expected.status = MeetingStatus::completed;
  expected.title = "Batman?";
  expected.starts_at = utc(1570811400);  // 2019-10-11T16:30:00Z
  expected.ends_at = utc(1570815000);
  expected.date_created = utc(1570811400);
  expected.date_updated = utc(1570811400, 368000);
  EXPECT_EQ(decode_resource<Meeting>(body), expected);
  EXPECT_EQ(decode_resource_full<Meeting>(body), expected);
}

TEST(ActivityCodec, CallLogSendsOnlyWhatIsSet) {
  CallLog log;
  EXPECT_EQ(encode_call_log(log), "{}");
  log.lead_id = "lead_1";
  log.direction = CallDirection::inbound;
  log.status = CallStatus::no_answer;
  log.duration = seconds(0);
  log.outcome_id = "outcome_1";
  log.activity_at = utc(1767225600);  // 2026-01-01T00:00:00Z
  EXPECT_EQ(encode_call_log(log),
            R"({"lead_id":"lead_1","direction":"inbound","status":"no-answer","duration":0,)"
            R"("outcome_id":"outcome_1","activity_at":"2026-01-01T00:00:00.000000+00:00"})");
}

TEST(ActivityCodec, CallLogRefusesWhatCannotBeSent) {
  CallLog unknown_status;
  unknown_status.status = CallStatus::unknown;
  EXPECT_THROW(encode_call_log(unknown_status), std::invalid_argument);
  CallLog too_long;
  too_long.duration = seconds(604801);
  EXPECT_THROW(encode_call_log(too_long), std::invalid_argument);
  CallLog negative;
  negative.duration = seconds(-1);
  EXPECT_THROW(encode_call_log(negative), std::invalid_argument);
  CallLog empty_lead;
  empty_lead.lead_id = "";
  EXPECT_THROW(encode_call_log(empty_lead), std::invalid_argument);
  CallLog bad_utf8;
  bad_utf8.note = std::string("\xff\xfe");
  EXPECT_THROW(encode_call_log(bad_utf8), std::invalid_argument);
  CallLog week;
  week.duration = seconds(604800);
  EXPECT_EQ(encode_call_log(week), R"({"duration":604800})");
}

TEST(ActivityCodec, OutcomeAssignmentBodies) {
  EXPECT_EQ(encode_outcome_assignment(std::string("outcome_1")), R"({"outcome_id":"outcome_1"})");
  EXPECT_EQ(encode_outcome_assignment(std::nullopt), R"({"outcome_id":null})");
  EXPECT_THROW(encode_outcome_assignment(std::string()), std::invalid_argument);
}

TEST(ActivityCodec, FilterQueryEncodesThePlusOfTheOffset) {
  ActivityFilter filter;
  filter.lead_id = "lead_1";
  filter.user_id = "user_2";
  filter.created_after = utc(1788220800);  // 2026-09-01T00:00:00Z
  filter.created_before = utc(1788307200);
  const QueryPairs q = activity_filter_query(filter);
  ASSERT_EQ(q.size(), 4u);
  EXPECT_EQ(q[0], (std::pair<std::string, std::string>("lead_id", "lead_1")));
  EXPECT_EQ(q[1], (std::pair<std::string, std::string>("user_id", "user_2")));
  EXPECT_EQ(q[2], (std::pair<std::string, std::string>(
                      "date_created__gt", "2026-09-01T00%3A00%3A00.000000%2B00%3A00")));
  EXPECT_EQ(q[3].first, "date_created__lt");
  EXPECT_TRUE(activity_filter_query({}).empty());
}

TEST(ActivityCodec, FieldsAreCheckedAgainstTheTable) {
  EXPECT_EQ(fields_value<Call>({"id", "outcome_id"}), "id,outcome_id");
  EXPECT_THROW(fields_value<Call>({"transcripts"}), std::invalid_argument);
  EXPECT_THROW(fields_value<Meeting>({"duration"}), std::invalid_argument);
  EXPECT_THROW(fields_value<Outcome>({"id", "id"}), std::invalid_argument);
  EXPECT_THROW(fields_value<Outcome>({"id,name"}), std::invalid_argument);
}

TEST(FieldReflection, NamesFollowTheStructs) {
  EXPECT_EQ(field_names<Meeting>(),
            (std::vector<std::string>{"id", "organization_id", "lead_id", "user_id", "outcome_id",
                                      "status", "title", "starts_at", "ends_at", "date_created",
                                      "date_updated"}));
  EXPECT_EQ(field_names<Outcome>().size(), 10u);
  EXPECT_EQ(field_names<Call>().size(), 15u);
}

TEST(FieldReflection, TextAndJsonOfACall) {
  const Call c = expected_close_call();
  EXPECT_EQ(field_text(c, "duration"), "10");
  EXPECT_EQ(field_text(c, "outcome_id"), "");
  EXPECT_EQ(field_text(c, "status"), "completed");
  EXPECT_EQ(field_text(c, "activity_at"), "2013-02-01T00:51:33.000000+00:00");
  EXPECT_THROW(field_text(c, "cost"), std::invalid_argument);
  EXPECT_EQ(to_json(c, {"id", "outcome_id", "duration", "direction"}),
            R"({"id":"acti_Ay0QqN91HKAHVQUesISYV8QlhDobGfWb1Ui3TE75pJR","outcome_id":null,)"
            R"("duration":10,"direction":"outbound"})");
  // Whatever to_json writes, the decoder reads back to the same value.
  EXPECT_EQ(decode_resource<Call>(to_json(c)), c);
}

TEST(FieldReflection, OutcomeListsJoinWithCommas) {
  Outcome o;
  o.applies_to = {AppliesTo::calls, AppliesTo::meetings};
  EXPECT_EQ(field_text(o, "applies_to"), "calls,meetings");
  EXPECT_EQ(to_json(o, {"applies_to", "description"}),
            R"({"applies_to":["calls","meetings"],"description":null})");
}

}  // namespace
}  // namespace closeio::internal::unit_activity_codec_test
