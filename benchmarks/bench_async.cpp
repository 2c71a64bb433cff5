// 6: asynchronous calls. Throughput under latency (1,000 fetches, 20 ms added to every answer:
// the sequential blocking loop against async calls with 32 in flight from one thread, plus the
// process's thread count), CPU per call, blocking against async, against the emulator as a
// separate process (process CPU time, since async work runs on the session's I/O thread),
// pacing at 100 requests/s, and bursts queued behind the in-flight bound (their cost, with and
// without deadlines, and cancelling them).
#include <benchmark/benchmark.h>

#include <atomic>
#include <closeio/closeio.hpp>
#include <closeio/testing/fake_close_server.hpp>
#include <condition_variable>
#include <deque>
#include <fstream>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "support/callback_chains.hpp"
#include "support/emulator_process.hpp"

namespace {

using closeio::bench::EmulatorProcess;

constexpr int kFetches = 1000;
constexpr int kInFlight = 32;

// Threads of this process now, from /proc/self/status.
double thread_count() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("Threads:", 0) == 0) return std::stod(line.substr(8));
  }
  return 0;
}

closeio::ClientOptions options_for(const std::string& base_url) {
  closeio::ClientOptions options;
  options.credentials = closeio::Credentials::api_key("test-api-key");
  options.base_url = base_url;
  options.max_concurrent_requests = kInFlight;
  return options;
}

// The in-process emulator with 20 ms latency and enough workers for 32 connections at once
// (closeio-fake-server has 16; a worker waits out the latency itself). Its answers are gzipped at
// level 1 (the emulator's default, stated here because the figures depend on it: brotli at its
// default quality 11 cost ~0.8 ms of CPU per answer and made the run CPU-bound). Its reported
// rate limit is one the run never reaches: the client paces itself by the RateLimit header
// (section 6c), and the default 600 per second would hold 400 of the 1,000 fetches until the
// second window, a floor of ~1.25 s where 32 in flight need ~0.63 s.
struct LatencyServer {
  std::unique_ptr<closeio::testing::FakeCloseServer> server;
  std::vector<std::string> ids;
};

LatencyServer& latency_server() {
  static LatencyServer s = [] {
    closeio::testing::FakeCloseServerOptions options;
    options.latency = std::chrono::milliseconds(20);
    options.threads = 64;
    options.compression = closeio::testing::FakeCompression::gzip;
    options.rate_limit = 1'000'000;
    LatencyServer made;
    made.server = std::make_unique<closeio::testing::FakeCloseServer>(options);
    made.server->seed_many(100);
    for (const auto& o : made.server->outcomes()) made.ids.push_back(o.id);
    return made;
  }();
  return s;
}

