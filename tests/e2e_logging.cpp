// Request ids reach the logging hook; stream_logger() / stderr_logger() print one redacted line
// per attempt.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <iostream>
#include <sstream>

#include "support/test_client.hpp"

namespace closeio::e2e_logging_test {
namespace {

using testing::FakeCloseServer;
using testing::Fault;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::ScriptedResponse;

ScriptedResponse with_request_ids(int status) {
  ScriptedResponse r;
  r.status = status;
  r.body = R"({"error": "scripted"})";
  r.headers = {{"X-Request-Id", "req-x-1"}, {"Request-Id", "req-2"}, {"CF-Ray", "8a1b-AMS"}};
  return r;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(RequestIds, TheLoggingHookShowsThem) {
  FakeCloseServer server;
  std::vector<HttpLogRecord> records;
  ClientOptions options = test::options_for(server);
  options.logger = [&](const HttpLogRecord& r) { records.push_back(r); };
  server.script(with_request_ids(404));
  try {
    OutcomesClient(options).fetch("outcome_1");
    FAIL() << "no exception";
  } catch (const NotFoundError& e) {
    EXPECT_EQ(e.header("x-request-id"),
              "req-x-1");  // What docs/guides/using-the-client.md tells users to read.
  }
  ASSERT_EQ(records.size(), 1u);
  HttpHeaders expected = {
      {"X-Request-Id", "req-x-1"}, {"Request-Id", "req-2"}, {"CF-Ray", "8a1b-AMS"}};
  for (const auto& header : expected) {
    EXPECT_THAT(records[0].response_headers, ::testing::Contains(header));
  }
}

TEST(StreamLogger, OneRedactedLinePerAttempt) {
  FakeCloseServer server;
  std::ostringstream out;
  ClientOptions options = test::options_for(server);
  options.logger = stream_logger(out);
  server.script(with_request_ids(503));
  OutcomesClient(options).list_page();

  const auto lines = lines_of(out.str());
  ASSERT_EQ(lines.size(), 2u);
  const std::string url = server.base_url() + "outcome/?_limit=100&_skip=0";
  EXPECT_THAT(lines[0], HasSubstr("closeio: GET " + url + " attempt 1: 503 in "));
  EXPECT_THAT(lines[0], HasSubstr(" ms over HTTP/1.1 request-id req-x-1"));
  EXPECT_THAT(lines[1], HasSubstr("closeio: GET " + url + " attempt 2: 200 in "));
  EXPECT_THAT(lines[1], Not(HasSubstr("request-id")));
  // Neither the key nor its Basic encoding ("test-api-key:" in base64).
  EXPECT_THAT(out.str(), Not(HasSubstr(test::default_api_key())));
  EXPECT_THAT(out.str(), Not(HasSubstr("dGVzdC1hcGkta2V5Og")));
}

TEST(StreamLogger, AFailedAttemptAndHostileRequestIdsArePrintedSafely) {
  FakeCloseServer server;
  std::ostringstream out;
  ClientOptions options = test::options_for(server);
  options.logger = stream_logger(out);
  ScriptedResponse dropped;
  dropped.fault = Fault::close_connection;
  server.script(dropped);
  ScriptedResponse hostile = with_request_ids(200);
  hostile.headers = {{"X-Request-Id", "id\x1b[2Jend"}};
  hostile.body = R"({"data": [], "has_more": false})";
  server.script(hostile);
  OutcomesClient(options).list_page();

  const auto lines = lines_of(out.str());
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_THAT(lines[0], HasSubstr("attempt 1: failed: "));
  EXPECT_THAT(lines[1], HasSubstr("request-id id\\x1B[2Jend"));
  EXPECT_THAT(out.str(), Not(HasSubstr("\x1b")));
}

TEST(StderrLogger, WritesToStandardError) {
  std::ostringstream captured;
  std::streambuf* const saved = std::cerr.rdbuf(captured.rdbuf());
  HttpLogRecord record;
  record.method = "DELETE";
  record.url = "https://api.close.com/api/v1/outcome/outcome_1/";
  record.status = 204;
  record.elapsed = std::chrono::microseconds(1500);
  stderr_logger()(record);
  std::cerr.rdbuf(saved);
  EXPECT_EQ(captured.str(),
            "closeio: DELETE https://api.close.com/api/v1/outcome/outcome_1/ attempt 1: 204 in "
            "1.5 ms\n");
}

}  // namespace
}  // namespace closeio::e2e_logging_test
