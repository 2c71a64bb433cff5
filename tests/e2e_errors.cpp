// Every mapped status, proven end to end: the emulator answers, libcurl carries it, the SDK maps.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/test_client.hpp"

namespace closeio::e2e_errors_test {
namespace {

using testing::FakeCloseServer;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::ScriptedResponse;

class Errors : public ::testing::Test {
 protected:
  void answer(int status, std::string body, std::string content_type = "application/json") {
    ScriptedResponse r;
    r.status = status;
    r.body = std::move(body);
    r.content_type = std::move(content_type);
    r.times = 10;  // Enough for any retries.
    server.script(r);
  }
  FakeCloseServer server;
  ClientOptions options = [this] {
    ClientOptions o = test::options_for(server);
    o.max_retries = 0;
    o.retry_policy = std::make_shared<DefaultRetryPolicy>(0);
    return o;
  }();
  OutcomesClient client{options};
};

TEST_F(Errors, ValidationErrorCarriesErrorsAndFlattenedFieldErrors) {
  // Sent for real: the emulator validates the name.
  OutcomeCreate create;
  create.name = "x";
  answer(
      400,
      R"({"errors": ["Invalid outcome."], "field-errors": {"name": "This field is required.",)"
      R"( "applies_to": {"errors": {"0": {"errors": [], "field-errors": {"kind": "Bad value."}}}}}})");
  try {
    client.create(create);
    FAIL() << "expected BadRequestError";
  } catch (const BadRequestError& e) {
    EXPECT_EQ(e.status(), 400);
    EXPECT_EQ(e.errors(), std::vector<std::string>{"Invalid outcome."});
    EXPECT_EQ(e.field_errors().at("name"), "This field is required.");
    EXPECT_EQ(e.field_errors().at("applies_to.0.kind"), "Bad value.");
    EXPECT_THAT(e.what(), HasSubstr("POST /outcome/"));
    EXPECT_THAT(e.what(), HasSubstr("HTTP 400"));
    EXPECT_THAT(e.what(), HasSubstr("This field is required."));
    EXPECT_EQ(e.attempts(), 1);
  }
}

TEST_F(Errors, TheEmulatorsOwnValidationIsABadRequest) {
  client.list_page();  // Sanity: a valid call passes.
  server.clear_script();
  ListOptions too_many;
  too_many.limit = 100000;  // Above the emulator's maximum, like Close's 400.
  EXPECT_THROW(client.list_page(too_many), BadRequestError);
}

TEST_F(Errors, ForbiddenIsMapped) {
  answer(403, R"({"error": "You don't have permission to do this."})");
  try {
    client.fetch("outcome_1");
    FAIL();
  } catch (const ForbiddenError& e) {
    EXPECT_EQ(e.status(), 403);
    EXPECT_EQ(e.message(), "You don't have permission to do this.");
    EXPECT_EQ(e.method(), "GET");
    EXPECT_EQ(e.path(), "/outcome/outcome_1/");
  }
}

TEST_F(Errors, NotFoundCarriesClosesMessage) {
  try {
    client.fetch("outcome_doesnotexist");
    FAIL();
  } catch (const NotFoundError& e) {
    EXPECT_EQ(e.status(), 404);
    EXPECT_THAT(e.message(), HasSubstr("does not exist"));
    EXPECT_THAT(e.what(), HasSubstr("GET /outcome/outcome_doesnotexist/ failed: HTTP 404"));
  }
}

TEST_F(Errors, RateLimitCarriesRetryAfterWhenRetriesAreOff) {
  ScriptedResponse r;
  r.status = 429;
  r.headers = {{"Retry-After", "7"}};
  r.body = R"({"error": {"rate_reset": 7.0, "message": "API rate limit exceeded."}})";
  server.script(r);
  try {
    client.list_page();
    FAIL();
  } catch (const RateLimitError& e) {
    EXPECT_EQ(e.status(), 429);
    EXPECT_EQ(e.retry_after(), std::chrono::milliseconds(7000));
    EXPECT_EQ(e.message(), "API rate limit exceeded.");
    EXPECT_EQ(e.header("retry-after"), "7");
  }
}

TEST_F(Errors, ServerErrorsKeepBoundedRawTextOfNonJsonBodies) {
  answer(502,
         "<html><body><h1>502 Bad Gateway</h1>\r\n" + std::string(5000, 'x') + "</body></html>",
         "text/html");
  try {
    client.list_page();
    FAIL();
  } catch (const ServerError& e) {
    EXPECT_EQ(e.status(), 502);
    EXPECT_THAT(e.message(), HasSubstr("502 Bad Gateway"));
    EXPECT_LE(e.message().size(), 600u);
    EXPECT_THAT(e.message(), Not(HasSubstr("\r")));
    EXPECT_LT(std::string(e.what()).size(), 800u);
  }
}

TEST_F(Errors, InternalServerErrorIsAServerError) {
  answer(500, R"({"error": "Internal error"})");
  EXPECT_THROW(client.remove("outcome_1"), ServerError);
}

TEST_F(Errors, OtherStatusesAreApiErrors) {
  answer(402, R"({"error": "Plan limit reached."})");
  try {
    client.create(OutcomeCreate{"Over the limit", std::nullopt, std::nullopt});
    FAIL();
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 402);
    EXPECT_EQ(e.message(), "Plan limit reached.");
  }
}

TEST_F(Errors, RedirectsAreReportedNotFollowed) {
  ScriptedResponse r;
  r.status = 301;
  r.headers = {{"Location", "https://elsewhere.example/api/v1/outcome/"}};
  r.body = "";
  server.script(r);
  try {
    client.list_page();
    FAIL();
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 301);
    EXPECT_THAT(e.message(), HasSubstr("redirect to https://elsewhere.example"));
  }
  EXPECT_EQ(server.requests().size(), 1u);
}

TEST_F(Errors, MalformedSuccessBodiesAreDecodeErrors) {
  answer(200, R"({"id": "outcome_1", "name": 42})");
  try {
    client.fetch("outcome_1");
    FAIL();
  } catch (const DecodeError& e) {
    EXPECT_THAT(e.what(), HasSubstr("name"));
    EXPECT_THAT(e.what(), HasSubstr("GET /outcome/outcome_1/"));
  }
  server.clear_script();
  answer(200, R"({"data": [{"id": "outc)");
  EXPECT_THROW(client.list_page(), DecodeError);
  server.clear_script();
  answer(200, "<html>not json</html>", "text/html");
  EXPECT_THROW(client.update("outcome_1", OutcomeUpdate().set_name("n")), DecodeError);
  server.clear_script();
  answer(200, "[1, 2, 3]");
  EXPECT_THROW(client.remove("outcome_1"), DecodeError);
}

TEST_F(Errors, HostileBodiesAreDecodeErrorsNotCrashes) {
  const std::vector<std::string> bodies = {
      std::string(100000, '[') + std::string(100000, ']'),         // 100,000 levels of nesting
      R"({"data": )" + std::string(100000, '{'),                   // deep and truncated
      "{\"data\": [], \"has_more\": false, \"x\": \"\xff\xfe\"}",  // invalid UTF-8
      R"({"data": [{"id": 1e400}], "has_more": false})",           // a number no double holds
      R"({"data": [{"id": 123456789012345678901234567890}], "has_more": false})",
      R"({"data": [], "has_more": "yes"})",  // wrong type
      R"({"data": {}, "has_more": false})",
      "",
  };
  for (const std::string& body : bodies) {
    server.clear_script();
    answer(200, body);
    EXPECT_THROW(client.list_page(), DecodeError) << body.substr(0, 60);
  }
}

TEST_F(Errors, OversizedBodiesAreCutOffWithADecodeError) {
  ClientOptions small = options;
  small.max_response_bytes = 1024;
  OutcomesClient capped(small);
  answer(200, R"({"data": [], "has_more": false, "padding": ")" + std::string(100000, 'p') + "\"}");
  try {
    capped.list_page();
    FAIL();
  } catch (const DecodeError& e) {
    EXPECT_THAT(e.what(), HasSubstr("max_response_bytes"));
  }
}

