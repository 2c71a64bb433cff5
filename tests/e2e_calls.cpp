// Every CallsClient operation and its errors, through the real libcurl transport against the
// local Close emulator.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>

#include "support/test_client.hpp"

namespace closeio::e2e_calls_test {
namespace {

using std::chrono::seconds;
using test::utc;
using testing::FakeCloseServer;
using ::testing::HasSubstr;

class Calls : public ::testing::Test {
 protected:
  Outcome seed_outcome(const std::string& name, OutcomeType type = OutcomeType::custom) {
    return test::seed_outcome(server, name, type);
  }
  Call seed_call(const std::string& lead, std::int64_t created_unix,
                 std::optional<std::string> outcome = std::nullopt) {
    testing::FakeCallSeed seed;
    seed.call.lead_id = lead;
    seed.call.outcome_id = std::move(outcome);
    seed.date_created = utc(created_unix);
    return server.seed_call(seed);
  }

  FakeCloseServer server;
  CallsClient calls{test::options_for(server)};
};

TEST_F(Calls, FetchReturnsTheStoredCall) {
  const Outcome demo = seed_outcome("Demo Booked");
  CallLog log;
  log.lead_id = "lead_1";
  log.direction = CallDirection::outbound;
  log.duration = seconds(95);
  log.phone = "+16503334444";
  log.outcome_id = demo.id;
  const Call seeded = server.seed_call(log);

  const Call fetched = calls.fetch(seeded.id);
  EXPECT_EQ(fetched, seeded);
  EXPECT_EQ(fetched.lead_id, "lead_1");
  EXPECT_EQ(fetched.direction, CallDirection::outbound);
  EXPECT_EQ(fetched.duration, seconds(95));
  EXPECT_EQ(fetched.outcome_id, demo.id);
  EXPECT_EQ(server.requests().at(0).target, "/api/v1/activity/call/" + seeded.id + "/");
}

TEST_F(Calls, FetchWithFieldsAsksForThemAndDecodesWhatCame) {
  const Call seeded = seed_call("lead_1", 1788220800);
  const Call partial = calls.fetch(seeded.id, {"id", "lead_id"});
  EXPECT_EQ(partial.id, seeded.id);
  EXPECT_EQ(partial.lead_id, "lead_1");
  EXPECT_EQ(partial.phone, std::nullopt);
  EXPECT_EQ(server.requests().at(0).target,
            "/api/v1/activity/call/" + seeded.id + "/?_fields=id,lead_id");
  EXPECT_THROW(calls.fetch(seeded.id, {"recording_url"}), std::invalid_argument);
}

TEST_F(Calls, LogPostsOnlyTheSetMembersAndReturnsTheCall) {
  const Outcome demo = seed_outcome("Demo Booked");
  CallLog log;
  log.lead_id = "lead_9";
  log.direction = CallDirection::inbound;
  log.status = CallStatus::completed;
  log.duration = seconds(30);
  log.note = "Asked for pricing";
  log.outcome_id = demo.id;
  const Call logged = calls.log(log);  // Close answers 200, not 201.

  EXPECT_FALSE(logged.id.empty());
  EXPECT_EQ(logged.lead_id, "lead_9");
  EXPECT_EQ(logged.outcome_id, demo.id);
  EXPECT_EQ(logged.note, "Asked for pricing");
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].target, "/api/v1/activity/call/");
  EXPECT_EQ(requests[0].body,
            R"({"lead_id":"lead_9","direction":"inbound","status":"completed","duration":30,)"
            R"("note":"Asked for pricing","outcome_id":")" +
                demo.id + R"("})");
  ASSERT_EQ(server.calls().size(), 1u);
  EXPECT_EQ(server.calls()[0], logged);
}

TEST_F(Calls, LogIsNeverSentTwiceWhenItsAnswerIsLost) {
  testing::ScriptedResponse lost;
  lost.method = "POST";
  lost.fault = testing::Fault::close_connection;
  lost.perform = true;  // Close stored the call, then the answer was lost.
  server.script(lost);
  CallLog log;
  log.lead_id = "lead_1";
  EXPECT_THROW(calls.log(log), TransportError);
  EXPECT_EQ(server.calls().size(), 1u);
  EXPECT_EQ(server.requests().size(), 1u);
}

TEST_F(Calls, LogRefusesWhatCannotBeSentBeforeSendingAnything) {
  CallLog log;
  log.status = CallStatus::unknown;
  EXPECT_THROW(calls.log(log), std::invalid_argument);
  log.status.reset();
  log.duration = seconds(604801);
  EXPECT_THROW(calls.log(log), std::invalid_argument);
  EXPECT_TRUE(server.requests().empty());
}

