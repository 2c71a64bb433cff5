// What several benchmarks need to talk to the emulator through the SDK and to time one call:
// client options with the emulator's key, a seeded emulator process with an outcome to fetch,
// and the calling thread's CPU clock.
#pragma once

#include <benchmark/benchmark.h>
#include <time.h>

#include <closeio/client_options.hpp>
#include <closeio/credentials.hpp>
#include <closeio/list_options.hpp>
#include <closeio/outcomes_client.hpp>
#include <memory>
#include <string>
#include <vector>

#include "support/emulator_process.hpp"
#include "support/raw_curl.hpp"

namespace closeio::bench {

/// Options for an SDK client of the emulator at `base_url` (its default API key).
inline closeio::ClientOptions client_options(const std::string& base_url) {
  closeio::ClientOptions options;
  options.credentials = closeio::Credentials::api_key(kApiKey);
  options.base_url = base_url;
  return options;
}

/// A closeio-fake-server process seeded with 100 outcomes, and the id of one of them to fetch.
struct SeededEmulator {
  std::unique_ptr<EmulatorProcess> process;
  std::string outcome_id;
};

/// The benchmark binary's SeededEmulator: started by start_seeded_emulator(), stopped at exit.
inline SeededEmulator& seeded_emulator() {
  static SeededEmulator instance;
  return instance;
}

/// A benchmark's Setup() (the main thread): starts seeded_emulator() on first use.
inline void start_seeded_emulator(const benchmark::State&) {
  SeededEmulator& e = seeded_emulator();
  if (e.process) return;
  e.process = std::make_unique<EmulatorProcess>(std::vector<std::string>{"--seed", "100"});
  closeio::ListOptions first;
  first.limit = 1;
  e.outcome_id =
      closeio::OutcomesClient(client_options(e.process->base_url())).list_page(first).data.at(0).id;
}

/// CPU time of the calling thread, in seconds: times one call among others in an interleaved
/// loop, where the benchmark's own clock would time the whole iteration.
inline double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

}  // namespace closeio::bench
