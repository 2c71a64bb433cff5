// The local Close emulator (closeio::testing::FakeCloseServer) checked from the outside with a
// plain httplib client and raw sockets, independently of the SDK. Expected bodies and values
// are written out here by hand from FACTS.md and the emulator's documented contract.
#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "closeio/testing/fake_close_server.hpp"

namespace e2e_fake_server_test {
namespace {

using closeio::OutcomeCreate;
using closeio::OutcomeType;
using closeio::testing::FakeCloseServer;
using closeio::testing::FakeCloseServerOptions;
using closeio::testing::Fault;
using closeio::testing::RecordedRequest;
using closeio::testing::ScriptedResponse;
using Json = nlohmann::json;
using ::testing::ElementsAre;
using ::testing::MatchesRegex;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

constexpr char kCollection[] = "/api/v1/outcome/";
// base64("test-api-key:"), the default key with Close's empty password.
constexpr char kBasicDefaultKey[] = "Basic dGVzdC1hcGkta2V5Og==";
constexpr char kUnauthorizedMessage[] =
    "The server could not verify that you are authorized to access the URL requested. You "
    "either supplied the wrong credentials (e.g. a bad password), or your browser doesn't "
    "understand how to supply the credentials required.";
constexpr char kOutcomeNotFound[] = "Empty query: Outcome matching query does not exist.";
constexpr char kDefaultOrganization[] = "orga_fake0000000000000000000";
constexpr char kDefaultUser[] = "user_fake0000000000000000000";
constexpr char kCloseTimestamp[] =
    "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{6}\\+00:00";

httplib::Headers auth() { return {{"Authorization", kBasicDefaultKey}}; }

// A client for `server`. TCP_NODELAY as curl sets it: otherwise Nagle holds back the body of
// each POST/PUT behind its headers until the server's delayed ACK, ~40 ms per request.
httplib::Client client_for(const FakeCloseServer& server) {
  httplib::Client client("127.0.0.1", server.port());
  client.set_tcp_nodelay(true);
  return client;
}

std::string item_path(const std::string& id) { return std::string(kCollection) + id + "/"; }

Json json_of(const httplib::Result& result) { return Json::parse(result->body); }

std::set<std::string> keys_of(const Json& object) {
  std::set<std::string> keys;
  for (const auto& item : object.items()) keys.insert(item.key());
  return keys;
}

// Microseconds since the epoch of "YYYY-MM-DDTHH:MM:SS.ffffff+00:00", parsed here by hand.
long long micros_of(const std::string& text) {
  std::tm parts{};
  int micros = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%6d+00:00", &parts.tm_year, &parts.tm_mon,
                  &parts.tm_mday, &parts.tm_hour, &parts.tm_min, &parts.tm_sec, &micros) != 7) {
    throw std::invalid_argument("not a Close timestamp: " + text);
  }
  parts.tm_year -= 1900;
  parts.tm_mon -= 1;
  return static_cast<long long>(timegm(&parts)) * 1000000LL + micros;
}

// Sends `request` bytes on a fresh TCP connection and reads until the server closes it.
std::string raw_exchange(int port, const std::string& request) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket");
  timeval timeout{10, 0};  // a broken emulator must fail the test, not hang it
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    close(fd);
    throw std::runtime_error("connect");
  }
  send(fd, request.data(), request.size(), 0);
  std::string received;
  char buffer[4096];
  for (;;) {
    const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    received.append(buffer, static_cast<std::size_t>(n));
  }
  close(fd);
  return received;
}

std::string raw_request(const std::string& method, const std::string& target) {
  return method + " " + target +
         " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + kBasicDefaultKey +
         "\r\nConnection: close\r\n\r\n";
}

// Waits (yielding, bounded) until the server has recorded `count` requests.
bool wait_for_requests(const FakeCloseServer& server, std::size_t count) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (server.requests().size() < count) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::yield();
  }
  return true;
}

// One emulator with default options and a keep-alive client for it. The client is declared
// after the server, so it is destroyed (and its connection closed) first.
class FakeServerTest : public ::testing::Test {
 protected:
  FakeServerTest() { client.set_keep_alive(true); }

  httplib::Result post(const std::string& body) {
    return client.Post(kCollection, auth(), body, "application/json");
  }
  httplib::Result put(const std::string& id, const std::string& body) {
    return client.Put(item_path(id), auth(), body, "application/json");
  }

  FakeCloseServer server;
  httplib::Client client = client_for(server);
};

// --- Authentication -----------------------------------------------------------------------

TEST_F(FakeServerTest, BasicAuthWithTheApiKeyIsAccepted) {
  auto result = client.Get(kCollection, auth());
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(json_of(result), Json::parse(R"({"data": [], "has_more": false})"));
}

TEST_F(FakeServerTest, BearerTokenIsAccepted) {
  auto result = client.Get(kCollection, {{"Authorization", "Bearer test-access-token"}});
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
}

TEST_F(FakeServerTest, AuthSchemeNameIsCaseInsensitive) {
  auto result = client.Get(kCollection, {{"Authorization", "basic dGVzdC1hcGkta2V5Og=="}});
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
}

TEST_F(FakeServerTest, WrongCredentialsAre401WithClosesBody) {
  const Json expected = {{"error", kUnauthorizedMessage}};
  const std::vector<std::string> rejected = {
      "Basic d3Jvbmcta2V5Og==",  // "wrong-key:"
      "Basic dGVzdC1hcGkta2V5",  // "test-api-key" without the colon
      "Basic not base64!",       // garbage
      "Bearer wrong-token",      // unknown token
      "Bearer ",                 // empty token
      "test-api-key",            // no scheme
      "Digest dGVzdC1hcGkta2V5Og==",
  };
  for (const std::string& header : rejected) {
    auto result = client.Get(kCollection, {{"Authorization", header}});
    ASSERT_TRUE(result) << header;
    EXPECT_EQ(result->status, 401) << header;
    EXPECT_EQ(json_of(result), expected) << header;
    EXPECT_EQ(result->get_header_value("Content-Type"), "application/json") << header;
  }
}

TEST_F(FakeServerTest, MissingAuthorizationIs401AndIsRecorded) {
  auto result = client.Get(kCollection);
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 401);
  EXPECT_EQ(json_of(result), (Json{{"error", kUnauthorizedMessage}}));
  ASSERT_EQ(server.requests().size(), 1u);
  EXPECT_EQ(server.requests()[0].header("authorization"), "");
}

