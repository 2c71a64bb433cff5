// The emulator's call and meeting endpoints (closeio::testing::FakeCloseServer) checked from the
// outside with a plain httplib client over loopback, independently of the SDK. Expected bodies
// and values are written out here by hand from FACTS.md ("Calls and meetings"),
// activities-openapi.yaml and the emulator's documented contract.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "closeio/testing/fake_close_server.hpp"

namespace e2e_fake_activities_test {
namespace {

using closeio::Call;
using closeio::CallDirection;
using closeio::CallDisposition;
using closeio::CallLog;
using closeio::CallStatus;
using closeio::Meeting;
using closeio::MeetingStatus;
using closeio::OutcomeCreate;
using closeio::OutcomeType;
using closeio::Timestamp;
using closeio::testing::FakeCallSeed;
using closeio::testing::FakeCloseServer;
using closeio::testing::FakeMeetingSeed;
using closeio::testing::Fault;
using closeio::testing::ScriptedResponse;
using Json = nlohmann::json;
using ::testing::ElementsAre;
using ::testing::IsSupersetOf;
using ::testing::MatchesRegex;
using ::testing::UnorderedElementsAre;

constexpr char kCalls[] = "/api/v1/activity/call/";
constexpr char kMeetings[] = "/api/v1/activity/meeting/";
// base64("test-api-key:"), the default key with Close's empty password.
constexpr char kBasicDefaultKey[] = "Basic dGVzdC1hcGkta2V5Og==";
constexpr char kDefaultOrganization[] = "orga_fake0000000000000000000";
constexpr char kDefaultUser[] = "user_fake0000000000000000000";
constexpr char kActivityId[] = "acti_[0-9A-Za-z]{43}";
constexpr char kCloseTimestamp[] =
    "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{6}\\+00:00";
constexpr char kCallNotFound[] = "Empty query: Call matching query does not exist.";
constexpr char kMeetingNotFound[] = "Empty query: Meeting matching query does not exist.";
constexpr char kUnknownOutcome[] = "Outcome matching query does not exist.";
constexpr char kDeletedOutcome[] = "This outcome has been deleted and can no longer be set.";
constexpr char kNotForMeetings[] = "This outcome does not apply to meetings.";
constexpr char kBadDate[] =
    "Not a valid ISO 8601 datetime or date (in a query string, send the offset's '+' as %2B).";

// The keys Close's CallActivity and MeetingActivity schemas mark as required.
const std::vector<std::string> kCallRequired = {
    "_type",        "activity_at", "contact_id", "created_by",      "date_created",
    "date_updated", "id",          "lead_id",    "organization_id", "outcome_id",
    "source",       "status",      "updated_by", "user_id",         "users"};
const std::vector<std::string> kMeetingRequired = {"_type",
                                                   "activity_at",
                                                   "actual_duration",
                                                   "attached_call_ids",
                                                   "attendees",
                                                   "calendar_event_link",
                                                   "calendar_event_uids",
                                                   "conference_links",
                                                   "connected_account_id",
                                                   "contact_id",
                                                   "conversation_type_id",
                                                   "conversation_type_reason",
                                                   "created_by",
                                                   "date_created",
                                                   "date_updated",
                                                   "duration",
                                                   "ends_at",
                                                   "id",
                                                   "integrations",
                                                   "is_recurring",
                                                   "lead_id",
                                                   "location",
                                                   "note",
                                                   "notetaker_id",
                                                   "organization_id",
                                                   "outcome_autofill_confidence",
                                                   "outcome_autofill_reasoning",
                                                   "outcome_id",
                                                   "outcome_reason",
                                                   "playbook_id",
                                                   "playbook_reason",
                                                   "provider_calendar_event_id",
                                                   "provider_calendar_ids",
                                                   "provider_calendar_type",
                                                   "source",
                                                   "starts_at",
                                                   "status",
                                                   "summary",
                                                   "title",
                                                   "updated_by",
                                                   "user_id",
                                                   "user_note",
                                                   "user_note_date_updated",
                                                   "user_note_html",
                                                   "user_note_mentions",
                                                   "users"};

httplib::Headers auth() { return {{"Authorization", kBasicDefaultKey}}; }

std::string call_path(const std::string& id) { return std::string(kCalls) + id + "/"; }
std::string meeting_path(const std::string& id) { return std::string(kMeetings) + id + "/"; }

Json json_of(const httplib::Result& result) { return Json::parse(result->body); }

std::set<std::string> keys_of(const Json& object) {
  std::set<std::string> keys;
  for (const auto& item : object.items()) keys.insert(item.key());
  return keys;
}

// 2026-09-01T00:00:00Z plus `days` days and `hours` hours.
Timestamp day(int days, int hours = 0) {
  constexpr std::int64_t kSeptemberFirst2026 = 1788220800;  // seconds since the epoch
  return Timestamp(std::chrono::seconds(kSeptemberFirst2026) + std::chrono::hours(24 * days) +
                   std::chrono::hours(hours));
}

Json validation_error(const std::string& field, const std::string& message) {
  return Json{{"errors", Json::array()}, {"field-errors", {{field, message}}}};
}

std::vector<std::string> ids_of(const Json& page) {
  std::vector<std::string> ids;
  for (const Json& item : page["data"]) ids.push_back(item["id"].get<std::string>());
  return ids;
}

class FakeActivitiesTest : public ::testing::Test {
 protected:
  FakeActivitiesTest() {
    client.set_tcp_nodelay(true);  // as curl does; avoids Nagle + delayed ACK stalls
    client.set_keep_alive(true);
  }

  httplib::Result get(const std::string& target) { return client.Get(target, auth()); }
  httplib::Result log(const std::string& body) {
    return client.Post(kCalls, auth(), body, "application/json");
  }
  httplib::Result put(const std::string& path, const std::string& body) {
    return client.Put(path, auth(), body, "application/json");
  }

  // A call on `lead` by `user`, stored at day `days`.
  Call seed_call_at(int days, const std::string& lead, const std::string& user) {
    FakeCallSeed seed;
    seed.call.lead_id = lead;
    seed.call.user_id = user;
    seed.date_created = day(days);
    return server.seed_call(seed);
  }

