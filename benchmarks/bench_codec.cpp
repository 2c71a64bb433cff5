// Benchmark 1: the wire codec on its own (no HTTP). Decoding a list page of 100 outcomes or
// calls (with and without the fast path), one outcome (what fetch() decodes), and encoding a
// create body.
//
// Target: decoding costs at most 2 us per outcome. `time_per_outcome` is CPU seconds per outcome
// (Google Benchmark prints it with an SI prefix: "1.6u" is 1.6 us).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <stdexcept>
#include <string>
#include <string_view>

#include "internal/json_codec.hpp"
#include "support/bench_main.hpp"

namespace {

constexpr int kPageSize = 100;

// A Close-like outcome, about 520 bytes: 22-character random-looking ids, a name with one
// non-ASCII character (UTF-8 is validated), a description on every other outcome (null on the
// rest), microsecond timestamps with an offset, in the order Close sends the fields.
std::string outcome_json(int i) {
  static const char kAlphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  std::string id = "outcome_";
  unsigned state = 2166136261u ^ static_cast<unsigned>(i);
  for (int k = 0; k < 22; ++k) {
    state = state * 16777619u + 12345u;
    id += kAlphabet[(state >> 8) % 62];
  }
  char text[1024];
  std::snprintf(
      text, sizeof text,
      "{\"id\":\"%s\",\"organization_id\":\"orga_3VjHbXbq1dQlMjCS6Z7JRVAbWpcsZ1bKgkoXTwn0Dle\","
      "\"name\":\"Interessé \\u2013 follow-up %05d\",\"description\":%s,\"type\":\"%s\","
      "\"applies_to\":[\"%s\"],\"created_by\":\"user_kcV0tI8jPmqvMnD3L6xYQCOt2UwRGE1hFs9aZ4bkJ5e\","
      "\"updated_by\":\"user_kcV0tI8jPmqvMnD3L6xYQCOt2UwRGE1hFs9aZ4bkJ5e\","
      "\"date_created\":\"2024-03-%02dT09:%02d:17.482910+00:00\","
      "\"date_updated\":\"2024-05-%02dT16:%02d:03.104577+00:00\"}",
      id.c_str(), i,
      i % 2 == 0 ? "\"Prospect asked for a call back next quarter; send the pricing deck and "
                   "the case study before the next meeting.\""
                 : "null",
      i % 7 == 0 ? "vm-dropped" : "custom", i % 7 == 0 ? "calls" : "meetings", 1 + i % 28, i % 60,
      1 + (i * 3) % 28, (i * 7) % 60);
  return text;
}

// A Close-like call, about 640 bytes, with the keys the SDK skips (source, users, cost, ...).
std::string call_json(int i) {
  char text[1024];
  std::snprintf(
      text, sizeof text,
      "{\"_type\":\"Call\",\"activity_at\":\"2026-09-%02dT10:%02d:33.120000+00:00\","
      "\"contact_id\":\"cont_q4xYmlGhA3060dEl0NDJuHRxPMuVjqLn30AFSzh1fRk\",\"cost\":\"2\","
      "\"created_by\":\"user_N6KhMpzHRCYQHdn4gRNIFNN5JExnsrprKA6ekxM63XA\","
      "\"date_created\":\"2026-09-%02dT10:%02d:35.637000+00:00\","
      "\"date_updated\":\"2026-09-%02dT10:%02d:35.656000+00:00\",\"dialer_id\":null,"
      "\"direction\":\"outbound\",\"disposition\":\"answered\",\"duration\":%d,"
      "\"id\":\"acti_Ay0QqN91HKAHVQUesISYV8QlhDobGfWb1Ui3TE%05d\","
      "\"lead_id\":\"lead_s6vHFTK1TSRoH6otXOexWDO9jM4xyb1kELHDoU7Fdsp\",\"note\":\"Asked for "
      "pricing\",\"organization_id\":\"orga_RbREgmiiwcr1w2b4cOnCMQaQPSIFxMqAD2Dh243uxcH\","
      "\"outcome_id\":%s,\"phone\":\"+16503334444\",\"source\":\"External\","
      "\"status\":\"completed\",\"updated_by\":null,"
      "\"user_id\":\"user_N6KhMpzHRCYQHdn4gRNIFNN5JExnsrprKA6ekxM63XA\"}",
      1 + i % 28, i % 60, 1 + i % 28, i % 60, 1 + i % 28, i % 60, 10 + i, i,
      i % 3 == 0 ? "null" : "\"outcome_031uY9IKV1JxfNKM9n2qCw\"");
  return text;
}

template <std::string (*Item)(int)>
std::string page_of(int count) {
  std::string body = "{\"has_more\":true,\"data\":[";
  for (int i = 0; i < count; ++i) {
    if (i > 0) body += ',';
    body += Item(i);
  }
  body += "]}";
  return body;
}

// Decodes a 100-item page with `Decode` (the fast path with the full decoder behind it, or the
// full decoder alone, to show what the fast path is worth).
template <class T, std::string (*Item)(int), closeio::Page<T> (*Decode)(std::string_view)>
void BM_DecodePage(benchmark::State& state) {
  const std::string body = page_of<Item>(kPageSize);
  if (Decode(body).data.size() != kPageSize) {
    state.SkipWithError("the page did not decode to 100 items");
    return;
  }
  for (auto _ : state) {
    closeio::Page<T> page = Decode(body);
    benchmark::DoNotOptimize(page);
  }
  state.SetItemsProcessed(state.iterations() * kPageSize);
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(body.size()));
  state.counters["time_per_item"] = benchmark::Counter(
      kPageSize, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
  state.counters["page_bytes"] = static_cast<double>(body.size());
}
using closeio::Call;
using closeio::Outcome;
using closeio::internal::decode_page;
using closeio::internal::decode_page_full;
BENCHMARK(BM_DecodePage<Outcome, outcome_json, decode_page<Outcome>>)->Name("BM_DecodeOutcomePage");
BENCHMARK(BM_DecodePage<Outcome, outcome_json, decode_page_full<Outcome>>)
    ->Name("BM_DecodeOutcomePageFull");
BENCHMARK(BM_DecodePage<Call, call_json, decode_page<Call>>)->Name("BM_DecodeCallPage");
BENCHMARK(BM_DecodePage<Call, call_json, decode_page_full<Call>>)->Name("BM_DecodeCallPageFull");

void BM_DecodeOutcome(benchmark::State& state) {
  const std::string body = outcome_json(0);
  for (auto _ : state) {
    closeio::Outcome outcome = closeio::internal::decode_outcome(body);
    benchmark::DoNotOptimize(outcome);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["outcome_bytes"] = static_cast<double>(body.size());
}
BENCHMARK(BM_DecodeOutcome);

void BM_EncodeCreate(benchmark::State& state) {
  closeio::OutcomeCreate create;
  create.name = "Interessé – follow-up 00042";
  create.description =
      "Prospect asked for a call back next quarter; send the pricing deck and the case study.";
  create.type = closeio::OutcomeType::custom;
  for (auto _ : state) {
    std::string body = closeio::internal::encode_create(create);
    benchmark::DoNotOptimize(body);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EncodeCreate);

}  // namespace

int main(int argc, char** argv) { return closeio::bench::run_benchmarks(argc, argv); }
