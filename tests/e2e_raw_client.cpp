// RawClient end to end through libcurl against the emulator: every method, the body and headers
// as received, query encoding, POST (and PATCH) sent once under a lost answer, PUT retried,
// pacing, typed errors, list paging, path escapes refused before anything is sent, secrets kept
// out of messages and logs, the asynchronous forms, and the mock connection.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <closeio/json.hpp>
#include <closeio/mocks/mock_raw_connection.hpp>
#include <future>
#include <string>
#include <vector>

#include "support/test_client.hpp"

namespace closeio::e2e_raw_client_test {
namespace {

using std::chrono::milliseconds;
using ::testing::ElementsAre;
using testing::FakeCloseServer;
using testing::FakeCloseServerOptions;
using testing::FakeLeadSeed;
using testing::Fault;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::ScriptedResponse;

std::size_t count_method(const FakeCloseServer& server, const std::string& method) {
  std::size_t n = 0;
  for (const auto& r : server.requests()) n += r.method == method ? 1 : 0;
  return n;
}

ScriptedResponse status_answer(int status, int times = 1, std::string body = R"({"error": "x"})") {
  ScriptedResponse r;
  r.status = status;
  r.times = times;
  r.body = std::move(body);
  return r;
}

FakeLeadSeed lead_named(const std::string& name) {
  FakeLeadSeed seed;
  seed.name = name;
  return seed;
}

class RawClientE2e : public ::testing::Test {
 protected:
  FakeCloseServer server;
  std::shared_ptr<test::RecordingRetryPolicy> policy =
      std::make_shared<test::RecordingRetryPolicy>();
  RawClient raw{test::options_for(server, policy)};
};

TEST_F(RawClientE2e, GetReturnsStatusBodyAndHeadersAsReceived) {
  const std::string id = server.seed_lead(lead_named("Acme"));
  const RawResponse lead = raw.get(RawClient::path("lead", id));
  EXPECT_EQ(lead.status, 200);
  EXPECT_THAT(lead.body, HasSubstr("\"id\":\"" + id + "\""));
  EXPECT_THAT(lead.body, HasSubstr("\"display_name\":\"Acme\""));
  ASSERT_TRUE(lead.header("content-type"));
  EXPECT_THAT(*lead.header("content-type"), HasSubstr("application/json"));
  EXPECT_EQ(lead.header("CONTENT-TYPE"), lead.header("Content-Type"));
  EXPECT_FALSE(lead.header("x-not-sent"));
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "GET");
  EXPECT_EQ(requests[0].target, "/api/v1/lead/" + id + "/");
}

TEST_F(RawClientE2e, ALeadingSlashAndALowerCaseMethodMeanTheSame) {
  const std::string id = server.seed_lead();
  EXPECT_EQ(raw.request("get", "/lead/" + id + "/").status, 200);
  EXPECT_EQ(server.requests().back().method, "GET");
  EXPECT_EQ(server.requests().back().target, "/api/v1/lead/" + id + "/");
}

TEST_F(RawClientE2e, PostPutAndDeleteChangeTheServersState) {
  const RawResponse created = raw.post("lead/", R"({"name": "Created raw"})");
  EXPECT_EQ(created.status, 200);
  ASSERT_EQ(server.lead_ids().size(), 1u);
  const std::string id = server.lead_ids()[0];
  EXPECT_THAT(created.body, HasSubstr(id));
  EXPECT_EQ(server.creates_performed(), 1u);
  EXPECT_EQ(server.requests().back().header("content-type"), "application/json");
  EXPECT_EQ(server.requests().back().body, R"({"name": "Created raw"})");

  const std::string path = RawClient::path("lead", id);
  EXPECT_THAT(raw.put(path, R"({"name": "Renamed"})").body, HasSubstr("\"name\":\"Renamed\""));
  EXPECT_THAT(raw.get(path).body, HasSubstr("\"display_name\":\"Renamed\""));

  EXPECT_EQ(raw.remove(path).status, 200);
  EXPECT_TRUE(server.lead_ids().empty());
  EXPECT_THROW(raw.remove(path), NotFoundError);
  EXPECT_EQ(server.writes_performed(), 3u);
}

TEST_F(RawClientE2e, PatchIsSentWithItsBodyAndCloseSays405) {
  const std::string id = server.seed_lead();
  try {
    raw.request("PATCH", RawClient::path("lead", id), {}, std::string(R"({"name": "p"})"));
    FAIL() << "no exception";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 405);
  }
  const auto request = server.requests().back();
  EXPECT_EQ(request.method, "PATCH");
  EXPECT_EQ(request.body, R"({"name": "p"})");
}

