// closeio-fake-server as a process: every usage error exits 2 with one line, a port that cannot
// be bound says why, and a seed file with a JSON syntax error names the line and column. Each
// case ends before the emulator would start serving, so no signal is needed to stop it.
#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <closeio/testing/fake_close_server.hpp>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "child_process.hpp"
#include "support/loopback_http_server.hpp"

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

// closeio-fake-server serving until SIGTERM; its "listening on" line is read from a pipe, so the
// test goes on exactly when it serves.
class ServingProcess {
 public:
  explicit ServingProcess(const std::vector<std::string>& args) {
    std::vector<std::string> all = {kFakeServer};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& arg : all) argv.push_back(arg.data());
    argv.push_back(nullptr);
    int out[2];
    if (::pipe(out) != 0) return;
    pid_ = ::fork();
    if (pid_ == 0) {  // only async-signal-safe calls until exec
      ::dup2(out[1], STDOUT_FILENO);
      const int null = ::open("/dev/null", O_WRONLY);
      ::dup2(null, STDERR_FILENO);
      ::close(out[0]);
      ::close(out[1]);
      ::execv(kFakeServer, argv.data());
      ::_exit(127);
    }
    ::close(out[1]);
    fd_ = out[0];
    char c = 0;
    while (::read(fd_, &c, 1) == 1 && c != '\n') line_ += c;
  }
  ~ServingProcess() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
    if (fd_ >= 0) ::close(fd_);
  }
  ServingProcess(const ServingProcess&) = delete;
  ServingProcess& operator=(const ServingProcess&) = delete;

  const std::string& line() const { return line_; }
  /// The port of "closeio-fake-server listening on http://127.0.0.1:<port>/api/v1/", or 0.
  int port() const {
    const std::size_t colon = line_.rfind(':');
    if (colon == std::string::npos) return 0;
    return std::atoi(line_.c_str() + colon + 1);
  }

 private:
  pid_t pid_ = -1;
  int fd_ = -1;
  std::string line_;
};

// Records the webhook POSTs it receives; wait_for() blocks on a condition variable.
class HookReceiver {
 public:
  HookReceiver() {
    http_.http().Post("/hook",
                      [this](const httplib::Request& request, httplib::Response& response) {
                        {
                          std::lock_guard<std::mutex> lock(mutex_);
                          bodies_.push_back(request.body);
                          hashes_.push_back(request.get_header_value("close-sig-hash"));
                        }
                        arrived_.notify_all();
                        response.status = 200;
                      });
    port_ = http_.start();
  }
  HookReceiver(const HookReceiver&) = delete;
  HookReceiver& operator=(const HookReceiver&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }
  bool wait_for(std::size_t count) {
    std::unique_lock<std::mutex> lock(mutex_);
    return arrived_.wait_for(lock, std::chrono::seconds(30),
                             [&] { return bodies_.size() >= count; });
  }
  std::vector<std::string> bodies() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return bodies_;
  }
  std::vector<std::string> hashes() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return hashes_;
  }

 private:
  int port_ = 0;
  mutable std::mutex mutex_;
  std::condition_variable arrived_;
  std::vector<std::string> bodies_;
  std::vector<std::string>
      hashes_;  // Last: stopped before the members its handler uses are destroyed.
  closeio::test::LoopbackHttpServer http_;
};

TEST_F(FakeServerTest, WebhookSwitchesShapeTheDeliveriesAndTheEventLog) {
  HookReceiver receiver;
  ServingProcess process({"--port", "0", "--max-events", "1", "--webhook-key-always",
                          "--webhook-fail", "1", "--webhook-duplicate", "1", "--webhook-retry-base",
                          "1"});
  ASSERT_THAT(process.line(), StartsWith("closeio-fake-server listening on http://127.0.0.1:"));
  httplib::Client client("127.0.0.1", process.port());
  client.set_basic_auth(closeio::testing::FakeCloseServerOptions().api_key, "");
  const std::string subscription = R"({"url": ")" + receiver.url() +
                                   R"(", "events": [{"object_type": "activity.call",
                                       "action": "created"}]})";
  const httplib::Result created = client.Post("/api/v1/webhook/", subscription, "application/json");
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201) << created->body;
  const std::size_t id_at = created->body.find("whsub_");
  ASSERT_NE(id_at, std::string::npos);
  const std::string id = created->body.substr(id_at, 28);
  // --webhook-key-always: the key is in a GET answer too.
  const httplib::Result fetched = client.Get("/api/v1/webhook/" + id + "/");
  ASSERT_TRUE(fetched);
  EXPECT_THAT(fetched->body, HasSubstr("\"signature_key\""));

  ASSERT_EQ(
      client.Post("/api/v1/activity/call/", R"({"lead_id": "lead_1"})", "application/json")->status,
      200);
  // --webhook-fail 1: the first attempt is not sent; --webhook-duplicate 1: the retry twice.
  ASSERT_TRUE(receiver.wait_for(2));
  const std::vector<std::string> bodies = receiver.bodies();
  EXPECT_EQ(bodies[0], bodies[1]);
  EXPECT_EQ(receiver.hashes()[0], receiver.hashes()[1]);
  EXPECT_THAT(bodies[0], HasSubstr("\"subscription_id\":\"" + id + "\""));
  EXPECT_THAT(bodies[0], HasSubstr("\"lead_id\":\"lead_1\""));

  // --max-events 1: the log keeps only the newest event.
  ASSERT_EQ(
      client.Post("/api/v1/activity/call/", R"({"lead_id": "lead_2"})", "application/json")->status,
      200);
  const httplib::Result events = client.Get("/api/v1/event/");
  ASSERT_TRUE(events);
  EXPECT_THAT(events->body, HasSubstr("\"lead_id\":\"lead_2\""));
  EXPECT_THAT(events->body, ::testing::Not(HasSubstr("\"lead_id\":\"lead_1\"")));
}

}  // namespace
}  // namespace fake_server_test