void BM_LatencyFetchesBlocking(benchmark::State& state) {
  LatencyServer& s = latency_server();
  const closeio::OutcomesClient client(options_for(s.server->base_url()));
  for (auto _ : state) {
    for (int i = 0; i < kFetches; ++i) {
      benchmark::DoNotOptimize(client.fetch(s.ids[static_cast<std::size_t>(i) % s.ids.size()]));
    }
  }
  state.counters["threads"] = thread_count();
  state.counters["fetches_per_s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * kFetches), benchmark::Counter::kIsRate);
}

void BM_LatencyFetchesAsync(benchmark::State& state) {
  LatencyServer& s = latency_server();
  const closeio::OutcomesClient client(options_for(s.server->base_url()));
  for (auto _ : state) {
    std::vector<std::future<closeio::Outcome>> futures;
    futures.reserve(kFetches);
    for (int i = 0; i < kFetches; ++i) {
      futures.push_back(client.fetch_async(s.ids[static_cast<std::size_t>(i) % s.ids.size()]));
    }
    for (auto& f : futures) benchmark::DoNotOptimize(f.get());
  }
  state.counters["threads"] = thread_count();
  state.counters["fetches_per_s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * kFetches), benchmark::Counter::kIsRate);
}

BENCHMARK(BM_LatencyFetchesBlocking)
    ->Name("BM_LatencyFetches/blocking")
    ->UseRealTime()
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LatencyFetchesAsync)
    ->Name("BM_LatencyFetches/async")
    ->UseRealTime()
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

// CPU per call with the emulator out of process, so the process CPU time is the client's.
std::unique_ptr<EmulatorProcess>& emulator() {
  static std::unique_ptr<EmulatorProcess> process;
  return process;
}
void start_emulator(const benchmark::State&) {
  if (!emulator()) {
    emulator() = std::make_unique<EmulatorProcess>(std::vector<std::string>{"--seed", "1"});
  }
}
std::string first_id(const closeio::OutcomesClient& client) {
  return client.list_page().data.at(0).id;
}

closeio::ClientOptions cpu_options() {
  closeio::ClientOptions options = options_for(emulator()->base_url());
  options.max_concurrent_requests = 8;
  return options;
}

void BM_CpuPerCallBlocking(benchmark::State& state) {
  const closeio::OutcomesClient client(cpu_options());
  const std::string id = first_id(client);
  for (auto _ : state) benchmark::DoNotOptimize(client.fetch(id));
}

// Batches of 8 in flight (the default bound; closeio-fake-server serves 16 keep-alive
// connections at once, and a 17th would wait for a free worker); the time per iteration is per
// call.
void BM_CpuPerCallAsync(benchmark::State& state) {
  const closeio::OutcomesClient client(cpu_options());
  const std::string id = first_id(client);
  std::vector<std::future<closeio::Outcome>> batch;
  for (auto _ : state) {
    batch.push_back(client.fetch_async(id));
    if (batch.size() == 8u) {
      for (auto& f : batch) benchmark::DoNotOptimize(f.get());
      batch.clear();
    }
  }
  for (auto& f : batch) benchmark::DoNotOptimize(f.get());
}

// The same batches through the callback form: the caller sleeps once per batch of 8, until the
// last answer, where get() on each future may sleep once per call (its answer not decoded yet).
// The difference to BM_CpuPerCall/async is the cost of handing each answer over on its own.
void BM_CpuPerCallAsyncCallback(benchmark::State& state) {
  const closeio::OutcomesClient client(cpu_options());
  const std::string id = first_id(client);
  std::mutex mutex;
  std::condition_variable all_done;
  int pending = 0;
  const auto done = [&](closeio::AsyncResult<closeio::Outcome> result) {
    benchmark::DoNotOptimize(result.has_value());  // An error still counts: no hang.
    const std::lock_guard<std::mutex> lock(mutex);
    if (--pending == 0) all_done.notify_one();
  };
  const auto wait_all = [&] {
    std::unique_lock<std::mutex> lock(mutex);
    all_done.wait(lock, [&] { return pending == 0; });
  };
  int in_batch = 0;
  for (auto _ : state) {
    {
      const std::lock_guard<std::mutex> lock(mutex);
      ++pending;
    }
    client.fetch_async(id, {}, done);
    if (++in_batch == 8) {
      wait_all();
      in_batch = 0;
    }
  }
  wait_all();
}

// Futures in a sliding window: 8 in flight at all times, the oldest awaited before the next call
// starts, so the I/O thread never runs dry between batches.
void BM_CpuPerCallAsyncWindow(benchmark::State& state) {
  const closeio::OutcomesClient client(cpu_options());
  const std::string id = first_id(client);
  std::deque<std::future<closeio::Outcome>> window;
  for (auto _ : state) {
    window.push_back(client.fetch_async(id));
    if (window.size() == 8u) {
      benchmark::DoNotOptimize(window.front().get());
      window.pop_front();
    }
  }
  for (auto& f : window) benchmark::DoNotOptimize(f.get());
}

// The event-loop form: 8 chains of calls, each callback (on the I/O thread) starting its chain's
// next call, as a dialer or a bridge reacting to answers does; the calling thread waits once
// per 256 calls. No thread waits on a future, so no answer is handed between threads.
void BM_CpuPerCallAsyncChain(benchmark::State& state) {
  const closeio::OutcomesClient client(cpu_options());
  const std::string id = first_id(client);
  constexpr int kPerBatch = 256;
  while (state.KeepRunningBatch(kPerBatch)) {
    closeio::bench::run_callback_chains(client, id, kPerBatch, 8,
                                        [](const closeio::AsyncResult<closeio::Outcome>& r) {
                                          benchmark::DoNotOptimize(r.has_value());
                                        });
  }
}

// The yardstick for the futures' figures, without the SDK: one std::promise -> std::future
// hand-off between two threads and back (each side's get() sleeps until the other's set_value()),
// as the I/O thread hands each answer to a thread waiting in get(). An iteration is a round trip,
// two hand-offs; process CPU time, as for the calls. The partner thread lives for one batch of
// kPerBatch round trips, so its start is spread over them.
void BM_FutureRoundTrip(benchmark::State& state) {
  constexpr int kPerBatch = 1000;
  while (state.KeepRunningBatch(kPerBatch)) {
    std::vector<std::promise<int>> there(kPerBatch);
    std::vector<std::promise<int>> back(kPerBatch);
    std::vector<std::future<int>> there_f;
    std::vector<std::future<int>> back_f;
    for (int i = 0; i < kPerBatch; ++i) {
      there_f.push_back(there[i].get_future());
      back_f.push_back(back[i].get_future());
    }
    std::thread partner([&] {
      for (int i = 0; i < kPerBatch; ++i) back[i].set_value(there_f[i].get());
    });
    for (int i = 0; i < kPerBatch; ++i) {
      there[i].set_value(i);
      benchmark::DoNotOptimize(back_f[i].get());
    }
    partner.join();
  }
}
BENCHMARK(BM_FutureRoundTrip)->MeasureProcessCPUTime()->Unit(benchmark::kMicrosecond);

// What every BM_CpuPerCall variant shares: the emulator process, and the process's CPU time (the
// async work runs on the session's I/O thread, which the benchmark thread's clock would miss).
void cpu_per_call(benchmark::internal::Benchmark* b) {
  b->Setup(start_emulator)->MeasureProcessCPUTime()->Unit(benchmark::kMicrosecond);
}

BENCHMARK(BM_CpuPerCallBlocking)->Name("BM_CpuPerCall/blocking")->Apply(cpu_per_call);
BENCHMARK(BM_CpuPerCallAsync)->Name("BM_CpuPerCall/async")->Apply(cpu_per_call);
BENCHMARK(BM_CpuPerCallAsyncCallback)->Name("BM_CpuPerCall/async_callback")->Apply(cpu_per_call);
BENCHMARK(BM_CpuPerCallAsyncWindow)->Name("BM_CpuPerCall/async_window")->Apply(cpu_per_call);
BENCHMARK(BM_CpuPerCallAsyncChain)->Name("BM_CpuPerCall/async_chain")->Apply(cpu_per_call);

// 6d. A burst queued behind the in-flight bound: `burst` fetch_async() calls at once from one
// thread (8 in flight, the rest queued in the engine), then get() on each; with and without a
// call deadline (ClientOptions::call_deadline, 10 minutes: never reached), since a queued call
// with a deadline is one the engine watches while it waits. Wall time of the run, and the
// process's CPU per call as a counter.
void BM_QueuedBurst(benchmark::State& state) {
  const auto burst = static_cast<int>(state.range(0));
  closeio::ClientOptions options = cpu_options();
  if (state.range(1) != 0) options.call_deadline = std::chrono::minutes(10);
  const closeio::OutcomesClient client(options);
  const std::string id = first_id(client);
  std::vector<std::future<closeio::Outcome>> futures;
  futures.reserve(static_cast<std::size_t>(burst));
  for (auto _ : state) {
    for (int i = 0; i < burst; ++i) futures.push_back(client.fetch_async(id));
    for (auto& f : futures) benchmark::DoNotOptimize(f.get());
    futures.clear();
  }
  state.counters["cpu_us_per_call"] = benchmark::Counter(
      static_cast<double>(state.iterations()) * burst,
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_QueuedBurst)
    ->ArgNames({"burst", "deadline"})
    ->ArgsProduct({{20000, 100000}, {0, 1}})
    ->Setup(start_emulator)
    ->MeasureProcessCPUTime()
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

// 6e. Cancelling a queued burst: `burst` fetch_async() calls sharing one CancellationToken,
// then cancel() at once (8 in flight, the rest queued). Counters: how long cancel() took on the
// calling thread (cancel_ms: it runs the engine's listener once per call) and how long until
// every future had raised (resolved_ms), wall time; and how many were cancelled (a few finish
// first).
void BM_CancelQueuedBurst(benchmark::State& state) {
  const auto burst = static_cast<int>(state.range(0));
  const closeio::OutcomesClient client(cpu_options());
  const std::string id = first_id(client);
  std::vector<std::future<closeio::Outcome>> futures;
  futures.reserve(static_cast<std::size_t>(burst));
  double cancel_ms = 0;
  double resolved_ms = 0;
  int cancelled = 0;
  for (auto _ : state) {
    closeio::CancellationSource source;
    closeio::CallOptions call;
    call.cancellation = source.token();
    const closeio::OutcomesClient cancellable = client.with_call_options(call);
    for (int i = 0; i < burst; ++i) futures.push_back(cancellable.fetch_async(id));
    const auto started = std::chrono::steady_clock::now();
    source.cancel();
    const auto returned = std::chrono::steady_clock::now();
    for (auto& f : futures) {
      try {
        benchmark::DoNotOptimize(f.get());
      } catch (const closeio::CancelledError&) {
        ++cancelled;
      }
    }
    const auto resolved = std::chrono::steady_clock::now();
    futures.clear();
    cancel_ms += std::chrono::duration<double, std::milli>(returned - started).count();
    resolved_ms += std::chrono::duration<double, std::milli>(resolved - started).count();
  }
  state.counters["cancel_ms"] = benchmark::Counter(cancel_ms, benchmark::Counter::kAvgIterations);
  state.counters["resolved_ms"] =
      benchmark::Counter(resolved_ms, benchmark::Counter::kAvgIterations);
  state.counters["cancelled"] = benchmark::Counter(cancelled, benchmark::Counter::kAvgIterations);
}
BENCHMARK(BM_CancelQueuedBurst)
    ->ArgName("burst")
    ->Arg(100000)
    ->Setup(start_emulator)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

// 6c. Pacing: 1,000 fetches against the in-process emulator enforcing 100 requests per 1 s
// window (Close's 429 beyond it), async (default 8 in flight) or blocking from 8 threads of one
// session. A fresh emulator per run, so every run starts with a fresh window. Counters: the
// run's wall time and the share of requests the emulator answered 429.
constexpr int kPacedFetches = 1000;
constexpr int kPacedLimit = 100;

void BM_PacedFetches(benchmark::State& state) {
  const int blocking_threads = static_cast<int>(state.range(0));
  for (auto _ : state) {
    state.PauseTiming();
    closeio::testing::FakeCloseServerOptions server_options;
    server_options.rate_limit = kPacedLimit;
    server_options.rate_limit_window = std::chrono::milliseconds(1000);
    server_options.enforce_rate_limit = true;
    closeio::testing::FakeCloseServer server(server_options);
    closeio::OutcomeCreate create;
    create.name = "Paced";
    const std::string id = server.seed(create).id;
    closeio::ClientOptions options;
    options.credentials = closeio::Credentials::api_key("test-api-key");
    options.base_url = server.base_url();
    const closeio::OutcomesClient client(options);
    state.ResumeTiming();
    const auto start = std::chrono::steady_clock::now();
    if (blocking_threads == 0) {
      std::vector<std::future<closeio::Outcome>> futures;
      futures.reserve(kPacedFetches);
      for (int i = 0; i < kPacedFetches; ++i) futures.push_back(client.fetch_async(id));
      for (auto& f : futures) benchmark::DoNotOptimize(f.get());
    } else {
      std::vector<std::thread> threads;
      for (int t = 0; t < blocking_threads; ++t) {
        threads.emplace_back([&client, &id, t, blocking_threads] {
          for (int i = t; i < kPacedFetches; i += blocking_threads) {
            benchmark::DoNotOptimize(client.fetch(id));
          }
        });
      }
      for (auto& thread : threads) thread.join();
    }
    const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - start;
    state.PauseTiming();
    const auto requests = static_cast<double>(server.requests().size());
    state.counters["wall_s"] = wall.count();
    state.counters["requests"] = requests;
    state.counters["share_429"] = static_cast<double>(server.requests_rate_limited()) / requests;
    state.ResumeTiming();
  }
}

BENCHMARK(BM_PacedFetches)
    ->Name("BM_PacedFetches/async")
    ->Arg(0)
    ->UseRealTime()
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PacedFetches)
    ->Name("BM_PacedFetches/blocking_threads")
    ->Arg(8)
    ->UseRealTime()
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