  FakeCloseServer server;
  httplib::Client client{"127.0.0.1", server.port()};
};

// --- Log an external call -------------------------------------------------------------------

TEST_F(FakeActivitiesTest, LogAnswers200WithTheCallAndItsRequiredKeys) {
  const closeio::Outcome outcome = server.seed(OutcomeCreate{"Demo Booked", {}, {}});
  auto result = log(R"({"lead_id": "lead_1", "contact_id": "cont_1", "direction": "outbound",
                        "duration": 95, "phone": "+16503334444", "note": "Booked <demo> & more",
                        "outcome_id": ")" +
                    outcome.id + R"(", "activity_at": "2026-09-02T10:00:00Z"})");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);  // Close answers 200 here, not 201
  EXPECT_EQ(result->get_header_value("Content-Type"), "application/json");
  const Json body = json_of(result);
  EXPECT_THAT(keys_of(body), IsSupersetOf(kCallRequired));
  EXPECT_EQ(body["_type"], "Call");
  EXPECT_THAT(body["id"].get<std::string>(), MatchesRegex(kActivityId));
  EXPECT_EQ(body["organization_id"], kDefaultOrganization);
  EXPECT_EQ(body["lead_id"], "lead_1");
  EXPECT_EQ(body["contact_id"], "cont_1");
  EXPECT_EQ(body["user_id"], kDefaultUser);  // the key's user when none is sent
  EXPECT_EQ(body["created_by"], kDefaultUser);
  EXPECT_EQ(body["updated_by"], kDefaultUser);
  EXPECT_EQ(body["outcome_id"], outcome.id);
  EXPECT_EQ(body["direction"], "outbound");
  EXPECT_EQ(body["status"], "completed");
  EXPECT_EQ(body["disposition"], "answered");
  EXPECT_EQ(body["duration"], 95);
  EXPECT_EQ(body["phone"], "+16503334444");
  EXPECT_EQ(body["note"], "Booked <demo> & more");
  EXPECT_EQ(body["note_html"], "<body><p>Booked &lt;demo&gt; &amp; more</p></body>");
  EXPECT_EQ(body["source"], "External");
  EXPECT_EQ(body["users"], Json::array());
  EXPECT_EQ(body["activity_at"], "2026-09-02T10:00:00.000000+00:00");
  EXPECT_THAT(body["date_created"].get<std::string>(), MatchesRegex(kCloseTimestamp));

  const std::vector<Call> calls = server.calls();
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].id, body["id"]);
  EXPECT_EQ(calls[0].outcome_id, std::optional<std::string>(outcome.id));
  EXPECT_EQ(calls[0].duration, std::optional<std::chrono::seconds>(95));
  EXPECT_EQ(calls[0].activity_at, std::optional<Timestamp>(day(1, 10)));
  EXPECT_EQ(server.creates_performed(), 1u);
  EXPECT_EQ(server.writes_performed(), 1u);
}

TEST_F(FakeActivitiesTest, LogOfAnEmptyBodyTakesClosesDefaults) {
  auto result = log("{}");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  const Json body = json_of(result);
  EXPECT_EQ(body["status"], "completed");
  EXPECT_EQ(body["source"], "External");
  EXPECT_EQ(body["duration"], 0);
  EXPECT_EQ(body["note"], "");
  EXPECT_TRUE(body["lead_id"].is_null());
  EXPECT_TRUE(body["outcome_id"].is_null());
  EXPECT_TRUE(body["direction"].is_null());
  EXPECT_EQ(body["activity_at"], body["date_created"]);
  EXPECT_EQ(body["date_updated"], body["date_created"]);
}

TEST_F(FakeActivitiesTest, LogTakesExplicitNullsDateCreatedAndStatus) {
  auto result = log(R"({"user_id": null, "status": "no-answer", "duration": 604800,
                        "date_created": "2026-09-01T12:30:00.5+02:00", "recording_url": null,
                        "custom.cf_abc": "x", "note_html": "<p>Hi &amp; bye</p>"})");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  const Json body = json_of(result);
  EXPECT_TRUE(body["user_id"].is_null());
  EXPECT_EQ(body["status"], "no-answer");
  EXPECT_EQ(body["disposition"], "no-answer");
  EXPECT_EQ(body["duration"], 604800);
  EXPECT_EQ(body["date_created"], "2026-09-01T10:30:00.500000+00:00");
  EXPECT_EQ(body["note"], "Hi & bye");
}

TEST_F(FakeActivitiesTest, LogAcceptsAVmDroppedOutcome) {
  const closeio::Outcome vm = server.seed(OutcomeCreate{"VM", {}, OutcomeType::vm_dropped});
  auto result = log(R"({"outcome_id": ")" + vm.id + R"("})");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(json_of(result)["outcome_id"], vm.id);
}

TEST_F(FakeActivitiesTest, LogRefusesADeletedOutcome) {
  const closeio::Outcome outcome = server.seed(OutcomeCreate{"Gone", {}, {}});
  ASSERT_TRUE(server.remove_outcome(outcome.id));
  auto result = log(R"({"lead_id": "lead_1", "outcome_id": ")" + outcome.id + R"("})");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 400);
  EXPECT_EQ(json_of(result), validation_error("outcome_id", kDeletedOutcome));
  EXPECT_TRUE(server.calls().empty());
}

TEST_F(FakeActivitiesTest, ConcurrentLogsAreAllStoredWithDistinctIds) {
  constexpr int kThreads = 8;
  constexpr int kLogsEach = 10;
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      httplib::Client own("127.0.0.1", server.port());
      own.set_tcp_nodelay(true);
      for (int i = 0; i < kLogsEach; ++i) {
        auto result =
            own.Post(kCalls, auth(), R"({"lead_id": "lead_)" + std::to_string(t) + R"("})",
                     "application/json");
        if (result && result->status == 200) ok.fetch_add(1);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(ok.load(), kThreads * kLogsEach);
  std::set<std::string> ids;
  for (const Call& call : server.calls()) ids.insert(call.id);
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kThreads * kLogsEach));
  EXPECT_EQ(server.creates_performed(), static_cast<std::size_t>(kThreads * kLogsEach));
  auto lead = get(std::string(kCalls) + "?lead_id=lead_3&_limit=100");
  ASSERT_TRUE(lead);
  EXPECT_EQ(json_of(lead)["data"].size(), static_cast<std::size_t>(kLogsEach));
}

