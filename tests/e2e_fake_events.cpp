// The emulator's Event Log (`/event/`): events recorded for calls and meetings written through
// the SDK's CallsClient/MeetingsClient (and deleted with a plain HTTP client, the SDK having no
// delete), read back over loopback with httplib. Expected shapes come from EVENTS.md (§1.1, §3,
// §4), written out here by hand.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "support/test_client.hpp"

namespace e2e_fake_events_test {
namespace {

using closeio::CallLog;
using closeio::CallStatus;
using closeio::MeetingStatus;
using closeio::Timestamp;
using closeio::testing::FakeCloseServer;
using closeio::testing::FakeCloseServerOptions;
using closeio::testing::FakeEventSeed;
using closeio::testing::FakeMeetingSeed;
using Json = nlohmann::json;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;

constexpr char kEvents[] = "/api/v1/event/";
constexpr char kEventId[] = "ev_[0-9A-Za-z]{22}";
constexpr char kRequestId[] = "req_[0-9A-Za-z]{22}";
// An event's own dates carry no UTC offset; the object's dates inside `data` do.
constexpr char kEventDate[] = "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{6}";
constexpr char kObjectDate[] =
    "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{6}\\+00:00";
constexpr char kOrganization[] = "orga_fake0000000000000000000";
constexpr char kUser[] = "user_fake0000000000000000000";
constexpr char kApiKeyId[] = "api_fake0000000000000000000";

Timestamp minutes_ago(int minutes) {
  return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now() -
                                                                 std::chrono::minutes(minutes));
}

class FakeEvents : public ::testing::Test {
 protected:
  explicit FakeEvents(FakeCloseServerOptions options = {}) : server(std::move(options)) {
    client.set_basic_auth(FakeCloseServerOptions().api_key, "");
  }

  // GET `target`; fails the test unless answered with `status`.
  Json get(const std::string& target, int status = 200) {
    const httplib::Result result = client.Get(target);
    EXPECT_TRUE(result) << target << ": " << httplib::to_string(result.error());
    if (!result) return Json();
    EXPECT_EQ(result->status, status) << target << ": " << result->body;
    return Json::parse(result->body);
  }
  // The events of one object, oldest first.
  std::vector<Json> history(const std::string& object_type, const std::string& id) {
    Json page = get(std::string(kEvents) + "?object_type=" + object_type + "&object_id=" + id);
    std::vector<Json> events(page["data"].rbegin(), page["data"].rend());
    return events;
  }
  static std::vector<std::string> actions(const std::vector<Json>& events) {
    std::vector<std::string> out;
    for (const Json& event : events) out.push_back(event["action"]);
    return out;
  }
  void expect_close_shape(const Json& event) {
    EXPECT_THAT(event["id"].get<std::string>(), MatchesRegex(kEventId));
    EXPECT_THAT(event["date_created"].get<std::string>(), MatchesRegex(kEventDate));
    EXPECT_THAT(event["date_updated"].get<std::string>(), MatchesRegex(kEventDate));
    EXPECT_EQ(event["organization_id"], kOrganization);
    for (const char* key :
         {"object_type", "object_id", "action", "lead_id", "user_id", "request_id", "api_key_id",
          "changed_fields", "previous_data", "data", "meta"}) {
      EXPECT_TRUE(event.contains(key)) << key;
    }
  }

