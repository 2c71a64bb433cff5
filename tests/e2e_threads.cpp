// One client shared by eight threads. ThreadSanitizer runs the Threads.* tests (preset "tsan").
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "support/test_client.hpp"

namespace closeio {
namespace {

using testing::FakeCloseServer;

TEST(Threads, OneClientServesEightThreadsAtOnce) {
  FakeCloseServer server;
  OutcomesClient client(test::options_for(server));
  constexpr int kThreads = 8;
  constexpr int kPerThread = 10;
  std::atomic<int> failures{0};
  std::vector<std::string> ids(kThreads * kPerThread);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      try {
        for (int i = 0; i < kPerThread; ++i) {
          OutcomeCreate create;
          create.name = "T" + std::to_string(t) + "-" + std::to_string(i);
          const Outcome created = client.create(create);
          if (client.fetch(created.id).name != create.name) ++failures;
          ids[static_cast<std::size_t>(t * kPerThread + i)] = created.id;
        }
      } catch (const std::exception&) {
        ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(),
            static_cast<std::size_t>(kThreads * kPerThread));
  EXPECT_EQ(server.outcomes().size(), static_cast<std::size_t>(kThreads * kPerThread));
  EXPECT_EQ(server.creates_performed(), static_cast<std::size_t>(kThreads * kPerThread));
}

}  // namespace
}  // namespace closeio