TEST_F(RawClientE2e, QueryParametersAreEncodedInOrder) {
  const RawResponse page =
      raw.get("lead/", {{"_fields", "id,name"}, {"q", "a b&c+d=e/é"}, {"q", "second"}});
  EXPECT_EQ(page.status, 200);
  const auto request = server.requests().back();
  EXPECT_EQ(request.target,
            "/api/v1/lead/?_fields=id%2Cname&q=a%20b%26c%2Bd%3De%2F%C3%A9&q=second");
  EXPECT_THAT(request.query, ElementsAre(std::pair<std::string, std::string>("_fields", "id,name"),
                                         std::pair<std::string, std::string>("q", "a b&c+d=e/é"),
                                         std::pair<std::string, std::string>("q", "second")));
}

TEST_F(RawClientE2e, TheTypedEndpointsAnswerRawRequestsToo) {
  CallLog log;
  log.lead_id = "lead_raw";
  const Call call = server.seed_call(log);
  const RawResponse answer =
      raw.get(RawClient::path("activity", "call", call.id), {{"_fields", "id,lead_id"}});
  EXPECT_THAT(answer.body, HasSubstr("\"id\":\"" + call.id + "\""));
  EXPECT_THAT(answer.body, HasSubstr("\"lead_id\":\"lead_raw\""));
  EXPECT_THAT(answer.body, Not(HasSubstr("user_id")));
}

TEST_F(RawClientE2e, APostWhoseAnswerIsLostIsSentOnce) {
  raw.post("lead/", R"({"name": "Warms the connection"})");
  ScriptedResponse lost;
  lost.method = "POST";
  lost.fault = Fault::close_silently;
  lost.perform = true;  // Close created the lead; the answer never came.
  server.script(lost);
  try {
    raw.post("lead/", R"({"name": "Exactly once"})");
    FAIL() << "no exception";
  } catch (const TransportError& e) {
    EXPECT_EQ(e.attempts(), 1);
  }
  EXPECT_EQ(count_method(server, "POST"), 2u);
  EXPECT_EQ(server.lead_ids().size(), 2u);
  EXPECT_TRUE(policy->asked().empty());  // Not even offered to the retry policy.
}

TEST_F(RawClientE2e, APostCutMidAnswerIsNotRepeatedEither) {
  ScriptedResponse cut;
  cut.method = "POST";
  cut.fault = Fault::drop_mid_body;
  cut.body = R"({"id": "lead_cut", "name": "half"})";
  cut.perform = true;
  server.script(cut);
  EXPECT_THROW(raw.post("lead/", R"({"name": "Cut"})"), TransportError);
  EXPECT_EQ(count_method(server, "POST"), 1u);
  EXPECT_EQ(server.lead_ids().size(), 1u);
}

TEST_F(RawClientE2e, APatchWhoseAnswerIsLostIsSentOnceLikeAPost) {
  const std::string id = server.seed_lead();
  ScriptedResponse lost;
  lost.method = "PATCH";
  lost.fault = Fault::drop_mid_body;
  lost.body = R"({"id": "x"})";
  server.script(lost);
  EXPECT_THROW(raw.request("PATCH", RawClient::path("lead", id), {}, std::string("{}")),
               TransportError);
  EXPECT_EQ(count_method(server, "PATCH"), 1u);
  EXPECT_TRUE(policy->asked().empty());
}

