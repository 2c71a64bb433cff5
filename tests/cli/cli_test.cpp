// End-to-end tests of closeio-outcomes: the real binary, run as a child process against the
// in-process Close emulator on an ephemeral port. Each test owns its emulator and temporary
// directory, so tests run in parallel safely.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <closeio/closeio.hpp>
#include <closeio/testing/fake_close_server.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "child_process.hpp"
#include "cli_fixture.hpp"

namespace cli_test {
namespace {

using namespace closeio_cli_test;  // NOLINT: the fixture and its helpers
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::StartsWith;

// ---- Help and usage (exit 2) --------------------------------------------------------------

TEST_F(CliTest, HelpDocumentsCommandsAndExitCodes) {
  const ProcessResult r = run({"--help"});
  EXPECT_EQ(r.exit_code, 0) << show(r);
  for (const char* text : {"list", "get", "create", "update", "delete", "export", "apply",
                           "Exit codes:", "  2  usage", "  6  rate limited", "--api-key-file"}) {
    EXPECT_THAT(r.out, HasSubstr(text));
  }
  EXPECT_THAT(r.err, IsEmpty());
}

TEST_F(CliTest, EveryCommandHasHelp) {
  for (const char* command : {"list", "get", "create", "update", "delete", "export", "apply"}) {
    const ProcessResult r = run({command, "--help"});
    EXPECT_EQ(r.exit_code, 0) << command << show(r);
    EXPECT_THAT(r.out, HasSubstr("Global options")) << command;
  }
  EXPECT_THAT(run({"delete", "--help"}).out, HasSubstr("--yes"));
  EXPECT_THAT(run({"apply", "--help"}).out, HasSubstr("--prune"));
  EXPECT_TRUE(server_.requests().empty());
}

TEST_F(CliTest, ParseErrorsExitWithUsageCode) {
  const std::vector<std::vector<std::string>> bad = {
      {},                                            // no command
      {"list", "--bogus"},                           // unknown flag
      {"frobnicate"},                                // unknown command
      {"list", "--format", "xml"},                   // bad format
      {"get"},                                       // missing id
      {"create"},                                    // missing --name
      {"create", "--name", "X", "--type", "other"},  // bad type
      {"update", "outcome_1", "--description", "a", "--clear-description"},
      {"update", "outcome_1"},          // nothing to change
      {"list", "--fields", "id,nmae"},  // unknown field
      {"--max-retries", "-1", "list"},  // out of range
      {"list", "--api-key", "secret"},  // keys are never command-line values
  };
  for (const auto& args : bad) {
    const ProcessResult r = run(args);
    EXPECT_EQ(r.exit_code, 2) << ::testing::PrintToString(args) << show(r);
    expect_one_error_line(r);
    EXPECT_THAT(r.out, IsEmpty());
  }
  EXPECT_TRUE(server_.requests().empty());
}

TEST_F(CliTest, BadBaseUrlIsAUsageError) {
  const ProcessResult r = run({"--base-url", "ftp://example.com/", "list"});
  EXPECT_EQ(r.exit_code, 2) << show(r);
  expect_one_error_line(r);
}

TEST_F(CliTest, GlobalOptionsWorkAfterTheCommand) {
  seed("Bad Fit");
  const ProcessResult r =
      run_with_env({"CLOSE_API_KEY=" + kApiKey}, {"list", "--base-url", server_.base_url()});
  EXPECT_EQ(r.exit_code, 0) << show(r);
  EXPECT_EQ(split_lines(r.out).size(), 1u);
}

// ---- list / get formats -------------------------------------------------------------------

TEST_F(CliTest, ListDefaultsToJsonLinesWithEveryField) {
  const auto a = seed("Bad Fit");
  const auto b = seed("Voicemail", std::string("Left a message"), OutcomeType::vm_dropped);
  const ProcessResult r = run({"list"});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  EXPECT_THAT(r.err, IsEmpty());  // no progress when stderr is not a terminal
  const auto lines = split_lines(r.out);
  ASSERT_EQ(lines.size(), 2u) << r.out;

  const Json first = Json::parse(lines[0]);
  std::vector<std::string> keys;
  for (const auto& item : first.items()) keys.push_back(item.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"id", "organization_id", "name", "description", "type",
                                            "applies_to", "created_by", "updated_by",
                                            "date_created", "date_updated"}));
  EXPECT_EQ(first["id"], a.id);
  EXPECT_EQ(first["organization_id"], "orga_fake0000000000000000000");
  EXPECT_EQ(first["name"], "Bad Fit");
  EXPECT_TRUE(first["description"].is_null());
  EXPECT_EQ(first["type"], "custom");
  EXPECT_EQ(first["applies_to"], Json::array({"calls", "meetings"}));
  const std::regex timestamp(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00)");
  EXPECT_TRUE(std::regex_match(first["date_created"].get<std::string>(), timestamp));
  EXPECT_EQ(closeio::parse_timestamp(first["date_created"].get<std::string>()), a.date_created);
  EXPECT_EQ(closeio::parse_timestamp(first["date_updated"].get<std::string>()), a.date_updated);