TEST_F(FakeServerTest, AuthIsCheckedBeforeRouting) {
  auto result = client.Get("/api/v1/nothing-here/");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 401);
}

TEST(FakeServerOptions, CredentialsComeFromTheOptions) {
  FakeCloseServerOptions options;
  options.api_key = "k1";
  options.access_token = "tok-2";
  FakeCloseServer server(options);
  httplib::Client client = client_for(server);
  auto basic = client.Get(kCollection, {{"Authorization", "Basic azE6"}});  // "k1:"
  auto bearer = client.Get(kCollection, {{"Authorization", "Bearer tok-2"}});
  auto old_key = client.Get(kCollection, auth());
  ASSERT_TRUE(basic && bearer && old_key);
  EXPECT_EQ(basic->status, 200);
  EXPECT_EQ(bearer->status, 200);
  EXPECT_EQ(old_key->status, 401);
}

// --- Create -------------------------------------------------------------------------------

TEST_F(FakeServerTest, CreateAnswers201WithAllTenKeys) {
  auto result = post(R"({"name": "Qualified", "description": "Ready to buy"})");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 201);
  EXPECT_EQ(result->get_header_value("Content-Type"), "application/json");
  const Json body = json_of(result);
  EXPECT_EQ(keys_of(body), (std::set<std::string>{"id", "organization_id", "name", "description",
                                                  "type", "applies_to", "created_by", "updated_by",
                                                  "date_created", "date_updated"}));
  EXPECT_THAT(body["id"].get<std::string>(), MatchesRegex("outcome_[0-9A-Za-z]{22}"));
  EXPECT_EQ(body["organization_id"], kDefaultOrganization);
  EXPECT_EQ(body["name"], "Qualified");
  EXPECT_EQ(body["description"], "Ready to buy");
  EXPECT_EQ(body["type"], "custom");
  EXPECT_EQ(body["applies_to"], Json::parse(R"(["calls", "meetings"])"));
  EXPECT_EQ(body["created_by"], kDefaultUser);
  EXPECT_EQ(body["updated_by"], kDefaultUser);
  EXPECT_THAT(body["date_created"].get<std::string>(), MatchesRegex(kCloseTimestamp));
  EXPECT_EQ(body["date_updated"], body["date_created"]);

  ASSERT_EQ(server.outcomes().size(), 1u);
  const closeio::Outcome stored = server.outcomes()[0];
  EXPECT_EQ(stored.id, body["id"]);
  EXPECT_EQ(stored.name, "Qualified");
  EXPECT_EQ(stored.description, std::optional<std::string>("Ready to buy"));
  EXPECT_EQ(stored.date_created.time_since_epoch().count(),
            micros_of(body["date_created"].get<std::string>()));
  EXPECT_EQ(server.creates_performed(), 1u);
  EXPECT_EQ(server.writes_performed(), 1u);
}

TEST_F(FakeServerTest, CreatedAtIsNowInUtc) {
  const long long before = std::chrono::duration_cast<std::chrono::microseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
  auto result = post(R"({"name": "Now"})");
  const long long after = std::chrono::duration_cast<std::chrono::microseconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count();
  ASSERT_TRUE(result);
  const long long created = micros_of(json_of(result)["date_created"].get<std::string>());
  EXPECT_GE(created, before);
  EXPECT_LE(created, after);
}

TEST_F(FakeServerTest, VmDroppedAppliesToCallsOnlyAndDescriptionDefaultsToNull) {
  auto result = post(R"({"name": "Voicemail", "type": "vm-dropped"})");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 201);
  const Json body = json_of(result);
  EXPECT_EQ(body["type"], "vm-dropped");
  EXPECT_EQ(body["applies_to"], Json::parse(R"(["calls"])"));
  EXPECT_TRUE(body["description"].is_null());
}

TEST_F(FakeServerTest, CreateIgnoresUnknownKeysAndDerivesAppliesToFromType) {
  auto result =
      post(R"({"name": "X", "color": "red", "applies_to": ["calls"], "description": null})");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 201);
  const Json body = json_of(result);
  EXPECT_FALSE(body.contains("color"));
  EXPECT_EQ(body["applies_to"], Json::parse(R"(["calls", "meetings"])"));
  EXPECT_TRUE(body["description"].is_null());
}

TEST_F(FakeServerTest, IdsAreDistinct) {
  std::set<std::string> ids;
  for (int i = 0; i < 20; ++i) {
    auto result = post(R"({"name": "N"})");
    ASSERT_TRUE(result);
    ids.insert(json_of(result)["id"].get<std::string>());
  }
  EXPECT_EQ(ids.size(), 20u);
}

// --- Create validation --------------------------------------------------------------------

struct InvalidCreate {
  const char* body;
  const char* expected;  // the whole 400 body
};

class FakeServerCreateValidation : public ::testing::TestWithParam<InvalidCreate> {};

TEST_P(FakeServerCreateValidation, AnswersClosesBadRequestBodyAndStoresNothing) {
  FakeCloseServer server;
  httplib::Client client = client_for(server);
  auto result = client.Post(kCollection, auth(), GetParam().body, "application/json");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 400);
  EXPECT_EQ(result->get_header_value("Content-Type"), "application/json");
  EXPECT_EQ(json_of(result), Json::parse(GetParam().expected));
  EXPECT_TRUE(server.outcomes().empty());
  EXPECT_EQ(server.creates_performed(), 0u);
  EXPECT_EQ(server.writes_performed(), 0u);
}

