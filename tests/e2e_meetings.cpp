// Every MeetingsClient operation and its errors, through the real libcurl transport against the
// local Close emulator.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>

#include "support/test_client.hpp"

namespace closeio::e2e_meetings_test {
namespace {

using test::utc;
using testing::FakeCloseServer;

class Meetings : public ::testing::Test {
 protected:
  Outcome seed_outcome(const std::string& name, OutcomeType type = OutcomeType::custom) {
    return test::seed_outcome(server, name, type);
  }
  Meeting seed_meeting(const std::string& user, std::int64_t created_unix,
                       std::optional<std::string> outcome = std::nullopt) {
    testing::FakeMeetingSeed seed;
    seed.lead_id = "lead_1";
    seed.user_id = user;
    seed.title = "Demo with " + user;
    seed.outcome_id = std::move(outcome);
    seed.starts_at = utc(created_unix + 86400);
    seed.date_created = utc(created_unix);
    return server.seed_meeting(seed);
  }

  FakeCloseServer server;
  MeetingsClient meetings{test::options_for(server)};
};

TEST_F(Meetings, FetchReturnsTheStoredMeeting) {
  const Meeting seeded = seed_meeting("user_a", 1788220800);
  const Meeting fetched = meetings.fetch(seeded.id);
  EXPECT_EQ(fetched, seeded);
  EXPECT_EQ(fetched.title, "Demo with user_a");
  EXPECT_EQ(fetched.starts_at, utc(1788220800 + 86400));
  EXPECT_EQ(fetched.ends_at, utc(1788220800 + 86400 + 3600));
  EXPECT_EQ(server.requests().at(0).target, "/api/v1/activity/meeting/" + seeded.id + "/");
}

TEST_F(Meetings, SetAndClearOutcome) {
  const Outcome demo = seed_outcome("Demo Booked");
  const Meeting meeting = seed_meeting("user_a", 1788220800);
  EXPECT_EQ(meetings.set_outcome(meeting.id, demo.id).outcome_id, demo.id);
  EXPECT_EQ(server.requests().at(0).body, R"({"outcome_id":")" + demo.id + R"("})");
  EXPECT_EQ(meetings.clear_outcome(meeting.id).outcome_id, std::nullopt);
  EXPECT_EQ(server.requests().at(1).body, R"({"outcome_id":null})");
  EXPECT_EQ(server.meetings().at(0).outcome_id, std::nullopt);
}

TEST_F(Meetings, AVoicemailOutcomeDoesNotApplyToAMeeting) {
  const Outcome voicemail = seed_outcome("Left voicemail", OutcomeType::vm_dropped);
  const Meeting meeting = seed_meeting("user_a", 1788220800);
  try {
    meetings.set_outcome(meeting.id, voicemail.id);
    FAIL() << "no BadRequestError";
  } catch (const BadRequestError& e) {
    EXPECT_EQ(e.field_errors().count("outcome_id"), 1u);
  }
  EXPECT_EQ(server.meetings().at(0).outcome_id, std::nullopt);
}

TEST_F(Meetings, ListFiltersByUserAndPages) {
  for (int i = 0; i < 5; ++i) seed_meeting("user_a", 1788220800 + i);
  seed_meeting("user_b", 1788220800);
  ActivityFilter filter;
  filter.user_id = "user_a";
  ListOptions options;
  options.limit = 2;
  MeetingRange range = meetings.list(filter, options);
  int count = 0;
  for (const Meeting& m : range) {
    EXPECT_EQ(m.user_id, "user_a");
    ++count;
  }
  EXPECT_EQ(count, 5);
  EXPECT_EQ(range.pages_fetched(), 3);
  EXPECT_EQ(server.requests().at(0).target,
            "/api/v1/activity/meeting/?user_id=user_a&_limit=2&_skip=0");
}

TEST_F(Meetings, UnknownMeetingIsNotFoundAndBadIdsAreRefused) {
  EXPECT_THROW(meetings.fetch("acti_nosuchmeeting"), NotFoundError);
  EXPECT_THROW(meetings.fetch(".."), std::invalid_argument);
  EXPECT_THROW(meetings.clear_outcome(""), std::invalid_argument);
  EXPECT_THROW(meetings.list_page({}, ListOptions{0, 0, {}}), std::invalid_argument);
}

TEST_F(Meetings, RemoveDeletesTheMeetingAndOnlyIt) {
  const Meeting gone = seed_meeting("user_a", 1788220800);
  const Meeting kept = seed_meeting("user_a", 1788220801);
  meetings.remove(gone.id);
  ASSERT_EQ(server.requests().size(), 1u);
  EXPECT_EQ(server.requests().at(0).method, "DELETE");
  EXPECT_EQ(server.requests().at(0).target, "/api/v1/activity/meeting/" + gone.id + "/");
  EXPECT_THROW(meetings.fetch(gone.id), NotFoundError);
  ASSERT_EQ(server.meetings().size(), 1u);
  EXPECT_EQ(server.meetings().at(0).id, kept.id);
  EXPECT_EQ(meetings.fetch(kept.id).id, kept.id);
}

TEST_F(Meetings, RemoveOfAnUnknownMeetingIsNotFound) {
  EXPECT_THROW(meetings.remove("acti_nosuchmeeting"), NotFoundError);
  EXPECT_EQ(server.requests().size(), 1u);
}

TEST_F(Meetings, RemoveRefusesIdsThatAreNotOneSegment) {
  EXPECT_THROW(meetings.remove(""), std::invalid_argument);
  EXPECT_THROW(meetings.remove("."), std::invalid_argument);
  EXPECT_THROW(meetings.remove(".."), std::invalid_argument);
  // Callers may use the connection without the client's checks: it refuses them too.
  auto connection = make_meetings_connection(test::options_for(server));
  EXPECT_THROW(connection->remove("..", {}), std::invalid_argument);
  EXPECT_TRUE(server.requests().empty());
  // Anything else is one path segment: its '/' is escaped, so it cannot reach another resource.
  EXPECT_THROW(meetings.remove("../outcome"), NotFoundError);
  EXPECT_THROW(meetings.remove("a\r\nb"), NotFoundError);
  ASSERT_EQ(server.requests().size(), 2u);
  EXPECT_EQ(server.requests().at(0).target, "/api/v1/activity/meeting/..%2Foutcome/");
  EXPECT_EQ(server.requests().at(1).target, "/api/v1/activity/meeting/a%0D%0Ab/");
  EXPECT_EQ(server.requests().at(1).method, "DELETE");
}

// The first attempt deletes the meeting but its answer is a 503: the retry's 404 means done.
TEST_F(Meetings, RemoveWhoseLostAnswerIsRetriedFindsTheMeetingGoneAndReturns) {
  const Meeting meeting = seed_meeting("user_a", 1788220800);
  testing::ScriptedResponse lost;
  lost.status = 503;
  lost.body = "upstream unavailable";
  lost.perform = true;
  server.script(lost);
  EXPECT_NO_THROW(meetings.remove(meeting.id));
  EXPECT_EQ(server.requests().size(), 2u);
  EXPECT_TRUE(server.meetings().empty());
}

// The first attempt deletes the meeting and the connection dies before any answer.
TEST_F(Meetings, RemoveWhoseConnectionDiedIsRetriedFindsTheMeetingGoneAndReturns) {
  const Meeting meeting = seed_meeting("user_a", 1788220800);
  testing::ScriptedResponse lost;
  lost.body = "{}";
  lost.fault = testing::Fault::close_connection;
  lost.method = "DELETE";
  lost.perform = true;
  server.script(lost);
  EXPECT_NO_THROW(meetings.remove(meeting.id));
  EXPECT_EQ(server.requests().size(), 2u);
  EXPECT_TRUE(server.meetings().empty());
}

TEST_F(Meetings, ABearerTokenWorksToo) {
  const Meeting seeded = seed_meeting("user_a", 1788220800);
  ClientOptions options = test::options_for(server);
  options.credentials = Credentials::bearer_token(testing::FakeCloseServerOptions().access_token);
  EXPECT_EQ(MeetingsClient(options).fetch(seeded.id).id, seeded.id);
  options.credentials = Credentials::bearer_token("wrong-token");
  EXPECT_THROW(MeetingsClient(options).fetch(seeded.id), UnauthorizedError);
}

}  // namespace
}  // namespace closeio::e2e_meetings_test
