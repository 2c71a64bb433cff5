// TLS session reuse: a new connection to the same server resumes the TLS session of an earlier
// one (abbreviated handshake) instead of running a full handshake. Creates prove it: every POST
// goes out on a fresh connection.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/test_client.hpp"

namespace closeio {
namespace {

TEST(TlsSessionReuse, NewConnectionsResumeTheTlsSession) {
  testing::FakeCloseServer server(test::tls_server_options());
  ClientOptions options = test::options_for(server);
  options.ca_file = CLOSEIO_TEST_CERT;
  OutcomesClient client(options);

  constexpr std::size_t kCreates = 6;
  for (std::size_t i = 0; i < kCreates; ++i) {
    OutcomeCreate create;
    create.name = "Resumed " + std::to_string(i);
    client.create(create);
  }
  EXPECT_EQ(server.creates_performed(), kCreates);
  EXPECT_EQ(server.connection_count(), kCreates);  // one fresh connection per POST
  // Only the first connection needs a full handshake.
  EXPECT_GE(server.tls_sessions_resumed(), kCreates - 1);
}

TEST(TlsSessionReuse, APostResumesTheSessionOfTheKeptAliveConnection) {
  testing::FakeCloseServer server(test::tls_server_options());
  ClientOptions options = test::options_for(server);
  options.ca_file = CLOSEIO_TEST_CERT;
  const OutcomesClient client(options);
  client.list_page();  // full handshake; the connection stays open
  OutcomeCreate create;
  create.name = "After a GET";
  client.create(create);  // a second connection, resuming the first one's session
  EXPECT_EQ(server.connection_count(), 2u);
  EXPECT_EQ(server.tls_sessions_resumed(), 1u);
}

TEST(TlsSessionReuse, PlainHttpReportsNoResumedSessions) {
  testing::FakeCloseServer server;
  OutcomesClient client(test::options_for(server));
  client.list_page();
  EXPECT_EQ(server.tls_sessions_resumed(), 0u);
}

}  // namespace
}  // namespace closeio