TEST_F(RawClientE2e, APutWhoseAnswerIsLostIsRetried) {
  const std::string id = server.seed_lead();
  ScriptedResponse lost;
  lost.method = "PUT";
  lost.fault = Fault::drop_mid_body;
  lost.body = R"({"id": "x"})";
  lost.perform = true;
  server.script(lost);
  EXPECT_THAT(raw.put(RawClient::path("lead", id), R"({"name": "Twice is fine"})").body,
              HasSubstr("Twice is fine"));
  EXPECT_EQ(count_method(server, "PUT"), 2u);
  EXPECT_THAT(policy->asked(), ElementsAre(0));
}

TEST_F(RawClientE2e, AGetAndADeleteAreRetriedOnGatewayErrors) {
  const std::string id = server.seed_lead();
  server.script(status_answer(503, 2));
  EXPECT_EQ(raw.get(RawClient::path("lead", id)).status, 200);
  // The first DELETE is carried out but its answer is lost (a 502 from a gateway): the retry
  // finds the lead gone, which is what was asked.
  ScriptedResponse gateway = status_answer(502);
  gateway.method = "DELETE";
  gateway.perform = true;
  server.script(gateway);
  const RawResponse removed = raw.remove(RawClient::path("lead", id));
  EXPECT_EQ(removed.status, 404);
  EXPECT_TRUE(removed.body.empty());
  EXPECT_TRUE(server.lead_ids().empty());
  EXPECT_THAT(policy->asked(), ElementsAre(503, 503, 502));
}

TEST_F(RawClientE2e, A429IsWaitedOutAndRetried) {
  const std::string id = server.seed_lead();
  ScriptedResponse limited = status_answer(429, 1, R"({"error": {"rate_reset": 0.2}})");
  limited.headers = {{"Retry-After", "0"}};
  server.script(limited);
  EXPECT_EQ(raw.get(RawClient::path("lead", id)).status, 200);
  EXPECT_THAT(policy->asked(), ElementsAre(429));
  server.script(limited);
  EXPECT_EQ(raw.post("lead/", "{}").status, 200);  // Close did not act on a 429: safe to resend.
  EXPECT_EQ(server.lead_ids().size(), 2u);
}

TEST(RawClientPacing, RequestsOfASessionStayInsideTheWindow) {
  FakeCloseServerOptions enforced;
  enforced.rate_limit = 10;
  enforced.rate_limit_window = milliseconds(1000);
  enforced.enforce_rate_limit = true;
  FakeCloseServer server(enforced);
  const std::string id = server.seed_lead();
  const Session session(test::options_for(server));
  const RawClient raw(session);
  const OutcomesClient outcomes(session);
  for (int i = 0; i < 15; ++i) raw.get(RawClient::path("lead", id));
  for (int i = 0; i < 10; ++i) outcomes.list_page();
  EXPECT_EQ(server.requests_rate_limited(), 0u);
  EXPECT_EQ(server.requests().size(), 25u);
  ASSERT_TRUE(raw.rate_limit());
  EXPECT_EQ(raw.rate_limit()->limit, 10);
}

TEST_F(RawClientE2e, NonSuccessStatusesThrowTypedErrors) {
  server.script(status_answer(
      400, 1, R"({"errors": [], "field-errors": {"name": "This field is required."}})"));
  try {
    raw.post("lead/", "{}");
    FAIL() << "no exception";
  } catch (const BadRequestError& e) {
    EXPECT_EQ(e.status(), 400);
    EXPECT_EQ(e.field_errors().at("name"), "This field is required.");
    EXPECT_THAT(e.what(), HasSubstr("POST /lead/"));
  }
  try {
    raw.get("lead/lead_missing/");
    FAIL() << "no exception";
  } catch (const NotFoundError& e) {
    EXPECT_EQ(e.status(), 404);
    EXPECT_THAT(e.what(), HasSubstr("GET /lead/lead_missing/"));
    EXPECT_THAT(e.what(), HasSubstr("Lead matching query does not exist"));
  }
  server.script(status_answer(403));
  EXPECT_THROW(raw.get("lead/"), ForbiddenError);
  server.script(status_answer(429, 4));
  EXPECT_THROW(raw.get("lead/"), RateLimitError);  // After the 3 retries.
  server.script(status_answer(500));
  EXPECT_THROW(raw.get("lead/"), ServerError);  // 500 is not retried.
  server.script(status_answer(503, 4));
  EXPECT_THROW(raw.get("lead/"), ServerError);
  server.script(status_answer(418));
  try {
    raw.get("lead/");
    FAIL() << "no exception";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 418);
  }
}