TEST_F(FakeActivitiesTest, HeadIsAnsweredLikeGetWithoutBody) {
  server.seed_call(CallLog{});
  auto result = client.Head(kCalls, auth());
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  EXPECT_TRUE(result->body.empty());
}

struct InvalidLog {
  const char* body;
  const char* field;    // nullptr: a whole-body error
  const char* message;  // the field error, or the {"error": ...} message
};

class FakeActivitiesLogValidation : public ::testing::TestWithParam<InvalidLog> {};

TEST_P(FakeActivitiesLogValidation, Is400WithClosesBodyAndStoresNothing) {
  FakeCloseServer server;
  httplib::Client client("127.0.0.1", server.port());
  auto result = client.Post(kCalls, auth(), GetParam().body, "application/json");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 400);
  const Json expected = GetParam().field != nullptr
                            ? validation_error(GetParam().field, GetParam().message)
                            : Json{{"error", GetParam().message}};
  EXPECT_EQ(json_of(result), expected);
  EXPECT_TRUE(server.calls().empty());
  EXPECT_EQ(server.creates_performed(), 0u);
  EXPECT_EQ(server.writes_performed(), 0u);
}

INSTANTIATE_TEST_SUITE_P(
    Bodies, FakeActivitiesLogValidation,
    ::testing::Values(
        InvalidLog{R"({"lead_id": "lead_1", "color": "red"})", "color", "Unknown field."},
        InvalidLog{R"({"disposition": "answered"})", "disposition", "Unknown field."},
        InvalidLog{R"({"duration": -1})", "duration",
                   "Must be greater than or equal to 0 and less than or equal to 604800."},
        InvalidLog{R"({"duration": 604801})", "duration",
                   "Must be greater than or equal to 0 and less than or equal to 604800."},
        InvalidLog{R"({"duration": "10"})", "duration", "Not a valid integer."},
        InvalidLog{R"({"duration": 1.5})", "duration", "Not a valid integer."},
        InvalidLog{R"({"direction": "sideways"})", "direction",
                   "Must be one of: inbound, outbound."},
        InvalidLog{R"({"status": "done"})", "status",
                   "Must be one of: created, in-progress, completed, cancel, no-answer, busy, "
                   "failed, timeout."},
        InvalidLog{R"({"source": "Phone"})", "source", "Must be one of: Close.io, External."},
        InvalidLog{R"({"lead_id": 7})", "lead_id", "Not a valid string."},
        InvalidLog{R"({"recording_url": "http://example.com/a.mp3"})", "recording_url",
                   "Not a valid URL: must start with https://."},
        InvalidLog{R"({"activity_at": "yesterday"})", "activity_at", "Not a valid datetime."},
        InvalidLog{R"({"activity_at": "2026-09-01T00:00:00 00:00"})", "activity_at",
                   "Not a valid datetime."},
        InvalidLog{R"({"outcome_id": "outcome_nope"})", "outcome_id", kUnknownOutcome},
        InvalidLog{"[]", nullptr, "Request body must be a JSON object."},
        InvalidLog{"{", nullptr, "Request body is not valid JSON."}));

// --- Fetch ------------------------------------------------------------------------------------

TEST_F(FakeActivitiesTest, FetchReturnsTheSeededCall) {
  CallLog fields;
  fields.lead_id = "lead_9";
  fields.direction = CallDirection::inbound;
  fields.status = CallStatus::busy;
  fields.duration = std::chrono::seconds(3);
  fields.phone = "+15550001111";
  const Call seeded = server.seed_call(fields);
  EXPECT_THAT(seeded.id, MatchesRegex(kActivityId));
  EXPECT_EQ(seeded.organization_id, kDefaultOrganization);
  EXPECT_EQ(seeded.disposition, std::optional<CallDisposition>(CallDisposition::busy));

  auto result = get(call_path(seeded.id));
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  const Json body = json_of(result);
  EXPECT_EQ(body["id"], seeded.id);
  EXPECT_EQ(body["lead_id"], "lead_9");
  EXPECT_EQ(body["direction"], "inbound");
  EXPECT_EQ(body["status"], "busy");
  EXPECT_EQ(body["disposition"], "busy");
  EXPECT_EQ(body["duration"], 3);
  EXPECT_EQ(body["phone"], "+15550001111");
  EXPECT_EQ(body["user_id"], kDefaultUser);
}

TEST_F(FakeActivitiesTest, FetchHonoursFieldsOnCallsAndMeetings) {
  const Call call = server.seed_call(CallLog{});
  FakeMeetingSeed meeting_seed;
  meeting_seed.title = "Intro";
  const Meeting meeting = server.seed_meeting(meeting_seed);
  auto call_result = get(call_path(call.id) + "?_fields=id,outcome_id,status");
  auto meeting_result = get(meeting_path(meeting.id) + "?_fields=id,title");
  ASSERT_TRUE(call_result && meeting_result);
  EXPECT_EQ(json_of(call_result),
            (Json{{"id", call.id}, {"outcome_id", nullptr}, {"status", "completed"}}));
  EXPECT_EQ(json_of(meeting_result), (Json{{"id", meeting.id}, {"title", "Intro"}}));
}

TEST_F(FakeActivitiesTest, MeetingTranscriptsOnlyWhenAskedFor) {
  const Meeting meeting = server.seed_meeting(FakeMeetingSeed{});
  auto plain = get(meeting_path(meeting.id));
  auto asked = get(meeting_path(meeting.id) + "?_fields=id,transcripts");
  ASSERT_TRUE(plain && asked);
  EXPECT_FALSE(json_of(plain).contains("transcripts"));
  EXPECT_EQ(json_of(asked), (Json{{"id", meeting.id}, {"transcripts", Json::array()}}));
}

