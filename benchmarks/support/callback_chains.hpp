// The event-loop workload of benchmark 6b: `calls` fetches of one outcome made as `chains`
// chains, each completion callback (on the session's I/O thread) starting its chain's next call,
// as a program reacting to answers does. The calling thread waits once, for the last answer.
#pragma once

#include <atomic>
#include <closeio/closeio.hpp>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>

namespace closeio::bench {

// `use` sees every answer (an error too: it still counts as a call, and nothing hangs).
template <class Use>
void run_callback_chains(const OutcomesClient& client, const std::string& id, int calls, int chains,
                         Use use) {
  std::mutex mutex;
  std::condition_variable all_done;
  int finished = 0;
  std::atomic<int> started{0};
  std::function<void(AsyncResult<Outcome>)> next = [&](AsyncResult<Outcome> result) {
    use(result);
    if (started.fetch_add(1) < calls) client.fetch_async(id, {}, next);
    const std::lock_guard<std::mutex> lock(mutex);
    if (++finished == calls) all_done.notify_one();
  };
  for (int c = 0; c < chains && started.fetch_add(1) < calls; ++c) {
    client.fetch_async(id, {}, next);
  }
  std::unique_lock<std::mutex> lock(mutex);
  all_done.wait(lock, [&] { return finished == calls; });
}

}  // namespace closeio::bench