TEST(RawClientSecrets, TheKeyAppearsInNoMessageNorLogLine) {
  FakeCloseServerOptions server_options;
  server_options.api_key = "raw-secret-key-4711";
  FakeCloseServer server(server_options);
  std::vector<HttpLogRecord> records;
  ClientOptions options = test::options_for(server);
  options.credentials = Credentials::api_key("raw-wrong-key-0815");
  options.logger = [&](const HttpLogRecord& r) { records.push_back(r); };
  try {
    RawClient(options).get("lead/");
    FAIL() << "no exception";
  } catch (const UnauthorizedError& e) {
    EXPECT_EQ(e.status(), 401);
    EXPECT_THAT(e.what(), Not(HasSubstr("raw-wrong-key-0815")));
  }
  options.credentials = Credentials::api_key("raw-secret-key-4711");
  const RawClient raw(options);
  try {
    raw.get("https://raw-secret-key-4711@evil.example/lead/");
    FAIL() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_THAT(e.what(), Not(HasSubstr("raw-secret-key-4711")));
    EXPECT_THAT(e.what(), Not(HasSubstr("evil.example")));
  }
  EXPECT_THROW(raw.get("lead/nobody/"), NotFoundError);
  ASSERT_EQ(records.size(), 2u);
  for (const HttpLogRecord& record : records) {
    EXPECT_THAT(record.url, Not(HasSubstr("secret")));
    EXPECT_THAT(record.url, Not(HasSubstr("wrong")));
    for (const auto& [name, value] : record.request_headers) {
      if (name == "Authorization") {
        EXPECT_EQ(value, "REDACTED");
      }
      EXPECT_THAT(value, Not(HasSubstr("key-")));
    }
  }
}

TEST_F(RawClientE2e, ListWalksEveryPageAsRawItems) {
  for (int i = 0; i < 25; ++i) server.seed_lead(lead_named("Lead " + std::to_string(i)));
  const std::vector<std::string> expected = server.lead_ids();
  std::vector<std::string> texts;
  RawRange range = raw.list("lead/", {{"_limit", "10"}, {"_fields", "id"}});
  for (const std::string& item : range) texts.push_back(item);
  EXPECT_EQ(range.pages_fetched(), 3);
  ASSERT_EQ(texts.size(), expected.size());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    EXPECT_EQ(texts[i], "{\"id\":\"" + expected[i] + "\"}");
  }
  std::vector<std::string> skips;
  for (const auto& request : server.requests()) {
    for (const auto& [name, value] : request.query) {
      if (name == "_skip") skips.push_back(value);
    }
    EXPECT_THAT(request.target, HasSubstr("_fields=id&_limit=10&_skip="));
  }
  EXPECT_THAT(skips, ElementsAre("0", "10", "20"));
}

TEST_F(RawClientE2e, ListStartsAtTheSkipAskedFor) {
  for (int i = 0; i < 5; ++i) server.seed_lead();
  std::size_t n = 0;
  for (const std::string& item : raw.list("lead/", {{"_skip", "3"}})) {
    EXPECT_EQ(item.front(), '{');
    ++n;
  }
  EXPECT_EQ(n, 2u);
  const Page<std::string> page = raw.list_page("lead/", {}, ListOptions{2, 1, {}});
  EXPECT_EQ(page.data.size(), 2u);
  EXPECT_TRUE(page.has_more);
}