TEST_F(FakeActivitiesTest, MeetingHasEveryRequiredKeyAndRealisticValues) {
  FakeMeetingSeed seed;
  seed.lead_id = "lead_2";
  seed.contact_id = "cont_2";
  seed.title = "Demo";
  seed.starts_at = day(3, 15);
  seed.duration = std::chrono::minutes(30);
  seed.date_created = day(1);
  const Meeting meeting = server.seed_meeting(seed);
  EXPECT_EQ(meeting.status, std::optional<MeetingStatus>(MeetingStatus::completed));  // past

  auto result = get(meeting_path(meeting.id));
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  const Json body = json_of(result);
  EXPECT_THAT(keys_of(body), IsSupersetOf(kMeetingRequired));
  EXPECT_EQ(body["_type"], "Meeting");
  EXPECT_THAT(body["id"].get<std::string>(), MatchesRegex(kActivityId));
  EXPECT_EQ(body["lead_id"], "lead_2");
  EXPECT_EQ(body["contact_id"], "cont_2");
  EXPECT_EQ(body["user_id"], kDefaultUser);
  EXPECT_EQ(body["users"], Json::array({kDefaultUser}));
  EXPECT_EQ(body["title"], "Demo");
  EXPECT_EQ(body["status"], "completed");
  EXPECT_EQ(body["starts_at"], "2026-09-04T15:00:00.000000+00:00");
  EXPECT_EQ(body["ends_at"], "2026-09-04T15:30:00.000000+00:00");
  EXPECT_EQ(body["activity_at"], body["starts_at"]);
  EXPECT_EQ(body["duration"], 1800);
  EXPECT_EQ(body["date_created"], "2026-09-02T00:00:00.000000+00:00");
  EXPECT_EQ(body["source"], "calendar");
  EXPECT_TRUE(body["outcome_id"].is_null());
  EXPECT_TRUE(body["outcome_reason"].is_null());
  EXPECT_EQ(body["attendees"].size(), 2u);
}

TEST_F(FakeActivitiesTest, UnknownIdsAre404WithAnErrorBody) {
  const Call call = server.seed_call(CallLog{});
  const Meeting meeting = server.seed_meeting(FakeMeetingSeed{});
  auto no_call = get(call_path("acti_doesnotexist"));
  auto put_no_call = put(call_path("acti_doesnotexist"), R"({"outcome_id": null})");
  auto meeting_as_call = get(call_path(meeting.id));
  auto no_meeting = get(meeting_path("acti_doesnotexist"));
  auto put_no_meeting = put(meeting_path("acti_doesnotexist"), R"({"outcome_id": null})");
  auto call_as_meeting = get(meeting_path(call.id));
  for (const auto* result : {&no_call, &put_no_call, &meeting_as_call}) {
    ASSERT_TRUE(*result);
    EXPECT_EQ((*result)->status, 404);
    EXPECT_EQ(json_of(*result), (Json{{"error", kCallNotFound}}));
  }
  for (const auto* result : {&no_meeting, &put_no_meeting, &call_as_meeting}) {
    ASSERT_TRUE(*result);
    EXPECT_EQ((*result)->status, 404);
    EXPECT_EQ(json_of(*result), (Json{{"error", kMeetingNotFound}}));
  }
  EXPECT_EQ(server.writes_performed(), 0u);
}

TEST_F(FakeActivitiesTest, DeleteRemovesACallOrMeetingOnce) {
  const Call call = server.seed_call(CallLog{});
  const Meeting meeting = server.seed_meeting(FakeMeetingSeed{});
  auto call_deleted = client.Delete(call_path(call.id), auth());
  auto meeting_deleted = client.Delete(meeting_path(meeting.id), auth());
  auto call_again = client.Delete(call_path(call.id), auth());
  auto meeting_again = client.Delete(meeting_path(meeting.id), auth());
  auto fetched = get(call_path(call.id));
  ASSERT_TRUE(call_deleted && meeting_deleted && call_again && meeting_again && fetched);
  EXPECT_EQ(call_deleted->status, 200);
  EXPECT_EQ(json_of(call_deleted), Json::object());
  EXPECT_EQ(meeting_deleted->status, 200);
  EXPECT_EQ(call_again->status, 404);
  EXPECT_EQ(json_of(call_again), (Json{{"error", kCallNotFound}}));
  EXPECT_EQ(meeting_again->status, 404);
  EXPECT_EQ(json_of(meeting_again), (Json{{"error", kMeetingNotFound}}));
  EXPECT_EQ(fetched->status, 404);
  EXPECT_TRUE(server.calls().empty());
  EXPECT_TRUE(server.meetings().empty());
  EXPECT_EQ(server.writes_performed(), 2u);
}

// --- Set and clear outcomes -----------------------------------------------------------------

TEST_F(FakeActivitiesTest, PutSetsAndClearsACallsOutcomeAndChangesNothingElse) {
  const closeio::Outcome outcome = server.seed(OutcomeCreate{"Qualified", {}, {}});
  CallLog fields;
  fields.lead_id = "lead_1";
  fields.note = "kept";
  FakeCallSeed seed;
  seed.call = fields;
  seed.date_created = day(0);
  const Call call = server.seed_call(seed);

  auto set = put(call_path(call.id), R"({"outcome_id": ")" + outcome.id + R"("})");
  ASSERT_TRUE(set);
  EXPECT_EQ(set->status, 200);
  const Json set_body = json_of(set);
  EXPECT_EQ(set_body["outcome_id"], outcome.id);
  EXPECT_EQ(set_body["lead_id"], "lead_1");
  EXPECT_EQ(set_body["note"], "kept");
  EXPECT_EQ(set_body["date_created"], "2026-09-01T00:00:00.000000+00:00");
  EXPECT_GT(set_body["date_updated"].get<std::string>(), "2026-09-01T00:00:00.000000+00:00");
  EXPECT_EQ(set_body["updated_by"], kDefaultUser);
  EXPECT_EQ(server.calls()[0].outcome_id, std::optional<std::string>(outcome.id));

  auto cleared = put(call_path(call.id), R"({"outcome_id": null})");
  ASSERT_TRUE(cleared);
  EXPECT_EQ(cleared->status, 200);
  EXPECT_TRUE(json_of(cleared)["outcome_id"].is_null());
  EXPECT_EQ(server.calls()[0].outcome_id, std::nullopt);
  EXPECT_EQ(server.writes_performed(), 2u);
  EXPECT_EQ(server.creates_performed(), 0u);
}