  const Json second = Json::parse(lines[1]);
  EXPECT_EQ(second["id"], b.id);
  EXPECT_EQ(second["description"], "Left a message");
  EXPECT_EQ(second["type"], "vm-dropped");
  EXPECT_EQ(second["applies_to"], Json::array({"calls"}));
}

TEST_F(CliTest, ListFieldsAreSentAndPrinted) {
  const auto a = seed("Bad Fit", std::string("x"));
  const ProcessResult r = run({"list", "--fields", "id,name", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  EXPECT_EQ(r.out, "{\"id\":\"" + a.id + "\",\"name\":\"Bad Fit\"}\n");
  const auto requests = server_.requests();
  ASSERT_EQ(requests.size(), 1u);
  bool sent = false;
  for (const auto& [key, value] : requests[0].query) sent |= key == "_fields" && value == "id,name";
  EXPECT_TRUE(sent) << requests[0].target;
}

TEST_F(CliTest, ListAsCsvQuotesPerRfc4180) {
  const auto a = seed("Bad Fit", std::string("Said \"no\", twice"));
  const auto b = seed("Plain");
  const ProcessResult r = run({"list", "--format", "csv", "--fields", "id,name,description,type"});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  EXPECT_EQ(r.out, "id,name,description,type\r\n" + a.id +
                       ",Bad Fit,\"Said \"\"no\"\", twice\",custom\r\n" + b.id +
                       ",Plain,,custom\r\n");
}

TEST_F(CliTest, ListAsCsvDefaultsToEveryField) {
  seed("Bad Fit");
  const ProcessResult r = run({"list", "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  const auto lines = split_lines(r.out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0],
            "id,organization_id,name,description,type,applies_to,created_by,updated_by,"
            "date_created,date_updated\r");
  EXPECT_THAT(lines[1], HasSubstr(",Bad Fit,,custom,\"calls,meetings\","));
}

TEST_F(CliTest, ListAsTableAlignsAndTruncates) {
  seed("Bad Fit");
  seed("Demo Booked", std::string("Booked a demo"), OutcomeType::vm_dropped);
  seed("Long", std::string("abcdefghijklmnopqrstuvwxyz abcdefghijklmnopqrstuvwxyz"));
  const ProcessResult r = run({"list", "--format", "table", "--fields", "name,type,description"});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  EXPECT_EQ(
      r.out,
      "NAME         TYPE        DESCRIPTION\n"
      "Bad Fit      custom\n"
      "Demo Booked  vm-dropped  Booked a demo\n"
      "Long         custom      abcdefghijklmnopqrstuvwxyz abcdefghijklmnopqrst\xE2\x80\xA6\n");
}

TEST_F(CliTest, ListAsTableDefaultColumns) {
  const auto a = seed("Bad Fit", std::string("Not a match"));
  const ProcessResult r = run({"list", "--format", "table"});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  const std::string id_column = "ID" + std::string(a.id.size() - 2, ' ');
  EXPECT_EQ(r.out, id_column + "  NAME     TYPE    DESCRIPTION\n" + a.id +
                       "  Bad Fit  custom  Not a match\n");
}

TEST_F(CliTest, ListOfNothing) {
  EXPECT_EQ(run({"list"}).out, "");
  EXPECT_EQ(run({"list", "--format", "csv", "--fields", "id"}).out, "id\r\n");
  EXPECT_EQ(run({"list", "--format", "table", "--fields", "name"}).out, "NAME\n");
}

TEST_F(CliTest, ListWalksEveryPage) {
  server_.seed_many(250, "Outcome");
  const ProcessResult r = run({"list", "--fields", "name"});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  const auto lines = split_lines(r.out);
  ASSERT_EQ(lines.size(), 250u);
  EXPECT_EQ(lines.front(), "{\"name\":\"Outcome 00001\"}");
  EXPECT_EQ(lines.back(), "{\"name\":\"Outcome 00250\"}");
  EXPECT_EQ(server_.requests().size(), 3u);
}

TEST_F(CliTest, GetInEveryFormat) {
  const auto a = seed("Demo Booked", std::string("Booked"), OutcomeType::vm_dropped);
  const ProcessResult json = run({"get", a.id});
  ASSERT_EQ(json.exit_code, 0) << show(json);
  const Json parsed = Json::parse(json.out);
  EXPECT_EQ(parsed["id"], a.id);
  EXPECT_EQ(parsed["type"], "vm-dropped");
  EXPECT_EQ(parsed.size(), 10u);

  const ProcessResult csv = run({"get", a.id, "--format", "csv", "--fields", "name,type"});
  EXPECT_EQ(csv.out, "name,type\r\nDemo Booked,vm-dropped\r\n") << show(csv);

  const ProcessResult table = run({"get", a.id, "--format", "table", "--fields", "name,type"});
  EXPECT_EQ(table.out, "NAME         TYPE\nDemo Booked  vm-dropped\n") << show(table);
}

// ---- Not found (3) ------------------------------------------------------------------------

TEST_F(CliTest, UnknownIdIsNotFound) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"get", "outcome_doesnotexist"},
        std::vector<std::string>{"update", "outcome_doesnotexist", "--name", "X"},
        std::vector<std::string>{"delete", "outcome_doesnotexist", "--yes"}}) {
    const ProcessResult r = run(args);
    EXPECT_EQ(r.exit_code, 3) << show(r);
    expect_one_error_line(r);
    EXPECT_THAT(r.err, HasSubstr("not found (HTTP 404)"));
    EXPECT_THAT(r.out, IsEmpty());
  }
}