  FakeCloseServer server;
  httplib::Client client{"127.0.0.1", server.port()};
  closeio::CallsClient calls{closeio::test::options_for(server)};
  closeio::MeetingsClient meetings{closeio::test::options_for(server)};
};

TEST_F(FakeEvents, ACallLoggedUpdatedAndDeletedLeavesThreeEventsInClosesShape) {
  const closeio::Outcome demo = closeio::test::seed_outcome(server, "Demo Booked");
  CallLog log;
  log.lead_id = "lead_9";
  log.note = "first";
  const closeio::Call call = calls.log(log);
  calls.set_outcome(call.id, demo.id);
  const httplib::Result removed =
      client.Delete(std::string("/api/v1/activity/call/") + call.id + "/");
  ASSERT_TRUE(removed);
  ASSERT_EQ(removed->status, 200);

  const std::vector<Json> events = history("activity.call", call.id);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_THAT(actions(events), ElementsAre("created", "updated", "deleted"));
  std::set<std::string> request_ids;
  for (const Json& event : events) {
    expect_close_shape(event);
    EXPECT_EQ(event["object_type"], "activity.call");
    EXPECT_EQ(event["object_id"], call.id);
    EXPECT_EQ(event["lead_id"], "lead_9");
    EXPECT_EQ(event["user_id"], kUser);
    EXPECT_EQ(event["api_key_id"], kApiKeyId);  // the SDK authenticates with the API key
    EXPECT_THAT(event["request_id"].get<std::string>(), MatchesRegex(kRequestId));
    request_ids.insert(event["request_id"].get<std::string>());
  }
  EXPECT_EQ(request_ids.size(), 3u);  // one request each

  const Json& created = events[0];
  EXPECT_EQ(created["meta"],
            Json({{"request_method", "POST"}, {"request_path", "/api/v1/activity/call/"}}));
  EXPECT_EQ(created["data"]["id"], call.id);
  EXPECT_EQ(created["data"]["note"], "first");
  EXPECT_THAT(created["data"]["date_created"].get<std::string>(), MatchesRegex(kObjectDate));
  EXPECT_EQ(created["previous_data"], nullptr);
  EXPECT_EQ(created["changed_fields"], Json::array());

  const Json& updated = events[1];
  EXPECT_EQ(updated["meta"]["request_method"], "PUT");
  EXPECT_EQ(updated["meta"]["request_path"], "/api/v1/activity/call/" + call.id + "/");
  EXPECT_THAT(updated["changed_fields"], Contains("outcome_id"));
  EXPECT_THAT(updated["changed_fields"], Contains("date_updated"));
  std::vector<std::string> sorted = updated["changed_fields"];
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(updated["changed_fields"], Json(sorted));  // sorted, as in Close's examples
  EXPECT_EQ(updated["previous_data"]["outcome_id"], nullptr);
  EXPECT_EQ(updated["data"]["outcome_id"], demo.id);
  // previous_data holds exactly the changed fields.
  EXPECT_EQ(updated["previous_data"].size(), updated["changed_fields"].size());
  EXPECT_FALSE(updated["previous_data"].contains("note"));

  const Json& deleted = events[2];
  EXPECT_EQ(deleted["meta"]["request_method"], "DELETE");
  EXPECT_EQ(deleted["data"], nullptr);
  EXPECT_EQ(deleted["previous_data"]["id"], call.id);
  EXPECT_EQ(deleted["previous_data"]["outcome_id"], demo.id);
}

TEST_F(FakeEvents, ACallsStatusChangesAddAnsweredAndCompleted) {
  CallLog log;
  log.lead_id = "lead_1";
  log.status = CallStatus::created;
  const closeio::Call call = calls.log(log);
  const std::string path = std::string("/api/v1/activity/call/") + call.id + "/";
  ASSERT_EQ(client.Put(path, R"({"status": "in-progress"})", "application/json")->status, 200);
  ASSERT_EQ(
      client.Put(path, R"({"status": "completed", "duration": 61})", "application/json")->status,
      200);
  // A PUT that changes nothing records nothing.
  ASSERT_EQ(client.Put(path, R"({"status": "completed"})", "application/json")->status, 200);

  const std::vector<Json> events = history("activity.call", call.id);
  EXPECT_THAT(actions(events),
              ElementsAre("created", "updated", "answered", "updated", "completed"));
  ASSERT_EQ(events.size(), 5u);
  EXPECT_EQ(events[1]["previous_data"]["status"], "created");
  EXPECT_EQ(events[1]["request_id"], events[2]["request_id"]);  // one PUT, two events
  EXPECT_EQ(events[3]["previous_data"]["status"], "in-progress");
  EXPECT_EQ(events[3]["previous_data"]["duration"], 0);
  EXPECT_EQ(events[4]["data"]["status"], "completed");
  EXPECT_EQ(events[4]["data"]["duration"], 61);

  // request_id alone is an allowed filter: exactly the events of that PUT.
  const Json same_request =
      get(std::string(kEvents) + "?request_id=" + events[3]["request_id"].get<std::string>());
  ASSERT_EQ(same_request["data"].size(), 2u);
  EXPECT_EQ(same_request["data"][0]["action"], "completed");
  EXPECT_EQ(same_request["data"][1]["action"], "updated");
}

TEST_F(FakeEvents, AMeetingsOutcomeAndStatusChangesAreRecordedWithTheirActions) {
  const closeio::Outcome demo = closeio::test::seed_outcome(server, "Demo Booked");
  FakeMeetingSeed seed;
  seed.lead_id = "lead_7";
  seed.starts_at = minutes_ago(-60);  // in an hour: upcoming
  const closeio::Meeting meeting = server.seed_meeting(seed);
  meetings.set_outcome(meeting.id, demo.id);
  ASSERT_TRUE(server.set_meeting_status(meeting.id, MeetingStatus::in_progress));
  ASSERT_TRUE(server.set_meeting_status(meeting.id, MeetingStatus::completed));
  EXPECT_FALSE(server.set_meeting_status("acti_unknown", MeetingStatus::canceled));

  const std::vector<Json> events = history("activity.meeting", meeting.id);
  EXPECT_THAT(actions(events), ElementsAre("created", "scheduled", "updated", "updated", "started",
                                           "updated", "completed"));
  ASSERT_EQ(events.size(), 7u);
  EXPECT_EQ(events[0]["request_id"], nullptr);  // seeded: no request, no user
  EXPECT_EQ(events[0]["user_id"], nullptr);
  EXPECT_EQ(events[0]["lead_id"], "lead_7");
  EXPECT_THAT(events[2]["changed_fields"], Contains("outcome_id"));
  EXPECT_EQ(events[2]["previous_data"]["outcome_id"], nullptr);
  EXPECT_EQ(events[2]["data"]["outcome_id"], demo.id);
  EXPECT_EQ(events[2]["user_id"], kUser);
  EXPECT_EQ(events[3]["previous_data"]["status"], "upcoming");
  EXPECT_EQ(events[3]["data"]["status"], "in-progress");
  EXPECT_EQ(events[6]["data"]["status"], "completed");

  // The emulator's own view agrees with /event/.
  const std::vector<closeio::Event> log = server.events();
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(log.front().id, events.back()["id"]);
  EXPECT_EQ(log.front().action, "completed");
  EXPECT_EQ(log.front().object_type, "activity.meeting");
  EXPECT_EQ(server.event_count(), 7u);
}

TEST_F(FakeEvents, FetchByIdAnswersTheListedEventAnd404sOtherwise) {
  const closeio::Call call = server.seed_call(CallLog{});
  const std::vector<Json> events = history("activity.call", call.id);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(get(std::string(kEvents) + events[0]["id"].get<std::string>() + "/"), events[0]);
  for (const std::string id : {"ev_unknown", "..", "%2E%2E", "a%2Fb", "%00"}) {
    const Json body = get(std::string(kEvents) + id + "/", 404);
    EXPECT_TRUE(body.contains("error")) << id;
  }
  const httplib::Result post = client.Post(kEvents, "{}", "application/json");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 405);
}

