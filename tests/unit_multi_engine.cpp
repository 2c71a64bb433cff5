// The asynchronous engine's hand-over of work to its I/O thread, and its queue behind the
// in-flight bound, without a server: timers go through the same queue and wake-up rule as
// requests, and requests to a port nobody listens on end at once (connection refused).
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <string>
#include <vector>

#include "closeio/cancellation.hpp"
#include "internal/curl_multi_engine.hpp"
#include "internal/rate_pacer.hpp"

namespace closeio::internal {
namespace {

using std::chrono::milliseconds;

// A loopback port bound and not listening, so that nothing else takes it while the test runs:
// connecting to it is refused at once.
class RefusingPort {
 public:
  RefusingPort() : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (fd_ < 0 || bind(fd_, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
        getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      ADD_FAILURE() << "could not bind a loopback port";
    }
    port_ = ntohs(address.sin_port);
  }
  ~RefusingPort() {
    if (fd_ >= 0) close(fd_);
  }
  RefusingPort(const RefusingPort&) = delete;
  RefusingPort& operator=(const RefusingPort&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/"; }

 private:
  int fd_;
  unsigned short port_ = 0;
};

// Work handed over by the I/O thread itself (a completion callback starting the next call, as an
// event-driven program does) is taken before the thread sleeps: no write to libcurl's wake-up
// socket. The first timer starts the thread, which takes it without a wake-up either.
TEST(MultiEngineWakeUps, WorkHandedOverByItsOwnCallbacksSendsNoWakeUp) {
  CurlMultiEngine engine(CurlTransportConfig{}, 8, std::make_shared<RatePacer>());
  constexpr int kChain = 10;
  std::promise<int> finished;
  int fired = 0;
  std::function<void(bool)> next = [&](bool interrupted) {
    EXPECT_FALSE(interrupted);
    EXPECT_TRUE(engine.on_io_thread());
    if (++fired == kChain) {
      finished.set_value(fired);
    } else {
      engine.after(milliseconds(0), CancellationToken(), next);
    }
  };
  engine.after(milliseconds(0), CancellationToken(), next);
  EXPECT_EQ(finished.get_future().get(), kChain);
  EXPECT_EQ(engine.wakeups_sent(), 0u);
}

// Cancelling a token shared by many waits (or calls) wakes the I/O thread once, not once per
// wait: the sweep after the first wake-up sees every wait the token ends. The thread may reset
// the flag once, mid-cancel, before it blocks on the token (its first interrupted wait removes
// its listener, which waits for cancel() to finish), so at most two wake-ups.
TEST(MultiEngineWakeUps, ATokenSharedByManyWaitsWakesTheThreadOnceOrTwice) {
  CurlMultiEngine engine(CurlTransportConfig{}, 8, std::make_shared<RatePacer>());
  CancellationSource source;
  constexpr int kWaits = 100;
  std::atomic<int> interrupted{0};
  std::promise<void> all_fired;
  for (int i = 0; i < kWaits; ++i) {
    engine.after(std::chrono::hours(1), source.token(), [&](bool was_interrupted) {
      if (was_interrupted && ++interrupted == kWaits) all_fired.set_value();
    });
  }
  // A wait handed over after them, with no token: once it fires, the thread holds all of them.
  std::promise<void> taken;
  engine.after(milliseconds(0), CancellationToken(), [&](bool) { taken.set_value(); });
  taken.get_future().get();

  const std::uint64_t before = engine.wakeups_sent();
  source.cancel();
  all_fired.get_future().get();
  EXPECT_EQ(interrupted.load(), kWaits);
  EXPECT_GE(engine.wakeups_sent() - before, 1u);
  EXPECT_LE(engine.wakeups_sent() - before, 2u);  // It was kWaits: one per wait.
}

// Transfers queued behind the in-flight bound start as soon as a slot frees. When every transfer
// in flight ends in one pass of the I/O thread (here: one slot, each connection refused), no
// socket is left to wake the thread and the pacer holds nothing, so it must start the queue
// before it sleeps: it slept up to a second per queued transfer before.
TEST(MultiEngineQueue, StartsQueuedTransfersWhenTheLastInFlightEnds) {
  const RefusingPort port;
  CurlMultiEngine engine(CurlTransportConfig{}, 1, std::make_shared<RatePacer>());
  constexpr int kJobs = 5;
  std::vector<std::promise<HttpResult>> results(kJobs);
  for (auto& result : results) {
    HttpRequest request;
    request.method = "GET";
    request.url = port.url();
    engine.perform(std::move(request),
                   [&result](HttpResult done) { result.set_value(std::move(done)); });
  }
  for (auto& result : results) {
    EXPECT_EQ(result.get_future().get().failure, TransportFailure::not_sent);
  }
  EXPECT_EQ(engine.stranded_sleeps(), 0u);
}

}  // namespace
}  // namespace closeio::internal
