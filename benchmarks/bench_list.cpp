// Benchmark 3: OutcomesClient::list() over 10,000 and 100,000 outcomes (pages of 100) from an
// emulator process seeded with 100,000 (closeio-fake-server --seed 100000): time, and the peak
// heap of this process during the walk, which must not grow with the number of outcomes (the
// range holds one page at a time).
//
// The heap is measured by counting: this binary replaces the global operator new/delete
// (support/heap_counter.cpp) and routes libcurl's malloc through curl_global_init_mem, keeping
// current and peak live bytes. Counters, per walk:
//   outcomes            outcomes the walk yielded (10,000 or 100,000)
//   pages               list pages fetched
//   peak_heap           C++ heap peak during the walks minus what was live before (bytes)
//   peak_curl_heap      the same for libcurl's own allocations (bytes)
//   max_rss             the process's peak resident set so far (bytes; never decreases, so
//                       the 100,000 run shows whether anything grew past the 10,000 one)
// The emulator's memory is its own process's: not counted.
//
// Benchmark 9 (BM_CallWalk): CallsClient over 600,000 calls (closeio-fake-server --seed-calls
// 600000 --latency 20: two per second of date_created, 20 ms added to every answer), pages of
// 100, so the walk crosses Close's _skip cap of 250,000 twice: list() sequentially, then
// list_sliced() with 16 windows and 8 pages in flight. Counters as above, plus `calls` (a repeated
// or missing id fails the run).
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <algorithm>
#include <closeio/closeio.hpp>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "support/bench_main.hpp"
#include "support/emulator_process.hpp"
#include "support/heap_counter.hpp"
#include "support/raw_curl.hpp"
#include "support/sdk_client.hpp"

namespace {

constexpr int kSeeded = 100000;
constexpr int kPageSize = 100;

std::unique_ptr<closeio::bench::EmulatorProcess> emulator;

void start_emulator(const benchmark::State&) {
  if (!emulator) {
    emulator = std::make_unique<closeio::bench::EmulatorProcess>(
        std::vector<std::string>{"--seed", std::to_string(kSeeded)});
  }
}

double max_rss_bytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) * 1024.0;  // Linux reports KiB
}

void BM_List(benchmark::State& state) {
  const auto total = static_cast<std::size_t>(state.range(0));
  closeio::ClientOptions options;
  options.credentials = closeio::Credentials::api_key(closeio::bench::kApiKey);
  options.base_url = emulator->base_url();
  const closeio::OutcomesClient client(options);
  closeio::ListOptions list;
  list.limit = kPageSize;
  list.skip = kSeeded - static_cast<int>(total);  // the last `total` outcomes: has_more ends it

  const std::size_t heap_before = closeio::bench::heap_live_bytes();
  const std::size_t curl_before = closeio::bench::curl_live_bytes();
  closeio::bench::reset_heap_peak();
  std::size_t outcomes = 0;
  int pages = 0;
  for (auto _ : state) {
    closeio::OutcomeRange range = client.list(list);
    std::size_t seen = 0;
    for (const closeio::Outcome& outcome : range) {
      benchmark::DoNotOptimize(outcome.id.data());
      ++seen;
    }
    if (seen != total) {
      state.SkipWithError("the walk did not yield every outcome");
      break;
    }
    outcomes += seen;
    pages += range.pages_fetched();
  }
  const auto iterations = static_cast<double>(state.iterations());
  state.SetItemsProcessed(static_cast<std::int64_t>(outcomes));
  state.counters["outcomes"] = static_cast<double>(outcomes) / iterations;
  state.counters["pages"] = pages / iterations;
  state.counters["peak_heap"] =
      static_cast<double>(closeio::bench::heap_peak_bytes() - heap_before);
  state.counters["peak_curl_heap"] =
      static_cast<double>(closeio::bench::curl_peak_bytes() - curl_before);
  state.counters["max_rss"] = max_rss_bytes();
}
// One walk per run: the wall time of a walk is the emulator's (see benchmarks/README.md, "The
// emulator compresses with brotli"), so letting Google Benchmark size the run on CPU time would
// mean minutes per figure. Use --benchmark_repetitions for medians.
BENCHMARK(BM_List)
    ->Setup(start_emulator)
    ->Arg(10000)
    ->Arg(100000)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

