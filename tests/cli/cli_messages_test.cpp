// Messages in the tool's own words: no SDK prefixes or C++ names, HTML error pages summarised,
// a hint for a base URL without /api/v1/, retry waits and a status line that never shares a
// line with anything else, help that shows each thing once, and file errors that name the file.
#include "cli_fixture.hpp"

namespace cli_messages_test {
namespace {

using namespace closeio_cli_test;  // NOLINT: the fixture and its helpers
using ::testing::HasSubstr;
using ::testing::Not;

void expect_no_sdk_words(const ProcessResult& r) {
  for (const char* word : {"closeio:", "ClientOptions", "allow_insecure_http", "base_url",
                           "max_response_bytes", "OutcomeCreate", "OutcomeUpdate", "::"}) {
    EXPECT_THAT(r.err, Not(HasSubstr(word))) << show(r);
  }
}

TEST_F(CliTest, SettingErrorsUseTheToolsWords) {
  const ProcessResult insecure = run({"--base-url", "http://example.com/api/v1/", "list"});
  EXPECT_EQ(insecure.exit_code, 2) << show(insecure);
  expect_one_error_line(insecure);
  expect_no_sdk_words(insecure);
  EXPECT_THAT(insecure.err, HasSubstr("use https://"));
  EXPECT_THAT(insecure.err, HasSubstr("--base-url"));

  const ProcessResult scheme = run({"--base-url", "ftp://example.com/", "list"});
  EXPECT_EQ(scheme.exit_code, 2) << show(scheme);
  expect_no_sdk_words(scheme);
}

TEST_F(CliTest, AnswerOverTheSizeCapUsesTheToolsWords) {
  closeio::testing::ScriptedResponse huge;
  huge.method = "GET";
  huge.body = "{\"data\": [], \"x\": \"" + std::string(17u << 20, 'x') + "\"}";
  server_.script(huge);
  const ProcessResult r = run({"list"});
  EXPECT_EQ(r.exit_code, 7) << show(r);
  expect_one_error_line(r);
  expect_no_sdk_words(r);
  EXPECT_THAT(r.err, HasSubstr("larger than the 16 MiB the tool accepts"));
}

TEST_F(CliTest, NetworkErrorsUseTheToolsWords) {
  std::string unreachable;
  {
    closeio::testing::FakeCloseServer stopped;
    unreachable = stopped.base_url();
  }
  const ProcessResult r = run_with_env({"CLOSE_API_KEY=" + kApiKey},
                                       {"--base-url", unreachable, "--max-retries", "0", "list"});
  EXPECT_EQ(r.exit_code, 7) << show(r);
  expect_no_sdk_words(r);
}

TEST_F(CliTest, HtmlErrorPagesAreSummarised) {
  closeio::testing::ScriptedResponse unavailable;
  unavailable.status = 503;
  unavailable.content_type = "text/html";
  unavailable.body = "<html>\n<body>\n<h1>503 Service Unavailable</h1>\n</body>\n</html>\n";
  unavailable.times = 2;
  server_.script(unavailable);
  const ProcessResult r = run({"--max-retries", "1", "list"});
  EXPECT_EQ(r.exit_code, 7) << show(r);
  EXPECT_EQ(r.err,
            "closeio-outcomes: server error (HTTP 503 Service Unavailable, after 2 attempts)\n");
}

TEST_F(CliTest, BaseUrlWithoutApiV1GetsAHint) {
  std::string root = server_.base_url();
  root.erase(root.find("api/v1/"));  // "http://127.0.0.1:PORT/"
  const ProcessResult r = run_with_env({"CLOSE_API_KEY=" + kApiKey}, {"--base-url", root, "list"});
  EXPECT_EQ(r.exit_code, 3) << show(r);
  expect_one_error_line(r);
  EXPECT_THAT(r.err, HasSubstr("must end in /api/v1/"));
}

TEST_F(CliTest, RateLimitWaitsShowOnTheTerminal) {
  closeio::testing::ScriptedResponse limited;
  limited.status = 429;
  limited.headers = {{"Retry-After", "1"}};
  limited.body = R"({"error": "Too many requests"})";
  server_.script(limited);
  seed("Bad Fit");
  ProcessOptions options;
  options.stderr_terminal = true;
  const ProcessResult r = run_with({"list", "--fields", "name"}, options);
  EXPECT_EQ(r.exit_code, 0) << show(r);
  EXPECT_THAT(r.err, HasSubstr("rate limited; retrying in 1 s"));
  EXPECT_EQ(r.out, "{\"name\":\"Bad Fit\"}\n");
}

// Every line written to the terminal starts at the beginning of a line or right after the
// status line was erased ("\r\x1b[K"), never after a status text.
void expect_status_line_cleared_before(const std::string& err, const std::string& text) {
  for (std::size_t at = err.find(text); at != std::string::npos; at = err.find(text, at + 1)) {
    const bool line_start = at == 0 || err[at - 1] == '\n';
    const bool after_clear = at >= 4 && err.compare(at - 4, 4, "\r\x1b[K") == 0;
    EXPECT_TRUE(line_start || after_clear) << "at " << at << " in:\n" << err;
  }
}

TEST_F(CliTest, ProgressLineIsClearedBeforeLogLinesAndErrors) {
  server_.seed_many(250, "Outcome");
  closeio::testing::ScriptedResponse broken;
  broken.status = 500;
  broken.body = R"({"error": "Internal error"})";
  ProcessOptions options;
  options.stderr_terminal = true;
  const ProcessResult ok = run_with({"--verbose", "list", "--fields", "name"}, options);
  EXPECT_EQ(ok.exit_code, 0) << show(ok);
  EXPECT_THAT(ok.err, HasSubstr("Fetching outcomes..."));
  expect_status_line_cleared_before(ok.err, "closeio-outcomes: GET");

  server_.script(broken);
  const ProcessResult failed = run_with({"list", "--fields", "name"}, options);
  EXPECT_EQ(failed.exit_code, 7) << show(failed);
  EXPECT_THAT(failed.err, HasSubstr("Fetching outcomes..."));
  expect_status_line_cleared_before(failed.err, "closeio-outcomes: server error");
}

TEST_F(CliTest, CommandHelpShowsGlobalOptionsOnceAndNoExitCodes) {
  for (const char* command : {"list", "get", "create", "update", "delete", "export", "apply",
                              "assign", "unassign", "usage"}) {
    const ProcessResult r = run({command, "--help"});
    EXPECT_EQ(r.exit_code, 0) << command << show(r);
    EXPECT_THAT(r.out, Not(HasSubstr("Exit codes:\n"))) << command;
    EXPECT_THAT(r.out, HasSubstr("Global options")) << command;
    for (const char* option : {"--base-url", "--api-key-file", "--max-retries", "--verbose"}) {
      const auto first = r.out.find(option);
      EXPECT_NE(first, std::string::npos) << command << " " << option;
      EXPECT_EQ(r.out.find(option, first + 1), std::string::npos) << command << " " << option;
    }
  }
  const ProcessResult top = run({"--help"});
  EXPECT_THAT(top.out, HasSubstr("Exit codes:\n"));
}

TEST_F(CliTest, ApiKeyOptionGetsAHintAndIsNeverEchoed) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"list", "--api-key", "very-secret-value"},
        std::vector<std::string>{"--api-key=very-secret-value", "list"}}) {
    const ProcessResult r = run(args);
    EXPECT_EQ(r.exit_code, 2) << show(r);
    expect_one_error_line(r);
    EXPECT_THAT(r.err, HasSubstr("CLOSE_API_KEY"));
    EXPECT_THAT(r.err, HasSubstr("--api-key-file"));
    EXPECT_THAT(r.err, Not(HasSubstr("very-secret-value")));
  }
  EXPECT_TRUE(server_.requests().empty());
}