TEST_F(FakeEvents, CursorsWalkMoreThan50EventsWithoutLossOrDuplicateWhileWritesArrive) {
  std::set<std::string> seeded;
  for (int i = 0; i < 120; ++i) {
    FakeEventSeed seed;
    seed.object_type = "lead";
    seed.action = "created";
    seed.object_id = "lead_" + std::to_string(i);
    seed.lead_id = seed.object_id;
    seed.date_created = minutes_ago(200 - i);  // distinct, increasing
    seeded.insert(server.seed_event(seed).id);
  }
  std::set<std::string> seen;
  std::vector<std::size_t> sizes;
  std::string previous_date = "9999";
  Json page = get(std::string(kEvents) + "?_limit=500");  // capped at 50
  EXPECT_EQ(page["cursor_previous"], nullptr);            // nothing newer yet
  for (;;) {
    sizes.push_back(page["data"].size());
    for (const Json& event : page["data"]) {
      EXPECT_TRUE(seen.insert(event["id"].get<std::string>()).second) << "duplicate";
      const std::string date = event["date_updated"];
      EXPECT_LT(date, previous_date);  // newest first
      previous_date = date;
    }
    if (sizes.size() == 1) {
      // Writes between pages do not disturb the walk.
      for (int i = 0; i < 7; ++i) server.seed_call(CallLog{});
    }
    if (page["cursor_next"].is_null()) break;
    ASSERT_LT(sizes.size(), 10u);
    page = get(std::string(kEvents) + "?_cursor=" + page["cursor_next"].get<std::string>());
  }
  EXPECT_THAT(sizes, ElementsAre(50u, 50u, 20u));
  EXPECT_EQ(seen, seeded);
}