TEST_F(FakeActivitiesTest, PutSetsAndClearsAMeetingsOutcome) {
  const closeio::Outcome outcome = server.seed(OutcomeCreate{"Demo Booked", {}, {}});
  const Meeting meeting = server.seed_meeting(FakeMeetingSeed{});
  auto set = put(meeting_path(meeting.id), R"({"outcome_id": ")" + outcome.id + R"("})");
  ASSERT_TRUE(set);
  EXPECT_EQ(set->status, 200);
  EXPECT_EQ(json_of(set)["outcome_id"], outcome.id);
  EXPECT_EQ(json_of(set)["outcome_reason"], "user-selected");
  EXPECT_EQ(server.meetings()[0].outcome_id, std::optional<std::string>(outcome.id));

  auto cleared = put(meeting_path(meeting.id), R"({"outcome_id": null, "anything": 1})");
  ASSERT_TRUE(cleared);
  EXPECT_EQ(cleared->status, 200);  // a meeting's body is "any": other keys are ignored
  EXPECT_TRUE(json_of(cleared)["outcome_id"].is_null());
  EXPECT_TRUE(json_of(cleared)["outcome_reason"].is_null());
  EXPECT_EQ(server.writes_performed(), 2u);
}

TEST_F(FakeActivitiesTest, UnusableOutcomesAre400OnOutcomeIdAndChangeNothing) {
  const closeio::Outcome kept = server.seed(OutcomeCreate{"Kept", {}, {}});
  const closeio::Outcome deleted = server.seed(OutcomeCreate{"Gone", {}, {}});
  const closeio::Outcome vm = server.seed(OutcomeCreate{"VM", {}, OutcomeType::vm_dropped});
  ASSERT_TRUE(server.remove_outcome(deleted.id));
  CallLog fields;
  fields.outcome_id = kept.id;
  const Call call = server.seed_call(fields);
  FakeMeetingSeed meeting_seed;
  meeting_seed.outcome_id = kept.id;
  const Meeting meeting = server.seed_meeting(meeting_seed);

  struct Case {
    std::string path, outcome_id, message;
  };
  const std::vector<Case> cases = {
      {call_path(call.id), "outcome_unknown000000000000", kUnknownOutcome},
      {call_path(call.id), deleted.id, kDeletedOutcome},
      {meeting_path(meeting.id), "outcome_unknown000000000000", kUnknownOutcome},
      {meeting_path(meeting.id), deleted.id, kDeletedOutcome},
      {meeting_path(meeting.id), vm.id, kNotForMeetings},
  };
  for (const Case& c : cases) {
    auto result = put(c.path, R"({"outcome_id": ")" + c.outcome_id + R"("})");
    ASSERT_TRUE(result) << c.path;
    EXPECT_EQ(result->status, 400) << c.path << " " << c.outcome_id;
    EXPECT_EQ(json_of(result), validation_error("outcome_id", c.message)) << c.outcome_id;
  }
  EXPECT_EQ(server.calls()[0].outcome_id, std::optional<std::string>(kept.id));
  EXPECT_EQ(server.meetings()[0].outcome_id, std::optional<std::string>(kept.id));
  EXPECT_EQ(server.writes_performed(), 0u);

  auto vm_on_call = put(call_path(call.id), R"({"outcome_id": ")" + vm.id + R"("})");
  ASSERT_TRUE(vm_on_call);
  EXPECT_EQ(vm_on_call->status, 200);  // vm-dropped outcomes apply to calls
}

TEST_F(FakeActivitiesTest, DeletedOutcomeStaysReferencedByItsCallsAndMeetings) {
  const closeio::Outcome outcome = server.seed(OutcomeCreate{"Old", {}, {}});
  CallLog fields;
  fields.outcome_id = outcome.id;
  const Call call = server.seed_call(fields);
  FakeMeetingSeed meeting_seed;
  meeting_seed.outcome_id = outcome.id;
  const Meeting meeting = server.seed_meeting(meeting_seed);

  auto deleted = client.Delete("/api/v1/outcome/" + outcome.id + "/", auth());
  ASSERT_TRUE(deleted);
  EXPECT_EQ(deleted->status, 200);
  auto call_after = get(call_path(call.id));
  auto meeting_after = get(meeting_path(meeting.id));
  auto outcome_after = get("/api/v1/outcome/" + outcome.id + "/");
  ASSERT_TRUE(call_after && meeting_after && outcome_after);
  EXPECT_EQ(json_of(call_after)["outcome_id"], outcome.id);
  EXPECT_EQ(json_of(meeting_after)["outcome_id"], outcome.id);
  EXPECT_EQ(outcome_after->status, 404);

  // A PUT that leaves outcome_id alone still works on a call holding a deleted outcome.
  auto note = put(call_path(call.id), R"({"note": "later"})");
  ASSERT_TRUE(note);
  EXPECT_EQ(note->status, 200);
  EXPECT_EQ(json_of(note)["outcome_id"], outcome.id);
  EXPECT_EQ(json_of(note)["note_html"], "<body><p>later</p></body>");
}

TEST_F(FakeActivitiesTest, CallUpdateRefusesUnknownKeysAndChecksFields) {
  const Call call = server.seed_call(CallLog{});
  const std::vector<std::pair<std::string, Json>> cases = {
      {R"({"direction": "inbound"})", validation_error("direction", "Unknown field.")},
      {R"({"source": "External"})", validation_error("source", "Unknown field.")},
      {R"({"duration": 604801})",
       validation_error("duration",
                        "Must be greater than or equal to 0 and less than or equal to 604800.")},
      {R"({"outcome_id": 5})", validation_error("outcome_id", "Not a valid string.")},
  };
  for (const auto& [body, expected] : cases) {
    auto result = put(call_path(call.id), body);
    ASSERT_TRUE(result) << body;
    EXPECT_EQ(result->status, 400) << body;
    EXPECT_EQ(json_of(result), expected) << body;
  }
  EXPECT_EQ(server.calls()[0], call);
  EXPECT_EQ(server.writes_performed(), 0u);
}

TEST_F(FakeActivitiesTest, CallUpdateIsAPatch) {
  CallLog fields;
  fields.lead_id = "lead_1";
  fields.phone = "+15550002222";
  const Call call = server.seed_call(fields);
  auto result = put(call_path(call.id), R"({"status": "failed", "duration": 12, "phone": null})");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  const Json body = json_of(result);
  EXPECT_EQ(body["status"], "failed");
  EXPECT_EQ(body["disposition"], "error");
  EXPECT_EQ(body["duration"], 12);
  EXPECT_TRUE(body["phone"].is_null());
  EXPECT_EQ(body["lead_id"], "lead_1");
}