INSTANTIATE_TEST_SUITE_P(
    Bodies, FakeServerCreateValidation,
    ::testing::Values(
        InvalidCreate{R"({})",
                      R"({"errors": [], "field-errors": {"name": "This field is required."}})"},
        InvalidCreate{R"({"name": ""})",
                      R"({"errors": [], "field-errors": {"name": "This field is required."}})"},
        InvalidCreate{R"({"name": null})",
                      R"({"errors": [], "field-errors": {"name": "Field may not be null."}})"},
        InvalidCreate{R"({"name": 42})",
                      R"({"errors": [], "field-errors": {"name": "Not a valid string."}})"},
        InvalidCreate{
            R"({"name": "A", "type": "other"})",
            R"({"errors": [], "field-errors": {"type": "Must be one of: custom, vm-dropped."}})"},
        InvalidCreate{R"({"name": "A", "type": null})",
                      R"({"errors": [], "field-errors": {"type": "Field may not be null."}})"},
        InvalidCreate{R"({"name": "A", "description": 5})",
                      R"({"errors": [], "field-errors": {"description": "Not a valid string."}})"},
        InvalidCreate{R"({"name": "A", "applies_to": "calls"})",
                      R"({"errors": [], "field-errors": {"applies_to": "Not a valid list."}})"},
        InvalidCreate{R"({"name": "A", "applies_to": ["calls", "emails"]})",
                      R"({"errors": [], "field-errors": {"applies_to": {"errors": {"1": {
                           "errors": ["Must be one of: calls, meetings."],
                           "field-errors": {}}}}}})"},
        InvalidCreate{R"({"type": "bad"})",
                      R"({"errors": [], "field-errors": {
                           "name": "This field is required.",
                           "type": "Must be one of: custom, vm-dropped."}})"},
        InvalidCreate{R"([{"name": "A"}])", R"({"error": "Request body must be a JSON object."})"},
        InvalidCreate{R"("name")", R"({"error": "Request body must be a JSON object."})"},
        InvalidCreate{R"({"name": )", R"({"error": "Request body is not valid JSON."})"},
        InvalidCreate{"", R"({"error": "Request body is not valid JSON."})"}));

// --- Fetch, update, delete ----------------------------------------------------------------

TEST_F(FakeServerTest, FetchReturnsTheStoredOutcome) {
  const closeio::Outcome seeded =
      server.seed(OutcomeCreate{"Demo Booked", std::string("Meeting set"), OutcomeType::custom});
  auto result = client.Get(item_path(seeded.id), auth());
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  const Json body = json_of(result);
  EXPECT_EQ(body["id"], seeded.id);
  EXPECT_EQ(body["name"], "Demo Booked");
  EXPECT_EQ(body["description"], "Meeting set");
  EXPECT_EQ(body["organization_id"], kDefaultOrganization);
  EXPECT_EQ(micros_of(body["date_created"].get<std::string>()),
            seeded.date_created.time_since_epoch().count());
  EXPECT_EQ(keys_of(body).size(), 10u);
}

TEST_F(FakeServerTest, FetchHonoursFields) {
  const closeio::Outcome seeded = server.seed(OutcomeCreate{"A", std::nullopt, std::nullopt});
  auto result = client.Get(item_path(seeded.id) + "?_fields=id,name", auth());
  ASSERT_TRUE(result);
  EXPECT_EQ(json_of(result), (Json{{"id", seeded.id}, {"name", "A"}}));
}

TEST_F(FakeServerTest, UnknownIdIs404ForFetchUpdateAndDelete) {
  const Json expected = {{"error", kOutcomeNotFound}};
  auto fetched = client.Get(item_path("outcome_doesnotexist0000000000"), auth());
  auto updated = put("outcome_doesnotexist0000000000", R"({"name": "X"})");
  auto deleted = client.Delete(item_path("outcome_doesnotexist0000000000"), auth());
  for (const auto* result : {&fetched, &updated, &deleted}) {
    ASSERT_TRUE(*result);
    EXPECT_EQ((*result)->status, 404);
    EXPECT_EQ(json_of(*result), expected);
  }
  EXPECT_EQ(server.writes_performed(), 0u);
}

TEST_F(FakeServerTest, PathsWithControlCharactersAreRecordedAndAnsweredInClosesShape) {
  // "%0D%0A" decodes to CR LF, which a ".*" route would not match (httplib's bare 404 then).
  for (const char* target :
       {"/api/v1/outcome/a%0D%0Ab/", "/api/v1/outcome/%0A/", "/api/v1/activity/meeting/x%0Dy/"}) {
    const std::size_t before = server.requests().size();
    auto fetched = client.Get(target, auth());
    ASSERT_TRUE(fetched) << target;
    EXPECT_EQ(fetched->status, 404) << target;
    EXPECT_TRUE(json_of(fetched).contains("error")) << target << ": " << fetched->body;
    ASSERT_EQ(server.requests().size(), before + 1) << target;
    EXPECT_EQ(server.requests().back().target, target);
  }
}

TEST_F(FakeServerTest, UpdateChangesOnlyTheSentKeys) {
  const closeio::Outcome seeded =
      server.seed(OutcomeCreate{"Old", std::string("Kept"), OutcomeType::vm_dropped});
  auto result = put(seeded.id, R"({"name": "New"})");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  const Json body = json_of(result);
  EXPECT_EQ(body["name"], "New");
  EXPECT_EQ(body["description"], "Kept");
  EXPECT_EQ(body["type"], "vm-dropped");
  EXPECT_EQ(body["updated_by"], kDefaultUser);
  EXPECT_GE(micros_of(body["date_updated"].get<std::string>()),
            seeded.date_updated.time_since_epoch().count());
  EXPECT_EQ(micros_of(body["date_created"].get<std::string>()),
            seeded.date_created.time_since_epoch().count());
  ASSERT_EQ(server.outcomes().size(), 1u);
  EXPECT_EQ(server.outcomes()[0].name, "New");
  EXPECT_EQ(server.writes_performed(), 1u);
  EXPECT_EQ(server.creates_performed(), 0u);
}

TEST_F(FakeServerTest, UpdateWithNullDescriptionClearsIt) {
  const closeio::Outcome seeded =
      server.seed(OutcomeCreate{"A", std::string("Gone soon"), std::nullopt});
  auto result = put(seeded.id, R"({"description": null})");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  EXPECT_TRUE(json_of(result)["description"].is_null());
  EXPECT_EQ(server.outcomes()[0].description, std::nullopt);
  EXPECT_EQ(server.outcomes()[0].name, "A");
}

TEST_F(FakeServerTest, UpdateOfTypeDerivesAppliesToAgain) {
  const closeio::Outcome seeded = server.seed(OutcomeCreate{"A", std::nullopt, std::nullopt});
  auto result = put(seeded.id, R"({"type": "vm-dropped"})");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(json_of(result)["applies_to"], Json::parse(R"(["calls"])"));
}

TEST_F(FakeServerTest, EmptyUpdateKeepsEverythingButTheUpdateStamp) {
  const closeio::Outcome seeded = server.seed(OutcomeCreate{"A", std::string("d"), std::nullopt});
  auto result = put(seeded.id, "{}");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  const Json body = json_of(result);
  EXPECT_EQ(body["name"], "A");
  EXPECT_EQ(body["description"], "d");
  EXPECT_EQ(body["type"], "custom");
}