TEST_F(Calls, SetOutcomePutsOnlyTheOutcomeId) {
  const Outcome demo = seed_outcome("Demo Booked");
  const Call call = seed_call("lead_1", 1788220800);
  const Call updated = calls.set_outcome(call.id, demo.id);
  EXPECT_EQ(updated.id, call.id);
  EXPECT_EQ(updated.outcome_id, demo.id);
  const auto request = server.requests().at(0);
  EXPECT_EQ(request.method, "PUT");
  EXPECT_EQ(request.target, "/api/v1/activity/call/" + call.id + "/");
  EXPECT_EQ(request.body, R"({"outcome_id":")" + demo.id + R"("})");
  EXPECT_EQ(server.calls().at(0).outcome_id, demo.id);
}

TEST_F(Calls, ClearOutcomePutsNull) {
  const Outcome demo = seed_outcome("Demo Booked");
  const Call call = seed_call("lead_1", 1788220800, demo.id);
  const Call cleared = calls.clear_outcome(call.id);
  EXPECT_EQ(cleared.outcome_id, std::nullopt);
  EXPECT_EQ(server.requests().at(0).body, R"({"outcome_id":null})");
  EXPECT_EQ(server.calls().at(0).outcome_id, std::nullopt);
}

TEST_F(Calls, AnUnknownOrDeletedOutcomeIsABadRequestNamingOutcomeId) {
  const Call call = seed_call("lead_1", 1788220800);
  try {
    calls.set_outcome(call.id, "outcome_doesnotexist0000000");
    FAIL() << "no BadRequestError";
  } catch (const BadRequestError& e) {
    EXPECT_EQ(e.status(), 400);
    EXPECT_EQ(e.field_errors().count("outcome_id"), 1u);
  }
  const Outcome gone = seed_outcome("Gone");
  ASSERT_TRUE(server.remove_outcome(gone.id));
  try {
    calls.set_outcome(call.id, gone.id);
    FAIL() << "no BadRequestError";
  } catch (const BadRequestError& e) {
    EXPECT_EQ(e.field_errors().count("outcome_id"), 1u);
  }
  EXPECT_EQ(server.calls().at(0).outcome_id, std::nullopt);
}

TEST_F(Calls, ACallKeepsADeletedOutcomeAndReadsItWithoutError) {
  const Outcome gone = seed_outcome("Gone");
  const Call call = seed_call("lead_1", 1788220800, gone.id);
  ASSERT_TRUE(server.remove_outcome(gone.id));
  EXPECT_EQ(calls.fetch(call.id).outcome_id, gone.id);
}

TEST_F(Calls, UnknownCallIsNotFound) {
  EXPECT_THROW(calls.fetch("acti_nosuchcall"), NotFoundError);
  EXPECT_THROW(calls.set_outcome("acti_nosuchcall", "outcome_1"), NotFoundError);
  EXPECT_THROW(calls.clear_outcome("acti_nosuchcall"), NotFoundError);
}

TEST_F(Calls, IdsStayOneSegmentOrAreRefused) {
  EXPECT_THROW(calls.fetch(""), std::invalid_argument);
  EXPECT_THROW(calls.fetch("."), std::invalid_argument);
  EXPECT_THROW(calls.set_outcome("..", "outcome_1"), std::invalid_argument);
  EXPECT_THROW(calls.set_outcome("acti_1", ""), std::invalid_argument);
  EXPECT_TRUE(server.requests().empty());
  EXPECT_THROW(calls.fetch("../outcome"), NotFoundError);
  EXPECT_EQ(server.requests().at(0).target, "/api/v1/activity/call/..%2Foutcome/");
}

TEST_F(Calls, ListFiltersByLeadUserAndDateWithTheOffsetEncoded) {
  seed_call("lead_a", 1788220800 - 86400);  // 2026-08-31
  const Call in_window = seed_call("lead_a", 1788220800 + 3600);
  seed_call("lead_b", 1788220800 + 3600);
  seed_call("lead_a", 1788307200 + 3600);  // 2026-09-02

  ActivityFilter filter;
  filter.lead_id = "lead_a";
  filter.created_after = utc(1788220800);   // 2026-09-01T00:00:00Z
  filter.created_before = utc(1788307200);  // 2026-09-02T00:00:00Z
  const Page<Call> page = calls.list_page(filter);
  ASSERT_EQ(page.data.size(), 1u);
  EXPECT_EQ(page.data[0].id, in_window.id);
  EXPECT_FALSE(page.has_more);
  EXPECT_THAT(server.requests().at(0).target,
              HasSubstr("date_created__gt=2026-09-01T00%3A00%3A00.000000%2B00%3A00"));
}