TEST_F(FakeActivitiesTest, StatusOfACloseVoipCallCannotBeChanged) {
  FakeCallSeed seed;
  seed.close_voip = true;
  const Call call = server.seed_call(seed);
  auto fetched = get(call_path(call.id));
  auto status = put(call_path(call.id), R"({"status": "busy"})");
  auto outcome = put(call_path(call.id), R"({"outcome_id": null})");
  ASSERT_TRUE(fetched && status && outcome);
  EXPECT_EQ(json_of(fetched)["source"], "Close.io");
  EXPECT_EQ(status->status, 400);
  EXPECT_EQ(json_of(status),
            validation_error("status",
                             "Cannot be changed on a call made through Close's VoIP "
                             "system."));
  EXPECT_EQ(outcome->status, 200);
}

// --- Lists ------------------------------------------------------------------------------------

TEST_F(FakeActivitiesTest, ListIsNewestFirstAndPagesWithLimitAndSkip) {
  const Call a = seed_call_at(0, "lead_a", "user_a");
  const Call c = seed_call_at(2, "lead_a", "user_a");
  const Call b = seed_call_at(1, "lead_a", "user_a");
  auto all = get(kCalls);
  auto first = get(std::string(kCalls) + "?_limit=2");
  auto second = get(std::string(kCalls) + "?_limit=2&_skip=2");
  auto beyond = get(std::string(kCalls) + "?_skip=5");
  ASSERT_TRUE(all && first && second && beyond);
  EXPECT_THAT(ids_of(json_of(all)), ElementsAre(c.id, b.id, a.id));
  EXPECT_FALSE(json_of(all)["has_more"].get<bool>());
  EXPECT_THAT(ids_of(json_of(first)), ElementsAre(c.id, b.id));
  EXPECT_TRUE(json_of(first)["has_more"].get<bool>());
  EXPECT_THAT(ids_of(json_of(second)), ElementsAre(a.id));
  EXPECT_FALSE(json_of(second)["has_more"].get<bool>());
  EXPECT_EQ(json_of(beyond), Json::parse(R"({"data": [], "has_more": false})"));
  EXPECT_EQ(server.calls(), (std::vector<Call>{c, b, a}));
}

TEST_F(FakeActivitiesTest, ListFiltersByLeadUserAndIds) {
  const Call a = seed_call_at(0, "lead_a", "user_a");
  const Call b = seed_call_at(1, "lead_b", "user_a");
  const Call c = seed_call_at(2, "lead_b", "user_b");
  auto lead = get(std::string(kCalls) + "?lead_id=lead_b");
  auto user = get(std::string(kCalls) + "?user_id=user_a");
  auto both = get(std::string(kCalls) + "?lead_id=lead_b&user_id=user_a");
  auto several = get(std::string(kCalls) + "?lead_id=lead_a,lead_b&user_id=user_b");
  auto ids = get(std::string(kCalls) + "?id__in=" + a.id + "," + c.id);
  auto none = get(std::string(kCalls) + "?lead_id=lead_z");
  ASSERT_TRUE(lead && user && both && several && ids && none);
  EXPECT_THAT(ids_of(json_of(lead)), ElementsAre(c.id, b.id));
  EXPECT_THAT(ids_of(json_of(user)), ElementsAre(b.id, a.id));
  EXPECT_THAT(ids_of(json_of(both)), ElementsAre(b.id));
  EXPECT_THAT(ids_of(json_of(several)), ElementsAre(c.id));
  EXPECT_THAT(ids_of(json_of(ids)), ElementsAre(c.id, a.id));
  EXPECT_TRUE(json_of(none)["data"].empty());
}

TEST_F(FakeActivitiesTest, ListFiltersByDateCreated) {
  const Call a = seed_call_at(0, "lead_a", "user_a");  // 2026-09-01
  const Call b = seed_call_at(1, "lead_a", "user_a");  // 2026-09-02
  const Call c = seed_call_at(2, "lead_a", "user_a");  // 2026-09-03
  const std::string base = kCalls;
  struct Case {
    std::string query;
    std::vector<std::string> expected;
  };
  const std::vector<Case> cases = {
      {"date_created__gt=2026-09-01T00:00:00.000000%2B00:00", {c.id, b.id}},
      {"date_created__gt=2026-09-01T00:00:00Z&date_created__lt=2026-09-03T00:00:00Z", {b.id}},
      {"date_created__gte=2026-09-01T00:00:00Z&date_created__lte=2026-09-02", {b.id, a.id}},
      {"date_created__lt=2026-09-02", {a.id}},
      {"date_created__gt=2026-09-02T01:00:00%2B02:00", {c.id, b.id}},  // 2026-09-01T23:00Z
      {"date_created__lt=2026-09-02T00:00:00-01:00", {b.id, a.id}},    // 2026-09-02T01:00Z
  };
  for (const Case& test : cases) {
    auto result = get(base + "?" + test.query);
    ASSERT_TRUE(result) << test.query;
    EXPECT_EQ(result->status, 200) << test.query;
    EXPECT_EQ(ids_of(json_of(result)), test.expected) << test.query;
  }
}

TEST_F(FakeActivitiesTest, DatesWithoutOffsetFollowXTzOffset) {
  const Call a = seed_call_at(0, "lead_a", "user_a");  // 2026-09-01T00:00Z
  // At UTC-4, 2026-08-31T21:00 is 2026-09-01T01:00Z: after the call.
  auto result = client.Get(std::string(kCalls) + "?date_created__lt=2026-08-31T21:00",
                           {{"Authorization", kBasicDefaultKey}, {"X-TZ-Offset", "-4"}});
  auto utc = get(std::string(kCalls) + "?date_created__lt=2026-08-31T21:00");
  ASSERT_TRUE(result && utc);
  EXPECT_THAT(ids_of(json_of(result)), ElementsAre(a.id));
  EXPECT_TRUE(json_of(utc)["data"].empty());
}

TEST_F(FakeActivitiesTest, ListFiltersByActivityAt) {
  CallLog early;
  early.activity_at = day(3);
  CallLog late;
  late.activity_at = day(9);
  server.seed_call(early);
  const Call b = server.seed_call(late);
  auto result =
      get(std::string(kCalls) + "?activity_at__gte=2026-09-06&activity_at__lt=2026-09-11");
  ASSERT_TRUE(result);
  EXPECT_THAT(ids_of(json_of(result)), ElementsAre(b.id));
}

