// Every public operation through the real libcurl transport against the local Close emulator.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>

#include "support/test_client.hpp"

namespace closeio::e2e_operations_test {
namespace {

using ::testing::ElementsAre;
using testing::FakeCloseServer;
using ::testing::HasSubstr;

class Operations : public ::testing::Test {
 protected:
  FakeCloseServer server;
  OutcomesClient client{test::options_for(server)};
};

TEST_F(Operations, CreateSendsOnlyTheSetFieldsAndReturnsTheStoredOutcome) {
  OutcomeCreate create;
  create.name = "Demo Booked";
  create.description = "A demo is on the calendar";
  create.type = OutcomeType::vm_dropped;
  const Outcome created = client.create(create);

  EXPECT_TRUE(std::regex_match(created.id, std::regex("outcome_[0-9A-Za-z]{22}"))) << created.id;
  EXPECT_EQ(created.name, "Demo Booked");
  EXPECT_EQ(created.description, std::optional<std::string>("A demo is on the calendar"));
  EXPECT_EQ(created.type, OutcomeType::vm_dropped);
  EXPECT_EQ(created.organization_id, testing::FakeCloseServerOptions().organization_id);
  EXPECT_THAT(created.applies_to, ElementsAre(AppliesTo::calls));
  EXPECT_GT(created.date_created.time_since_epoch().count(), 0);

  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].target, "/api/v1/outcome/");
  EXPECT_EQ(
      requests[0].body,
      R"({"name":"Demo Booked","description":"A demo is on the calendar","type":"vm-dropped"})");
  EXPECT_EQ(requests[0].header("content-type"), "application/json");
  ASSERT_EQ(server.outcomes().size(), 1u);
  EXPECT_EQ(server.outcomes()[0], created);
}

TEST_F(Operations, CreateWithOnlyANameLeavesTypeToTheServer) {
  OutcomeCreate create;
  create.name = "Qualified";
  const Outcome created = client.create(create);
  EXPECT_EQ(created.type, OutcomeType::custom);
  EXPECT_EQ(created.description, std::nullopt);
  EXPECT_THAT(created.applies_to, ElementsAre(AppliesTo::calls, AppliesTo::meetings));
  EXPECT_EQ(server.requests().at(0).body, R"({"name":"Qualified"})");
}

TEST_F(Operations, FetchReturnsWhatWasSeeded) {
  OutcomeCreate seed;
  seed.name = "Bad Fit";
  seed.description = "Not our customer";
  const Outcome seeded = server.seed(seed);
  const Outcome fetched = client.fetch(seeded.id);
  EXPECT_EQ(fetched, seeded);
  EXPECT_EQ(server.requests().at(0).target, "/api/v1/outcome/" + seeded.id + "/");
  EXPECT_EQ(server.requests().at(0).method, "GET");
}

TEST_F(Operations, FetchWithFieldsAsksForThemAndKeepsDefaultsForTheRest) {
  OutcomeCreate seed;
  seed.name = "Callback";
  seed.description = "Call again next week";
  const Outcome seeded = server.seed(seed);
  const Outcome fetched = client.fetch(seeded.id, {"id", "name"});
  EXPECT_EQ(fetched.id, seeded.id);
  EXPECT_EQ(fetched.name, "Callback");
  EXPECT_EQ(fetched.description, std::nullopt);  // Not asked for: default.
  EXPECT_EQ(fetched.organization_id, "");
  EXPECT_EQ(server.requests().at(0).target, "/api/v1/outcome/" + seeded.id + "/?_fields=id,name");
}

TEST_F(Operations, UpdateSendsOnlyWhatChanged) {
  OutcomeCreate seed;
  seed.name = "Old name";
  seed.description = "Old description";
  const Outcome seeded = server.seed(seed);

  const Outcome renamed = client.update(seeded.id, OutcomeUpdate().set_name("New name"));
  EXPECT_EQ(renamed.name, "New name");
  EXPECT_EQ(renamed.description, std::optional<std::string>("Old description"));
  EXPECT_EQ(server.requests().back().method, "PUT");
  EXPECT_EQ(server.requests().back().body, R"({"name":"New name"})");

  const Outcome cleared = client.update(seeded.id, OutcomeUpdate().clear_description());
  EXPECT_EQ(cleared.description, std::nullopt);
  EXPECT_EQ(server.requests().back().body, R"({"description":null})");

  const Outcome retyped =
      client.update(seeded.id, OutcomeUpdate().set_type(OutcomeType::vm_dropped));
  EXPECT_EQ(retyped.type, OutcomeType::vm_dropped);
  EXPECT_EQ(server.outcomes().at(0).type, OutcomeType::vm_dropped);
}

TEST_F(Operations, RemoveDeletesAndLaterFetchIsNotFound) {
  OutcomeCreate seed;
  seed.name = "Temporary";
  const Outcome seeded = server.seed(seed);
  client.remove(seeded.id);
  EXPECT_TRUE(server.outcomes().empty());
  EXPECT_EQ(server.requests().back().method, "DELETE");
  EXPECT_THROW(client.fetch(seeded.id), NotFoundError);
}

TEST_F(Operations, RemoveAcceptsA204WithNoBody) {
  testing::ScriptedResponse no_content;
  no_content.status = 204;
  no_content.content_type = "";
  server.script(no_content);
  EXPECT_NO_THROW(client.remove("outcome_scripted"));
}