// ---- Authentication (4) -------------------------------------------------------------------

TEST_F(CliTest, WrongKeyIsAnAuthErrorThatNeverShowsTheKey) {
  const ProcessResult r = run_with_env(
      {"CLOSE_API_KEY=wrong-secret-key", "CLOSE_API_BASE_URL=" + server_.base_url()}, {"list"});
  EXPECT_EQ(r.exit_code, 4) << show(r);
  expect_one_error_line(r);
  EXPECT_THAT(r.err, HasSubstr("HTTP 401"));
  EXPECT_THAT(r.err, Not(HasSubstr("wrong-secret-key")));
}

TEST_F(CliTest, MissingCredentialsFailBeforeAnyRequest) {
  const ProcessResult r = run_with_env({"CLOSE_API_BASE_URL=" + server_.base_url()}, {"list"});
  EXPECT_EQ(r.exit_code, 4) << show(r);
  expect_one_error_line(r);
  EXPECT_THAT(r.err, HasSubstr("CLOSE_API_KEY"));
  EXPECT_TRUE(server_.requests().empty());
}

TEST_F(CliTest, ApiKeyFileIsReadAndTrimmed) {
  seed("Bad Fit");
  const std::string key_file = write_file("key", kApiKey + "\r\n");
  const ProcessResult r = run_with_env({"CLOSE_API_BASE_URL=" + server_.base_url()},
                                       {"--api-key-file", key_file, "list", "--fields", "name"});
  EXPECT_EQ(r.exit_code, 0) << show(r);
  EXPECT_EQ(r.out, "{\"name\":\"Bad Fit\"}\n");
}

TEST_F(CliTest, ApiKeyFileWinsOverTheEnvironment) {
  const std::string key_file = write_file("key", "file-secret-key\n");
  const ProcessResult r = run({"--api-key-file", key_file, "list"});
  EXPECT_EQ(r.exit_code, 4) << show(r);
  EXPECT_THAT(r.err, Not(HasSubstr("file-secret-key")));
}

TEST_F(CliTest, UnreadableKeyFileIsAnAuthError) {
  const ProcessResult r = run({"--api-key-file", (dir_ / "missing").string(), "list"});
  EXPECT_EQ(r.exit_code, 4) << show(r);
  expect_one_error_line(r);
  EXPECT_TRUE(server_.requests().empty());
}

