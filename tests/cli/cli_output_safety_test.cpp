// Terminal and spreadsheet safety of closeio-outcomes' output: names and messages from the server
// are hostile input. Control characters (C0, DEL, C1 such as the CSI U+009B) and invalid UTF-8
// never reach the terminal raw, and CSV cells cannot become spreadsheet formulas.
#include "cli_fixture.hpp"

namespace cli_output_safety_test {
namespace {

using namespace closeio_cli_test;  // NOLINT: the fixture and its helpers
using ::testing::HasSubstr;
using ::testing::Not;

// ESC [2J (clear screen), BEL, NUL, DEL and a C1 CSI (U+009B) "31m".
const std::string kHostileName = std::string("Evil\x1b[2J\x07\0x\x7F", 12) + "\xC2\x9B" + "31m";

TEST_F(CliTest, TableNeutralisesControlCharacters) {
  seed(kHostileName, std::string("desc\x1b]0;title\x07\xC2\x9D"));
  const ProcessResult r = run({"list", "--format", "table"});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  expect_terminal_safe(r.out, "table");
  EXPECT_THAT(r.out, HasSubstr("Evil [2J"));
  EXPECT_THAT(r.out, HasSubstr("31m"));
}

TEST_F(CliTest, JsonLinesEscapeC1Controls) {
  seed(kHostileName);
  const ProcessResult r = run({"list", "--format", "json", "--fields", "name"});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  expect_terminal_safe(r.out, "json");
  EXPECT_EQ(Json::parse(r.out)["name"], kHostileName);  // escaped, not changed
}

TEST_F(CliTest, CsvNeutralisesControlsAndFormulas) {
  seed(kHostileName);
  seed("=HYPERLINK(\"http://evil.example/\",\"Click\")");
  seed("+1");
  seed("-2+3");
  seed("@SUM(A1)");
  seed("\tTabbed");
  seed("\rReturned");
  seed("Two\nlines");
  seed("Plain name");
  const ProcessResult r = run({"list", "--format", "csv", "--fields", "name"});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  expect_terminal_safe(r.out, "csv");
  EXPECT_THAT(r.out,
              HasSubstr("\r\n\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"Click\"\")\"\r\n"));
  EXPECT_THAT(r.out, HasSubstr("\r\n'+1\r\n"));
  EXPECT_THAT(r.out, HasSubstr("\r\n'-2+3\r\n"));
  EXPECT_THAT(r.out, HasSubstr("\r\n'@SUM(A1)\r\n"));
  EXPECT_THAT(r.out, HasSubstr("\r\n' Tabbed\r\n"));
  EXPECT_THAT(r.out, HasSubstr("\r\n' Returned\r\n"));
  EXPECT_THAT(r.out, HasSubstr("\r\n\"Two\nlines\"\r\n"));  // RFC 4180 keeps the line break
  EXPECT_THAT(r.out, HasSubstr("\r\nPlain name\r\n"));
}

TEST_F(CliTest, InvalidUtf8FromTheServerIsNeverEchoed) {
  closeio::testing::ScriptedResponse page;
  page.method = "GET";
  page.body = std::string(R"({"has_more": false, "data": [{"id": "outcome_1", "name": "Bad)") +
              "\xFF\xFE\xC3" + R"( name", "description": "x)" + "\xC0\xAF" +
              R"(y", "type": "custom"}]})";
  server_.script(page);
  // The SDK refuses a page that is not UTF-8; the error quotes the bytes it read.
  const ProcessResult r = run({"list", "--format", "table"});
  EXPECT_EQ(r.exit_code, 7) << show(r);
  expect_one_error_line(r);
  expect_terminal_safe(r.err, "error");
}

TEST_F(CliTest, PlanNeutralisesControlCharacters) {
  seed(kHostileName);
  const std::string file = write_file("outcomes.json", R"([{"name": "New\u001b[1mBold\u009b"}])");
  const ProcessResult r = run({"apply", file, "--prune", "--dry-run"});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  expect_terminal_safe(r.out, "plan");
  expect_terminal_safe(r.err, "plan stderr");
  EXPECT_THAT(r.out, HasSubstr("create \"New\\u001b[1mBold\\u009b\"\n"));
  EXPECT_THAT(r.out, HasSubstr("delete \"Evil\\u001b[2J\\u0007\\u0000x\\u007f\\u009b31m\"\n"));
}

TEST_F(CliTest, ErrorMessagesNeutraliseControlCharacters) {
  closeio::testing::ScriptedResponse rejected;
  rejected.status = 400;
  rejected.body = "{\"errors\": [\"bad \\u001b[31mred\\u009b \\u0007\"], \"field-errors\": {}}";
  server_.script(rejected);
  const ProcessResult r = run({"create", "--name", "Qualified"});
  EXPECT_EQ(r.exit_code, 5) << show(r);
  expect_one_error_line(r);
  expect_terminal_safe(r.err, "error");
  EXPECT_THAT(r.err, HasSubstr("red"));
}

TEST_F(CliTest, HelpAndReadmeSayHowCsvIsMadeSafe) {
  const ProcessResult r = run({"list", "--help"});
  ASSERT_EQ(r.exit_code, 0) << show(r);
  EXPECT_THAT(r.out, HasSubstr("formula"));
}

}  // namespace

namespace {

using namespace closeio_cli_test;  // NOLINT: the fixture and its helpers

TEST_F(CliTest, UsageErrorsNeutraliseTheCommandLine) {
  const ProcessResult r = run({std::string("fro\x1b[2Jb\xC2\x9B") + "nicate\xFF"});
  EXPECT_EQ(r.exit_code, 2) << show(r);
  expect_one_error_line(r);
  expect_terminal_safe(r.err, "usage error");
}

TEST_F(CliTest, DeletePromptNeutralisesTheName) {
  const auto a = seed(std::string("Evil\x1b]0;pwned\x07") + "\xC2\x9B" + "2J");
  const ProcessResult r = run({"delete", a.id}, "n\n", Stdin::terminal);
  EXPECT_EQ(r.exit_code, 1) << show(r);
  expect_terminal_safe(r.err, "prompt");
  EXPECT_TRUE(writes().empty());
}

}  // namespace
}  // namespace cli_output_safety_test
