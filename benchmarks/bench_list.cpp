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
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <closeio/closeio.hpp>
#include <memory>
#include <string>

#include "support/bench_main.hpp"
#include "support/emulator_process.hpp"
#include "support/heap_counter.hpp"
#include "support/raw_curl.hpp"

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

}  // namespace

int main(int argc, char** argv) {
  // Before anything initialises libcurl, so that all of its allocations are counted.
  if (!closeio::bench::install_curl_heap_counter()) return 1;
  const int status = closeio::bench::run_benchmarks(argc, argv);
  emulator.reset();
  return status;
}