TEST_F(CliTest, ExportErrorsNameTheTargetFile) {
  const std::string target = (dir_ / "no" / "such" / "dir.json").string();
  const ProcessResult r = run({"export", "--output", target});
  EXPECT_EQ(r.exit_code, 1) << show(r);
  expect_one_error_line(r);
  EXPECT_THAT(r.err, HasSubstr("cannot write " + target + ": "));
  EXPECT_THAT(r.err, Not(HasSubstr(".tmp")));
}

}  // namespace

namespace {

using namespace closeio_cli_test;  // NOLINT: the fixture and its helpers

TEST_F(CliTest, RetryStatusIsErasedBeforeTheCommandEnds) {
  closeio::testing::ScriptedResponse limited;
  limited.status = 429;
  limited.headers = {{"Retry-After", "0"}};
  limited.body = R"({"error": "Too many requests"})";
  server_.script(limited);
  ProcessOptions options;
  options.stderr_terminal = true;
  const ProcessResult r = run_with({"create", "--name", "Qualified"}, options);
  EXPECT_EQ(r.exit_code, 0) << show(r);
  EXPECT_THAT(r.err, ::testing::StartsWith("\rrate limited; retrying now"));
  EXPECT_THAT(r.err, ::testing::EndsWith("\r\x1b[K"));  // nothing left on the terminal's line
  EXPECT_EQ(server_.outcomes().size(), 1u);
}

}  // namespace
}  // namespace cli_messages_test