TEST_F(CliTest, AccessTokenFromTheEnvironment) {
  seed("Bad Fit");
  const ProcessResult r = run_with_env(
      {"CLOSE_ACCESS_TOKEN=test-access-token", "CLOSE_API_BASE_URL=" + server_.base_url()},
      {"list", "--fields", "name"});
  EXPECT_EQ(r.exit_code, 0) << show(r);
  ASSERT_EQ(server_.requests().size(), 1u);
  EXPECT_EQ(server_.requests()[0].header("authorization"), "Bearer test-access-token");
}

// ---- create / update / delete -------------------------------------------------------------

TEST_F(CliTest, CreatePrintsTheNewOutcome) {
  const ProcessResult r = run({"create", "--name", "Qualified", "--description", "Ready", "--type",
                               "vm-dropped", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  const Json printed = Json::parse(r.out);
  const auto outcomes = server_.outcomes();
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_EQ(printed["id"], outcomes[0].id);
  EXPECT_EQ(outcomes[0].name, "Qualified");
  EXPECT_EQ(outcomes[0].description, std::optional<std::string>("Ready"));
  EXPECT_EQ(outcomes[0].type, OutcomeType::vm_dropped);
}

TEST_F(CliTest, CreateDefaultsToCustomWithoutDescription) {
  const ProcessResult r = run({"create", "--name", "Qualified"});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  const auto writes_sent = writes();
  ASSERT_EQ(writes_sent.size(), 1u);
  EXPECT_EQ(nlohmann::json::parse(writes_sent[0].body), nlohmann::json({{"name", "Qualified"}}));
  EXPECT_EQ(state(), (decltype(state()){{"Qualified", std::nullopt, OutcomeType::custom}}));
}

TEST_F(CliTest, CreateWithEmptyNameIsAValidationErrorAndSendsNothing) {
  const ProcessResult r = run({"create", "--name", ""});
  EXPECT_EQ(r.exit_code, 5) << show(r);
  expect_one_error_line(r);
  EXPECT_TRUE(writes().empty());
  EXPECT_TRUE(server_.outcomes().empty());
}

TEST_F(CliTest, ServerValidationErrorIsExit5WithClosesMessage) {
  closeio::testing::ScriptedResponse rejected;
  rejected.status = 400;
  rejected.body = R"({"errors": [], "field-errors": {"name": "This field is required."}})";
  rejected.method = "POST";
  server_.script(rejected);
  const ProcessResult r = run({"create", "--name", "Qualified"});
  EXPECT_EQ(r.exit_code, 5) << show(r);
  expect_one_error_line(r);
  EXPECT_THAT(r.err, HasSubstr("rejected by Close (HTTP 400)"));
  EXPECT_THAT(r.err, HasSubstr("This field is required."));
  EXPECT_TRUE(server_.outcomes().empty());
}

TEST_F(CliTest, UpdateToAnEmptyNameIsAValidationError) {
  const auto a = seed("Bad Fit");
  const ProcessResult r = run({"update", a.id, "--name", ""});
  EXPECT_EQ(r.exit_code, 5) << show(r);
  expect_one_error_line(r);
  EXPECT_TRUE(writes().empty());
  EXPECT_EQ(server_.outcomes()[0].name, "Bad Fit");
}

TEST_F(CliTest, UpdateSendsOnlyTheChanges) {
  const auto a = seed("Bad Fit", std::string("old"));
  const ProcessResult r =
      run({"update", a.id, "--description", "new", "--type", "vm-dropped", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  const Json printed = Json::parse(r.out);
  EXPECT_EQ(printed["id"], a.id);
  EXPECT_EQ(printed["name"], "Bad Fit");
  EXPECT_EQ(printed["description"], "new");
  EXPECT_EQ(printed["type"], "vm-dropped");
  const auto sent = writes();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].method, "PUT");
  EXPECT_EQ(nlohmann::json::parse(sent[0].body),
            nlohmann::json({{"description", "new"}, {"type", "vm-dropped"}}));
}

TEST_F(CliTest, UpdateClearsTheDescription) {
  const auto a = seed("Bad Fit", std::string("old"));
  const ProcessResult r = run({"update", a.id, "--clear-description"});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  EXPECT_EQ(server_.outcomes()[0].description, std::nullopt);
  EXPECT_EQ(nlohmann::json::parse(writes().at(0).body), nlohmann::json({{"description", nullptr}}));
}

TEST_F(CliTest, DeleteWithYes) {
  const auto a = seed("Bad Fit");
  const auto b = seed("Keep");
  const ProcessResult r = run({"delete", a.id, "--yes"});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  EXPECT_EQ(r.out, "deleted " + a.id + "\n");
  ASSERT_EQ(server_.outcomes().size(), 1u);
  EXPECT_EQ(server_.outcomes()[0].id, b.id);
}

TEST_F(CliTest, DeleteWithoutYesOffATerminalRefusesWithoutSending) {
  const auto a = seed("Bad Fit");
  // stdin is a pipe holding "y": the tool must still refuse rather than read an answer.
  const ProcessResult r = run({"delete", a.id}, "y\n");
  EXPECT_EQ(r.exit_code, 2) << show(r);
  expect_one_error_line(r);
  EXPECT_THAT(r.err, HasSubstr("--yes"));
  EXPECT_TRUE(server_.requests().empty());
  EXPECT_EQ(server_.outcomes().size(), 1u);
}

TEST_F(CliTest, DeleteAsksOnATerminal) {
  const auto a = seed("Bad Fit");
  const ProcessResult r = run({"delete", a.id}, "yes\n", closeio_cli_test::Stdin::terminal);
  ASSERT_EQ(r.exit_code, 0) << show(r);
  EXPECT_EQ(r.err, "Delete outcome Bad Fit (" + a.id + ")? [y/N] ");
  EXPECT_EQ(r.out, "deleted " + a.id + "\n");
  EXPECT_TRUE(server_.outcomes().empty());
}

TEST_F(CliTest, DeclinedDeleteKeepsTheOutcome) {
  const auto a = seed("Bad Fit");
  const ProcessResult r = run({"delete", a.id}, "n\n", closeio_cli_test::Stdin::terminal);
  EXPECT_EQ(r.exit_code, 1) << show(r);
  EXPECT_THAT(r.err, HasSubstr("closeio-outcomes: not deleted\n"));
  EXPECT_TRUE(writes().empty());
  EXPECT_EQ(server_.outcomes().size(), 1u);
}

// ---- Rate limits (6), server and network (7) ----------------------------------------------

TEST_F(CliTest, RateLimitedAfterRetriesIsExit6) {
  closeio::testing::ScriptedResponse limited;
  limited.status = 429;
  limited.headers = {{"Retry-After", "0"}};
  limited.body = R"({"error": {"message": "API call count exceeded for this period",
                    "rate_reset": 0}})";
  limited.times = 3;
  server_.script(limited);
  const ProcessResult r = run({"--max-retries", "2", "list"});
  EXPECT_EQ(r.exit_code, 6) << show(r);
  expect_one_error_line(r);
  EXPECT_THAT(r.err, HasSubstr("rate limited (HTTP 429)"));
  EXPECT_EQ(server_.requests().size(), 3u);  // the first attempt and two retries
}