TEST_F(FakeServerTest, InvalidUpdatesAre400AndChangeNothing) {
  const closeio::Outcome seeded = server.seed(OutcomeCreate{"A", std::nullopt, std::nullopt});
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"name": null})",
       R"({"errors": [], "field-errors": {"name": "Field may not be null."}})"},
      {R"({"name": ""})", R"({"errors": [], "field-errors": {"name": "This field is required."}})"},
      {R"({"type": "x"})",
       R"({"errors": [], "field-errors": {"type": "Must be one of: custom, vm-dropped."}})"},
      {R"({"description": []})",
       R"({"errors": [], "field-errors": {"description": "Not a valid string."}})"},
      {R"(["name"])", R"({"error": "Request body must be a JSON object."})"},
  };
  for (const auto& [body, expected] : cases) {
    auto result = put(seeded.id, body);
    ASSERT_TRUE(result) << body;
    EXPECT_EQ(result->status, 400) << body;
    EXPECT_EQ(json_of(result), Json::parse(expected)) << body;
  }
  EXPECT_EQ(server.outcomes()[0], seeded);
  EXPECT_EQ(server.writes_performed(), 0u);
}

TEST_F(FakeServerTest, DeleteAnswersEmptyObjectThenTheOutcomeIsGone) {
  const closeio::Outcome first = server.seed(OutcomeCreate{"First", std::nullopt, std::nullopt});
  const closeio::Outcome second = server.seed(OutcomeCreate{"Second", std::nullopt, std::nullopt});
  auto deleted = client.Delete(item_path(first.id), auth());
  ASSERT_TRUE(deleted);
  EXPECT_EQ(deleted->status, 200);
  EXPECT_EQ(deleted->body, "{}");
  auto fetched = client.Get(item_path(first.id), auth());
  auto again = client.Delete(item_path(first.id), auth());
  ASSERT_TRUE(fetched && again);
  EXPECT_EQ(fetched->status, 404);
  EXPECT_EQ(again->status, 404);
  ASSERT_EQ(server.outcomes().size(), 1u);
  EXPECT_EQ(server.outcomes()[0].id, second.id);
  // The survivor is still reachable by id after the positions shifted.
  auto survivor = client.Get(item_path(second.id), auth());
  ASSERT_TRUE(survivor);
  EXPECT_EQ(json_of(survivor)["name"], "Second");
  EXPECT_EQ(server.writes_performed(), 1u);
}

TEST_F(FakeServerTest, HeadIsAnsweredLikeGetWithoutBody) {
  auto result = client.Head(kCollection, auth());
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  EXPECT_TRUE(result->body.empty());
}

// --- Routing ------------------------------------------------------------------------------

TEST_F(FakeServerTest, PathsWithoutTheTrailingSlashAre404) {
  const closeio::Outcome seeded = server.seed(OutcomeCreate{"A", std::nullopt, std::nullopt});
  auto list = client.Get("/api/v1/outcome", auth());
  auto create = client.Post("/api/v1/outcome", auth(), R"({"name": "B"})", "application/json");
  auto fetch = client.Get("/api/v1/outcome/" + seeded.id, auth());
  for (const auto* result : {&list, &create, &fetch}) {
    ASSERT_TRUE(*result);
    EXPECT_EQ((*result)->status, 404);
    EXPECT_TRUE(json_of(*result)["error"].is_string());
    EXPECT_EQ((*result)->get_header_value("Content-Type"), "application/json");
  }
  EXPECT_EQ(server.outcomes().size(), 1u);
}

TEST_F(FakeServerTest, OtherPathsAre404) {
  const closeio::Outcome seeded = server.seed(OutcomeCreate{"A", std::nullopt, std::nullopt});
  for (const std::string& path : std::vector<std::string>{
           "/", "/api/v1/", "/api/v1/contact/", "/api/v1/outcomes/", "/api/v2/outcome/",
           "/api/v1/outcome//", "/api/v1/outcome/" + seeded.id + "/extra/"}) {
    auto result = client.Get(path, auth());
    ASSERT_TRUE(result) << path;
    EXPECT_EQ(result->status, 404) << path;
    EXPECT_TRUE(json_of(result)["error"].is_string()) << path;
  }
}

TEST_F(FakeServerTest, PercentEncodedSlashInAnIdDoesNotMatch) {
  const closeio::Outcome seeded = server.seed(OutcomeCreate{"A", std::nullopt, std::nullopt});
  auto traversal = client.Get("/api/v1/outcome/..%2Flead/", auth());
  auto suffixed = client.Get("/api/v1/outcome/" + seeded.id + "%2F/", auth());
  ASSERT_TRUE(traversal && suffixed);
  EXPECT_EQ(traversal->status, 404);
  EXPECT_EQ(suffixed->status, 404);
  const std::vector<RecordedRequest> requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].target, "/api/v1/outcome/..%2Flead/");
  EXPECT_EQ(requests[0].path, "/api/v1/outcome/../lead/");
}

TEST_F(FakeServerTest, UnsupportedMethodsOnKnownPathsAre405) {
  const closeio::Outcome seeded = server.seed(OutcomeCreate{"A", std::nullopt, std::nullopt});
  const Json expected = {{"error", "Method not allowed"}};
  auto patch = client.Patch(item_path(seeded.id), auth(), R"({"name": "B"})", "application/json");
  auto post_item = client.Post(item_path(seeded.id), auth(), "{}", "application/json");
  auto delete_all = client.Delete(kCollection, auth());
  auto put_all = client.Put(kCollection, auth(), "{}", "application/json");
  for (const auto* result : {&patch, &post_item, &delete_all, &put_all}) {
    ASSERT_TRUE(*result);
    EXPECT_EQ((*result)->status, 405);
    EXPECT_EQ(json_of(*result), expected);
  }
  EXPECT_EQ(patch->get_header_value("Allow"), "GET, HEAD, PUT, DELETE");
  EXPECT_EQ(delete_all->get_header_value("Allow"), "GET, HEAD, POST");
  EXPECT_EQ(server.outcomes()[0], seeded);
  EXPECT_EQ(server.outcomes().size(), 1u);
}

TEST(FakeServerRaw, MethodsWithoutHttplibRoutesAreAnsweredAndRecorded) {
  FakeCloseServer server;
  const std::string answer = raw_exchange(server.port(), raw_request("TRACE", kCollection));
  EXPECT_THAT(answer, ::testing::StartsWith("HTTP/1.1 405 "));
  EXPECT_THAT(answer, ::testing::HasSubstr(R"({"error":"Method not allowed"})"));
  ASSERT_EQ(server.requests().size(), 1u);
  EXPECT_EQ(server.requests()[0].method, "TRACE");
}

