// One client shared by eight threads. ThreadSanitizer runs the Threads.* tests (preset "tsan").
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "support/test_client.hpp"

namespace closeio::e2e_threads_test {
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

TEST(Threads, ListWalksUpdatesAndRateLimitReadsRunConcurrently) {
  FakeCloseServer server;
  server.seed_many(30);
  OutcomesClient client(test::options_for(server));
  const std::vector<Outcome> seeded = server.outcomes();
  constexpr int kThreads = 8;
  std::atomic<int> failures{0};
  std::atomic<int> walked{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      try {
        if (t % 2 == 0) {
          ListOptions options;
          options.limit = 7;
          int count = 0;
          for (const Outcome& outcome : client.list(options)) {
            if (outcome.id.empty()) ++failures;
            ++count;
          }
          walked += count;
        } else {
          const Outcome& target = seeded[static_cast<std::size_t>(t)];
          client.update(target.id, OutcomeUpdate().set_description("thread " + std::to_string(t)));
          if (!client.rate_limit()) ++failures;  // The emulator reports RateLimit on every answer.
        }
      } catch (const std::exception&) {
        ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(walked.load(), 4 * 30);
  for (int t = 1; t < kThreads; t += 2) {
    EXPECT_EQ(server.outcomes()[static_cast<std::size_t>(t)].description,
              std::optional<std::string>("thread " + std::to_string(t)));
  }
}

TEST(Threads, CancellationFromAnotherThreadStopsEveryCallUsingTheToken) {
  FakeCloseServer server;
  testing::ScriptedResponse slow;
  slow.delay = std::chrono::seconds(30);
  slow.times = 4;
  server.script(slow);
  CancellationSource source;
  CallOptions call;
  call.cancellation = source.token();
  const OutcomesClient client = OutcomesClient(test::options_for(server)).with_call_options(call);
  std::atomic<int> cancelled{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      try {
        client.list_page();
      } catch (const CancelledError&) {
        ++cancelled;
      } catch (const std::exception&) {
      }
    });
  }
  while (server.requests().size() < 4) std::this_thread::yield();  // All four are in flight.
  source.cancel();
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(cancelled.load(), 4);
}

}  // namespace
}  // namespace closeio::e2e_threads_test