TEST_F(FakeEvents, AWalkWhileAnotherThreadWritesSeesExactlyTheEventsThatWereThere) {
  std::set<std::string> before;
  for (int i = 0; i < 130; ++i) server.seed_call(CallLog{});
  for (const closeio::Event& event : server.events()) before.insert(event.id);
  ASSERT_EQ(before.size(), 130u);

  // The writer logs calls without pause on its own connection; after every page the walk waits
  // until the writer has had one more call answered, so each page boundary sees a new event
  // however the threads are scheduled (a loaded machine once let the walk finish first).
  std::mutex mutex;
  std::condition_variable wrote;
  bool walking = true;
  int written = 0;
  std::thread writer([&] {
    httplib::Client own("127.0.0.1", server.port());
    own.set_basic_auth(FakeCloseServerOptions().api_key, "");
    own.set_keep_alive(true);
    own.set_read_timeout(std::chrono::seconds(60));
    for (;;) {
      {
        std::lock_guard<std::mutex> lock(mutex);
        if (!walking) return;
      }
      const httplib::Result logged =
          own.Post("/api/v1/activity/call/", R"({"lead_id": "lead_w"})", "application/json");
      if (logged && logged->status == 200) {
        std::lock_guard<std::mutex> lock(mutex);
        ++written;
        wrote.notify_all();
      }
    }
  });
  const auto wait_for_a_write = [&] {
    std::unique_lock<std::mutex> lock(mutex);
    const int mark = written;
    // Bounded so that a writer whose calls all fail ends the test instead of hanging it.
    return wrote.wait_for(lock, std::chrono::seconds(60), [&] { return written > mark; });
  };
  client.set_read_timeout(std::chrono::seconds(60));
  std::set<std::string> seen;
  bool interleaved = true;
  Json page = get(std::string(kEvents) + "?_limit=7");
  for (int pages = 0; pages < 100; ++pages) {
    for (const Json& event : page["data"]) seen.insert(event["id"].get<std::string>());
    if (page["cursor_next"].is_null()) break;
    interleaved = interleaved && wait_for_a_write();
    page =
        get(std::string(kEvents) + "?_limit=7&_cursor=" + page["cursor_next"].get<std::string>());
  }
  {
    std::lock_guard<std::mutex> lock(mutex);
    walking = false;
  }
  writer.join();
  EXPECT_TRUE(interleaved) << "the writer's calls were not answered 200";
  // The first page may already hold some of the new events (they are the newest); every older
  // page holds exactly what was there before, once.
  std::set<std::string> old_seen;
  for (const std::string& id : seen) {
    if (before.count(id) != 0) old_seen.insert(id);
  }
  EXPECT_EQ(old_seen, before);
  EXPECT_LE(seen.size() - old_seen.size(), 7u);
  // Every event beyond the seeded ones is one of the writer's calls being created, and each of
  // its calls the server kept has one. (Counted on the server: a call whose answer the writer
  // did not get still has its event.)
  std::size_t writer_calls = 0;
  for (const closeio::Call& call : server.calls()) writer_calls += call.lead_id == "lead_w";
  std::size_t new_events = 0;
  for (const closeio::Event& event : server.events()) {
    if (before.count(event.id) != 0) continue;
    ++new_events;
    EXPECT_EQ(event.lead_id, std::optional<std::string>("lead_w"));
    EXPECT_EQ(event.action, "created");
  }
  EXPECT_EQ(new_events, writer_calls);
  EXPECT_GE(writer_calls, static_cast<std::size_t>(written));
  EXPECT_GE(written, 18);  // at least one write after each of the 18 page boundaries
}