TEST(ErrorsSecrets, NoErrorPathLeaksTheKeyOrToken) {
  const std::string key = "sk-very-secret-key-123";
  const std::string token = "oauth-very-secret-token-456";
  FakeCloseServer server;
  for (const auto& credentials : {Credentials::api_key(key), Credentials::bearer_token(token)}) {
    ClientOptions options = test::options_for(server);
    options.credentials = credentials;
    options.retry_policy = std::make_shared<DefaultRetryPolicy>(0);
    std::vector<HttpLogRecord> records;
    options.logger = [&records](const HttpLogRecord& r) { records.push_back(r); };
    OutcomesClient client(options);
    std::vector<std::string> messages;
    for (int status : {400, 401, 403, 404, 429, 500, 503, 418}) {
      ScriptedResponse r;
      r.status = status;
      r.body = R"({"error": "failure"})";
      server.script(r);
      try {
        client.list_page();
      } catch (const std::exception& e) {
        messages.emplace_back(e.what());
      }
    }
    ScriptedResponse bad_json;
    bad_json.body = "{";
    server.script(bad_json);
    try {
      client.fetch("outcome_x");
    } catch (const std::exception& e) {
      messages.emplace_back(e.what());
    }
    ClientOptions unreachable = options;
    unreachable.base_url = "http://127.0.0.1:1/api/v1/";  // Nothing listens on port 1.
    try {
      OutcomesClient(unreachable).list_page();
    } catch (const TransportError& e) {
      messages.emplace_back(e.what());
    }
    ASSERT_EQ(messages.size(), 10u);
    for (const HttpLogRecord& record : records) {
      std::string all = record.url + record.error;
      for (const auto& [name, value] : record.request_headers) all += name + ": " + value + "\n";
      for (const auto& [name, value] : record.response_headers) all += name + ": " + value + "\n";
      messages.push_back(all);
    }
    EXPECT_GE(records.size(), 10u);
    for (const std::string& m : messages) {
      EXPECT_THAT(m, Not(HasSubstr(key)));
      EXPECT_THAT(m, Not(HasSubstr(token)));
      EXPECT_THAT(m, Not(HasSubstr("c2stdmVyeS1zZWNyZXQta2V5LTEyMzo=")));  // base64(key + ":")
    }
  }
}

