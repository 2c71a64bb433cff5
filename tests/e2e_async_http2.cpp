// HTTP/2: concurrent asynchronous calls to a TLS server that offers h2 share one connection.
// nghttpx (Debian nghttp2-proxy) fronts the emulator with TLS and HTTP/2; the test is skipped
// only when nghttpx is not installed.
#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <future>
#include <mutex>
#include <string>
#include <vector>

#include "support/test_client.hpp"

extern char** environ;

namespace closeio::e2e_async_http2_test {
namespace {

using std::chrono::milliseconds;

std::string find_nghttpx() {
  for (const char* dir : {"/usr/sbin/", "/usr/bin/", "/usr/local/bin/", "/usr/local/sbin/"}) {
    const std::string path = std::string(dir) + "nghttpx";
    if (::access(path.c_str(), X_OK) == 0) return path;
  }
  return {};
}

// A loopback port free at the time of asking (nghttpx cannot pick one itself).
int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  const int port = ntohs(addr.sin_port);
  ::close(fd);
  return port;
}

bool accepts_connections(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

// nghttpx as a child process: TLS + h2 on `port`, plain HTTP/1.1 to the emulator behind it, and
// at most two client connections at a time (one slot may still hold the readiness probe's):
// nghttpx resets connections past the limit, so calls that did not share a connection fail.
class Nghttpx {
 public:
  Nghttpx(const std::string& program, int port, int backend_port) {
    const std::vector<std::string> args = {program,
                                           "--frontend=127.0.0.1," + std::to_string(port),
                                           "--backend=127.0.0.1," + std::to_string(backend_port),
                                           "--workers=1",
                                           "--worker-frontend-connections=2",
                                           "--conf=/dev/null",
                                           "--errorlog-file=/dev/null",
                                           "--accesslog-file=/dev/null",
                                           "--no-ocsp",
                                           CLOSEIO_TEST_KEY,
                                           CLOSEIO_TEST_CERT};
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    if (::posix_spawn(&pid_, argv[0], nullptr, nullptr, argv.data(), environ) != 0) pid_ = -1;
  }
  ~Nghttpx() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  bool running() const { return pid_ > 0 && ::waitpid(pid_, nullptr, WNOHANG) == 0; }

 private:
  pid_t pid_ = -1;
};

TEST(AsyncHttp2, ConcurrentCallsMultiplexOverOneTlsConnection) {
  const std::string program = find_nghttpx();
  if (program.empty()) {
    GTEST_SKIP() << "nghttpx not installed (Debian package nghttp2-proxy; "
                    "scripts/install-deps.sh installs it)";
  }
  testing::FakeCloseServerOptions backend_options;
  backend_options.latency = milliseconds(100);  // So that the calls overlap.
  testing::FakeCloseServer server(backend_options);
  server.seed_many(8, "H2");
  const int port = free_port();
  Nghttpx proxy(program, port, server.port());
  // Readiness: nghttpx prints nothing when it listens, so ask the port (bounded: 30 s).
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!accepts_connections(port)) {
    ASSERT_TRUE(proxy.running()) << "nghttpx exited";
    ASSERT_LT(std::chrono::steady_clock::now(), give_up) << "nghttpx never listened";
    std::this_thread::yield();
  }

  std::mutex mutex;
  std::vector<std::string> versions;
  ClientOptions options = test::options_for(server);
  options.base_url = "https://127.0.0.1:" + std::to_string(port) + "/api/v1/";
  options.ca_file = CLOSEIO_TEST_CERT;
  options.timeout = std::chrono::seconds(10);
  options.max_retries = 0;
  options.retry_policy = std::make_shared<DefaultRetryPolicy>(0);
  options.logger = [&](const HttpLogRecord& r) {
    std::lock_guard<std::mutex> lock(mutex);
    versions.push_back(r.http_version);
  };
  OutcomesClient client(options);
  std::vector<std::future<Outcome>> fetches;
  for (const Outcome& o : server.outcomes()) fetches.push_back(client.fetch_async(o.id));
  for (auto& f : fetches) EXPECT_NO_THROW(f.get());
  std::lock_guard<std::mutex> lock(mutex);
  EXPECT_EQ(versions.size(), 8u);
  for (const auto& v : versions) EXPECT_EQ(v, "2");
  // The calls overlapped (100 ms each) on the one connection nghttpx serves at a time.
  EXPECT_GE(server.peak_requests_in_flight(), 2u);
}

}  // namespace
}  // namespace closeio::e2e_async_http2_test