TEST_F(FakeEvents, CursorPreviousLeadsToEventsThatArrivedLater) {
  for (int i = 0; i < 3; ++i) server.seed_call(CallLog{});
  const Json first = get(std::string(kEvents) + "?object_type=activity.call&action=created");
  ASSERT_EQ(first["data"].size(), 3u);
  EXPECT_EQ(first["cursor_previous"], nullptr);
  for (int i = 0; i < 4; ++i) server.seed_call(CallLog{});
  // Ask again from the top: the first page now has newer events above the old top.
  const Json again =
      get(std::string(kEvents) + "?object_type=activity.call&action=created&_limit=2");
  ASSERT_EQ(again["data"].size(), 2u);
  const Json older = get(std::string(kEvents) + "?object_type=activity.call&action=created" +
                         "&_limit=5&_cursor=" + again["cursor_next"].get<std::string>());
  ASSERT_EQ(older["data"].size(), 5u);
  EXPECT_EQ(older["cursor_next"], nullptr);
  ASSERT_FALSE(older["cursor_previous"].is_null());
  const Json back = get(std::string(kEvents) + "?object_type=activity.call&action=created" +
                        "&_limit=2&_cursor=" + older["cursor_previous"].get<std::string>());
  EXPECT_EQ(back["data"], again["data"]);
}

