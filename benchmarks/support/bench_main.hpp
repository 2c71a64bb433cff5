// main() for the benchmark binaries: Google Benchmark's own, except that a filter matching no
// benchmark is an error (exit status 1), so that the CTest smoke run notices a renamed benchmark.
#pragma once

#include <benchmark/benchmark.h>

#include <cstdio>

namespace closeio::bench {

/// Parses the flags; false (after printing why) when some are not Google Benchmark's.
inline bool initialize_benchmarks(int& argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  return !benchmark::ReportUnrecognizedArguments(argc, argv);
}

/// Runs the selected benchmarks with `display` (null: the reporter --benchmark_format asks
/// for) and returns main()'s exit status. Call initialize_benchmarks() first.
inline int run_initialized_benchmarks(const char* program,
                                      benchmark::BenchmarkReporter* display = nullptr) {
  const std::size_t ran =
      display ? benchmark::RunSpecifiedBenchmarks(display) : benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  if (ran == 0) {
    std::fprintf(stderr, "%s: no benchmark matches --benchmark_filter\n", program);
    return 1;
  }
  return 0;
}

/// initialize_benchmarks() then run_initialized_benchmarks().
inline int run_benchmarks(int argc, char** argv) {
  if (!initialize_benchmarks(argc, argv)) return 1;
  return run_initialized_benchmarks(argv[0]);
}

}  // namespace closeio::bench