TEST_F(RawClientE2e, ListRefusesBadPagingAndAnswersThatAreNotPages) {
  EXPECT_THROW(raw.list("lead/", {{"_limit", "0"}}), std::invalid_argument);
  EXPECT_THROW(raw.list("lead/", {{"_limit", "ten"}}), std::invalid_argument);
  EXPECT_THROW(raw.list("lead/", {{"_skip", "-1"}}), std::invalid_argument);
  EXPECT_THROW(raw.list_page("lead/", {{"_skip", "1"}}), std::invalid_argument);
  EXPECT_TRUE(server.requests().empty());
  const std::string id = server.seed_lead();
  RawRange not_a_list = raw.list(RawClient::path("lead", id));
  EXPECT_THROW(not_a_list.begin(), DecodeError);
}

TEST_F(RawClientE2e, PathsThatCouldLeaveTheApiRootAreRefusedUnsent) {
  const std::vector<std::string> hostile = {"..",
                                            "../outcome/",
                                            "lead/../../",
                                            "./lead/",
                                            "lead/./x/",
                                            "%2e%2e/lead/",
                                            "lead/%2E/",
                                            "lead/.%2E/",
                                            "https://evil.example/api/v1/lead/",
                                            "HTTP://evil.example/",
                                            "//evil.example/lead/",
                                            "///lead/",
                                            "evil.example:443/lead/",
                                            "lead\\..\\x",
                                            std::string("lead/\x01/"),
                                            "lead/\r\nHost: evil.example/",
                                            std::string("lead/\0x/", 8),
                                            "lead/\x7f/",
                                            "lead/caf\xc3\xa9/",
                                            "lead x/",
                                            "lead/?x=1",
                                            "lead/#top",
                                            "lead//x/",
                                            "lead/%zz/",
                                            "lead/%2",
                                            "",
                                            "/",
                                            std::string(9000, 'a')};
  for (const std::string& path : hostile) {
    EXPECT_THROW(raw.get(path), std::invalid_argument) << "path #" << &path - hostile.data();
    EXPECT_THROW(raw.get_async(path), std::invalid_argument);
    EXPECT_THROW(raw.list(path), std::invalid_argument);
  }
  EXPECT_TRUE(server.requests().empty());
}

TEST_F(RawClientE2e, SegmentsBuiltWithPathAreEncodedAndStayInside) {
  EXPECT_EQ(RawClient::path("lead", "a/b"), "lead/a%2Fb/");
  EXPECT_EQ(RawClient::path(std::string("activity"), "call", std::string_view("x?y#z")),
            "activity/call/x%3Fy%23z/");
  // An encoded ".." is an ordinary id once encoded again: the server looks for that lead.
  EXPECT_THROW(raw.get(RawClient::path("lead", "%2e%2e")), NotFoundError);
  EXPECT_EQ(server.requests().back().target, "/api/v1/lead/%252e%252e/");
  EXPECT_THROW(RawClient::path("lead", ".."), std::invalid_argument);
  EXPECT_THROW(RawClient::path("lead", "."), std::invalid_argument);
  EXPECT_THROW(RawClient::path("lead", ""), std::invalid_argument);
  EXPECT_THROW(RawClient::path_of({}), std::invalid_argument);
}

TEST_F(RawClientE2e, OnlyTheFiveMethodsAreSentAndAGetTakesNoBody) {
  for (const char* method :
       {"TRACE", "CONNECT", "HEAD", "OPTIONS", "", "G ET", "GET\r\n", "DELETE\x01", "POSTX"}) {
    EXPECT_THROW(raw.request(method, "lead/"), std::invalid_argument) << method;
  }
  EXPECT_THROW(raw.request("GET", "lead/", {}, std::string("{}")), std::invalid_argument);
  EXPECT_THROW(raw.get("lead/", {{"", "v"}}), std::invalid_argument);
  EXPECT_TRUE(server.requests().empty());
  EXPECT_EQ(raw.request("Delete", RawClient::path("lead", server.seed_lead())).status, 200);
}