// --- List ---------------------------------------------------------------------------------

std::vector<std::string> names_of(const Json& page) {
  std::vector<std::string> names;
  for (const Json& item : page["data"]) names.push_back(item["name"].get<std::string>());
  return names;
}

TEST_F(FakeServerTest, ListReturnsEverythingInInsertionOrder) {
  server.seed_many(3, "Item");
  server.seed(OutcomeCreate{"Last", std::nullopt, std::nullopt});
  auto result = client.Get(kCollection, auth());
  ASSERT_TRUE(result);
  const Json page = json_of(result);
  EXPECT_THAT(names_of(page), ElementsAre("Item 00001", "Item 00002", "Item 00003", "Last"));
  EXPECT_EQ(page["has_more"], false);
  EXPECT_EQ(keys_of(page), (std::set<std::string>{"data", "has_more"}));
  EXPECT_EQ(keys_of(page["data"][0]).size(), 10u);
}

TEST_F(FakeServerTest, LimitAndSkipPageThroughTheList) {
  server.seed_many(5, "Item");
  struct Case {
    std::string query;
    std::vector<std::string> names;
    bool has_more;
  };
  const std::vector<Case> cases = {
      {"?_limit=2", {"Item 00001", "Item 00002"}, true},
      {"?_skip=2&_limit=2", {"Item 00003", "Item 00004"}, true},
      {"?_skip=4&_limit=2", {"Item 00005"}, false},
      {"?_skip=3&_limit=2", {"Item 00004", "Item 00005"}, false},
      {"?_skip=5", {}, false},
      {"?_skip=500", {}, false},
      {"?_limit=5", {"Item 00001", "Item 00002", "Item 00003", "Item 00004", "Item 00005"}, false},
  };
  for (const Case& c : cases) {
    auto result = client.Get(std::string(kCollection) + c.query, auth());
    ASSERT_TRUE(result) << c.query;
    EXPECT_EQ(result->status, 200) << c.query;
    const Json page = json_of(result);
    EXPECT_EQ(names_of(page), c.names) << c.query;
    EXPECT_EQ(page["has_more"], c.has_more) << c.query;
  }
}

TEST_F(FakeServerTest, DefaultLimitIs100) {
  server.seed_many(150);
  auto result = client.Get(kCollection, auth());
  ASSERT_TRUE(result);
  const Json page = json_of(result);
  EXPECT_EQ(page["data"].size(), 100u);
  EXPECT_EQ(page["data"][99]["name"], "Outcome 00100");
  EXPECT_EQ(page["has_more"], true);
}

TEST_F(FakeServerTest, ListFieldsTrimsEveryItem) {
  server.seed_many(2, "F");
  auto result = client.Get(std::string(kCollection) + "?_fields=name,%20type,bogus", auth());
  ASSERT_TRUE(result);
  const Json page = json_of(result);
  EXPECT_EQ(page, Json::parse(R"({"data": [{"name": "F 00001", "type": "custom"},
                                           {"name": "F 00002", "type": "custom"}],
                                  "has_more": false})"));
}

TEST_F(FakeServerTest, InvalidLimitOrSkipIs400) {
  for (const std::string query :
       {"_limit=0", "_limit=-1", "_limit=abc", "_limit=1001", "_limit=", "_limit=1.5",
        "_limit=99999999999999999999", "_skip=-1", "_skip=x", "_skip=", "_skip=1e3"}) {
    auto result = client.Get(std::string(kCollection) + "?" + query, auth());
    ASSERT_TRUE(result) << query;
    EXPECT_EQ(result->status, 400) << query;
    EXPECT_TRUE(json_of(result)["error"].is_string()) << query;
  }
  auto limit = client.Get(std::string(kCollection) + "?_limit=0", auth());
  ASSERT_TRUE(limit);
  EXPECT_EQ(json_of(limit),
            (Json{{"error", "Invalid _limit: must be an integer from 1 to 1000."}}));
  auto skip = client.Get(std::string(kCollection) + "?_skip=-1", auth());
  ASSERT_TRUE(skip);
  EXPECT_EQ(json_of(skip), (Json{{"error", "Invalid _skip: must be a non-negative integer."}}));
  auto largest = client.Get(std::string(kCollection) + "?_limit=1000", auth());
  ASSERT_TRUE(largest);
  EXPECT_EQ(largest->status, 200);
}

TEST(FakeServerOptions, MaxLimitBoundsLimit) {
  FakeCloseServerOptions options;
  options.max_limit = 10;
  FakeCloseServer server(options);
  httplib::Client client = client_for(server);
  auto ten = client.Get(std::string(kCollection) + "?_limit=10", auth());
  auto eleven = client.Get(std::string(kCollection) + "?_limit=11", auth());
  ASSERT_TRUE(ten && eleven);
  EXPECT_EQ(ten->status, 200);
  EXPECT_EQ(eleven->status, 400);
  EXPECT_EQ(json_of(eleven), (Json{{"error", "Invalid _limit: must be an integer from 1 to 10."}}));
}

TEST_F(FakeServerTest, SeedManyHandlesALargeList) {
  server.seed_many(100000);
  const std::vector<closeio::Outcome> all = server.outcomes();
  ASSERT_EQ(all.size(), 100000u);
  EXPECT_EQ(all[0].name, "Outcome 00001");
  EXPECT_EQ(all[99998].name, "Outcome 99999");
  EXPECT_EQ(all[99999].name, "Outcome 100000");
  std::set<std::string> ids;
  for (const closeio::Outcome& outcome : all) ids.insert(outcome.id);
  EXPECT_EQ(ids.size(), 100000u);

  auto tail = client.Get(std::string(kCollection) + "?_skip=99999&_limit=1000", auth());
  ASSERT_TRUE(tail);
  const Json page = json_of(tail);
  EXPECT_THAT(names_of(page), ElementsAre("Outcome 100000"));
  EXPECT_EQ(page["has_more"], false);

  server.clear_outcomes();
  EXPECT_TRUE(server.outcomes().empty());
}

// --- Headers on every emulator answer -----------------------------------------------------

TEST_F(FakeServerTest, EveryAnswerCarriesJsonContentTypeAndRateLimit) {
  auto ok = client.Get(kCollection, auth());
  auto unauthorized = client.Get(kCollection);
  auto missing = client.Get("/nope", auth());
  for (const auto* result : {&ok, &unauthorized, &missing}) {
    ASSERT_TRUE(*result);
    EXPECT_EQ((*result)->get_header_value("Content-Type"), "application/json");
    EXPECT_THAT((*result)->get_header_value("RateLimit"),
                MatchesRegex("limit=600, remaining=[0-9]+, reset=[0-9]+\\.[0-9]+"));
  }
}

