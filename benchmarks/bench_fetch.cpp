// Benchmark 2: N sequential fetch() calls on one OutcomesClient, beside a raw-libcurl baseline
// sending the same requests. Benchmark 4: one client shared by 1, 2, 4 and 8 threads.
//
// Google Benchmark's CPU time is the benchmark thread's own (CLOCK_THREAD_CPUTIME_ID), and the
// emulator runs as a separate process (closeio-fake-server), so the figures are the client's CPU
// per request: SDK (request building, libcurl, header parsing, JSON decoding) versus libcurl alone.
//
//   BM_Fetch/sdk, BM_Fetch/libcurl    the two loops, one after the other; the ratio of their CPU
//                                     time is printed to stderr at the end ("ratio ...").
//   BM_FetchInterleaved               one SDK call and one libcurl call per iteration, each timed
//                                     with the thread CPU clock, so load changes hit both alike;
//                                     counters sdk_cpu / libcurl_cpu (seconds) and ratio.
//   BM_FetchInProcess/sdk, /libcurl   the same loops against an in-process FakeCloseServer (its
//                                     threads are not the benchmark thread), reporting
//                                     `connections`: TCP connections the emulator accepted during
//                                     the run (target: 1 for the whole sequential run).
//   BM_FetchThreads/threads:N         one client shared by N threads, wall-clock throughput
//                                     (items_per_second = requests/s).
//   BM_Create/sdk, BM_Create/libcurl  sequential create() against a raw libcurl POST of the same
//                                     body on a warm connection (emulator process).
//   BM_CreateInterleaved              both in one loop, each call timed on its own (as above).
//   BM_CreateInProcess/sdk            create() against the in-process emulator, reporting
//                                     `connections` (target: 1 for the whole run).
#include <benchmark/benchmark.h>

#include <closeio/closeio.hpp>
#include <closeio/testing/fake_close_server.hpp>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "support/emulator_process.hpp"
#include "support/ratio_reporter.hpp"
#include "support/raw_curl.hpp"
#include "support/sdk_client.hpp"