TEST_F(CliTest, RateLimitWithDefaultRetries) {
  closeio::testing::ScriptedResponse limited;
  limited.status = 429;
  limited.headers = {{"Retry-After", "0"}};
  limited.body = R"({"error": "Too many requests"})";
  limited.times = 100;  // more than any retry budget
  server_.script(limited);
  const ProcessResult r = run({"get", "outcome_1"});
  EXPECT_EQ(r.exit_code, 6) << show(r);
  EXPECT_THAT(r.err, HasSubstr("Too many requests"));
}

TEST_F(CliTest, ServerErrorIsExit7OnOneLine) {
  closeio::testing::ScriptedResponse unavailable;
  unavailable.status = 503;
  unavailable.content_type = "text/html";
  unavailable.body = "<html>\n<body>\n<h1>503 Service Unavailable</h1>\n</body>\n</html>\n";
  server_.script(unavailable);
  const ProcessResult r = run({"--max-retries", "0", "list"});
  EXPECT_EQ(r.exit_code, 7) << show(r);
  expect_one_error_line(r);
  EXPECT_THAT(r.err, HasSubstr("server error (HTTP 503 Service Unavailable)"));
}

TEST_F(CliTest, UnreachableServerIsExit7) {
  std::string unreachable;
  {
    closeio::testing::FakeCloseServer stopped;
    unreachable = stopped.base_url();
  }  // destroyed: nothing listens on that port any more
  const ProcessResult r = run_with_env({"CLOSE_API_KEY=" + kApiKey},
                                       {"--base-url", unreachable, "--max-retries", "0", "list"});
  EXPECT_EQ(r.exit_code, 7) << show(r);
  expect_one_error_line(r);
  EXPECT_THAT(r.err, HasSubstr("network error"));
}