TEST_F(FakeEvents, DateBoundsFilterAndStayWithTheCursor) {
  std::vector<std::string> ids;
  for (int i = 0; i < 10; ++i) {
    FakeEventSeed seed;
    seed.object_type = "lead";
    seed.action = "updated";
    seed.user_id = "user_a";
    seed.date_created = Timestamp(std::chrono::seconds(1'900'000'000 + 60 * i));
    ids.push_back(server.seed_event(seed).id);
  }
  // 1'900'000'180 = 2030-03-17T17:46:40+00:00 + 180 s; offset-less dates are UTC.
  const std::string query = std::string(kEvents) +
                            "?user_id=user_a&date_updated__gte=2030-03-17T17:49:40" +
                            "&date_updated__lt=2030-03-17T17:53:40.000000%2B00:00";
  const Json all = get(query);
  ASSERT_EQ(all["data"].size(), 4u);  // events 3..6
  EXPECT_EQ(all["data"][0]["id"], ids[6]);
  EXPECT_EQ(all["data"][3]["id"], ids[3]);
  const Json first = get(query + "&_limit=3");
  ASSERT_EQ(first["data"].size(), 3u);
  // Close does not ask for date_updated again with the cursor; the bounds still hold.
  const Json rest = get(std::string(kEvents) +
                        "?user_id=user_a&_cursor=" + first["cursor_next"].get<std::string>());
  ASSERT_EQ(rest["data"].size(), 1u);
  EXPECT_EQ(rest["data"][0]["id"], ids[3]);
  EXPECT_EQ(rest["cursor_next"], nullptr);
}

TEST_F(FakeEvents, RefusedFilterCombinationsAndBadParametersAnswer400) {
  for (const std::string query :
       {"object_type=lead", "action=created", "object_id=lead_1", "request_id=req_1&lead_id=l",
        "object_type=lead&object_id=a&action=created", "lead_id=l&object_id=o",
        "date_updated__gte=2026-01-01&action=created"}) {
    const Json body = get(std::string(kEvents) + "?" + query, 400);
    EXPECT_THAT(body["error"].get<std::string>(), HasSubstr("combination")) << query;
  }
  for (const std::string query :
       {"", "object_type=lead&object_id=a", "object_type=lead&action=created", "lead_id=l",
        "user_id=u", "request_id=r", "lead_id=l&user_id=u&object_type=t&action=a",
        "user_id=u&object_id=o&action=a", "lead_id=l&date_updated__gte=2026-01-01"}) {
    get(std::string(kEvents) + "?" + query, 200);
  }
  EXPECT_THAT(get(std::string(kEvents) + "?_skip=10", 400)["error"].get<std::string>(),
              HasSubstr("_cursor"));
  EXPECT_TRUE(get(std::string(kEvents) + "?_limit=0", 400).contains("error"));
  EXPECT_TRUE(get(std::string(kEvents) + "?_limit=-1", 400).contains("error"));
  EXPECT_TRUE(get(std::string(kEvents) + "?_cursor=not-a-cursor", 400).contains("error"));
  EXPECT_TRUE(
      get(std::string(kEvents) + "?_cursor=" + std::string(5000, 'a'), 400).contains("error"));
  const Json bad_date = get(std::string(kEvents) + "?date_updated__gt=yesterday", 400);
  EXPECT_TRUE(bad_date["field-errors"].contains("date_updated__gt"));
}

class SmallEventLog : public FakeEvents {
 protected:
  static FakeCloseServerOptions small() {
    FakeCloseServerOptions options;
    options.max_events = 5;
    return options;
  }
  SmallEventLog() : FakeEvents(small()) {}
};

TEST_F(SmallEventLog, KeepsTheNewestMaxEventsAndNothingOlderThanThirtyDays) {
  FakeEventSeed old;
  old.object_type = "lead";
  old.date_created = minutes_ago(31 * 24 * 60);
  const closeio::Event expired = server.seed_event(old);
  EXPECT_EQ(server.event_count(), 0u);
  get(std::string(kEvents) + expired.id + "/", 404);

  std::vector<std::string> ids;
  for (int i = 0; i < 8; ++i) ids.push_back(server.seed_call(CallLog{}).id);
  EXPECT_EQ(server.event_count(), 5u);
  const Json page = get(kEvents);
  ASSERT_EQ(page["data"].size(), 5u);
  EXPECT_EQ(page["data"][0]["object_id"], ids[7]);
  EXPECT_EQ(page["data"][4]["object_id"], ids[3]);
  server.clear_events();
  EXPECT_EQ(server.event_count(), 0u);
  FakeEventSeed bad;
  bad.data = "{bad";
  EXPECT_THROW(server.seed_event(bad), std::invalid_argument);
}

TEST_F(FakeEvents, BearerRequestsHaveNoApiKeyId) {
  httplib::Client bearer("127.0.0.1", server.port());
  bearer.set_bearer_token_auth(FakeCloseServerOptions().access_token);
  const httplib::Result logged =
      bearer.Post("/api/v1/activity/call/", R"({"lead_id": "lead_b"})", "application/json");
  ASSERT_TRUE(logged);
  ASSERT_EQ(logged->status, 200);
  const Json page = get(std::string(kEvents) + "?lead_id=lead_b");
  ASSERT_EQ(page["data"].size(), 1u);
  EXPECT_EQ(page["data"][0]["api_key_id"], nullptr);
  EXPECT_EQ(page["data"][0]["user_id"], kUser);
}

}  // namespace
}  // namespace e2e_fake_events_test
