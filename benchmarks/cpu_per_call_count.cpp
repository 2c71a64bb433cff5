// 6b's workload with a fixed number of calls, for tools that count rather than time
// (valgrind --tool=callgrind, strace -c, perf stat): N fetch() calls of one outcome, blocking or
// async in batches of 8 as BM_CpuPerCall does, against closeio-fake-server in a child process.
// Run it with two values of N: the difference divided by the difference in N is the cost of one
// call, without start-up and warm-up.
//
//   closeio_cpu_per_call_count blocking|async N
#include <closeio/closeio.hpp>
#include <cstdlib>
#include <future>
#include <iostream>
#include <string>
#include <vector>

#include "support/emulator_process.hpp"

int main(int argc, char** argv) {
  const std::string mode = argc == 3 ? argv[1] : "";
  if (mode != "blocking" && mode != "async") {
    std::cerr << "usage: closeio_cpu_per_call_count blocking|async N\n";
    return 2;
  }
  const int calls = std::atoi(argv[2]);
  const closeio::bench::EmulatorProcess emulator({"--seed", "1"});
  closeio::ClientOptions options;
  options.credentials = closeio::Credentials::api_key("test-api-key");
  options.base_url = emulator.base_url();
  options.max_concurrent_requests = 8;
  const closeio::OutcomesClient client(options);
  const std::string id = client.list_page().data.at(0).id;

  std::size_t checksum = 0;  // Uses every answer, so nothing is optimised away.
  std::vector<std::future<closeio::Outcome>> batch;
  const auto run = [&](int n) {
    for (int i = 0; i < n; ++i) {
      if (mode == "blocking") {
        checksum += client.fetch(id).name.size();
        continue;
      }
      batch.push_back(client.fetch_async(id));
      if (batch.size() == 8u) {
        for (auto& f : batch) checksum += f.get().name.size();
        batch.clear();
      }
    }
    for (auto& f : batch) checksum += f.get().name.size();
    batch.clear();
  };
  run(16);  // Warm-up: connections, easy handles, the I/O thread (async only).
  run(calls);
  std::cout << checksum << "\n";
  return 0;
}