TEST_F(CliTest, VerboseLogsRequestsWithoutSecrets) {
  const ProcessResult r = run({"--verbose", "list"});
  EXPECT_EQ(r.exit_code, 0) << show(r);
  EXPECT_THAT(r.err, HasSubstr("GET " + server_.base_url() + "outcome/"));
  EXPECT_THAT(r.err, HasSubstr("-> 200"));
  EXPECT_THAT(r.err, Not(HasSubstr(kApiKey)));
}

// ---- export -------------------------------------------------------------------------------

const char* const kExported =
    "[\n"
    "  {\n"
    "    \"name\": \"Bad Fit\",\n"
    "    \"description\": null,\n"
    "    \"type\": \"custom\"\n"
    "  },\n"
    "  {\n"
    "    \"name\": \"Demo Booked\",\n"
    "    \"description\": \"Booked a \\\"demo\\\"\",\n"
    "    \"type\": \"custom\"\n"
    "  },\n"
    "  {\n"
    "    \"name\": \"Voicemail\",\n"
    "    \"description\": \"\",\n"
    "    \"type\": \"vm-dropped\"\n"
    "  },\n"
    "  {\n"
    "    \"name\": \"after hours\",\n"
    "    \"description\": \"caf\xC3\xA9\",\n"
    "    \"type\": \"custom\"\n"
    "  }\n"
    "]\n";

void seed_export_fixture(closeio::testing::FakeCloseServer& server) {
  server.seed({"Voicemail", std::string(""), OutcomeType::vm_dropped});
  server.seed({"after hours", std::string("caf\xC3\xA9"), std::nullopt});
  server.seed({"Demo Booked", std::string("Booked a \"demo\""), OutcomeType::custom});
  server.seed({"Bad Fit", std::nullopt, std::nullopt});
}

TEST_F(CliTest, ExportIsSortedPrettyJson) {
  seed_export_fixture(server_);
  const ProcessResult r = run({"export"});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  EXPECT_EQ(r.out, kExported);
  EXPECT_THAT(r.err, IsEmpty());
}

TEST_F(CliTest, ExportToAFile) {
  seed_export_fixture(server_);
  const std::string path = (dir_ / "outcomes.json").string();
  const ProcessResult r = run({"export", "--output", path});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  EXPECT_THAT(r.out, IsEmpty());
  EXPECT_EQ(read_file(path), kExported);
  // Only the temporary file's rename produced the file: nothing else is left behind.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir_),
                          std::filesystem::directory_iterator()),
            1);
}

TEST_F(CliTest, ExportOfNothing) {
  const ProcessResult r = run({"export"});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  EXPECT_EQ(r.out, "[]\n");
}

TEST_F(CliTest, ExportToAnUnwritablePathFails) {
  const ProcessResult r = run({"export", "--output", (dir_ / "no" / "such" / "dir.json").string()});
  EXPECT_EQ(r.exit_code, 1) << show(r);
  expect_one_error_line(r);
}

// ---- apply --------------------------------------------------------------------------------

const char* const kDesired = R"([
  {"name": "Bad Fit", "description": "Not our market"},
  {"name": "Demo Booked", "type": "vm-dropped"},
  {"name": "Qualified", "description": null, "type": "custom"}
])";

// The path of the outcome named `name`, e.g. to script an answer for its PUT alone.
std::string outcome_path(const closeio::testing::FakeCloseServer& server, const std::string& name) {
  for (const auto& outcome : server.outcomes()) {
    if (outcome.name == name) return "/api/v1/outcome/" + outcome.id + "/";
  }
  ADD_FAILURE() << "no outcome " << name;
  return {};
}

