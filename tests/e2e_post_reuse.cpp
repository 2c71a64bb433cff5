// Creates on warm connections: POSTs reuse keep-alive connections like every other call, yet
// still reach the server at most once (libcurl cannot rewind their body to re-send it).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/test_client.hpp"

namespace closeio::e2e_post_reuse_test {
namespace {

using testing::FakeCloseServer;
using testing::Fault;
using testing::ScriptedResponse;

std::size_t count_method(const FakeCloseServer& server, const std::string& method) {
  std::size_t n = 0;
  for (const auto& r : server.requests()) n += r.method == method ? 1 : 0;
  return n;
}

OutcomeCreate named(const std::string& name) {
  OutcomeCreate create;
  create.name = name;
  return create;
}

TEST(PostReuse, OneHundredSequentialCreatesUseOneConnection) {
  FakeCloseServer server;
  OutcomesClient client(test::options_for(server));
  for (int i = 0; i < 100; ++i) client.create(named("Create " + std::to_string(i)));
  EXPECT_EQ(server.creates_performed(), 100u);
  EXPECT_EQ(server.connection_count(), 1u);
}

TEST(PostReuse, ACreatePerformedThenDroppedOnAReusedConnectionIsSentOnce) {
  FakeCloseServer server;
  auto policy = std::make_shared<test::RecordingRetryPolicy>();
  OutcomesClient client(test::options_for(server, policy));
  client.create(named("Warms the connection"));

  // The server creates, then closes the keep-alive connection without a byte of answer: the
  // case where libcurl re-sends a request on a new connection when it can.
  ScriptedResponse lost;
  lost.method = "POST";
  lost.fault = Fault::close_silently;
  lost.perform = true;
  server.script(lost);
  try {
    client.create(named("Exactly once"));
    FAIL() << "no exception";
  } catch (const TransportError& e) {
    EXPECT_EQ(e.attempts(), 1);
    EXPECT_FALSE(e.timed_out());
  }
  EXPECT_EQ(count_method(server, "POST"), 2u);
  EXPECT_EQ(server.creates_performed(), 2u);
  EXPECT_TRUE(policy->asked().empty());  // Not even offered to the retry policy.

  // The next create opens a new connection and works.
  client.create(named("After"));
  EXPECT_EQ(server.creates_performed(), 3u);
  EXPECT_EQ(count_method(server, "POST"), 3u);
}

TEST(PostReuse, AnUpdateOnADeadReusedConnectionIsReSentByLibcurl) {
  // PUT is idempotent: its body may be rewound and libcurl's own re-send is allowed.
  FakeCloseServer server;
  auto policy = std::make_shared<test::RecordingRetryPolicy>();
  OutcomesClient client(test::options_for(server, policy));
  OutcomeCreate seed;
  seed.name = "Before";
  const Outcome outcome = server.seed(seed);
  client.fetch(outcome.id);
  ScriptedResponse lost;
  lost.method = "PUT";
  lost.fault = Fault::close_silently;
  lost.perform = true;
  server.script(lost);
  EXPECT_EQ(client.update(outcome.id, OutcomeUpdate().set_name("After")).name, "After");
  EXPECT_EQ(count_method(server, "PUT"), 2u);
  EXPECT_TRUE(policy->asked().empty());
}

}  // namespace
}  // namespace closeio::e2e_post_reuse_test