TEST(ErrorsTransport, TheProxyOptionRoutesRequestsThroughTheProxy) {
  FakeCloseServer proxy;  // Stands in for an HTTP proxy: it logs the absolute-form target.
  ClientOptions options;
  options.credentials = Credentials::api_key("k");
  options.base_url = "http://outcomes.example.invalid/api/v1/";
  options.allow_insecure_http = true;
  options.proxy = "http://127.0.0.1:" + std::to_string(proxy.port());
  options.retry_policy = std::make_shared<DefaultRetryPolicy>(0);
  EXPECT_THROW(OutcomesClient(options).list_page(), Error);  // The stand-in cannot really proxy.
  ASSERT_EQ(proxy.requests().size(), 1u);
  EXPECT_EQ(proxy.requests()[0].target,
            "http://outcomes.example.invalid/api/v1/outcome/?_limit=100&_skip=0");
}

TEST(ErrorsTransport, ConnectionRefusedIsATransportErrorThatDidNotTimeOut) {
  ClientOptions options;
  options.credentials = Credentials::api_key("k");
  options.base_url = "http://127.0.0.1:1/api/v1/";
  options.retry_policy = std::make_shared<DefaultRetryPolicy>(0);
  try {
    OutcomesClient(options).list_page();
    FAIL();
  } catch (const TransportError& e) {
    EXPECT_FALSE(e.timed_out());
    EXPECT_THAT(e.what(), HasSubstr("GET /outcome/"));
    EXPECT_EQ(e.attempts(), 1);
  }
}

TEST(ErrorsTransport, ASlowAnswerTimesOut) {
  FakeCloseServer server;
  ClientOptions options = test::options_for(server, std::make_shared<DefaultRetryPolicy>(0));
  options.timeout = std::chrono::milliseconds(200);
  ScriptedResponse slow;
  slow.delay = std::chrono::seconds(30);  // Cut short when the server stops.
  server.script(slow);
  try {
    OutcomesClient(options).list_page();
    FAIL();
  } catch (const TransportError& e) {
    EXPECT_TRUE(e.timed_out());
  }
}

}  // namespace
}  // namespace closeio::e2e_errors_test
