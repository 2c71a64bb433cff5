// The asynchronous engine's hand-over of work to its I/O thread, without a server: timers go
// through the same queue and wake-up rule as requests.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <future>
#include <memory>

#include "internal/curl_multi_engine.hpp"
#include "internal/rate_pacer.hpp"

namespace closeio::internal {
namespace {

using std::chrono::milliseconds;

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

}  // namespace
}  // namespace closeio::internal
