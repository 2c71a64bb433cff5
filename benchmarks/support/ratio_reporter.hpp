// A main() helper for benchmarks that compare the SDK with raw libcurl: it runs the selected
// benchmarks with the usual reporters and then prints the SDK/libcurl CPU-time ratio of every
// pair named "<name>/sdk..." and "<name>/libcurl..." (same name otherwise).
#pragma once

namespace closeio::bench {

/// Initializes Google Benchmark from the command line, runs the benchmarks (console, JSON or
/// CSV output as the flags say), then writes one line per SDK/libcurl pair to stderr:
/// "ratio BM_Fetch/sdk / BM_Fetch/libcurl: CPU 1.04 (41.2 us / 39.6 us per iteration)".
/// With --benchmark_repetitions the medians are compared, otherwise the single runs.
/// Returns the exit status for main().
int run_benchmarks_with_ratios(int argc, char** argv);

}  // namespace closeio::bench
