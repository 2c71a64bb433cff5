// Consumer smoke test: an installed (or vendored) closeio-cpp compiles, links and works. Talks
// to a FakeCloseServer over real HTTP and to a MockOutcomesConnection. Exit code 0 on success.
#include <closeio/closeio.hpp>
#include <closeio/testing/fake_close_server.hpp>
#include <closeio/testing/mock_outcomes_connection.hpp>
#include <cstring>
#include <iostream>
#include <memory>

namespace {

int fail(const char* what) {
  std::cerr << "FAIL: " << what << "\n";
  return 1;
}

}  // namespace

int main() try {
  std::cout << "closeio " << closeio::version() << " (headers " << CLOSEIO_VERSION_STRING << ")\n";
  if (std::strcmp(closeio::version(), CLOSEIO_VERSION_STRING) != 0) {
    return fail("library and header versions differ");
  }

  closeio::testing::FakeCloseServer server;
  closeio::ClientOptions options;
  options.credentials =
      closeio::Credentials::api_key(closeio::testing::FakeCloseServerOptions().api_key);
  options.base_url = server.base_url();
  closeio::OutcomesClient client(options);

  closeio::OutcomeCreate create;
  create.name = "Consumer smoke test";
  create.description = "made by tests/consumer";
  const closeio::Outcome created = client.create(create);
  const closeio::Outcome fetched = client.fetch(created.id);
  if (created.id.empty() || fetched != created)
    return fail("fetch did not return the created outcome");
  std::cout << "created and fetched " << fetched.id << "\n";

  // The gmock mock from the testing component, without a test runner.
  auto mock = std::make_shared<::testing::NiceMock<closeio::testing::MockOutcomesConnection>>();
  ON_CALL(*mock, fetch(::testing::_, ::testing::_, ::testing::_))
      .WillByDefault(::testing::Return(created));
  if (closeio::OutcomesClient(mock).fetch("outcome_x") != created) return fail("mock fetch");
  return 0;
} catch (const std::exception& e) {
  std::cerr << "FAIL: exception: " << e.what() << "\n";
  return 1;
}
