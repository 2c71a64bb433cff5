#include "support/ratio_reporter.hpp"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "support/bench_main.hpp"

namespace closeio::bench {
namespace {

// Forwards everything to Google Benchmark's own display reporter (so --benchmark_format still
// works) and remembers the CPU time per iteration of every run: the median aggregate when there
// are repetitions, else the plain run.
class RatioReporter : public benchmark::BenchmarkReporter {
 public:
  explicit RatioReporter(benchmark::BenchmarkReporter* display) : display_(display) {}

  bool ReportContext(const Context& context) override { return display_->ReportContext(context); }

  void ReportRuns(const std::vector<Run>& runs) override {
    display_->ReportRuns(runs);
    for (const Run& run : runs) {
      if (run.error_occurred) continue;
      const std::string name = run.run_name.str();
      if (run.run_type == Run::RT_Aggregate) {
        if (run.aggregate_name == "median") {
          medians_[name] = {run.GetAdjustedCPUTime(), unit_name(run.time_unit)};
        }
      } else if (run.run_type == Run::RT_Iteration) {
        singles_[name] = {run.GetAdjustedCPUTime(), unit_name(run.time_unit)};
      }
    }
  }

  void Finalize() override {
    display_->Finalize();
    const auto& times = medians_.empty() ? singles_ : medians_;
    for (const auto& [name, sdk] : times) {
      const std::string::size_type at = name.find("/sdk");
      if (at == std::string::npos) continue;
      std::string baseline_name = name;
      baseline_name.replace(at, 4, "/libcurl");
      const auto baseline = times.find(baseline_name);
      if (baseline == times.end() || baseline->second.cpu <= 0) continue;
      std::fprintf(stderr, "ratio %s / %s: CPU %.3f (%.2f %s / %.2f %s per iteration%s)\n",
                   name.c_str(), baseline_name.c_str(), sdk.cpu / baseline->second.cpu, sdk.cpu,
                   sdk.unit, baseline->second.cpu, baseline->second.unit,
                   medians_.empty() ? "" : ", medians");
    }
  }

 private:
  struct Time {
    double cpu = 0;
    const char* unit = "";
  };
  static const char* unit_name(benchmark::TimeUnit unit) {
    switch (unit) {
      case benchmark::kNanosecond:
        return "ns";
      case benchmark::kMicrosecond:
        return "us";
      case benchmark::kMillisecond:
        return "ms";
      case benchmark::kSecond:
        break;
    }
    return "s";
  }

  benchmark::BenchmarkReporter* display_;
  std::map<std::string, Time> medians_;
  std::map<std::string, Time> singles_;
};

}  // namespace

int run_benchmarks_with_ratios(int argc, char** argv) {
  if (!initialize_benchmarks(argc, argv)) return 1;
  // After the flags are parsed: the default reporter follows --benchmark_format.
  RatioReporter reporter(benchmark::CreateDefaultDisplayReporter());
  return run_initialized_benchmarks(argv[0], &reporter);
}

}  // namespace closeio::bench
