// Benchmark 7: CPU per fetch through RawClient against the typed OutcomesClient, for the same
// request (GET /outcome/{id}/) to the emulator process. RawClient skips the decoding but adds the
// path and method checks and hands back the headers; the goal is RawClient ≤ 1.05 × typed.
//
//   BM_RawFetch/typed, BM_RawFetch/raw   the two loops, one after the other (CPU time of the
//                                        benchmark thread; the emulator is another process).
//   BM_RawFetchInterleaved               one typed and one raw fetch per iteration, each timed
//                                        with the thread CPU clock, order alternating, so load
//                                        changes hit both alike; counters typed_cpu, raw_cpu
//                                        (seconds per call) and ratio = raw / typed.
#include <benchmark/benchmark.h>

#include <closeio/closeio.hpp>
#include <memory>
#include <string>
#include <vector>

#include "support/bench_main.hpp"
#include "support/emulator_process.hpp"
#include "support/sdk_client.hpp"

namespace {

using closeio::bench::client_options;
using closeio::bench::thread_cpu_seconds;

using closeio::bench::seeded_emulator;
using closeio::bench::SeededEmulator;
using closeio::bench::start_seeded_emulator;

void BM_TypedFetch(benchmark::State& state) {
  const SeededEmulator& e = seeded_emulator();
  const closeio::OutcomesClient client(client_options(e.process->base_url()));
  client.fetch(e.outcome_id);  // connect outside the timed loop
  for (auto _ : state) {
    closeio::Outcome outcome = client.fetch(e.outcome_id);
    benchmark::DoNotOptimize(outcome);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_RawFetch(benchmark::State& state) {
  const SeededEmulator& e = seeded_emulator();
  const std::string raw_path = closeio::RawClient::path("outcome", e.outcome_id);
  const closeio::RawClient client(client_options(e.process->base_url()));
  if (client.get(raw_path).body.find(e.outcome_id) == std::string::npos) {
    state.SkipWithError("the raw fetch did not return the outcome");
  }
  for (auto _ : state) {
    closeio::RawResponse response = client.get(raw_path);
    benchmark::DoNotOptimize(response);
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_TypedFetch)
    ->Name("BM_RawFetch/typed")
    ->Setup(start_seeded_emulator)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_RawFetch)
    ->Name("BM_RawFetch/raw")
    ->Setup(start_seeded_emulator)
    ->Unit(benchmark::kMicrosecond);

void BM_RawFetchInterleaved(benchmark::State& state) {
  const SeededEmulator& e = seeded_emulator();
  const std::string raw_path = closeio::RawClient::path("outcome", e.outcome_id);
  // One session: both clients use the same connection and pacing, as in a program.
  const closeio::Session session(client_options(e.process->base_url()));
  const closeio::OutcomesClient typed(session);
  const closeio::RawClient raw(session);
  typed.fetch(e.outcome_id);
  double typed_cpu = 0;
  double raw_cpu = 0;
  bool typed_first = true;
  for (auto _ : state) {
    const double t0 = thread_cpu_seconds();
    if (typed_first) {
      benchmark::DoNotOptimize(typed.fetch(e.outcome_id));
    } else {
      benchmark::DoNotOptimize(raw.get(raw_path));
    }
    const double t1 = thread_cpu_seconds();
    if (typed_first) {
      benchmark::DoNotOptimize(raw.get(raw_path));
    } else {
      benchmark::DoNotOptimize(typed.fetch(e.outcome_id));
    }
    const double t2 = thread_cpu_seconds();
    (typed_first ? typed_cpu : raw_cpu) += t1 - t0;
    (typed_first ? raw_cpu : typed_cpu) += t2 - t1;
    typed_first = !typed_first;
  }
  state.SetItemsProcessed(state.iterations() * 2);
  state.counters["typed_cpu"] = benchmark::Counter(typed_cpu, benchmark::Counter::kAvgIterations);
  state.counters["raw_cpu"] = benchmark::Counter(raw_cpu, benchmark::Counter::kAvgIterations);
  state.counters["ratio"] = typed_cpu > 0 ? raw_cpu / typed_cpu : 0;
}
BENCHMARK(BM_RawFetchInterleaved)->Setup(start_seeded_emulator)->Unit(benchmark::kMicrosecond);

}  // namespace

int main(int argc, char** argv) { return closeio::bench::run_benchmarks(argc, argv); }