// --- Scripted answers ---------------------------------------------------------------------

TEST_F(FakeServerTest, ScriptedAnswerIsSentExactlyAsScripted) {
  ScriptedResponse scripted;
  scripted.status = 429;
  scripted.headers = {{"Retry-After", "2"}, {"X-Rate-Limit-Reset", "1.5"}};
  scripted.body = R"({"error": {"rate_reset": 1.5}})";
  server.script(scripted);

  auto first = client.Get(kCollection, auth());
  auto second = client.Get(kCollection, auth());
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->status, 429);
  EXPECT_EQ(first->body, R"({"error": {"rate_reset": 1.5}})");
  EXPECT_EQ(first->get_header_value("Retry-After"), "2");
  EXPECT_EQ(first->get_header_value("X-Rate-Limit-Reset"), "1.5");
  EXPECT_EQ(first->get_header_value("Content-Type"), "application/json");
  EXPECT_FALSE(first->has_header("RateLimit"));
  EXPECT_EQ(second->status, 200);  // used once, then the emulator answers again
  EXPECT_TRUE(second->has_header("RateLimit"));
}

TEST_F(FakeServerTest, ScriptedContentTypeAndHeaderOverride) {
  ScriptedResponse html;
  html.status = 502;
  html.body = "<html>Bad Gateway</html>";
  html.content_type = "text/html";
  server.script(html);
  ScriptedResponse header;
  header.status = 503;
  header.body = "down";
  header.headers = {{"content-type", "text/plain; charset=utf-8"}};
  server.script(header);

  auto first = client.Get(kCollection, auth());
  auto second = client.Get(kCollection, auth());
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->status, 502);
  EXPECT_EQ(first->body, "<html>Bad Gateway</html>");
  EXPECT_EQ(first->get_header_value("Content-Type"), "text/html");
  EXPECT_EQ(second->status, 503);
  EXPECT_EQ(second->get_header_value_count("Content-Type"), 1u);
  EXPECT_EQ(second->get_header_value("Content-Type"), "text/plain; charset=utf-8");
}

TEST_F(FakeServerTest, ScriptedAnswersMatchMethodAndDecodedPath) {
  const closeio::Outcome seeded = server.seed(OutcomeCreate{"A", std::nullopt, std::nullopt});
  ScriptedResponse on_post;
  on_post.method = "POST";
  on_post.path = kCollection;
  on_post.status = 503;
  on_post.body = "{}";
  server.script(on_post);
  ScriptedResponse on_space;
  on_space.path = "/api/v1/outcome/a b/";
  on_space.status = 418;
  server.script(on_space);

  auto get_list = client.Get(kCollection, auth());
  auto get_item = client.Get(item_path(seeded.id), auth());
  auto created = post(R"({"name": "B"})");
  auto spaced = client.Get("/api/v1/outcome/a%20b/", auth());
  ASSERT_TRUE(get_list && get_item && created && spaced);
  EXPECT_EQ(get_list->status, 200);
  EXPECT_EQ(get_item->status, 200);
  EXPECT_EQ(created->status, 503);
  EXPECT_EQ(spaced->status, 418);
  EXPECT_EQ(server.outcomes().size(), 1u);  // perform is false: the POST did nothing
  EXPECT_EQ(server.creates_performed(), 0u);
}

TEST_F(FakeServerTest, ScriptedAnswersAreUsedTimesTimesInFifoOrder) {
  ScriptedResponse first;
  first.status = 500;
  first.times = 2;
  server.script(first);
  ScriptedResponse second;
  second.status = 502;
  server.script(second);

  std::vector<int> statuses;
  for (int i = 0; i < 4; ++i) {
    auto result = client.Get(kCollection, auth());
    ASSERT_TRUE(result);
    statuses.push_back(result->status);
  }
  EXPECT_THAT(statuses, ElementsAre(500, 500, 502, 200));
}

TEST_F(FakeServerTest, NonMatchingScriptedAnswerKeepsItsPlace) {
  ScriptedResponse for_delete;
  for_delete.method = "DELETE";
  for_delete.status = 500;
  server.script(for_delete);
  ScriptedResponse for_any;
  for_any.status = 502;
  server.script(for_any);

  auto get = client.Get(kCollection, auth());
  auto del = client.Delete(item_path("outcome_x"), auth());
  ASSERT_TRUE(get && del);
  EXPECT_EQ(get->status, 502);
  EXPECT_EQ(del->status, 500);
}

TEST_F(FakeServerTest, PerformedScriptedAnswerChangesStateButHidesTheRealAnswer) {
  ScriptedResponse lost;
  lost.method = "POST";
  lost.status = 504;
  lost.body = "gateway timeout";
  lost.content_type = "text/plain";
  lost.perform = true;
  server.script(lost);

  auto result = post(R"({"name": "Reached Close"})");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 504);
  EXPECT_EQ(result->body, "gateway timeout");
  ASSERT_EQ(server.outcomes().size(), 1u);
  EXPECT_EQ(server.outcomes()[0].name, "Reached Close");
  EXPECT_EQ(server.creates_performed(), 1u);
  EXPECT_EQ(server.writes_performed(), 1u);
}

TEST_F(FakeServerTest, ScriptedAnswersIgnoreAuth) {
  ScriptedResponse scripted;
  scripted.status = 200;
  scripted.body = R"({"scripted": true})";
  server.script(scripted);
  auto result = client.Get(kCollection);
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(result->body, R"({"scripted": true})");
}

TEST_F(FakeServerTest, ClearScriptDropsPendingAnswers) {
  ScriptedResponse scripted;
  scripted.status = 500;
  scripted.times = 3;
  server.script(scripted);
  ScriptedResponse never;
  never.status = 500;
  never.times = 0;  // serves nothing
  server.script(never);
  auto first = client.Get(kCollection, auth());
  server.clear_script();
  auto second = client.Get(kCollection, auth());
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->status, 500);
  EXPECT_EQ(second->status, 200);
}

// --- Connection faults --------------------------------------------------------------------

