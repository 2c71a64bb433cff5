// TLS: verification is on by default, and a CA file makes a private certificate trusted.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/test_client.hpp"

namespace closeio::e2e_tls_test {
namespace {

TEST(Tls, AnUntrustedCertificateIsRefusedByDefault) {
  testing::FakeCloseServer server(test::tls_server_options());
  ASSERT_EQ(server.base_url().rfind("https://", 0), 0u);
  ClientOptions options = test::options_for(server, std::make_shared<DefaultRetryPolicy>(0));
  try {
    OutcomesClient(options).list_page();
    FAIL() << "a self-signed certificate must not be trusted without ca_file";
  } catch (const TransportError& e) {
    EXPECT_FALSE(e.timed_out());
  }
  EXPECT_TRUE(server.requests().empty());  // Nothing, not even the credentials, was sent.
}

TEST(Tls, ACaFileMakesThePrivateCertificateTrusted) {
  testing::FakeCloseServer server(test::tls_server_options());
  ClientOptions options = test::options_for(server);
  options.ca_file = CLOSEIO_TEST_CERT;
  OutcomesClient client(options);
  OutcomeCreate create;
  create.name = "Over TLS";
  const Outcome created = client.create(create);
  EXPECT_EQ(client.fetch(created.id).name, "Over TLS");
}

}  // namespace
}  // namespace closeio::e2e_tls_test
