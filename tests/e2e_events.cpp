// Every EventsClient operation and mapped error, blocking, future and callback forms, through
// the real libcurl transport against the local Close emulator's Event Log.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <future>
#include <string>
#include <vector>

#include "closeio/mocks/mock_events_connection.hpp"
#include "support/test_client.hpp"

namespace closeio::e2e_events_test {
namespace {

using test::utc;
using testing::FakeCloseServer;
using testing::FakeEventSeed;
using ::testing::HasSubstr;
using testing::ScriptedResponse;

class Events : public ::testing::Test {
 protected:
  // Seeds an event of `object_type` dated `unix_seconds` (recent: inside the 30-day window).
  Event seed(const std::string& object_type, const std::string& action, std::int64_t offset_s,
             const std::string& lead = "lead_1") {
    FakeEventSeed s;
    s.object_type = object_type;
    s.action = action;
    s.object_id = "obj_" + std::to_string(offset_s);
    s.lead_id = lead;
    s.date_created = base + std::chrono::seconds(offset_s);
    return server.seed_event(s);
  }

  std::vector<std::string> get_targets() const {
    std::vector<std::string> out;
    for (const auto& request : server.requests()) {
      if (request.method == "GET") out.push_back(request.target);
    }
    return out;
  }

  FakeCloseServer server;  // Before the options, which read its URL.
  ClientOptions client_options = [this] {
    ClientOptions o = test::options_for(server);
    o.retry_policy = std::make_shared<DefaultRetryPolicy>(0);
    return o;
  }();
  EventsClient events{client_options};
  // An hour ago, whole seconds: inside Close's 30 days.
  Timestamp base = std::chrono::time_point_cast<std::chrono::seconds>(
      std::chrono::system_clock::now() - std::chrono::hours(1));
};

TEST_F(Events, ListWalksCursorPagesNewestFirstRepeatingTheFilter) {
  std::vector<std::string> expected;  // Newest first: the highest offset first.
  for (int i = 0; i < 5; ++i) expected.insert(expected.begin(), seed("lead", "created", i).id);
  seed("lead", "created", 10, "lead_other");  // Another lead: filtered out.

  EventFilter filter;
  filter.lead_id = "lead_1";
  EventListOptions options;
  options.limit = 2;
  EventRange range = events.list(filter, options);
  std::vector<std::string> seen;
  for (const Event& event : range) seen.push_back(event.id);
  EXPECT_EQ(seen, expected);
  EXPECT_EQ(range.pages_fetched(), 3);

  const std::vector<std::string> targets = get_targets();
  ASSERT_EQ(targets.size(), 3U);
  EXPECT_EQ(targets[0], "/api/v1/event/?lead_id=lead_1&_limit=2");
  for (std::size_t i = 1; i < targets.size(); ++i) {
    EXPECT_THAT(targets[i], ::testing::StartsWith("/api/v1/event/?lead_id=lead_1&_cursor="));
    EXPECT_THAT(targets[i], ::testing::EndsWith("&_limit=2"));
  }
}

TEST_F(Events, ListPageReturnsTheCursorsAndFollowsThem) {
  for (int i = 0; i < 3; ++i) seed("activity.call", "updated", i);
  EventListOptions options;
  options.limit = 2;
  const CursorPage<Event> first = events.list_page({}, options);
  ASSERT_EQ(first.data.size(), 2U);
  ASSERT_TRUE(first.cursor_next.has_value());
  options.cursor = *first.cursor_next;
  const CursorPage<Event> second = events.list_page({}, options);
  ASSERT_EQ(second.data.size(), 1U);
  EXPECT_LT(second.data[0].date_updated, first.data[1].date_updated);  // Older.
}

TEST_F(Events, FiltersByTypeActionAndDateBounds) {
  seed("activity.call", "created", 1);
  const Event wanted = seed("activity.call", "completed", 2);
  seed("activity.meeting", "completed", 3);
  seed("activity.call", "completed", 30);  // After the upper bound.

  EventFilter filter;
  filter.object_type = "activity.call";
  filter.action = "completed";
  filter.updated_since = base;
  filter.updated_until = base + std::chrono::seconds(10);
  std::vector<Event> got;
  for (const Event& event : events.list(filter)) got.push_back(event);
  ASSERT_EQ(got.size(), 1U);
  EXPECT_EQ(got[0].id, wanted.id);
  EXPECT_EQ(got[0].object_type, "activity.call");
  EXPECT_EQ(got[0].action, "completed");
  EXPECT_THAT(get_targets().at(0), HasSubstr("date_updated__gte="));
}

TEST_F(Events, CallsChangedThroughTheApiAppearWithTheirChangedFields) {
  CallsClient calls(client_options);
  const Outcome demo = test::seed_outcome(server, "Demo Booked");
  CallLog log;
  log.lead_id = "lead_42";
  const Call call = calls.log(log);
  calls.set_outcome(call.id, demo.id);

  EventFilter filter;
  filter.lead_id = "lead_42";
  filter.object_type = "activity.call";
  std::vector<Event> got;
  for (const Event& event : events.list(filter)) got.push_back(event);
  ASSERT_GE(got.size(), 2U);
  const auto updated =
      std::find_if(got.begin(), got.end(), [](const Event& e) { return e.action == "updated"; });
  ASSERT_NE(updated, got.end());
  EXPECT_EQ(updated->object_id, call.id);
  EXPECT_THAT(updated->changed_fields, ::testing::Contains("outcome_id"));
  const std::optional<Call> as_call = updated->as_call();
  ASSERT_TRUE(as_call.has_value());
  EXPECT_EQ(as_call->outcome_id, demo.id);
  EXPECT_EQ(got.back().action, "created");  // Oldest last.
}

TEST_F(Events, FetchReturnsOneEventAndUnknownIdsAreNotFound) {
  const Event seeded = seed("activity.meeting", "completed", 5);
  const Event fetched = events.fetch(seeded.id);
  EXPECT_EQ(fetched.id, seeded.id);
  EXPECT_EQ(fetched.object_type, "activity.meeting");
  EXPECT_EQ(fetched.date_updated, seeded.date_updated);
  EXPECT_EQ(server.requests().back().target, "/api/v1/event/" + seeded.id + "/");
  try {
    events.fetch("ev_missing");
    FAIL();
  } catch (const NotFoundError& e) {
    EXPECT_EQ(e.status(), 404);
    EXPECT_THAT(e.what(), HasSubstr("GET /event/ev_missing/"));
  }
}

TEST_F(Events, RefusedCombinationsAreRefusedBeforeSendingAndCloses400IsBadRequest) {
  EventFilter refused;
  refused.action = "deleted";  // action alone is not a documented combination.
  EXPECT_THROW(events.list_page(refused), std::invalid_argument);
  EXPECT_THROW(events.list(refused), std::invalid_argument);
  EXPECT_TRUE(server.requests().empty());

  // Close may refuse what the documentation allows: its 400 is a BadRequestError.
  ScriptedResponse r;
  r.status = 400;
  r.path = "/api/v1/event/";
  r.body = R"({"error":"This combination of filters is not supported."})";
  server.script(r);
  EventFilter allowed;
  allowed.request_id = "req_1";
  try {
    events.list_page(allowed);
    FAIL();
  } catch (const BadRequestError& e) {
    EXPECT_EQ(e.status(), 400);
    EXPECT_THAT(e.message(), HasSubstr("combination"));
  }
  // The emulator's own refusal of a bad cursor, end to end.
  EventListOptions bad_cursor;
  bad_cursor.cursor = "not-a-cursor";
  EXPECT_THROW(events.list_page({}, bad_cursor), BadRequestError);
}

TEST_F(Events, LimitAboveFiftyAndHostileIdsAreRefusedBeforeSending) {
  EventListOptions options;
  options.limit = 51;
  EXPECT_THROW(events.list_page({}, options), std::invalid_argument);
  EXPECT_THROW(events.list_page_async({}, options), std::invalid_argument);
  for (const std::string& id :
       {std::string(), std::string(".."), std::string("ev_1\n"), std::string(2000, 'e')}) {
    EXPECT_THROW(events.fetch(id), std::invalid_argument);
    EXPECT_THROW(events.fetch_async(id), std::invalid_argument);
  }
  EXPECT_TRUE(server.requests().empty());
}

TEST_F(Events, WrongCredentialsAreUnauthorized) {
  ClientOptions wrong = client_options;
  wrong.credentials = Credentials::api_key("wrong-key");
  EventsClient client(wrong);
  EXPECT_THROW(client.list_page(), UnauthorizedError);
  EXPECT_THROW(client.fetch("ev_1"), UnauthorizedError);
}

TEST_F(Events, RateLimitedIsRateLimitError) {
  ScriptedResponse r;
  r.status = 429;
  r.headers = {{"Retry-After", "2"}};
  r.body = R"({"error": {"rate_reset": 2.0, "message": "API rate limit exceeded."}})";
  server.script(r);
  try {
    for (const Event& event : events.list()) (void)event;
    FAIL();
  } catch (const RateLimitError& e) {
    EXPECT_EQ(e.status(), 429);
    EXPECT_EQ(e.retry_after(), std::chrono::milliseconds(2000));
  }
}

TEST_F(Events, FutureAndCallbackForms) {
  const Event seeded = seed("activity.call", "completed", 1);
  EXPECT_EQ(events.list_page_async().get().data.at(0).id, seeded.id);
  EXPECT_EQ(events.fetch_async(seeded.id).get().id, seeded.id);
  EXPECT_THROW(events.fetch_async("ev_missing").get(), NotFoundError);

  std::promise<std::size_t> listed;
  events.list_page_async(
      {}, {}, [&](AsyncResult<CursorPage<Event>> r) { listed.set_value(r.value().data.size()); });
  EXPECT_EQ(listed.get_future().get(), 1U);
  std::promise<std::string> fetched;
  events.fetch_async(seeded.id, [&](AsyncResult<Event> r) { fetched.set_value(r.value().id); });
  EXPECT_EQ(fetched.get_future().get(), seeded.id);
  std::promise<std::exception_ptr> failed;
  events.fetch_async("ev_missing", [&](AsyncResult<Event> r) { failed.set_value(r.error()); });
  const std::exception_ptr error = failed.get_future().get();
  ASSERT_TRUE(error);
  EXPECT_THROW(std::rethrow_exception(error), NotFoundError);
}

// A cursor that names itself, or pages without items, cannot make list() loop: the range ends.
TEST(EventsRange, StopsOnARepeatedCursorOrAnEmptyPage) {
  auto mock = std::make_shared<mocks::MockEventsConnection>();
  CursorPage<Event> page;
  page.data.emplace_back().id = "ev_1";
  page.cursor_next = "c1";
  CursorPage<Event> same = page;
  same.data[0].id = "ev_2";
  using ::testing::_;
  using ::testing::Field;
  EXPECT_CALL(*mock, list_page(_, Field(&EventListOptions::cursor, ""), _))
      .WillOnce(::testing::Return(page));
  EXPECT_CALL(*mock, list_page(_, Field(&EventListOptions::cursor, "c1"), _))
      .WillOnce(::testing::Return(same));  // Names "c1" again.
  EventsClient client(mock);
  std::vector<std::string> ids;
  for (const Event& event : client.list()) ids.push_back(event.id);
  EXPECT_THAT(ids, ::testing::ElementsAre("ev_1", "ev_2"));
}

}  // namespace
}  // namespace closeio::e2e_events_test