TEST_F(FakeActivitiesTest, BadDateFilterIs400) {
  // Sent as written: httplib would otherwise percent-encode the '+' itself.
  client.set_url_encode(false);
  const std::vector<std::pair<std::string, std::string>> cases = {
      // An unencoded '+' arrives as a space: Close refuses the date.
      {"date_created__gt", "2026-09-01T00:00:00.000000+00:00"},
      {"date_created__lt", "yesterday"},
      {"date_created__gte", "2026-13-01"},
      {"date_created__lte", "2026-02-30"},
      {"activity_at__gt", "2026-09-01T25:00:00Z"},
      {"activity_at__lte", "2026-09-01T10:00:00%2B0"},
      {"activity_at__lt", ""},
  };
  for (const auto& [name, value] : cases) {
    for (const char* path : {kCalls, kMeetings}) {
      auto result = get(std::string(path) + "?" + name + "=" + value);
      ASSERT_TRUE(result) << name << "=" << value;
      EXPECT_EQ(result->status, 400) << name << "=" << value;
      EXPECT_EQ(json_of(result), validation_error(name, kBadDate)) << name << "=" << value;
    }
  }
  const std::vector<closeio::testing::RecordedRequest> requests = server.requests();
  ASSERT_FALSE(requests.empty());
  EXPECT_EQ(requests[0].target,
            std::string(kCalls) + "?date_created__gt=2026-09-01T00:00:00.000000+00:00");
}

TEST_F(FakeActivitiesTest, BadLimitOrSkipIs400) {
  auto limit = get(std::string(kMeetings) + "?_limit=0");
  auto skip = get(std::string(kCalls) + "?_skip=-1");
  ASSERT_TRUE(limit && skip);
  EXPECT_EQ(limit->status, 400);
  EXPECT_EQ(json_of(limit),
            (Json{{"error", "Invalid _limit: must be an integer from 1 to 1000."}}));
  EXPECT_EQ(skip->status, 400);
  EXPECT_EQ(json_of(skip), (Json{{"error", "Invalid _skip: must be a non-negative integer."}}));
}

TEST_F(FakeActivitiesTest, ListFieldsTrimsEveryItem) {
  seed_call_at(0, "lead_a", "user_a");
  seed_call_at(1, "lead_b", "user_a");
  auto result = get(std::string(kCalls) + "?_fields=lead_id,_type");
  ASSERT_TRUE(result);
  EXPECT_EQ(json_of(result), Json::parse(R"({"data": [{"_type": "Call", "lead_id": "lead_b"},
                                                       {"_type": "Call", "lead_id": "lead_a"}],
                                             "has_more": false})"));
}

TEST_F(FakeActivitiesTest, MeetingListFiltersAndPages) {
  FakeMeetingSeed first;
  first.lead_id = "lead_a";
  first.date_created = day(0);
  first.starts_at = day(7);
  FakeMeetingSeed second = first;
  second.lead_id = "lead_b";
  second.date_created = day(1);
  second.starts_at = day(3);
  second.status = MeetingStatus::canceled;
  const Meeting a = server.seed_meeting(first);
  const Meeting b = server.seed_meeting(second);
  auto all = get(kMeetings);
  auto lead = get(std::string(kMeetings) + "?lead_id=lead_a");
  auto created = get(std::string(kMeetings) + "?date_created__gt=2026-09-01T12:00:00Z");
  auto starts = get(std::string(kMeetings) + "?activity_at__gt=2026-09-05");
  auto page = get(std::string(kMeetings) + "?_limit=1&_fields=id,status");
  ASSERT_TRUE(all && lead && created && starts && page);
  EXPECT_THAT(ids_of(json_of(all)), ElementsAre(b.id, a.id));
  EXPECT_THAT(ids_of(json_of(lead)), ElementsAre(a.id));
  EXPECT_THAT(ids_of(json_of(created)), ElementsAre(b.id));
  EXPECT_THAT(ids_of(json_of(starts)), ElementsAre(a.id));
  EXPECT_EQ(json_of(page), (Json{{"data", Json::array({{{"id", b.id}, {"status", "canceled"}}})},
                                 {"has_more", true}}));
  const Json all_json = json_of(all);  // Kept alive: a range-for over a temporary's member dangles.
  for (const Json& item : all_json["data"]) {
    EXPECT_THAT(keys_of(item), IsSupersetOf(kMeetingRequired));
  }
}

// --- Routing, methods, auth -----------------------------------------------------------------

TEST_F(FakeActivitiesTest, MeetingsCannotBeCreatedAndOtherMethodsAre405) {
  const Call call = server.seed_call(CallLog{});
  const Meeting meeting = server.seed_meeting(FakeMeetingSeed{});
  auto post_meeting = client.Post(kMeetings, auth(), R"({"title": "x"})", "application/json");
  auto put_calls = client.Put(kCalls, auth(), "{}", "application/json");
  auto post_call = client.Post(call_path(call.id), auth(), "{}", "application/json");
  auto patch_meeting = client.Patch(meeting_path(meeting.id), auth(), "{}", "application/json");
  for (const auto* result : {&post_meeting, &put_calls, &post_call, &patch_meeting}) {
    ASSERT_TRUE(*result);
    EXPECT_EQ((*result)->status, 405);
    EXPECT_EQ(json_of(*result), (Json{{"error", "Method not allowed"}}));
  }
  EXPECT_EQ(post_meeting->get_header_value("Allow"), "GET, HEAD");
  EXPECT_EQ(put_calls->get_header_value("Allow"), "GET, HEAD, POST");
  EXPECT_EQ(patch_meeting->get_header_value("Allow"), "GET, HEAD, PUT, DELETE");
  EXPECT_EQ(server.meetings().size(), 1u);
  EXPECT_EQ(server.writes_performed(), 0u);
}

TEST_F(FakeActivitiesTest, PathsWithoutTheTrailingSlashAre404) {
  const Call call = server.seed_call(CallLog{});
  auto list = get("/api/v1/activity/call");
  auto log_call = client.Post("/api/v1/activity/call", auth(), "{}", "application/json");
  auto fetch = get("/api/v1/activity/call/" + call.id);
  auto meetings = get("/api/v1/activity/meeting");
  auto generic = get("/api/v1/activity/");
  for (const auto* result : {&list, &log_call, &fetch, &meetings, &generic}) {
    ASSERT_TRUE(*result);
    EXPECT_EQ((*result)->status, 404);
    EXPECT_TRUE(json_of(*result)["error"].is_string());
  }
  EXPECT_EQ(server.calls().size(), 1u);
}

