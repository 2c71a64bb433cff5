// TLS session reuse: a new connection to the same server resumes the TLS session of an earlier
// one (abbreviated handshake) instead of running a full handshake. Dropped answers prove it: a
// failed attempt's connection is discarded, and its retry goes out on a new one.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/test_client.hpp"

namespace closeio::e2e_tls_session_reuse_test {
namespace {

testing::ScriptedResponse dropped_answer() {
  testing::ScriptedResponse dropped;
  dropped.body = R"({"data": [], "has_more": false})";
  dropped.fault = testing::Fault::drop_mid_body;
  return dropped;
}

TEST(TlsSessionReuse, NewConnectionsResumeTheTlsSession) {
  testing::FakeCloseServer server(test::tls_server_options());
  ClientOptions options = test::options_for(server);
  options.ca_file = CLOSEIO_TEST_CERT;
  OutcomesClient client(options);

  constexpr std::size_t kDrops = 5;
  for (std::size_t i = 0; i < kDrops; ++i) {
    server.script(dropped_answer());
    client.list_page();  // The dropped attempt, then a retry on a new connection.
  }
  EXPECT_EQ(server.connection_count(), kDrops + 1);
  // Only the first connection needs a full handshake.
  EXPECT_GE(server.tls_sessions_resumed(), kDrops);
}

TEST(TlsSessionReuse, ACreateGoesOutOnTheKeptAliveTlsConnection) {
  testing::FakeCloseServer server(test::tls_server_options());
  ClientOptions options = test::options_for(server);
  options.ca_file = CLOSEIO_TEST_CERT;
  const OutcomesClient client(options);
  client.list_page();  // full handshake; the connection stays open
  OutcomeCreate create;
  create.name = "After a GET";
  client.create(create);  // no handshake at all
  EXPECT_EQ(server.connection_count(), 1u);
  EXPECT_EQ(server.tls_sessions_resumed(), 0u);
}

TEST(TlsSessionReuse, PlainHttpReportsNoResumedSessions) {
  testing::FakeCloseServer server;
  OutcomesClient client(test::options_for(server));
  client.list_page();
  EXPECT_EQ(server.tls_sessions_resumed(), 0u);
}

}  // namespace
}  // namespace closeio::e2e_tls_session_reuse_test
