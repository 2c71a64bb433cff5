// Hostile ids end to end: each reaches the emulator as one segment of /outcome/{id}/, or is
// refused before anything is sent. The recorded request target is what libcurl put on the wire.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/test_client.hpp"

namespace closeio::e2e_id_paths_test {
namespace {

using testing::FakeCloseServer;

struct Operation {
  const char* name;
  std::function<void(const OutcomesClient&, const std::string&)> call;
  const char* method;
};

std::vector<Operation> operations() {
  return {
      {"fetch", [](const OutcomesClient& c, const std::string& id) { c.fetch(id); }, "GET"},
      {"update",
       [](const OutcomesClient& c, const std::string& id) {
         c.update(id, OutcomeUpdate().set_name("n"));
       },
       "PUT"},
      {"remove", [](const OutcomesClient& c, const std::string& id) { c.remove(id); }, "DELETE"},
  };
}

TEST(IdPaths, DotSegmentsAreRefusedBeforeAnythingIsSent) {
  FakeCloseServer server;
  OutcomesClient client(test::options_for(server));
  for (const Operation& op : operations()) {
    for (const char* id : {".", ".."}) {
      SCOPED_TRACE(std::string(op.name) + " '" + id + "'");
      EXPECT_THROW(op.call(client, id), std::invalid_argument);
    }
  }
  EXPECT_TRUE(server.requests().empty());
}

TEST(IdPaths, TheConnectionRefusesDotSegmentsToo) {
  // Callers may use the connection without the client's checks.
  FakeCloseServer server;
  auto connection = make_outcomes_connection(test::options_for(server));
  for (const char* id : {".", ".."}) {
    EXPECT_THROW(connection->fetch(id, {}, {}), std::invalid_argument);
    EXPECT_THROW(connection->update(id, OutcomeUpdate().set_name("n"), {}), std::invalid_argument);
    EXPECT_THROW(connection->remove(id, {}), std::invalid_argument);
  }
  EXPECT_TRUE(server.requests().empty());
}

TEST(IdPaths, EveryOtherIdIsOneEncodedSegment) {
  // Expected targets spelled out by hand (RFC 3986: only A-Z a-z 0-9 - . _ ~ stay as they are).
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"../x", "..%2Fx"}, {"a/b", "a%2Fb"}, {"%2F", "%252F"},
      {"?", "%3F"},       {"#", "%23"},     {"...", "..."},
      {"./", ".%2F"},     {"a b", "a%20b"}, {"%2E%2E", "%252E%252E"},
  };
  FakeCloseServer server;
  OutcomesClient client(test::options_for(server));
  for (const Operation& op : operations()) {
    for (const auto& [id, segment] : cases) {
      SCOPED_TRACE(std::string(op.name) + " '" + id + "'");
      server.clear_requests();
      EXPECT_THROW(op.call(client, id), NotFoundError);  // No such outcome: only that one path.
      const auto requests = server.requests();
      ASSERT_EQ(requests.size(), 1u);
      EXPECT_EQ(requests[0].method, op.method);
      EXPECT_EQ(requests[0].target, "/api/v1/outcome/" + segment + "/");
    }
  }
}

TEST(IdPaths, LibcurlSendsThePathAsBuilt) {
  // CURLOPT_PATH_AS_IS: libcurl resolves no dot-segment, even one the caller configured.
  FakeCloseServer server;
  ClientOptions options = test::options_for(server);
  options.base_url = server.base_url() + "./";
  EXPECT_THROW(OutcomesClient(options).list_page(), NotFoundError);
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].target, "/api/v1/./outcome/?_limit=100&_skip=0");
}

}  // namespace
}  // namespace closeio::e2e_id_paths_test