TEST_F(RawClientE2e, FutureFormsCarryAnswersAndErrors) {
  const std::string id = server.seed_lead(lead_named("Async"));
  const std::string path = RawClient::path("lead", id);
  std::future<RawResponse> fetched = raw.get_async(path);
  std::future<RawResponse> created = raw.post_async("lead/", R"({"name": "Async created"})");
  std::future<RawResponse> missing = raw.get_async("lead/lead_missing/");
  EXPECT_THAT(fetched.get().body, HasSubstr("\"name\":\"Async\""));
  EXPECT_THAT(created.get().body, HasSubstr("Async created"));
  EXPECT_THROW(missing.get(), NotFoundError);
  EXPECT_THAT(raw.put_async(path, R"({"name": "Async renamed"})").get().body,
              HasSubstr("Async renamed"));
  EXPECT_EQ(raw.request_async("DELETE", path).get().status, 200);
  EXPECT_THROW(raw.remove_async(path).get(), NotFoundError);
}

TEST_F(RawClientE2e, CallbackFormsRunOnceWithTheAnswerOrTheError) {
  const std::string id = server.seed_lead();
  std::promise<RawResponse> fetched;
  raw.get_async(RawClient::path("lead", id), {},
                [&](AsyncResult<RawResponse> r) { fetched.set_value(std::move(r).value()); });
  EXPECT_EQ(fetched.get_future().get().status, 200);
  std::promise<std::exception_ptr> failed;
  raw.remove_async("lead/lead_missing/", {},
                   [&](AsyncResult<RawResponse> r) { failed.set_value(r.error()); });
  std::exception_ptr error = failed.get_future().get();
  ASSERT_TRUE(error);
  EXPECT_THROW(std::rethrow_exception(error), NotFoundError);
  std::promise<int> created;
  raw.post_async("lead/", "{}", {},
                 [&](AsyncResult<RawResponse> r) { created.set_value(r.value().status); });
  EXPECT_EQ(created.get_future().get(), 200);
  std::promise<int> renamed;
  raw.put_async(RawClient::path("lead", id), R"({"name": "cb"})", {},
                [&](AsyncResult<RawResponse> r) { renamed.set_value(r.value().status); });
  EXPECT_EQ(renamed.get_future().get(), 200);
  std::promise<int> patched;
  raw.request_async("PATCH", RawClient::path("lead", id), {}, std::string("{}"),
                    [&](AsyncResult<RawResponse> r) {
                      try {
                        r.value();
                        patched.set_value(0);
                      } catch (const ApiError& e) {
                        patched.set_value(e.status());
                      }
                    });
  EXPECT_EQ(patched.get_future().get(), 405);
}

TEST_F(RawClientE2e, AnAsyncPostWhoseAnswerIsLostIsSentOnce) {
  ScriptedResponse cut;
  cut.method = "POST";
  cut.fault = Fault::drop_mid_body;
  cut.body = R"({"id": "lead_cut"})";
  cut.perform = true;
  server.script(cut);
  EXPECT_THROW(raw.post_async("lead/", R"({"name": "Once"})").get(), TransportError);
  EXPECT_EQ(count_method(server, "POST"), 1u);
  EXPECT_EQ(server.lead_ids().size(), 1u);
  EXPECT_TRUE(policy->asked().empty());
}

TEST_F(RawClientE2e, CallOptionsCancelAndBoundTheCall) {
  CancellationSource source;
  source.cancel();
  CallOptions cancelled;
  cancelled.cancellation = source.token();
  EXPECT_THROW(raw.with_call_options(cancelled).get("lead/"), CancelledError);
  EXPECT_THROW(raw.with_call_options(cancelled).get_async("lead/").get(), CancelledError);
  EXPECT_TRUE(server.requests().empty());

  ScriptedResponse slow;
  slow.delay = std::chrono::seconds(30);
  slow.times = 10;
  server.script(slow);
  CallOptions bounded;
  bounded.deadline = milliseconds(300);
  try {
    raw.with_call_options(bounded).get("lead/");
    FAIL() << "no exception";
  } catch (const TransportError& e) {
    EXPECT_TRUE(e.timed_out());
  }
  server.clear_script();
}