TEST_F(FakeServerTest, DropMidBodyFailsTheClientThenTheServerStillServes) {
  ScriptedResponse dropped;
  dropped.body = std::string(100, 'x');
  dropped.fault = Fault::drop_mid_body;
  server.script(dropped);

  auto failed = client.Get(kCollection, auth());
  EXPECT_FALSE(failed);
  EXPECT_NE(failed.error(), httplib::Error::Success);
  auto recovered = client.Get(kCollection, auth());
  ASSERT_TRUE(recovered);
  EXPECT_EQ(recovered->status, 200);
  EXPECT_EQ(server.connection_count(), 2u);  // the dropped connection could not be reused
}

TEST(FakeServerRaw, DropMidBodyPromisesTheWholeBodyAndSendsHalf) {
  FakeCloseServer server;
  ScriptedResponse dropped;
  dropped.status = 200;
  dropped.body = std::string(50, 'a') + std::string(50, 'b');
  dropped.fault = Fault::drop_mid_body;
  server.script(dropped);

  const std::string answer = raw_exchange(server.port(), raw_request("GET", kCollection));
  const std::size_t blank = answer.find("\r\n\r\n");
  ASSERT_NE(blank, std::string::npos);
  const std::string head = answer.substr(0, blank);
  EXPECT_THAT(head, ::testing::StartsWith("HTTP/1.1 200 "));
  EXPECT_THAT(head, ::testing::HasSubstr("Content-Length: 100"));
  EXPECT_EQ(answer.substr(blank + 4), std::string(50, 'a'));
}

TEST_F(FakeServerTest, CloseConnectionFailsTheClient) {
  ScriptedResponse closed;
  closed.body = R"({"never": "sent"})";
  closed.fault = Fault::close_connection;
  server.script(closed);

  auto failed = client.Get(kCollection, auth());
  EXPECT_FALSE(failed);
  EXPECT_NE(failed.error(), httplib::Error::Success);
  auto recovered = client.Get(kCollection, auth());
  ASSERT_TRUE(recovered);
  EXPECT_EQ(recovered->status, 200);
}

TEST(FakeServerRaw, CloseConnectionSendsChunkedHeadersAndNoBody) {
  FakeCloseServer server;
  ScriptedResponse closed;
  closed.status = 200;
  closed.body = R"({"never": "sent"})";
  closed.fault = Fault::close_connection;
  server.script(closed);

  const std::string answer = raw_exchange(server.port(), raw_request("GET", kCollection));
  const std::size_t blank = answer.find("\r\n\r\n");
  ASSERT_NE(blank, std::string::npos);
  EXPECT_THAT(answer.substr(0, blank), ::testing::HasSubstr("Transfer-Encoding: chunked"));
  EXPECT_EQ(answer.substr(blank + 4), "");
}

// --- Connections --------------------------------------------------------------------------

TEST_F(FakeServerTest, KeepAliveRequestsShareOneConnection) {
  EXPECT_EQ(server.connection_count(), 0u);
  auto first = client.Get(kCollection, auth());
  auto second = post(R"({"name": "A"})");
  ASSERT_TRUE(first && second);
  EXPECT_EQ(server.connection_count(), 1u);

  httplib::Client other = client_for(server);
  auto third = other.Get(kCollection, auth());
  ASSERT_TRUE(third);
  EXPECT_EQ(server.connection_count(), 2u);
}

TEST(FakeServerConnections, RequestsWithoutKeepAliveOpenOneConnectionEach) {
  FakeCloseServer server;
  httplib::Client client = client_for(server);  // httplib sends Connection: close
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(client.Get(kCollection, auth()));
  EXPECT_EQ(server.connection_count(), 3u);
}