constexpr int kSeededCalls = 600000;
std::unique_ptr<closeio::bench::EmulatorProcess> call_emulator;

void start_call_emulator(const benchmark::State&) {
  if (!call_emulator) {
    call_emulator = std::make_unique<closeio::bench::EmulatorProcess>(
        std::vector<std::string>{"--seed-calls", std::to_string(kSeededCalls), "--latency", "20"});
  }
}

// state.range(0): 0 walks with list(), 1 with list_sliced(); state.range(1): how many of the newest
// calls it walks (60,000 or all 600,000), to show the heap does not grow with them.
void BM_CallWalk(benchmark::State& state) {
  const closeio::CallsClient client(closeio::bench::client_options(call_emulator->base_url()));
  const bool sliced = state.range(0) == 1;
  const auto rows = static_cast<std::size_t>(state.range(1));
  const closeio::Timestamp first = closeio::parse_timestamp("2026-01-01T00:00:00Z");
  // The seeded calls are two per second from `first` on: the newest `rows` start here.
  const closeio::Timestamp from =
      first + std::chrono::seconds(static_cast<std::int64_t>((kSeededCalls - rows) / 2));
  closeio::ActivityFilter newest;
  newest.created_after = from - std::chrono::microseconds(1);
  // Id hashes go into a vector reserved before the heap is watched, so the peak is the walk's
  // own; duplicates are found by sorting afterwards.
  std::vector<std::size_t> seen;
  seen.reserve(kSeededCalls + 1);
  const std::size_t heap_before = closeio::bench::heap_live_bytes();
  closeio::bench::reset_heap_peak();
  std::int64_t calls = 0;
  for (auto _ : state) {
    seen.clear();
    auto count = [&](const closeio::Call& call) {
      if (seen.size() <= rows) seen.push_back(std::hash<std::string>{}(call.id));
    };
    if (sliced) {
      closeio::SlicedListOptions slices;
      slices.from = from;
      slices.to = first + std::chrono::seconds(kSeededCalls / 2);
      slices.slices = 16;
      slices.max_in_flight = 8;
      client.list_sliced({}, slices, [&](std::vector<closeio::Call> page) {
        for (const closeio::Call& call : page) count(call);
      });
    } else {
      for (const closeio::Call& call : client.list(newest)) count(call);
    }
    state.PauseTiming();
    std::sort(seen.begin(), seen.end());
    const bool repeated = std::adjacent_find(seen.begin(), seen.end()) != seen.end();
    state.ResumeTiming();
    if (repeated || seen.size() != rows) {
      state.SkipWithError("the walk did not yield every call exactly once");
      break;
    }
    calls += static_cast<std::int64_t>(seen.size());
  }
  state.SetItemsProcessed(calls);
  state.counters["calls"] = static_cast<double>(calls) / static_cast<double>(state.iterations());
  state.counters["peak_heap"] =
      static_cast<double>(closeio::bench::heap_peak_bytes() - heap_before);
  state.counters["max_rss"] = max_rss_bytes();
}
BENCHMARK(BM_CallWalk)
    ->Setup(start_call_emulator)
    ->ArgNames({"sliced", "rows"})
    ->ArgsProduct({{0, 1}, {60000, kSeededCalls}})
    ->Iterations(1)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  // Before anything initialises libcurl, so that all of its allocations are counted.
  if (!closeio::bench::install_curl_heap_counter()) return 1;
  const int status = closeio::bench::run_benchmarks(argc, argv);
  emulator.reset();
  call_emulator.reset();
  return status;
}