TEST_F(Calls, ListWalksEveryPage) {
  for (int i = 0; i < 7; ++i) seed_call("lead_1", 1788220800 + i);
  ListOptions options;
  options.limit = 3;
  CallRange range = calls.list({}, options);
  std::vector<std::string> ids;
  for (const Call& c : range) ids.push_back(c.id);
  EXPECT_EQ(ids.size(), 7u);
  EXPECT_EQ(range.pages_fetched(), 3);
  std::vector<std::string> stored;
  for (const Call& c : server.calls()) stored.push_back(c.id);
  EXPECT_EQ(ids, stored);
}

TEST_F(Calls, AMalformedAnswerIsADecodeError) {
  testing::ScriptedResponse odd;
  odd.body = R"({"id":"acti_1","duration":"long"})";
  server.script(odd);
  EXPECT_THROW(calls.fetch("acti_1"), DecodeError);
  testing::ScriptedResponse empty;
  empty.body = "{}";
  server.script(empty);
  EXPECT_THROW(calls.fetch("acti_1"), DecodeError);
}

TEST_F(Calls, RetriesAServerErrorOnASetOutcome) {
  const Outcome demo = seed_outcome("Demo Booked");
  const Call call = seed_call("lead_1", 1788220800);
  testing::ScriptedResponse unavailable;
  unavailable.status = 503;
  unavailable.body = "upstream unavailable";
  server.script(unavailable);
  EXPECT_EQ(calls.set_outcome(call.id, demo.id).outcome_id, demo.id);
  EXPECT_EQ(server.requests().size(), 2u);
}

TEST_F(Calls, RemoveDeletesTheCallAndOnlyIt) {
  const Call gone = seed_call("lead_1", 1788220800);
  const Call kept = seed_call("lead_1", 1788220801);
  calls.remove(gone.id);
  ASSERT_EQ(server.requests().size(), 1u);
  EXPECT_EQ(server.requests().at(0).method, "DELETE");
  EXPECT_EQ(server.requests().at(0).target, "/api/v1/activity/call/" + gone.id + "/");
  EXPECT_THROW(calls.fetch(gone.id), NotFoundError);
  ASSERT_EQ(server.calls().size(), 1u);
  EXPECT_EQ(server.calls().at(0).id, kept.id);
}

TEST_F(Calls, RemoveOfAnUnknownCallIsNotFound) {
  EXPECT_THROW(calls.remove("acti_nosuchcall"), NotFoundError);
  EXPECT_EQ(server.requests().size(), 1u);
}

TEST_F(Calls, RemoveRefusesIdsThatAreNotOneSegment) {
  EXPECT_THROW(calls.remove(""), std::invalid_argument);
  EXPECT_THROW(calls.remove("."), std::invalid_argument);
  EXPECT_THROW(calls.remove(".."), std::invalid_argument);
  EXPECT_TRUE(server.requests().empty());
  EXPECT_THROW(calls.remove("../outcome"), NotFoundError);
  EXPECT_EQ(server.requests().at(0).target, "/api/v1/activity/call/..%2Foutcome/");
}

// The first attempt deletes the call but its answer is a 503: the retry's 404 means done.
TEST_F(Calls, RemoveWhoseLostAnswerIsRetriedFindsTheCallGoneAndReturns) {
  const Call call = seed_call("lead_1", 1788220800);
  testing::ScriptedResponse lost;
  lost.status = 503;
  lost.body = "upstream unavailable";
  lost.perform = true;
  server.script(lost);
  EXPECT_NO_THROW(calls.remove(call.id));
  EXPECT_EQ(server.requests().size(), 2u);
  EXPECT_TRUE(server.calls().empty());
}

TEST(CallsSession, ClientsOfOneSessionShareConnectionsAndRateLimitState) {
  FakeCloseServer server;
  OutcomeCreate create;
  create.name = "Demo";
  const Outcome demo = server.seed(create);
  testing::FakeCallSeed seed;
  seed.call.lead_id = "lead_1";
  const Call call = server.seed_call(seed);

  Session session(test::options_for(server));
  OutcomesClient outcomes(session);
  CallsClient calls(session);
  MeetingsClient meetings(session);
  EXPECT_EQ(session.rate_limit(), std::nullopt);
  outcomes.fetch(demo.id);
  calls.set_outcome(call.id, demo.id);
  meetings.list_page();
  EXPECT_EQ(server.connection_count(), 1u);  // One keep-alive connection for all three.
  ASSERT_TRUE(session.rate_limit().has_value());
  EXPECT_EQ(calls.rate_limit()->remaining, session.rate_limit()->remaining);
  EXPECT_EQ(outcomes.rate_limit()->remaining, session.rate_limit()->remaining);
}

}  // namespace
}  // namespace closeio::e2e_calls_test
