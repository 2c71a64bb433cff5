// 6b's workloads with a fixed number of calls, for tools that count rather than time
// (valgrind --tool=callgrind, strace -c, perf stat) and for interleaved rounds of all of them:
// N fetch() calls of one outcome against closeio-fake-server in a child process, after 64 calls
// of warm-up. Prints the process CPU time per call of the N calls (this process only: the
// emulator is a child and not counted), in microseconds.
//
//   closeio_cpu_per_call_count MODE N
//
// MODE is one of
//   blocking   fetch() in a loop on one thread
//   async      fetch_async() in batches of 8, then get() on each future (BM_CpuPerCall/async)
//   window     fetch_async() with 8 futures in flight, get() on the oldest before the next call
//   chain      the callback form: 8 chains, each callback (on the I/O thread) starts the next call
//   threads    fetch() from 8 threads of one client: blocking calls at async's concurrency
//
// For callgrind, run it with two values of N: the difference divided by the difference in N is
// the cost of one call, without start-up and warm-up.
#include <atomic>
#include <closeio/closeio.hpp>
#include <condition_variable>
#include <cstdlib>
#include <ctime>
#include <deque>
#include <functional>
#include <future>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "support/callback_chains.hpp"
#include "support/emulator_process.hpp"

namespace {

constexpr int kInFlight = 8;

double process_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

class Workload {
 public:
  Workload(const closeio::OutcomesClient& client, std::string id)
      : client_(client), id_(std::move(id)) {}

  // Makes n calls in `mode` (one of those main() accepts).
  void run(const std::string& mode, int n) {
    if (mode == "blocking") {
      for (int i = 0; i < n; ++i) use(client_.fetch(id_));
    } else if (mode == "async") {
      std::vector<std::future<closeio::Outcome>> batch;
      for (int i = 0; i < n; ++i) {
        batch.push_back(client_.fetch_async(id_));
        if (batch.size() == kInFlight) get_all(batch);
      }
      get_all(batch);
    } else if (mode == "window") {
      std::deque<std::future<closeio::Outcome>> window;
      for (int i = 0; i < n; ++i) {
        window.push_back(client_.fetch_async(id_));
        if (window.size() == kInFlight) {
          use(window.front().get());
          window.pop_front();
        }
      }
      for (auto& f : window) use(f.get());
    } else if (mode == "chain") {
      closeio::bench::run_callback_chains(client_, id_, n, kInFlight,
                                          [this](const closeio::AsyncResult<closeio::Outcome>& r) {
                                            if (r.has_value()) use(r.value());
                                          });
    } else {  // "threads"
      std::vector<std::thread> threads;
      for (int t = 0; t < kInFlight; ++t) {
        threads.emplace_back([this, t, n] {
          for (int i = t; i < n; i += kInFlight) use(client_.fetch(id_));
        });
      }
      for (auto& thread : threads) thread.join();
    }
  }

  std::size_t checksum() const { return checksum_.load(); }

 private:
  // Uses every answer, so nothing is optimised away.
  void use(const closeio::Outcome& outcome) { checksum_ += outcome.name.size(); }

  void get_all(std::vector<std::future<closeio::Outcome>>& batch) {
    for (auto& f : batch) use(f.get());
    batch.clear();
  }

  const closeio::OutcomesClient& client_;
  const std::string id_;
  std::atomic<std::size_t> checksum_{0};
};

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc == 3 ? argv[1] : "";
  const int calls = argc == 3 ? std::atoi(argv[2]) : 0;
  const std::vector<std::string> modes{"blocking", "async", "window", "chain", "threads"};
  if (calls <= 0 || std::find(modes.begin(), modes.end(), mode) == modes.end()) {
    std::cerr << "usage: closeio_cpu_per_call_count blocking|async|window|chain|threads N\n";
    return 2;
  }
  const closeio::bench::EmulatorProcess emulator({"--seed", "1"});
  closeio::ClientOptions options;
  options.credentials = closeio::Credentials::api_key("test-api-key");
  options.base_url = emulator.base_url();
  options.max_concurrent_requests = kInFlight;
  const closeio::OutcomesClient client(options);
  Workload workload(client, client.list_page().data.at(0).id);
  // Warm-up: connections, easy handles, the I/O thread (async modes).
  workload.run(mode, 64);
  const double before = process_cpu_seconds();
  workload.run(mode, calls);
  const double cpu = process_cpu_seconds() - before;
  std::cout << mode << ' ' << cpu / calls * 1e6 << " us/call (checksum " << workload.checksum()
            << ")\n";
  return 0;
}
