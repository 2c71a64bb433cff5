// What several benchmarks need to talk to the emulator through the SDK and to time one call:
// client options with the emulator's key, and the calling thread's CPU clock.
#pragma once

#include <time.h>

#include <closeio/client_options.hpp>
#include <closeio/credentials.hpp>
#include <string>

#include "support/raw_curl.hpp"

namespace closeio::bench {

/// Options for an SDK client of the emulator at `base_url` (its default API key).
inline closeio::ClientOptions client_options(const std::string& base_url) {
  closeio::ClientOptions options;
  options.credentials = closeio::Credentials::api_key(kApiKey);
  options.base_url = base_url;
  return options;
}

/// CPU time of the calling thread, in seconds: times one call among others in an interleaved
/// loop, where the benchmark's own clock would time the whole iteration.
inline double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

}  // namespace closeio::bench