TEST_F(FakeActivitiesTest, EveryActivityRouteNeedsCredentials) {
  const Call call = server.seed_call(CallLog{});
  const Meeting meeting = server.seed_meeting(FakeMeetingSeed{});
  const httplib::Headers wrong = {{"Authorization", "Bearer wrong-token"}};
  auto list = client.Get(kCalls);
  auto log_call = client.Post(kCalls, wrong, "{}", "application/json");
  auto fetch = client.Get(call_path(call.id), wrong);
  auto update =
      client.Put(meeting_path(meeting.id), wrong, R"({"outcome_id": null})", "application/json");
  auto meetings = client.Get(kMeetings, wrong);
  for (const auto* result : {&list, &log_call, &fetch, &update, &meetings}) {
    ASSERT_TRUE(*result);
    EXPECT_EQ((*result)->status, 401);
    EXPECT_TRUE(json_of(*result)["error"].is_string());
  }
  auto bearer = client.Get(kMeetings, {{"Authorization", "Bearer test-access-token"}});
  ASSERT_TRUE(bearer);
  EXPECT_EQ(bearer->status, 200);
  EXPECT_EQ(server.calls().size(), 1u);
  EXPECT_EQ(server.writes_performed(), 0u);
}

// --- Scripted answers -----------------------------------------------------------------------

TEST_F(FakeActivitiesTest, ScriptedFailureOnALogStoresNothingUnlessPerformed) {
  ScriptedResponse refused;
  refused.method = "POST";
  refused.path = kCalls;
  refused.status = 503;
  refused.body = "{}";
  server.script(refused);
  ScriptedResponse lost = refused;
  lost.status = 504;
  lost.perform = true;
  server.script(lost);

  auto first = log(R"({"lead_id": "lead_1"})");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 503);
  EXPECT_TRUE(server.calls().empty());
  auto second = log(R"({"lead_id": "lead_2"})");
  ASSERT_TRUE(second);
  EXPECT_EQ(second->status, 504);
  EXPECT_EQ(second->body, "{}");
  ASSERT_EQ(server.calls().size(), 1u);
  EXPECT_EQ(server.calls()[0].lead_id, std::optional<std::string>("lead_2"));
  EXPECT_EQ(server.creates_performed(), 1u);
  EXPECT_EQ(server.writes_performed(), 1u);
}

TEST_F(FakeActivitiesTest, PerformedScriptedPutSetsTheOutcome) {
  const closeio::Outcome outcome = server.seed(OutcomeCreate{"Qualified", {}, {}});
  const Meeting meeting = server.seed_meeting(FakeMeetingSeed{});
  ScriptedResponse lost;
  lost.method = "PUT";
  lost.path = meeting_path(meeting.id);
  lost.status = 502;
  lost.body = "<html>Bad Gateway</html>";
  lost.content_type = "text/html";
  lost.perform = true;
  server.script(lost);
  auto result = put(meeting_path(meeting.id), R"({"outcome_id": ")" + outcome.id + R"("})");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 502);
  EXPECT_EQ(server.meetings()[0].outcome_id, std::optional<std::string>(outcome.id));
  EXPECT_EQ(server.writes_performed(), 1u);
}

TEST_F(FakeActivitiesTest, ScriptedFaultsReachTheActivityRoutes) {
  ScriptedResponse dropped;
  dropped.path = kCalls;
  dropped.fault = Fault::drop_mid_body;
  dropped.body = R"({"data": [], "has_more": false})";
  server.script(dropped);
  ScriptedResponse closed;
  closed.path = kMeetings;
  closed.fault = Fault::close_connection;
  server.script(closed);
  auto meetings = client.Get(kMeetings, auth());  // the calls entry keeps its place
  auto calls = client.Get(kCalls, auth());
  EXPECT_FALSE(meetings);
  EXPECT_FALSE(calls);
  auto after = client.Get(kCalls, auth());
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 200);
}

// --- Seeding --------------------------------------------------------------------------------

TEST(FakeActivitiesSeed, RejectsWhatCloseCannotHold) {
  FakeCloseServer server;
  CallLog unknown_status;
  unknown_status.status = CallStatus::unknown;
  CallLog unknown_direction;
  unknown_direction.direction = CallDirection::unknown;
  CallLog too_long;
  too_long.duration = std::chrono::seconds(604801);
  FakeMeetingSeed unknown_meeting;
  unknown_meeting.status = MeetingStatus::unknown;
  FakeMeetingSeed negative;
  negative.duration = std::chrono::seconds(-1);
  EXPECT_THROW(server.seed_call(unknown_status), std::invalid_argument);
  EXPECT_THROW(server.seed_call(unknown_direction), std::invalid_argument);
  EXPECT_THROW(server.seed_call(too_long), std::invalid_argument);
  EXPECT_THROW(server.seed_meeting(unknown_meeting), std::invalid_argument);
  EXPECT_THROW(server.seed_meeting(negative), std::invalid_argument);
  EXPECT_TRUE(server.calls().empty());
  EXPECT_TRUE(server.meetings().empty());
}

TEST(FakeActivitiesSeed, DefaultsAndClear) {
  FakeCloseServer server;
  const Timestamp before =
      std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
  FakeMeetingSeed upcoming;
  upcoming.starts_at =
      std::chrono::time_point_cast<std::chrono::microseconds>(before + std::chrono::hours(48));
  const Meeting meeting = server.seed_meeting(upcoming);
  const Call call = server.seed_call(CallLog{});
  EXPECT_EQ(meeting.status, std::optional<MeetingStatus>(MeetingStatus::upcoming));
  EXPECT_EQ(meeting.ends_at - meeting.starts_at, std::chrono::hours(1));
  EXPECT_EQ(meeting.user_id, std::optional<std::string>(kDefaultUser));
  EXPECT_GE(meeting.date_created, before);
  EXPECT_EQ(call.status, CallStatus::completed);
  EXPECT_EQ(call.activity_at, std::optional<Timestamp>(call.date_created));
  EXPECT_NE(call.id, meeting.id);
  server.clear_activities();
  EXPECT_TRUE(server.calls().empty());
  EXPECT_TRUE(server.meetings().empty());
  EXPECT_FALSE(server.remove_outcome("outcome_unknown"));
}

}  // namespace
}  // namespace e2e_fake_activities_test