void seed_apply_fixture(closeio::testing::FakeCloseServer& server) {
  server.seed({"Bad Fit", std::string("old text"), std::nullopt});
  server.seed({"Demo Booked", std::nullopt, OutcomeType::custom});
  server.seed({"Legacy", std::string("unused"), std::nullopt});
}

TEST_F(CliTest, ApplyCreatesUpdatesAndPrunes) {
  seed_apply_fixture(server_);
  const std::string file = write_file("outcomes.json", kDesired);
  const ProcessResult r = run({"apply", file, "--prune", "--yes"});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  EXPECT_EQ(r.out,
            "create Qualified\n"
            "update Bad Fit: description \"old text\" -> \"Not our market\"\n"
            "update Demo Booked: type custom -> vm-dropped\n"
            "delete Legacy\n"
            "Plan: 1 to create, 2 to update, 1 to delete.\n"
            "created Qualified\n"
            "updated Bad Fit\n"
            "updated Demo Booked\n"
            "deleted Legacy\n"
            "Applied: 1 created, 2 updated, 1 deleted.\n");
  EXPECT_THAT(r.err, IsEmpty());
  EXPECT_EQ(state(), (decltype(state()){
                         {"Bad Fit", std::string("Not our market"), OutcomeType::custom},
                         {"Demo Booked", std::nullopt, OutcomeType::vm_dropped},
                         {"Qualified", std::nullopt, OutcomeType::custom},
                     }));

  // The second run finds nothing to do and sends no write.
  server_.clear_requests();
  const ProcessResult again = run({"apply", file, "--prune"});
  ASSERT_EQ(again.exit_code, 0) << show(again);
  EXPECT_EQ(again.out, "no changes\n");
  EXPECT_TRUE(writes().empty());
  EXPECT_FALSE(server_.requests().empty());
}

TEST_F(CliTest, ApplyWithoutPruneDeletesNothing) {
  seed_apply_fixture(server_);
  const std::string file = write_file("outcomes.json", kDesired);
  const ProcessResult r = run({"apply", file});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  EXPECT_EQ(r.out,
            "create Qualified\n"
            "update Bad Fit: description \"old text\" -> \"Not our market\"\n"
            "update Demo Booked: type custom -> vm-dropped\n"
            "Plan: 1 to create, 2 to update, 0 to delete.\n"
            "created Qualified\n"
            "updated Bad Fit\n"
            "updated Demo Booked\n"
            "Applied: 1 created, 2 updated, 0 deleted.\n");
  EXPECT_THAT(r.err, HasSubstr("keeping 1 outcome not named in"));
  EXPECT_EQ(server_.outcomes().size(), 4u);
  for (const auto& request : writes()) EXPECT_NE(request.method, "DELETE");

  server_.clear_requests();
  const ProcessResult again = run({"apply", file});
  EXPECT_EQ(again.out, "no changes\n") << show(again);
  EXPECT_TRUE(writes().empty());
}

TEST_F(CliTest, ApplySendsOnlyChangedFields) {
  seed_apply_fixture(server_);
  const std::string file = write_file("outcomes.json", kDesired);
  ASSERT_EQ(run({"apply", file}).exit_code, 0);
  // Several writes are in flight at once, so they may arrive in any order: key them by target.
  std::map<std::string, std::pair<std::string, nlohmann::json>> sent;
  for (const auto& request : writes()) {
    sent[request.path] = {request.method, nlohmann::json::parse(request.body)};
  }
  ASSERT_EQ(sent.size(), 3u);
  EXPECT_EQ(sent["/api/v1/outcome/"],
            std::make_pair(std::string("POST"),
                           nlohmann::json({{"name", "Qualified"}, {"type", "custom"}})));
  EXPECT_EQ(
      sent[outcome_path(server_, "Bad Fit")],
      std::make_pair(std::string("PUT"), nlohmann::json({{"description", "Not our market"}})));
  EXPECT_EQ(sent[outcome_path(server_, "Demo Booked")],
            std::make_pair(std::string("PUT"), nlohmann::json({{"type", "vm-dropped"}})));
}

