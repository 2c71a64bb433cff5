// Benchmark 10: the Event Log follower's CPU per event over 100,000 events, measured on its core
// (src/internal/event_follower_core.*) over an in-memory log
// (tests/support/in_memory_event_log.hpp) that pages and bounds like Close's /event/: no HTTP and
// no JSON, which the client benchmarks measure. Two workloads:
//   BM_FollowerCatchUp: one pass delivering 100,000 events (a follower resuming far behind).
//   BM_FollowerCatchUpInBatches: the same backlog in passes of the default max_batch (10,000).
//   BM_FollowerSteady: 100,000 events arriving 50 per pass, one per 100 ms, each pass rescanning
//     the five-minute window (3,000 events), as a follower polling every 5 s does.
// Each has a `LogOnly` twin that walks the same pages without the follower; the difference is
// the follower's own CPU. `cpu_per_event` is CPU seconds per delivered event.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "internal/event_follower_core.hpp"
#include "support/bench_main.hpp"
#include "support/in_memory_event_log.hpp"

namespace {

using closeio::Event;
using closeio::EventPosition;
using closeio::FollowOptions;
using closeio::Timestamp;
using closeio::internal::FollowerCore;
using closeio::internal::FollowerPage;
using closeio::internal::FollowerPageRequest;
using closeio::testing_support::InMemoryEventLog;

constexpr int kEvents = 100'000;
const Timestamp t0 = closeio::parse_timestamp("2026-01-01T00:00:00Z");

// A Close-like call update event: 22-character ids, a ~300-byte `data`, one changed field.
Event event(int i, Timestamp at) {
  Event e =
      closeio::testing_support::make_event("ev_" + std::to_string(1000000000 + i) + "abcdefghijkl",
                                           at, "acti_" + std::to_string(i % 5000) + "xyz");
  e.lead_id = "lead_4kFq9eR2Jx0zP7sLwV3bYt";
  e.user_id = "user_kcV0tI8jPmqvMnD3L6xYQC";
  e.changed_fields = {"outcome_id"};
  e.data = R"({"id":"acti_0001","_type":"Call","outcome_id":"outcome_7Hb2kP9qLw3RtY6vXz0NcM",)"
           R"("lead_id":"lead_4kFq9eR2Jx0zP7sLwV3bYt","status":"completed","direction":"outbound",)"
           R"("duration":184,"date_created":"2026-01-01T00:00:00.000000","note":"called back"})";
  e.previous_data = R"({"outcome_id":null})";
  return e;
}

std::vector<Event> events_every(std::chrono::milliseconds step) {
  std::vector<Event> out;
  out.reserve(kEvents);
  for (int i = 0; i < kEvents; ++i) out.push_back(event(i, t0 + step * i));
  return out;
}

void set_counters(benchmark::State& state, std::int64_t delivered) {
  state.SetItemsProcessed(delivered);
  state.counters["cpu_per_event"] = benchmark::Counter(
      static_cast<double>(delivered), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

// --- catch-up: one pass over 100,000 events ----------------------------------------------

void catch_up(benchmark::State& state, bool with_follower) {
  InMemoryEventLog log;
  log.put_new(events_every(std::chrono::milliseconds(10)));
  log.settle();
  FollowOptions options;
  options.max_batch = kEvents;
  std::int64_t delivered = 0;
  for (auto _ : state) {
    if (with_follower) {
      FollowerCore core(EventPosition::since(t0), options);
      const std::vector<Event> batch = closeio::internal::run_pass(
          core, [&](const FollowerPageRequest& r) { return log.page(r); });
      if (batch.size() != static_cast<std::size_t>(kEvents)) state.SkipWithError("lost events");
      delivered += static_cast<std::int64_t>(batch.size());
      benchmark::DoNotOptimize(batch.data());
    } else {
      FollowerPageRequest r;
      r.updated_since = t0;
      std::size_t seen = 0;
      while (true) {
        FollowerPage page = log.page(r);
        seen += page.events.size();
        benchmark::DoNotOptimize(page.events.data());
        if (page.cursor_next.empty()) break;
        r.cursor = page.cursor_next;
      }
      delivered += static_cast<std::int64_t>(seen);
    }
  }
  set_counters(state, delivered);
}

void BM_FollowerCatchUp(benchmark::State& state) { catch_up(state, true); }
void BM_FollowerCatchUpLogOnly(benchmark::State& state) { catch_up(state, false); }
BENCHMARK(BM_FollowerCatchUp)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FollowerCatchUpLogOnly)->Unit(benchmark::kMillisecond);

// --- catch-up in batches: 100,000 events, the default max_batch (10,000) -------------------
// Passes until caught up; `read_per_event` is the events the log served per event delivered
// (each pass after the first reads about a batch, not the whole remaining backlog).
void BM_FollowerCatchUpInBatches(benchmark::State& state) {
  std::int64_t delivered = 0;
  std::size_t served = 0;
  std::int64_t passes = 0;
  for (auto _ : state) {
    state.PauseTiming();
    InMemoryEventLog log;
    log.put_new(events_every(std::chrono::milliseconds(10)));
    log.settle();
    FollowerCore core(EventPosition::since(t0), FollowOptions{});
    state.ResumeTiming();
    std::size_t got = 0;
    for (;;) {
      const std::vector<Event> batch = closeio::internal::run_pass(
          core, [&](const FollowerPageRequest& r) { return log.page(r); });
      got += batch.size();
      ++passes;
      benchmark::DoNotOptimize(batch.data());
      if (batch.empty() && !core.behind()) break;
    }
    if (got != static_cast<std::size_t>(kEvents)) state.SkipWithError("lost events");
    delivered += static_cast<std::int64_t>(got);
    served += log.events_served();
  }
  set_counters(state, delivered);
  state.counters["read_per_event"] = static_cast<double>(served) / static_cast<double>(delivered);
  state.counters["passes"] = static_cast<double>(passes) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_FollowerCatchUpInBatches)->Unit(benchmark::kMillisecond);

// --- steady state: 50 new events per pass, the 5-minute window rescanned ----------------

void steady(benchmark::State& state, bool with_follower) {
  const std::vector<Event> all = events_every(std::chrono::milliseconds(100));
  constexpr int kPerPass = 50;
  std::int64_t delivered = 0;
  for (auto _ : state) {
    state.PauseTiming();
    InMemoryEventLog log;
    FollowerCore core(EventPosition::since(t0), {});
    state.ResumeTiming();
    for (int start = 0; start < kEvents; start += kPerPass) {
      state.PauseTiming();  // Adding to the log stands for Close, not for the follower.
      log.put_new(std::vector<Event>(all.begin() + start, all.begin() + start + kPerPass));
      // Only the last ten minutes stay (the follower reads five): the log's own sorting stays
      // small, and it happens here, untimed.
      log.forget_before(all[static_cast<std::size_t>(start)].date_updated -
                        std::chrono::minutes(10));
      log.settle();
      state.ResumeTiming();
      if (with_follower) {
        const std::vector<Event> batch = closeio::internal::run_pass(
            core, [&](const FollowerPageRequest& r) { return log.page(r); });
        delivered += static_cast<std::int64_t>(batch.size());
      } else {
        // The same requests: from the newest event minus five minutes.
        FollowerPageRequest r;
        r.updated_since = all[static_cast<std::size_t>(start + kPerPass - 1)].date_updated -
                          std::chrono::minutes(5);
        while (true) {
          FollowerPage page = log.page(r);
          benchmark::DoNotOptimize(page.events.data());
          if (page.cursor_next.empty()) break;
          r.cursor = page.cursor_next;
        }
        delivered += kPerPass;
      }
    }
  }
  if (with_follower && delivered != static_cast<std::int64_t>(state.iterations()) * kEvents) {
    state.SkipWithError("lost or repeated events");
  }
  set_counters(state, delivered);
}

void BM_FollowerSteady(benchmark::State& state) { steady(state, true); }
void BM_FollowerSteadyLogOnly(benchmark::State& state) { steady(state, false); }
BENCHMARK(BM_FollowerSteady)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_FollowerSteadyLogOnly)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

int main(int argc, char** argv) { return closeio::bench::run_benchmarks(argc, argv); }
