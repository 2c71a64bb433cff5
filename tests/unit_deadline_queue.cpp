// The async engine's queue of waiting transfers (src/internal/deadline_queue.hpp): first in,
// first out, with the earliest deadline and the expired items found through an index.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <optional>
#include <random>
#include <vector>

#include "internal/deadline_queue.hpp"

namespace closeio::internal {
namespace {

using Clock = DeadlineQueue<int>::Clock;
using std::chrono::seconds;

const Clock::time_point kT0{};

std::vector<int> values(const std::vector<std::unique_ptr<int>>& items) {
  std::vector<int> out;
  for (const auto& item : items) out.push_back(*item);
  return out;
}

TEST(DeadlineQueue, KeepsQueueOrderAndTheEarliestDeadline) {
  DeadlineQueue<int> queue;
  EXPECT_TRUE(queue.empty());
  EXPECT_EQ(queue.earliest_deadline(), std::nullopt);
  queue.push_back(std::make_unique<int>(1), kT0 + seconds(30));
  queue.push_back(std::make_unique<int>(2), std::nullopt);
  queue.push_back(std::make_unique<int>(3), kT0 + seconds(10));
  EXPECT_EQ(queue.size(), 3u);
  EXPECT_EQ(queue.front(), 1);
  EXPECT_EQ(queue.earliest_deadline(), kT0 + seconds(10));

  EXPECT_EQ(*queue.pop_front(), 1);
  EXPECT_EQ(queue.earliest_deadline(), kT0 + seconds(10));
  EXPECT_EQ(*queue.pop_front(), 2);
  EXPECT_EQ(*queue.pop_front(), 3);
  EXPECT_TRUE(queue.empty());
  EXPECT_EQ(queue.earliest_deadline(), std::nullopt);
}

TEST(DeadlineQueue, TakesTheDueItemsInQueueOrderAndLeavesTheRest) {
  DeadlineQueue<int> queue;
  queue.push_back(std::make_unique<int>(1), kT0 + seconds(20));
  queue.push_back(std::make_unique<int>(2), kT0 + seconds(5));
  queue.push_back(std::make_unique<int>(3), std::nullopt);
  queue.push_back(std::make_unique<int>(4), kT0 + seconds(40));
  queue.push_back(std::make_unique<int>(5), kT0 + seconds(20));

  const auto due = [](Clock::time_point d) { return d <= kT0 + seconds(20); };
  EXPECT_EQ(values(queue.take_due(due)), (std::vector<int>{1, 2, 5}));
  EXPECT_EQ(queue.size(), 2u);
  EXPECT_EQ(queue.earliest_deadline(), kT0 + seconds(40));
  EXPECT_EQ(values(queue.take_due(due)), std::vector<int>{});
  EXPECT_EQ(*queue.pop_front(), 3);
  EXPECT_EQ(*queue.pop_front(), 4);
}

TEST(DeadlineQueue, TakesWhatAPredicateSelectsInQueueOrder) {
  DeadlineQueue<int> queue;
  for (int i = 1; i <= 6; ++i) {
    queue.push_back(std::make_unique<int>(i), i % 3 == 0 ? std::optional(kT0) : std::nullopt);
  }
  EXPECT_EQ(values(queue.take_where([](int v) { return v % 2 == 0; })),
            (std::vector<int>{2, 4, 6}));
  // 6 had the only deadline left after 3: the index forgot it with the item.
  EXPECT_EQ(values(queue.take_due([](Clock::time_point) { return true; })), std::vector<int>{3});
  EXPECT_EQ(queue.earliest_deadline(), std::nullopt);
  EXPECT_EQ(*queue.pop_front(), 1);
  EXPECT_EQ(*queue.pop_front(), 5);
  EXPECT_TRUE(queue.empty());
}

// Random pushes, pops and takes against a plain vector that scans (fixed seed: the same run
// every time): the index never disagrees with the queue.
TEST(DeadlineQueue, AgreesWithAScanningModel) {
  struct Modelled {
    int value;
    std::optional<Clock::time_point> deadline;
  };
  DeadlineQueue<int> queue;
  std::vector<Modelled> model;
  std::mt19937 random(20261130);
  int next = 0;
  for (int step = 0; step < 5000; ++step) {
    const auto action = random() % 10;
    if (action < 5 || model.empty()) {
      std::optional<Clock::time_point> deadline;
      if (random() % 3 != 0) deadline = kT0 + seconds(random() % 100);
      queue.push_back(std::make_unique<int>(next), deadline);
      model.push_back({next++, deadline});
    } else if (action < 8) {
      ASSERT_EQ(*queue.pop_front(), model.front().value);
      model.erase(model.begin());
    } else {
      const Clock::time_point cut = kT0 + seconds(random() % 100);
      std::vector<int> expected;
      std::vector<Modelled> kept;
      for (const Modelled& m : model) {
        if (m.deadline && *m.deadline <= cut) {
          expected.push_back(m.value);
        } else {
          kept.push_back(m);
        }
      }
      model = kept;
      ASSERT_EQ(values(queue.take_due([&](Clock::time_point d) { return d <= cut; })), expected);
    }
    std::optional<Clock::time_point> earliest;
    for (const Modelled& m : model) {
      if (m.deadline && (!earliest || *m.deadline < *earliest)) earliest = m.deadline;
    }
    ASSERT_EQ(queue.size(), model.size());
    ASSERT_EQ(queue.earliest_deadline(), earliest);
  }
}

}  // namespace
}  // namespace closeio::internal
