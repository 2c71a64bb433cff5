// Connection reuse and concurrent use of one client from many threads.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/test_client.hpp"

namespace closeio::e2e_connections_test {
namespace {

using testing::FakeCloseServer;

TEST(Connections, SequentialCallsReuseOneConnection) {
  FakeCloseServer server;
  OutcomesClient client(test::options_for(server));
  OutcomeCreate seed;
  seed.name = "Reused";
  const Outcome outcome = server.seed(seed);
  for (int i = 0; i < 20; ++i) client.fetch(outcome.id);
  client.update(outcome.id, OutcomeUpdate().set_name("Still reused"));
  client.list_page();
  client.remove(outcome.id);
  EXPECT_EQ(server.requests().size(), 23u);
  EXPECT_EQ(server.connection_count(), 1u);
}

TEST(Connections, CopiesOfAClientShareConnections) {
  FakeCloseServer server;
  OutcomesClient client(test::options_for(server));
  client.list_page();
  OutcomesClient copy = client;
  copy.list_page();
  EXPECT_EQ(server.connection_count(), 1u);
}

TEST(Connections, PostsReuseTheWarmConnection) {
  // libcurl cannot re-send a POST (its body cannot be rewound: e2e_post_reuse.cpp), so creates
  // share the connection of the calls before them.
  FakeCloseServer server;
  OutcomesClient client(test::options_for(server));
  client.list_page();
  OutcomeCreate create;
  create.name = "Warm";
  client.create(create);
  client.create(create);
  EXPECT_EQ(server.creates_performed(), 2u);
  EXPECT_EQ(server.connection_count(), 1u);
}

}  // namespace
}  // namespace closeio::e2e_connections_test
