// The gmock connections (closeio::mocks) let users test code built on CallsClient and
// MeetingsClient without HTTP; a connection that lacks a newer member raises UnimplementedError.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <closeio/closeio.hpp>
#include <closeio/mocks/mock_calls_connection.hpp>
#include <closeio/mocks/mock_meetings_connection.hpp>
#include <memory>

namespace closeio::e2e_activity_mocks_test {
namespace {

using ::testing::_;
using ::testing::Return;

TEST(ActivityMocks, CallsClientForwardsToTheMockedConnection) {
  auto mock = std::make_shared<mocks::MockCallsConnection>();
  Call done;
  done.id = "acti_1";
  done.outcome_id = "outcome_1";
  EXPECT_CALL(*mock, set_outcome("acti_1", "outcome_1", _)).WillOnce(Return(done));
  CallsClient calls(mock);
  EXPECT_EQ(calls.set_outcome("acti_1", "outcome_1").outcome_id, "outcome_1");
  // Arguments are checked before the connection is called.
  EXPECT_THROW(calls.set_outcome("", "outcome_1"), std::invalid_argument);
}

TEST(ActivityMocks, RemoveForwardsToTheMockedConnection) {
  auto mock = std::make_shared<mocks::MockCallsConnection>();
  EXPECT_CALL(*mock, remove("acti_1", _)).Times(1);
  CallsClient calls(mock);
  calls.remove("acti_1");
  EXPECT_THROW(calls.remove(".."), std::invalid_argument);
}

TEST(ActivityMocks, MeetingRemoveForwardsToTheMockedConnection) {
  auto mock = std::make_shared<mocks::MockMeetingsConnection>();
  EXPECT_CALL(*mock, remove("acti_m1", _)).Times(1);
  MeetingsClient meetings(mock);
  meetings.remove("acti_m1");
  EXPECT_THROW(meetings.remove(".."), std::invalid_argument);
}

TEST(ActivityMocks, ListDrivesTheMockedPages) {
  auto mock = std::make_shared<mocks::MockMeetingsConnection>();
  Page<Meeting> first, second;
  first.data.resize(2);
  first.has_more = true;
  second.data.resize(1);
  EXPECT_CALL(*mock, list_page(_, _, _)).WillOnce(Return(first)).WillOnce(Return(second));
  MeetingsClient meetings(mock);
  int count = 0;
  for (const Meeting& m : meetings.list()) {
    (void)m;
    ++count;
  }
  EXPECT_EQ(count, 3);
}

// A connection written before set_outcome() and clear_outcome() existed.
class OldCallsConnection : public CallsConnection {
 public:
  Call fetch(const std::string& id, const std::vector<std::string>&, const CallOptions&) override {
    Call c;
    c.id = id;
    return c;
  }
};

TEST(ActivityMocks, MembersAConnectionDoesNotImplementRaiseUnimplemented) {
  CallsClient calls(std::make_shared<OldCallsConnection>());
  EXPECT_EQ(calls.fetch("acti_1").id, "acti_1");
  try {
    calls.set_outcome("acti_1", "outcome_1");
    FAIL() << "no UnimplementedError";
  } catch (const UnimplementedError& e) {
    EXPECT_EQ(e.attempts(), 0);
    EXPECT_STREQ(e.what(), "closeio: this CallsConnection does not implement set_outcome()");
  }
  try {
    calls.remove("acti_1");
    FAIL() << "no UnimplementedError";
  } catch (const UnimplementedError& e) {
    EXPECT_STREQ(e.what(), "closeio: this CallsConnection does not implement remove()");
  }
  EXPECT_EQ(calls.rate_limit(), std::nullopt);
}

// A meetings connection written before remove() existed.
class OldMeetingsConnection : public MeetingsConnection {
 public:
  Meeting fetch(const std::string& id, const std::vector<std::string>&,
                const CallOptions&) override {
    Meeting m;
    m.id = id;
    return m;
  }
};

TEST(ActivityMocks, AMeetingsConnectionWithoutRemoveRaisesUnimplemented) {
  MeetingsClient meetings(std::make_shared<OldMeetingsConnection>());
  EXPECT_EQ(meetings.fetch("acti_m1").id, "acti_m1");
  try {
    meetings.remove("acti_m1");
    FAIL() << "no UnimplementedError";
  } catch (const UnimplementedError& e) {
    EXPECT_EQ(e.attempts(), 0);
    EXPECT_STREQ(e.what(), "closeio: this MeetingsConnection does not implement remove()");
  }
  // The asynchronous form's default body calls remove(): the same error reaches the future.
  EXPECT_THROW(meetings.remove_async("acti_m1").get(), UnimplementedError);
}

}  // namespace
}  // namespace closeio::e2e_activity_mocks_test
