// EventDeduplicator: first time vs duplicate by (id, date_updated), the bound and its eviction
// order, forget(), and many threads sharing one filter.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "closeio/webhooks.hpp"

namespace closeio::unit_webhook_dedup_test {
namespace {

Timestamp at(std::int64_t micros) { return Timestamp(std::chrono::microseconds(micros)); }

Event event(std::string id, std::int64_t updated_micros) {
  Event e;
  e.id = std::move(id);
  e.date_updated = at(updated_micros);
  return e;
}

TEST(EventDeduplicator, SecondOfferIsADuplicate) {
  EventDeduplicator dedup(10);
  EXPECT_FALSE(dedup.seen(event("ev_1", 5)));
  EXPECT_TRUE(dedup.first_time(event("ev_1", 5)));
  EXPECT_TRUE(dedup.seen(event("ev_1", 5)));
  EXPECT_FALSE(dedup.first_time(event("ev_1", 5)));
  EXPECT_FALSE(dedup.first_time("ev_1", at(5)));
  EXPECT_EQ(dedup.size(), 1U);
}

TEST(EventDeduplicator, ANewerDateUpdatedIsANewEvent) {
  // Close consolidates: the same id comes back with a later date_updated and newer data.
  EventDeduplicator dedup(10);
  EXPECT_TRUE(dedup.first_time(event("ev_1", 5)));
  EXPECT_TRUE(dedup.first_time(event("ev_1", 6)));
  EXPECT_TRUE(dedup.first_time(event("ev_2", 5)));
  EXPECT_FALSE(dedup.first_time(event("ev_1", 6)));
  EXPECT_EQ(dedup.size(), 3U);
}

TEST(EventDeduplicator, IdsWithAnyBytesStayDistinct) {
  EventDeduplicator dedup(10);
  EXPECT_TRUE(dedup.first_time(std::string("a\0b", 3), at(1)));
  EXPECT_TRUE(dedup.first_time(std::string("a\0", 2), at(1)));
  EXPECT_TRUE(dedup.first_time("a", at(1)));
  EXPECT_TRUE(dedup.first_time("", at(1)));
  EXPECT_TRUE(dedup.first_time("", at(-1)));
  EXPECT_FALSE(dedup.first_time(std::string("a\0b", 3), at(1)));
}

TEST(EventDeduplicator, ForgetsTheOldestBeyondCapacity) {
  EventDeduplicator dedup(3);
  EXPECT_EQ(dedup.capacity(), 3U);
  for (int i = 1; i <= 3; ++i) EXPECT_TRUE(dedup.first_time(event("ev_" + std::to_string(i), 0)));
  EXPECT_FALSE(dedup.first_time(event("ev_1", 0)));  // A duplicate does not refresh its place.
  EXPECT_TRUE(dedup.first_time(event("ev_4", 0)));   // Evicts ev_1, the first remembered.
  EXPECT_EQ(dedup.size(), 3U);
  EXPECT_FALSE(dedup.seen(event("ev_1", 0)));
  EXPECT_TRUE(dedup.seen(event("ev_2", 0)));
  EXPECT_TRUE(dedup.seen(event("ev_3", 0)));
  EXPECT_TRUE(dedup.seen(event("ev_4", 0)));
  EXPECT_TRUE(dedup.first_time(event("ev_1", 0)));  // Evicts ev_2.
  EXPECT_FALSE(dedup.seen(event("ev_2", 0)));
  EXPECT_EQ(dedup.size(), 3U);
}

TEST(EventDeduplicator, CapacityOne) {
  EventDeduplicator dedup(1);
  EXPECT_TRUE(dedup.first_time("a", at(0)));
  EXPECT_FALSE(dedup.first_time("a", at(0)));
  EXPECT_TRUE(dedup.first_time("b", at(0)));
  EXPECT_TRUE(dedup.first_time("a", at(0)));
  EXPECT_EQ(dedup.size(), 1U);
}

TEST(EventDeduplicator, ZeroCapacityIsRefused) {
  EXPECT_THROW(EventDeduplicator(0), std::invalid_argument);
}

TEST(EventDeduplicator, ForgetLetsARedeliveryThrough) {
  EventDeduplicator dedup(3);
  EXPECT_TRUE(dedup.first_time("a", at(1)));
  EXPECT_TRUE(dedup.first_time("b", at(1)));
  EXPECT_TRUE(dedup.forget("a", at(1)));
  EXPECT_FALSE(dedup.forget("a", at(1)));
  EXPECT_FALSE(dedup.forget("b", at(2)));
  EXPECT_EQ(dedup.size(), 1U);
  EXPECT_TRUE(dedup.first_time("a", at(1)));
  // The order survives: b, then a, then c; d evicts b.
  EXPECT_TRUE(dedup.first_time("c", at(1)));
  EXPECT_TRUE(dedup.first_time("d", at(1)));
  EXPECT_FALSE(dedup.seen("b", at(1)));
  EXPECT_TRUE(dedup.seen("a", at(1)));
  EXPECT_TRUE(dedup.seen("c", at(1)));
}

TEST(EventDeduplicator, ManyThreadsLetEachEventThroughOnce) {
  constexpr int kThreads = 8;
  constexpr int kEvents = 2000;
  EventDeduplicator dedup(kEvents);
  std::atomic<int> firsts{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&dedup, &firsts, t] {
      for (int i = 0; i < kEvents; ++i) {
        // Each thread walks the events from another starting point.
        const int n = (i + t * 251) % kEvents;
        if (dedup.first_time("ev_" + std::to_string(n), at(n))) ++firsts;
        (void)dedup.seen("ev_" + std::to_string(n), at(n));
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(firsts.load(), kEvents);
  EXPECT_EQ(dedup.size(), static_cast<std::size_t>(kEvents));
}

}  // namespace
}  // namespace closeio::unit_webhook_dedup_test