namespace {

using closeio::bench::RawCurlClient;

using closeio::bench::client_options;
using closeio::bench::thread_cpu_seconds;

using closeio::bench::seeded_emulator;
using closeio::bench::SeededEmulator;
using closeio::bench::start_seeded_emulator;

std::string fetch_url(const std::string& base_url, const std::string& id) {
  return base_url + "outcome/" + id + "/";  // ids are [A-Za-z0-9_]: nothing to percent-encode
}

// ---- Benchmark 2: sequential fetches, SDK and raw libcurl ---------------------------------------

void BM_FetchSdk(benchmark::State& state) {
  const SeededEmulator& e = seeded_emulator();
  closeio::OutcomesClient client(client_options(e.process->base_url()));
  client.fetch(e.outcome_id);  // connect outside the timed loop, like the baseline
  for (auto _ : state) {
    closeio::Outcome outcome = client.fetch(e.outcome_id);
    benchmark::DoNotOptimize(outcome);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_FetchLibcurl(benchmark::State& state) {
  const SeededEmulator& e = seeded_emulator();
  RawCurlClient curl(fetch_url(e.process->base_url(), e.outcome_id));
  if (curl.get() != 200) state.SkipWithError("the baseline request did not answer 200");
  for (auto _ : state) {
    benchmark::DoNotOptimize(curl.get());
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_FetchSdk)
    ->Name("BM_Fetch/sdk")
    ->Setup(start_seeded_emulator)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_FetchLibcurl)
    ->Name("BM_Fetch/libcurl")
    ->Setup(start_seeded_emulator)
    ->Unit(benchmark::kMicrosecond);

// ---- Benchmark 2, interleaved: both clients in one loop, each call timed on its own -----------

void BM_FetchInterleaved(benchmark::State& state) {
  const SeededEmulator& e = seeded_emulator();
  closeio::OutcomesClient client(client_options(e.process->base_url()));
  RawCurlClient curl(fetch_url(e.process->base_url(), e.outcome_id));
  client.fetch(e.outcome_id);
  if (curl.get() != 200) state.SkipWithError("the baseline request did not answer 200");
  double sdk = 0;
  double raw = 0;
  bool sdk_first = true;
  for (auto _ : state) {
    // Alternate the order so that neither always runs with the other's data in the caches.
    const double t0 = thread_cpu_seconds();
    if (sdk_first) {
      benchmark::DoNotOptimize(client.fetch(e.outcome_id));
    } else {
      benchmark::DoNotOptimize(curl.get());
    }
    const double t1 = thread_cpu_seconds();
    if (sdk_first) {
      benchmark::DoNotOptimize(curl.get());
    } else {
      benchmark::DoNotOptimize(client.fetch(e.outcome_id));
    }
    const double t2 = thread_cpu_seconds();
    (sdk_first ? sdk : raw) += t1 - t0;
    (sdk_first ? raw : sdk) += t2 - t1;
    sdk_first = !sdk_first;
  }
  state.SetItemsProcessed(state.iterations() * 2);
  state.counters["sdk_cpu"] = benchmark::Counter(sdk, benchmark::Counter::kAvgIterations);
  state.counters["libcurl_cpu"] = benchmark::Counter(raw, benchmark::Counter::kAvgIterations);
  state.counters["ratio"] = raw > 0 ? sdk / raw : 0;
}
BENCHMARK(BM_FetchInterleaved)->Setup(start_seeded_emulator)->Unit(benchmark::kMicrosecond);

// ---- Benchmark 2, in-process emulator: connection count ----------------------------------------

closeio::testing::FakeCloseServer& in_process_server() {
  static closeio::testing::FakeCloseServer server;
  return server;
}

std::string in_process_outcome_id() {
  static const std::string id = [] {
    closeio::OutcomeCreate create;
    create.name = "Benchmark outcome";
    create.description = "Fetched over and over";
    return in_process_server().seed(create).id;
  }();
  return id;
}

// The two clients must send the same request, or the comparison means nothing: checked once,
// on what the emulator recorded.
std::optional<std::string> requests_differ() {
  closeio::testing::FakeCloseServer& server = in_process_server();
  const std::string id = in_process_outcome_id();
  server.clear_requests();
  closeio::OutcomesClient(client_options(server.base_url())).fetch(id);
  RawCurlClient(fetch_url(server.base_url(), id)).get();
  const auto recorded = server.requests();
  if (recorded.size() != 2) return "expected 2 recorded requests";
  if (recorded[0].target != recorded[1].target) {
    return "targets differ: " + recorded[0].target + " vs " + recorded[1].target;
  }
  if (recorded[0].headers != recorded[1].headers) {
    std::string text = "headers differ:";
    for (const auto* r : {&recorded[0], &recorded[1]}) {
      text += " [";
      for (const auto& [name, value] : r->headers) text += name + ": " + value + "; ";
      text += "]";
    }
    return text;
  }
  return std::nullopt;
}

void BM_FetchInProcessSdk(benchmark::State& state) {
  closeio::testing::FakeCloseServer& server = in_process_server();
  const std::string id = in_process_outcome_id();
  if (const auto difference = requests_differ()) {
    state.SkipWithError(difference->c_str());
    return;
  }
  const std::size_t before = server.connection_count();
  {
    closeio::OutcomesClient client(client_options(server.base_url()));
    for (auto _ : state) {
      benchmark::DoNotOptimize(client.fetch(id));
    }
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["connections"] = static_cast<double>(server.connection_count() - before);
  server.clear_requests();  // the emulator records every request; do not let that pile up
}

void BM_FetchInProcessLibcurl(benchmark::State& state) {
  closeio::testing::FakeCloseServer& server = in_process_server();
  const std::string id = in_process_outcome_id();
  const std::size_t before = server.connection_count();
  {
    RawCurlClient curl(fetch_url(server.base_url(), id));
    for (auto _ : state) {
      benchmark::DoNotOptimize(curl.get());
    }
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["connections"] = static_cast<double>(server.connection_count() - before);
  server.clear_requests();
}

BENCHMARK(BM_FetchInProcessSdk)->Name("BM_FetchInProcess/sdk")->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_FetchInProcessLibcurl)
    ->Name("BM_FetchInProcess/libcurl")
    ->Unit(benchmark::kMicrosecond);

// ---- Creates: SDK create() vs a raw libcurl POST on a warm connection --------------------------

// What the SDK sends for the create below (encode_create): the baseline POSTs the same bytes.
constexpr const char* kCreateBody = R"({"name":"Benchmark create","type":"custom"})";

closeio::OutcomeCreate benchmark_create() {
  closeio::OutcomeCreate create;
  create.name = "Benchmark create";
  create.type = closeio::OutcomeType::custom;
  return create;
}

std::string create_url(const std::string& base_url) { return base_url + "outcome/"; }

void BM_CreateSdk(benchmark::State& state) {
  const SeededEmulator& e = seeded_emulator();
  closeio::OutcomesClient client(client_options(e.process->base_url()));
  const closeio::OutcomeCreate create = benchmark_create();
  client.create(create);  // connect outside the timed loop, like the baseline
  for (auto _ : state) {
    benchmark::DoNotOptimize(client.create(create));
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_CreateLibcurl(benchmark::State& state) {
  const SeededEmulator& e = seeded_emulator();
  RawCurlClient curl(create_url(e.process->base_url()));
  const std::string body = kCreateBody;
  if (curl.post(body) != 201) state.SkipWithError("the baseline create did not answer 201");
  for (auto _ : state) {
    benchmark::DoNotOptimize(curl.post(body));
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_CreateSdk)
    ->Name("BM_Create/sdk")
    ->Setup(start_seeded_emulator)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_CreateLibcurl)
    ->Name("BM_Create/libcurl")
    ->Setup(start_seeded_emulator)
    ->Unit(benchmark::kMicrosecond);

void BM_CreateInterleaved(benchmark::State& state) {
  const SeededEmulator& e = seeded_emulator();
  closeio::OutcomesClient client(client_options(e.process->base_url()));
  RawCurlClient curl(create_url(e.process->base_url()));
  const closeio::OutcomeCreate create = benchmark_create();
  const std::string body = kCreateBody;
  client.create(create);
  if (curl.post(body) != 201) state.SkipWithError("the baseline create did not answer 201");
  double sdk = 0;
  double raw = 0;
  bool sdk_first = true;
  for (auto _ : state) {
    const double t0 = thread_cpu_seconds();
    if (sdk_first) {
      benchmark::DoNotOptimize(client.create(create));
    } else {
      benchmark::DoNotOptimize(curl.post(body));
    }
    const double t1 = thread_cpu_seconds();
    if (sdk_first) {
      benchmark::DoNotOptimize(curl.post(body));
    } else {
      benchmark::DoNotOptimize(client.create(create));
    }
    const double t2 = thread_cpu_seconds();
    (sdk_first ? sdk : raw) += t1 - t0;
    (sdk_first ? raw : sdk) += t2 - t1;
    sdk_first = !sdk_first;
  }
  state.SetItemsProcessed(state.iterations() * 2);
  state.counters["sdk_cpu"] = benchmark::Counter(sdk, benchmark::Counter::kAvgIterations);
  state.counters["libcurl_cpu"] = benchmark::Counter(raw, benchmark::Counter::kAvgIterations);
  state.counters["ratio"] = raw > 0 ? sdk / raw : 0;
}
BENCHMARK(BM_CreateInterleaved)->Setup(start_seeded_emulator)->Unit(benchmark::kMicrosecond);

// The two clients must send the same create, or the comparison means nothing: checked once.
std::optional<std::string> creates_differ() {
  closeio::testing::FakeCloseServer& server = in_process_server();
  server.clear_requests();
  closeio::OutcomesClient(client_options(server.base_url())).create(benchmark_create());
  RawCurlClient(create_url(server.base_url())).post(kCreateBody);
  const auto recorded = server.requests();
  if (recorded.size() != 2) return "expected 2 recorded requests";
  if (recorded[0].target != recorded[1].target) return "targets differ";
  if (recorded[0].body != recorded[1].body) {
    return "bodies differ: " + recorded[0].body + " vs " + recorded[1].body;
  }
  if (recorded[0].headers != recorded[1].headers) return "headers differ";
  return std::nullopt;
}

void BM_CreateInProcessSdk(benchmark::State& state) {
  closeio::testing::FakeCloseServer& server = in_process_server();
  if (const auto difference = creates_differ()) {
    state.SkipWithError(difference->c_str());
    return;
  }
  const std::size_t before = server.connection_count();
  {
    closeio::OutcomesClient client(client_options(server.base_url()));
    const closeio::OutcomeCreate create = benchmark_create();
    for (auto _ : state) {
      benchmark::DoNotOptimize(client.create(create));
    }
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["connections"] = static_cast<double>(server.connection_count() - before);
  server.clear_requests();
  server.clear_outcomes();
}
BENCHMARK(BM_CreateInProcessSdk)->Name("BM_CreateInProcess/sdk")->Unit(benchmark::kMicrosecond);

// ---- Benchmark 4: one client, many threads
// -------------------------------------------------------

std::unique_ptr<closeio::OutcomesClient> shared_client;

void start_shared_client(const benchmark::State& state) {
  start_seeded_emulator(state);
  shared_client = std::make_unique<closeio::OutcomesClient>(
      client_options(seeded_emulator().process->base_url()));
}

void stop_shared_client(const benchmark::State&) { shared_client.reset(); }

void BM_FetchThreads(benchmark::State& state) {
  const std::string& id = seeded_emulator().outcome_id;
  for (auto _ : state) {
    benchmark::DoNotOptimize(shared_client->fetch(id));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_FetchThreads)
    ->Setup(start_shared_client)
    ->Teardown(stop_shared_client)
    ->Threads(1)
    ->Threads(2)
    ->Threads(4)
    ->Threads(8)
    ->UseRealTime()
    ->Unit(benchmark::kMicrosecond);

}  // namespace

int main(int argc, char** argv) { return closeio::bench::run_benchmarks_with_ratios(argc, argv); }