TEST_F(CliTest, ApplyDryRunChangesNothing) {
  seed_apply_fixture(server_);
  const auto before = server_.outcomes();
  const std::string file = write_file("outcomes.json", kDesired);
  const ProcessResult r = run({"apply", file, "--prune", "--dry-run"});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  EXPECT_EQ(r.out,
            "create Qualified\n"
            "update Bad Fit: description \"old text\" -> \"Not our market\"\n"
            "update Demo Booked: type custom -> vm-dropped\n"
            "delete Legacy\n"
            "Plan: 1 to create, 2 to update, 1 to delete.\n"
            "Dry run: nothing was changed.\n");
  EXPECT_TRUE(writes().empty());
  EXPECT_FALSE(server_.requests().empty());
  EXPECT_EQ(server_.outcomes(), before);
}

TEST_F(CliTest, ExportThenApplyIsNoChange) {
  seed_export_fixture(server_);
  const std::string path = (dir_ / "outcomes.json").string();
  ASSERT_EQ(run({"export", "--output", path}).exit_code, 0);
  server_.clear_requests();
  const ProcessResult r = run({"apply", path, "--prune"});
  EXPECT_EQ(r.out, "no changes\n") << show(r);
  EXPECT_TRUE(writes().empty());
}

TEST_F(CliTest, ApplyReadsStdin) {
  const ProcessResult r = run({"apply", "-"}, R"([{"name": "From stdin"}])");
  ASSERT_EQ(r.exit_code, 0) << show(r);
  EXPECT_EQ(state(), (decltype(state()){{"From stdin", std::nullopt, OutcomeType::custom}}));
}

TEST_F(CliTest, ApplyRejectsDuplicateNamesInTheFileBeforeChangingAnything) {
  seed("Legacy");
  const std::string file =
      write_file("dup.json", R"([{"name": "A"}, {"name": "B"}, {"name": "A"}])");
  const ProcessResult r = run({"apply", file, "--prune"});
  EXPECT_EQ(r.exit_code, 5) << show(r);
  expect_one_error_line(r);
  EXPECT_THAT(r.err, HasSubstr("\"A\" (entry 1, entry 3)"));
  EXPECT_THAT(r.out, IsEmpty());
  EXPECT_TRUE(writes().empty());
}

TEST_F(CliTest, ApplyRejectsDuplicateNamesInTheOrganization) {
  const auto a = seed("Twin");
  const auto b = seed("Twin");
  const std::string file = write_file("ok.json", R"([{"name": "New"}])");
  const ProcessResult r = run({"apply", file});
  EXPECT_EQ(r.exit_code, 5) << show(r);
  expect_one_error_line(r);
  EXPECT_THAT(r.err, HasSubstr("in the organization: \"Twin\" (" + a.id + ", " + b.id + ")"));
  EXPECT_TRUE(writes().empty());
}

TEST_F(CliTest, ApplyRejectsBadFilesWithoutContactingClose) {
  const std::vector<std::string> bad = {"not json", R"({"name": "A"})", R"([{"name": ""}])",
                                        R"([{"name": "A", "type": "x"}])",
                                        R"([{"name": "A", "desc": "typo"}])"};
  for (const std::string& content : bad) {
    const ProcessResult r = run({"apply", write_file("bad.json", content)});
    EXPECT_EQ(r.exit_code, 5) << content << show(r);
    expect_one_error_line(r);
  }
  const ProcessResult missing = run({"apply", (dir_ / "missing.json").string()});
  EXPECT_EQ(missing.exit_code, 5) << show(missing);
  EXPECT_TRUE(server_.requests().empty());
}

TEST_F(CliTest, ApplyStopsAtTheFirstFailedChange) {
  seed_apply_fixture(server_);
  closeio::testing::ScriptedResponse broken;
  broken.status = 500;
  broken.body = R"({"error": "Internal error"})";
  broken.method = "PUT";
  broken.path = outcome_path(server_, "Bad Fit");  // updates are in flight together
  server_.script(broken);
  const ProcessResult r = run({"apply", write_file("outcomes.json", kDesired), "--prune", "--yes"});
  EXPECT_EQ(r.exit_code, 7) << show(r);
  expect_one_error_line(r);
  EXPECT_THAT(r.err, HasSubstr("apply stopped at change 2 of 4 (update Bad Fit: "));
  EXPECT_THAT(r.err, HasSubstr("Internal error"));
  // The create before it happened; the delete after it was not attempted.
  EXPECT_EQ(server_.outcomes().size(), 4u);
  for (const auto& request : writes()) EXPECT_NE(request.method, "DELETE");
}

}  // namespace
}  // namespace cli_test