TEST_F(Operations, ListPageSendsLimitSkipAndFields) {
  server.seed_many(5, "Item");
  ListOptions options;
  options.limit = 2;
  options.skip = 1;
  options.fields = {"id", "name"};
  const Page<Outcome> page = client.list_page(options);
  ASSERT_EQ(page.data.size(), 2u);
  EXPECT_EQ(page.data[0].name, "Item 00002");
  EXPECT_EQ(page.data[1].name, "Item 00003");
  EXPECT_TRUE(page.has_more);
  EXPECT_EQ(server.requests().at(0).target, "/api/v1/outcome/?_limit=2&_skip=1&_fields=id,name");
}

TEST_F(Operations, IdIsEncodedAsOneSegmentSoItCannotReachAnotherEndpoint) {
  EXPECT_THROW(client.fetch("../lead"), NotFoundError);
  EXPECT_EQ(server.requests().at(0).target, "/api/v1/outcome/..%2Flead/");
  EXPECT_THROW(client.remove("a b?c#d"), NotFoundError);
  EXPECT_EQ(server.requests().at(1).target, "/api/v1/outcome/a%20b%3Fc%23d/");
}

TEST_F(Operations, EmptyIdsAndUnknownTypesAreRejectedBeforeAnythingIsSent) {
  EXPECT_THROW(client.fetch(""), std::invalid_argument);
  EXPECT_THROW(client.update("", OutcomeUpdate().set_name("x")), std::invalid_argument);
  EXPECT_THROW(client.remove(""), std::invalid_argument);
  OutcomeCreate unknown_type;
  unknown_type.name = "x";
  unknown_type.type = OutcomeType::unknown;
  EXPECT_THROW(client.create(unknown_type), std::invalid_argument);
  EXPECT_THROW(client.create(OutcomeCreate{}), std::invalid_argument);
  EXPECT_THROW(client.update("outcome_1", OutcomeUpdate().set_type(OutcomeType::unknown)),
               std::invalid_argument);
  ListOptions bad_limit;
  bad_limit.limit = 0;
  EXPECT_THROW(client.list_page(bad_limit), std::invalid_argument);
  ListOptions bad_skip;
  bad_skip.skip = -1;
  EXPECT_THROW(client.list(bad_skip), std::invalid_argument);
  EXPECT_TRUE(server.requests().empty());
}

TEST_F(Operations, SendsTheDocumentedHeaders) {
  server.seed_many(1);
  client.list_page();
  const auto request = server.requests().at(0);
  EXPECT_EQ(request.header("authorization"),
            "Basic dGVzdC1hcGkta2V5Og==");  // base64("test-api-key:")
  EXPECT_EQ(request.header("accept"), "application/json");
  EXPECT_THAT(request.header("user-agent"),
              ::testing::StartsWith(std::string("closeio-cpp/") + CLOSEIO_VERSION_STRING + " ("));
  EXPECT_THAT(request.header("accept-encoding"), HasSubstr("gzip"));
  EXPECT_EQ(request.header("content-type"), "");  // No body, no Content-Type.
}

TEST(OperationsAuth, BearerTokenIsSentAndAccepted) {
  FakeCloseServer server;
  ClientOptions options = test::options_for(server);
  options.credentials = Credentials::bearer_token(testing::FakeCloseServerOptions().access_token);
  options.user_agent_suffix = "my-app/2.0";
  OutcomesClient client(options);
  EXPECT_TRUE(client.list_page().data.empty());
  EXPECT_EQ(server.requests().at(0).header("authorization"), "Bearer test-access-token");
  EXPECT_THAT(server.requests().at(0).header("user-agent"), ::testing::EndsWith(") my-app/2.0"));
}

TEST(OperationsAuth, AWrongKeyIsUnauthorizedAndTheKeyStaysSecret) {
  FakeCloseServer server;
  ClientOptions options = test::options_for(server);
  options.credentials = Credentials::api_key("wrong-key-s3cr3t");
  OutcomesClient client(options);
  try {
    client.list_page();
    FAIL() << "expected UnauthorizedError";
  } catch (const UnauthorizedError& e) {
    EXPECT_EQ(e.status(), 401);
    EXPECT_THAT(e.message(), HasSubstr("could not verify that you are authorized"));
    EXPECT_THAT(e.what(), ::testing::Not(HasSubstr("wrong-key-s3cr3t")));
    EXPECT_THAT(e.what(), ::testing::Not(HasSubstr("d3Jvbmcta2V5LXMzY3IzdDo=")));  // Its base64.
  }
}

TEST(OperationsAuth, BadCredentialsAreRejectedWhenTheClientIsBuilt) {
  FakeCloseServer server;
  const std::vector<Credentials> bad = {Credentials(),
                                        Credentials::api_key(""),
                                        Credentials::bearer_token(""),
                                        Credentials::api_key("key\r\nX-Injected: 1"),
                                        Credentials::api_key("tab\tkey"),
                                        Credentials::bearer_token(std::string("nul\0byte", 8)),
                                        Credentials::api_key("user:pass")};
  for (const Credentials& credentials : bad) {
    ClientOptions options = test::options_for(server);
    options.credentials = credentials;
    EXPECT_THROW(OutcomesClient{options}, std::invalid_argument);
  }
  try {
    ClientOptions options = test::options_for(server);
    options.credentials = Credentials::api_key("secret-part\n");
    OutcomesClient client(options);
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_THAT(e.what(), HasSubstr("control character"));
    EXPECT_THAT(e.what(), ::testing::Not(HasSubstr("secret-part")));
  }
  EXPECT_TRUE(server.requests().empty());
}

}  // namespace
}  // namespace closeio::e2e_operations_test