TEST_F(RawClientE2e, TheOptInJsonHeaderSendsAndParsesNlohmannValues) {
  const nlohmann::json created =
      raw_post_json(raw, "lead/", {{"name", "Json"}, {"custom.cf_tier", "gold"}});
  const std::string id = created.at("id").get<std::string>();
  EXPECT_EQ(server.lead_ids(), std::vector<std::string>{id});
  EXPECT_EQ(nlohmann::json::parse(server.requests().back().body),
            (nlohmann::json{{"name", "Json"}, {"custom.cf_tier", "gold"}}));
  const std::string path = RawClient::path("lead", id);
  const nlohmann::json fetched = raw_get_json(raw, path, {{"_fields", "id,custom"}});
  EXPECT_EQ(fetched, (nlohmann::json{{"id", id}, {"custom", {{"cf_tier", "gold"}}}}));
  EXPECT_EQ(raw_put_json(raw, path, {{"name", "Json 2"}}).at("display_name"), "Json 2");
  EXPECT_EQ(raw_request(raw, "PUT", path, {{"url", "https://example.com"}}).status, 200);
  for (const std::string& item : raw.list("lead/")) EXPECT_EQ(raw_json(item).at("id"), id);
  EXPECT_TRUE(raw_json(RawResponse{204, "", {}}).is_null());
  EXPECT_THROW(raw_json("<html>"), DecodeError);
  EXPECT_THROW(raw_post_json(raw, "lead/", {{"name", std::string("\xff")}}), std::invalid_argument);
  EXPECT_EQ(server.lead_ids().size(), 1u);
}

TEST(RawClientMock, TheConnectionSeesCheckedNormalisedRequests) {
  auto mock = std::make_shared<mocks::MockRawConnection>();
  RawResponse answer;
  answer.status = 201;
  answer.body = R"({"id": "lead_1"})";
  answer.headers = {{"X-Request-Id", "r1"}};
  EXPECT_CALL(*mock, request(::testing::AllOf(::testing::Field(&RawRequest::method, "POST"),
                                              ::testing::Field(&RawRequest::path, "lead/"),
                                              ::testing::Field(&RawRequest::json_body,
                                                               std::optional<std::string>("{}"))),
                             ::testing::_))
      .Times(2)
      .WillRepeatedly(::testing::Return(answer));
  const RawClient raw(mock);
  const RawResponse got = raw.request("post", "/lead/", {}, std::string("{}"));
  EXPECT_EQ(got.status, 201);
  EXPECT_EQ(got.header("x-request-id"), std::optional<std::string>("r1"));
  EXPECT_EQ(raw.post_async("lead/", "{}").get().body, answer.body);  // Default async body.
  EXPECT_THROW(raw.get("../x/"), std::invalid_argument);             // Never reaches the mock.

  EXPECT_CALL(*mock, list_page("lead/", ::testing::_, ::testing::_, ::testing::_))
      .WillOnce(::testing::Return(Page<std::string>{{"{\"id\":1}", "{\"id\":2}"}, true}))
      .WillOnce(::testing::Return(Page<std::string>{{"{\"id\":3}"}, false}));
  std::vector<std::string> items;
  for (const std::string& item : raw.list("lead/")) items.push_back(item);
  EXPECT_THAT(items, ElementsAre("{\"id\":1}", "{\"id\":2}", "{\"id\":3}"));
}

TEST(RawClientConnection, ADefaultConnectionSaysWhatItDoesNotImplement) {
  const RawClient raw(std::make_shared<RawConnection>());
  EXPECT_THROW(raw.get("lead/"), UnimplementedError);
  EXPECT_THROW(raw.get_async("lead/").get(), UnimplementedError);
  EXPECT_THROW(raw.list_page("lead/"), UnimplementedError);
  EXPECT_FALSE(raw.rate_limit());
  EXPECT_THROW(RawClient(std::shared_ptr<RawConnection>()), std::invalid_argument);
}

}  // namespace
}  // namespace closeio::e2e_raw_client_test