TEST(FakeServerConnections, ConcurrentClientsAreServedSafely) {
  FakeCloseServerOptions options;
  options.threads = 4;
  FakeCloseServer server(options);
  constexpr int kClients = 8;
  constexpr int kCreatesEach = 15;
  std::atomic<int> created{0};
  std::vector<std::thread> threads;
  for (int c = 0; c < kClients; ++c) {
    threads.emplace_back([&server, &created] {
      httplib::Client client = client_for(server);
      for (int i = 0; i < kCreatesEach; ++i) {
        auto result = client.Post(kCollection, auth(), R"({"name": "C"})", "application/json");
        if (result && result->status == 201) created.fetch_add(1);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(created.load(), kClients * kCreatesEach);
  EXPECT_EQ(server.outcomes().size(), static_cast<std::size_t>(kClients * kCreatesEach));
  EXPECT_EQ(server.creates_performed(), static_cast<std::size_t>(kClients * kCreatesEach));
  EXPECT_EQ(server.requests().size(), static_cast<std::size_t>(kClients * kCreatesEach));
}

// --- Request log --------------------------------------------------------------------------

TEST_F(FakeServerTest, RequestLogKeepsWhatWasSent) {
  auto listed =
      client.Get(std::string(kCollection) + "?_limit=2&_fields=id%2Cname&q=a%20b&_limit=3",
                 {{"Authorization", kBasicDefaultKey}, {"X-Custom-Header", "Value 1"}});
  auto created = post(R"({"name": "Logged"})");
  auto rejected = client.Delete(item_path("outcome_x"));  // no auth: 401, still recorded
  ASSERT_TRUE(listed && created && rejected);

  const std::vector<RecordedRequest> requests = server.requests();
  ASSERT_EQ(requests.size(), 3u);
  const RecordedRequest& get = requests[0];
  EXPECT_EQ(get.method, "GET");
  EXPECT_EQ(get.target, "/api/v1/outcome/?_limit=2&_fields=id%2Cname&q=a%20b&_limit=3");
  EXPECT_EQ(get.path, "/api/v1/outcome/");
  EXPECT_THAT(get.query, ElementsAre(Pair("_limit", "2"), Pair("_fields", "id,name"),
                                     Pair("q", "a b"), Pair("_limit", "3")));
  EXPECT_EQ(get.header("x-custom-header"), "Value 1");
  EXPECT_EQ(get.header("authorization"), kBasicDefaultKey);
  EXPECT_EQ(get.header("X-Custom-Header"), "");  // names are stored lower-case
  for (const auto& [name, value] : get.headers) {
    EXPECT_EQ(name.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), std::string::npos) << name;
  }
  EXPECT_EQ(get.body, "");

  EXPECT_EQ(requests[1].method, "POST");
  EXPECT_EQ(requests[1].body, R"({"name": "Logged"})");
  EXPECT_EQ(requests[1].header("content-type"), "application/json");
  EXPECT_TRUE(requests[1].query.empty());

  EXPECT_EQ(requests[2].method, "DELETE");
  EXPECT_EQ(requests[2].path, "/api/v1/outcome/outcome_x/");
  EXPECT_EQ(rejected->status, 401);

  server.clear_requests();
  EXPECT_TRUE(server.requests().empty());
}

TEST_F(FakeServerTest, FirstLimitParameterWins) {
  server.seed_many(5);
  auto result = client.Get(std::string(kCollection) + "?_limit=2&_limit=4", auth());
  ASSERT_TRUE(result);
  EXPECT_EQ(json_of(result)["data"].size(), 2u);
}

// --- Lifecycle ----------------------------------------------------------------------------

TEST(FakeServerLifecycle, BaseUrlNamesTheBoundPort) {
  FakeCloseServer server;
  EXPECT_GT(server.port(), 0);
  EXPECT_EQ(server.base_url(), "http://127.0.0.1:" + std::to_string(server.port()) + "/api/v1/");
}

TEST(FakeServerLifecycle, TakenPortThrows) {
  FakeCloseServer first;
  FakeCloseServerOptions options;
  options.port = first.port();
  EXPECT_THROW(FakeCloseServer second(options), std::runtime_error);
}

TEST(FakeServerLifecycle, StopDoesNotWaitForAnIdleKeepAliveConnection) {
  FakeCloseServer server;
  httplib::Client client = client_for(server);
  client.set_keep_alive(true);
  ASSERT_TRUE(client.Get(kCollection, auth()));  // the connection now idles on the server

  const auto start = std::chrono::steady_clock::now();
  server.stop();
  const auto took = std::chrono::steady_clock::now() - start;
  // httplib alone would wait for the 5 s keep-alive timeout.
  EXPECT_LT(took, std::chrono::seconds(2));

  auto after = client.Get(kCollection, auth());
  EXPECT_FALSE(after);
  server.stop();  // idempotent
}

TEST(FakeServerLifecycle, StopCutsAScriptedDelayShort) {
  FakeCloseServer server;
  ScriptedResponse slow;
  slow.delay = std::chrono::seconds(60);
  server.script(slow);
  std::thread request([&server] {
    httplib::Client client = client_for(server);
    client.set_read_timeout(std::chrono::seconds(120));
    client.Get(kCollection, auth());
  });
  ASSERT_TRUE(wait_for_requests(server, 1));

  const auto start = std::chrono::steady_clock::now();
  server.stop();
  const auto took = std::chrono::steady_clock::now() - start;
  request.join();
  EXPECT_LT(took, std::chrono::seconds(5));
}

TEST(FakeServerLifecycle, LatencyDelaysEveryAnswer) {
  FakeCloseServerOptions options;
  options.latency = std::chrono::milliseconds(150);
  FakeCloseServer server(options);
  httplib::Client client = client_for(server);
  const auto start = std::chrono::steady_clock::now();
  auto result = client.Get(kCollection, auth());
  const auto took = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  EXPECT_GE(took, std::chrono::milliseconds(150));
}

TEST(FakeServerLifecycle, ScriptedDelayDelaysTheAnswer) {
  FakeCloseServer server;
  ScriptedResponse slow;
  slow.status = 201;
  slow.delay = std::chrono::milliseconds(150);
  server.script(slow);
  httplib::Client client = client_for(server);
  const auto start = std::chrono::steady_clock::now();
  auto result = client.Get(kCollection, auth());
  const auto took = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 201);
  EXPECT_GE(took, std::chrono::milliseconds(150));
}

TEST(FakeServerLifecycle, SeedRejectsUnknownType) {
  FakeCloseServer server;
  EXPECT_THROW(server.seed(OutcomeCreate{"A", std::nullopt, OutcomeType::unknown}),
               std::invalid_argument);
}

// Serves HTTPS with the self-signed certificate tests/CMakeLists.txt makes at build time.
TEST(FakeServerLifecycle, ServesHttpsWhenGivenACertificate) {
#if defined(CLOSEIO_TEST_CERT) && defined(CLOSEIO_TEST_KEY)
  FakeCloseServerOptions options;
  options.tls_cert_file = CLOSEIO_TEST_CERT;
  options.tls_key_file = CLOSEIO_TEST_KEY;
  FakeCloseServer server(options);
  EXPECT_EQ(server.base_url(), "https://127.0.0.1:" + std::to_string(server.port()) + "/api/v1/");
  httplib::SSLClient client("127.0.0.1", server.port());
  client.set_ca_cert_path(CLOSEIO_TEST_CERT);
  client.enable_server_certificate_verification(true);
  auto result = client.Get(kCollection, auth());
  ASSERT_TRUE(result) << httplib::to_string(result.error());
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(json_of(result), Json::parse(R"({"data": [], "has_more": false})"));
#else
  GTEST_SKIP() << "built without the test certificate";
#endif
}

TEST(FakeServerRateLimitOption, TheReportedLimitAndWindowAreTheOptions) {
  FakeCloseServerOptions options;
  options.rate_limit = 50'000;
  options.rate_limit_window = std::chrono::milliseconds(3000);
  FakeCloseServer server(options);
  httplib::Client client = client_for(server);
  auto first = client.Get(kCollection, auth());
  auto second = client.Get(kCollection, auth());
  ASSERT_TRUE(first && second);
  // The window starts with the first request, so `reset` is at most the 3 s window.
  EXPECT_THAT(first->get_header_value("RateLimit"),
              MatchesRegex("limit=50000, remaining=49999, reset=([0-2]\\.[0-9]+|3\\.000)"));
  EXPECT_THAT(second->get_header_value("RateLimit"),
              MatchesRegex("limit=50000, remaining=49998, reset=([0-2]\\.[0-9]+|3\\.000)"));
}

TEST(FakeServerRateLimitOption, NonsenseLimitsAreRefused) {
  FakeCloseServerOptions zero_limit;
  zero_limit.rate_limit = 0;
  EXPECT_THROW(FakeCloseServer server(zero_limit), std::invalid_argument);
  FakeCloseServerOptions zero_window;
  zero_window.rate_limit_window = std::chrono::milliseconds(0);
  EXPECT_THROW(FakeCloseServer server(zero_window), std::invalid_argument);
}

TEST(FakeServerLifecycle, UnreadableCertificateThrows) {
  FakeCloseServerOptions options;
  options.tls_cert_file = "/nonexistent/cert.pem";
  options.tls_key_file = "/nonexistent/key.pem";
  EXPECT_THROW(FakeCloseServer server(options), std::runtime_error);
}

}  // namespace
}  // namespace e2e_fake_server_test
