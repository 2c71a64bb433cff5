// The asynchronous forms of every CallsClient and MeetingsClient operation, end to end: each
// reaches the emulator with the request its blocking form sends and answers what it answers.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <future>

#include "support/test_client.hpp"

namespace closeio::e2e_async_activities_test {
namespace {

using std::chrono::seconds;
using testing::FakeCloseServer;

class AsyncActivities : public ::testing::Test {
 protected:
  Outcome seed_outcome(const std::string& name) {
    OutcomeCreate create;
    create.name = name;
    return server.seed(create);
  }

  FakeCloseServer server;
  Session session{test::options_for(server)};
  CallsClient calls{session};
  MeetingsClient meetings{session};
};

TEST_F(AsyncActivities, EveryCallsOperationHasAFutureForm) {
  const Outcome demo = seed_outcome("Demo Booked");
  CallLog log;
  log.lead_id = "lead_9";
  log.direction = CallDirection::inbound;
  log.duration = seconds(30);
  const Call logged = calls.log_async(log).get();
  EXPECT_EQ(logged.lead_id, "lead_9");
  ASSERT_EQ(server.calls().size(), 1u);
  EXPECT_EQ(server.calls()[0].id, logged.id);

  EXPECT_EQ(calls.fetch_async(logged.id).get(), server.calls()[0]);
  EXPECT_EQ(calls.set_outcome_async(logged.id, demo.id).get().outcome_id, demo.id);
  EXPECT_EQ(server.calls()[0].outcome_id, demo.id);
  EXPECT_EQ(calls.clear_outcome_async(logged.id).get().outcome_id, std::nullopt);
  EXPECT_EQ(server.calls()[0].outcome_id, std::nullopt);

  ActivityFilter filter;
  filter.lead_id = "lead_9";
  const Page<Call> page = calls.list_page_async(filter).get();
  ASSERT_EQ(page.data.size(), 1u);
  EXPECT_EQ(page.data[0].id, logged.id);
  EXPECT_EQ(server.requests().back().target,
            "/api/v1/activity/call/?lead_id=lead_9&_limit=100&_skip=0");
  EXPECT_THROW(calls.fetch_async("acti_missing").get(), NotFoundError);

  calls.remove_async(logged.id).get();
  EXPECT_TRUE(server.calls().empty());
  EXPECT_EQ(server.requests().back().method, "DELETE");
  EXPECT_THROW(calls.remove_async(logged.id).get(), NotFoundError);
}

TEST_F(AsyncActivities, EveryMeetingsOperationHasAFutureForm) {
  const Outcome demo = seed_outcome("Demo Booked");
  testing::FakeMeetingSeed seed;
  seed.title = "Demo";
  const Meeting meeting = server.seed_meeting(seed);

  EXPECT_EQ(meetings.fetch_async(meeting.id).get(), meeting);
  EXPECT_EQ(meetings.set_outcome_async(meeting.id, demo.id).get().outcome_id, demo.id);
  EXPECT_EQ(server.meetings()[0].outcome_id, demo.id);
  EXPECT_EQ(meetings.clear_outcome_async(meeting.id).get().outcome_id, std::nullopt);
  EXPECT_EQ(server.meetings()[0].outcome_id, std::nullopt);
  const Page<Meeting> page = meetings.list_page_async().get();
  ASSERT_EQ(page.data.size(), 1u);
  EXPECT_EQ(page.data[0].id, meeting.id);
  EXPECT_THROW(meetings.fetch_async("acti_missing").get(), NotFoundError);

  const Meeting kept = server.seed_meeting(seed);
  meetings.remove_async(meeting.id).get();
  ASSERT_EQ(server.meetings().size(), 1u);
  EXPECT_EQ(server.meetings()[0].id, kept.id);
  EXPECT_EQ(server.requests().back().method, "DELETE");
  EXPECT_EQ(server.requests().back().target, "/api/v1/activity/meeting/" + meeting.id + "/");
  EXPECT_THROW(meetings.remove_async(meeting.id).get(), NotFoundError);
}

TEST_F(AsyncActivities, CallbackFormsRunOnceWithTheValue) {
  const Outcome demo = seed_outcome("Demo Booked");
  const Meeting meeting = server.seed_meeting(testing::FakeMeetingSeed());
  std::promise<std::optional<std::string>> set;
  meetings.set_outcome_async(meeting.id, demo.id,
                             [&](AsyncResult<Meeting> r) { set.set_value(r.value().outcome_id); });
  EXPECT_EQ(set.get_future().get(), demo.id);

  std::promise<std::exception_ptr> failed;
  calls.clear_outcome_async("acti_missing",
                            [&](AsyncResult<Call> r) { failed.set_value(r.error()); });
  const std::exception_ptr error = failed.get_future().get();
  ASSERT_TRUE(error);
  EXPECT_THROW(std::rethrow_exception(error), NotFoundError);

  std::promise<std::exception_ptr> removed;
  calls.remove_async("acti_missing", [&](AsyncResult<void> r) { removed.set_value(r.error()); });
  const std::exception_ptr remove_error = removed.get_future().get();
  ASSERT_TRUE(remove_error);
  EXPECT_THROW(std::rethrow_exception(remove_error), NotFoundError);

  std::promise<bool> meeting_removed;
  meetings.remove_async(meeting.id,
                        [&](AsyncResult<void> r) { meeting_removed.set_value(r.has_value()); });
  EXPECT_TRUE(meeting_removed.get_future().get());
  EXPECT_TRUE(server.meetings().empty());

  std::promise<std::exception_ptr> meeting_missing;
  meetings.remove_async(meeting.id,
                        [&](AsyncResult<void> r) { meeting_missing.set_value(r.error()); });
  const std::exception_ptr missing_error = meeting_missing.get_future().get();
  ASSERT_TRUE(missing_error);
  EXPECT_THROW(std::rethrow_exception(missing_error), NotFoundError);
}

TEST_F(AsyncActivities, InvalidArgumentsThrowAtOnce) {
  EXPECT_THROW(calls.set_outcome_async("", "outcome_1"), std::invalid_argument);
  EXPECT_THROW(meetings.clear_outcome_async("."), std::invalid_argument);
  EXPECT_THROW(calls.remove_async(".."), std::invalid_argument);
  EXPECT_THROW(meetings.remove_async(""), std::invalid_argument);
  EXPECT_THROW(meetings.remove_async(".", [](AsyncResult<void>) {}), std::invalid_argument);
  ListOptions bad;
  bad.limit = 0;
  EXPECT_THROW(calls.list_page_async({}, bad), std::invalid_argument);
  EXPECT_TRUE(server.requests().empty());
}

}  // namespace
}  // namespace closeio::e2e_async_activities_test
