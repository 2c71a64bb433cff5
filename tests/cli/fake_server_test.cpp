// closeio-fake-server as a process: every usage error exits 2 with one line, a port that cannot
// be bound says why, and a seed file with a JSON syntax error names the line and column. Each
// case ends before the emulator would start serving, so no signal is needed to stop it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <closeio/testing/fake_close_server.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "child_process.hpp"

namespace fake_server_test {
namespace {

using closeio_cli_test::ProcessResult;
using closeio_cli_test::show;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;

constexpr const char* kFakeServer = CLOSEIO_FAKE_SERVER_BINARY;

ProcessResult run(const std::vector<std::string>& args) {
  return closeio_cli_test::run_process(kFakeServer, args, {}, "", closeio_cli_test::Stdin::pipe,
                                       std::chrono::seconds(30));
}

class FakeServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "closeio-fake-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  std::string write_file(const std::string& name, const std::string& content) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }
  std::filesystem::path dir_;
};

TEST_F(FakeServerTest, EveryUsageErrorExitsTwo) {
  const std::string empty_key = write_file("empty.key", "\n");
  const std::string not_array = write_file("object.json", R"({"name": "A"})");
  const std::string bad_item = write_file("item.json", R"([{"name": ""}])");
  const std::vector<std::vector<std::string>> bad = {
      {"--inject", "abc"},
      {"--inject", "700"},
      {"--inject", "503:0"},
      {"--inject", "400@PATCH"},
      {"--rate-limit", "100"},
      {"--rate-limit", "0/1"},
      {"--rate-limit", "100/0"},
      {"--port", "-1"},
      {"--port", "65536"},
      {"--compression", "zstd"},
      {"--bogus"},
      {"--seed-file", (dir_ / "missing.json").string()},
      {"--seed-file", not_array},
      {"--seed-file", bad_item},
      {"--api-key-file", empty_key},
      {"--tls-cert", not_array},  // --tls-cert needs --tls-key
      {"--max-events", "0"},
      {"--webhook-retry-base", "-1"},
      {"--webhook-retry-max", "abc"},
      {"--webhook-give-up", "-5"},
      {"--webhook-pause-after", "-1"},
      {"--webhook-timeout", "0"},
      {"--webhook-fail", "x"},
      {"--webhook-fail-after-send", "-2"},
      {"--webhook-duplicate", "1.5"},
  };
  for (const auto& args : bad) {
    const ProcessResult r = run(args);
    EXPECT_EQ(r.exit_code, 2) << ::testing::PrintToString(args) << show(r);
    EXPECT_THAT(r.out, IsEmpty()) << ::testing::PrintToString(args);
    EXPECT_FALSE(r.err.empty()) << ::testing::PrintToString(args);
  }
}

TEST_F(FakeServerTest, HelpListsTheEventAndWebhookSwitches) {
  const ProcessResult r = run({"--help"});
  EXPECT_EQ(r.exit_code, 0) << show(r);
  for (const char* flag :
       {"--max-events", "--webhook-retry-base", "--webhook-retry-max", "--webhook-give-up",
        "--webhook-pause-after", "--webhook-timeout", "--webhook-key-always", "--webhook-fail",
        "--webhook-fail-after-send", "--webhook-duplicate"}) {
    EXPECT_THAT(r.out, HasSubstr(flag));
  }
}

TEST_F(FakeServerTest, BadInjectionSaysWhatIsExpected) {
  const ProcessResult r = run({"--inject", "abc"});
  EXPECT_EQ(r.exit_code, 2) << show(r);
  EXPECT_THAT(r.err, StartsWith("closeio-fake-server: --inject: bad failure \"abc\""));
  EXPECT_THAT(r.err, HasSubstr("STATUS[:COUNT][@METHOD]"));
}

TEST_F(FakeServerTest, SeedFileSyntaxErrorGivesLineAndColumn) {
  const std::string path =
      write_file("broken.json", "[\n  {\"name\": \"A\"},\n  {\"name\": }\n]\n");
  const ProcessResult r = run({"--seed-file", path});
  EXPECT_EQ(r.exit_code, 2) << show(r);
  EXPECT_THAT(r.err, HasSubstr(path + ": not valid JSON"));
  EXPECT_THAT(r.err, HasSubstr("line 3, column 12"));
}

TEST_F(FakeServerTest, PortInUseSaysWhy) {
  closeio::testing::FakeCloseServer taken;  // listens on 127.0.0.1:<port> until the test ends
  const ProcessResult r = run({"--port", std::to_string(taken.port())});
  EXPECT_EQ(r.exit_code, 1) << show(r);
  EXPECT_THAT(r.out, IsEmpty());
  EXPECT_THAT(r.err, HasSubstr("cannot listen on 127.0.0.1:" + std::to_string(taken.port()) +
                               ": Address already in use"));
  EXPECT_THAT(r.err, HasSubstr("--port 0"));
}

}  // namespace
}  // namespace fake_server_test
