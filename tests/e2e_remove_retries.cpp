// remove() survives its own retries: a DELETE that may have been performed and is answered 404
// when repeated has done what was asked. A 404 to a DELETE that cannot have acted stays an error.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/test_client.hpp"

namespace closeio::e2e_remove_retries_test {
namespace {

using ::testing::ElementsAre;
using testing::FakeCloseServer;
using testing::Fault;
using testing::ScriptedResponse;

class RemoveRetries : public ::testing::Test {
 protected:
  Outcome seed() {
    OutcomeCreate c;
    c.name = "Doomed";
    return server.seed(c);
  }
  // The emulator deletes, then answers as scripted: the client never learns it worked.
  void perform_then(int status, Fault fault) {
    ScriptedResponse r;
    r.status = status;
    r.body = "{}";
    r.fault = fault;
    r.method = "DELETE";
    r.perform = true;
    server.script(r);
  }
  std::size_t deletes() const {
    std::size_t n = 0;
    for (const auto& r : server.requests()) n += r.method == "DELETE" ? 1 : 0;
    return n;
  }
  FakeCloseServer server;
  std::shared_ptr<test::RecordingRetryPolicy> policy =
      std::make_shared<test::RecordingRetryPolicy>();
  OutcomesClient client{test::options_for(server, policy)};
};

TEST_F(RemoveRetries, ADeleteWhoseAnswerWasLostThenA404IsDone) {
  const Outcome doomed = seed();
  perform_then(200, Fault::close_connection);
  EXPECT_NO_THROW(client.remove(doomed.id));
  EXPECT_EQ(deletes(), 2u);  // The retry found it gone.
  EXPECT_THAT(policy->asked(), ElementsAre(0));
  EXPECT_TRUE(server.outcomes().empty());
}

TEST_F(RemoveRetries, ADeleteAnswered503ThenA404IsDone) {
  for (int status : {502, 503, 504}) {
    SCOPED_TRACE(status);
    const Outcome doomed = seed();
    perform_then(status, Fault::none);
    EXPECT_NO_THROW(client.remove(doomed.id));
    EXPECT_TRUE(server.outcomes().empty());
  }
  EXPECT_EQ(deletes(), 6u);
}

TEST_F(RemoveRetries, LibcurlsOwnResendOnADeadReusedConnectionCountsAsAnEarlierAttempt) {
  const Outcome doomed = seed();
  client.list_page();  // A warm connection, which the server closes after deleting.
  perform_then(200, Fault::close_silently);
  EXPECT_NO_THROW(client.remove(doomed.id));
  EXPECT_EQ(deletes(), 2u);  // libcurl re-sent it on a new connection and got 404.
  EXPECT_EQ(server.connection_count(), 2u);
  EXPECT_TRUE(server.outcomes().empty());
}

TEST_F(RemoveRetries, A404OnTheFirstAttemptIsNotFound) {
  EXPECT_THROW(client.remove("outcome_doesnotexist000000000000"), NotFoundError);
  EXPECT_EQ(deletes(), 1u);
}

TEST_F(RemoveRetries, A404AfterARateLimitIsNotFound) {
  // Close does not act on a rate-limited request, so the 404 is about the id.
  ScriptedResponse limited;
  limited.status = 429;
  limited.headers = {{"Retry-After", "0"}};
  limited.body = R"({"error": "rate limited"})";
  server.script(limited);
  EXPECT_THROW(client.remove("outcome_doesnotexist000000000000"), NotFoundError);
  EXPECT_EQ(deletes(), 2u);
}

}  // namespace
}  // namespace closeio::e2e_remove_retries_test
