// What closeio-outcomes checks before it sends anything: blank names, oversized files, the API
// key file, and which of two credentials in the environment it uses.
#include "cli_fixture.hpp"

namespace cli_input_checks_test {
namespace {

using namespace closeio_cli_test;  // NOLINT: the fixture and its helpers
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

const std::vector<std::string> kBlankNames = {"", " ", "\t \t", "\xC2\xA0", "\xE3\x80\x80 "};

TEST_F(CliTest, CreateWithABlankNameSendsNothing) {
  for (const std::string& name : kBlankNames) {
    const ProcessResult r = run({"create", "--name", name});
    EXPECT_EQ(r.exit_code, 5) << show(r);
    expect_one_error_line(r);
    EXPECT_THAT(r.err, HasSubstr("empty or only whitespace"));
  }
  EXPECT_TRUE(server_.requests().empty());  // nothing reached the emulator, not even a GET
  EXPECT_TRUE(server_.outcomes().empty());
}

TEST_F(CliTest, UpdateToABlankNameSendsNothing) {
  const auto a = seed("Bad Fit");
  for (const std::string& name : kBlankNames) {
    const ProcessResult r = run({"update", a.id, "--name", name});
    EXPECT_EQ(r.exit_code, 5) << show(r);
    expect_one_error_line(r);
  }
  EXPECT_TRUE(server_.requests().empty());
  EXPECT_EQ(server_.outcomes()[0].name, "Bad Fit");
}

TEST_F(CliTest, ApplyFileWithABlankNameSendsNothing) {
  for (const char* content : {R"([{"name": "Fine"}, {"name": "   "}])", R"([{"name": "\t"}])",
                              R"([{"name": "\u00a0\u3000"}])"}) {
    const ProcessResult r = run({"apply", write_file("blank.json", content)});
    EXPECT_EQ(r.exit_code, 5) << content << show(r);
    expect_one_error_line(r);
    EXPECT_THAT(r.err, HasSubstr("empty or only whitespace")) << content;
  }
  EXPECT_TRUE(server_.requests().empty());
}

TEST_F(CliTest, ApplyRefusesAFileOverTheSizeLimitBeforeParsing) {
  // Sparse: 16 MiB + 1 byte of zeros, which would be "not valid JSON" if it were parsed.
  const std::string path = write_file("huge.json", "");
  std::filesystem::resize_file(path, 16u * 1024u * 1024u + 1u);
  const ProcessResult r = run({"apply", path});
  EXPECT_EQ(r.exit_code, 5) << show(r);
  expect_one_error_line(r);
  EXPECT_THAT(r.err, HasSubstr("larger than 16 MiB"));
  EXPECT_THAT(r.err, Not(HasSubstr("JSON")));
  EXPECT_TRUE(server_.requests().empty());

  // Exactly at the limit is read (and then found not to be JSON).
  std::filesystem::resize_file(path, 16u * 1024u * 1024u);
  const ProcessResult at_limit = run({"apply", path});
  EXPECT_EQ(at_limit.exit_code, 5) << show(at_limit);
  EXPECT_THAT(at_limit.err, HasSubstr("not valid JSON"));
}

TEST_F(CliTest, ApplyRefusesOversizedStdin) {
  const ProcessResult r = run({"apply", "-"}, std::string(16u * 1024u * 1024u + 1u, ' '));
  EXPECT_EQ(r.exit_code, 5) << show(r);
  EXPECT_THAT(r.err, HasSubstr("standard input is larger than 16 MiB"));
  EXPECT_TRUE(server_.requests().empty());
}

TEST_F(CliTest, ApiKeyFileIsTrimmedAndPrivateFilesGiveNoWarning) {
  seed("Bad Fit");
  const std::string key_file = write_file("key", "  \t" + kApiKey + " \r\n\n");
  ASSERT_EQ(::chmod(key_file.c_str(), 0600), 0);
  const ProcessResult r = run_with_env({"CLOSE_API_BASE_URL=" + server_.base_url()},
                                       {"--api-key-file", key_file, "list", "--fields", "name"});
  EXPECT_EQ(r.exit_code, 0) << show(r);
  EXPECT_EQ(r.out, "{\"name\":\"Bad Fit\"}\n");
  EXPECT_THAT(r.err, IsEmpty());
}

TEST_F(CliTest, ApiKeyFileReadableByOthersGivesAWarning) {
  const std::string key_file = write_file("key", kApiKey + "\n");
  for (const auto& [mode, who] : {std::pair<mode_t, const char*>{0644, "others"},
                                  std::pair<mode_t, const char*>{0640, "its group"}}) {
    ASSERT_EQ(::chmod(key_file.c_str(), mode), 0);
    const ProcessResult r = run_with_env({"CLOSE_API_BASE_URL=" + server_.base_url()},
                                         {"--api-key-file", key_file, "list"});
    EXPECT_EQ(r.exit_code, 0) << show(r);
    EXPECT_EQ(split_lines(r.err).size(), 1u) << show(r);
    EXPECT_THAT(r.err, HasSubstr(std::string("is readable by ") + who)) << show(r);
    EXPECT_THAT(r.err, HasSubstr("chmod 600 " + key_file));
    EXPECT_THAT(r.err, Not(HasSubstr(kApiKey)));
  }
}

TEST_F(CliTest, ApiKeyFileReadsAtMostAFewKiB) {
  const std::string key_file = write_file("big", kApiKey + "\n" + std::string(8192, 'x'));
  ASSERT_EQ(::chmod(key_file.c_str(), 0600), 0);
  const ProcessResult r = run({"--api-key-file", key_file, "list"});
  EXPECT_EQ(r.exit_code, 4) << show(r);
  expect_one_error_line(r);
  EXPECT_THAT(r.err, HasSubstr("larger than 4 KiB"));
  EXPECT_TRUE(server_.requests().empty());
}

TEST_F(CliTest, BothCredentialsInTheEnvironmentSayWhichIsUsed) {
  const ProcessResult r =
      run_with_env({"CLOSE_API_KEY=" + kApiKey, "CLOSE_ACCESS_TOKEN=test-access-token",
                    "CLOSE_API_BASE_URL=" + server_.base_url()},
                   {"list"});
  EXPECT_EQ(r.exit_code, 0) << show(r);
  EXPECT_EQ(r.err,
            "closeio-outcomes: both CLOSE_API_KEY and CLOSE_ACCESS_TOKEN are set; using "
            "CLOSE_API_KEY\n");
  ASSERT_EQ(server_.requests().size(), 1u);
  EXPECT_THAT(server_.requests()[0].header("authorization"), ::testing::StartsWith("Basic "));
}

}  // namespace
}  // namespace cli_input_checks_test
