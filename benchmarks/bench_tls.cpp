// Benchmark 5: HTTPS against the emulator with a self-signed certificate (made at build time;
// ClientOptions::ca_file trusts it). New connections must resume the TLS session instead of
// running a full handshake.
//
// The emulator runs in process (other threads: not in the benchmark thread's CPU time) so that
// its counters can be read: FakeCloseServer::connection_count() and tls_sessions_resumed()
// (OpenSSL's SSL_CTX_sess_hits on the server). Counters, for the whole run:
//   connections   TCP connections the emulator accepted
//   resumed       of those, TLS handshakes that resumed a session
//   resumed_share resumed / connections (1.0 = every new connection resumed)
//
//   BM_TlsCreate/sdk            OutcomesClient::create() in a loop: POSTs reuse the kept-alive
//                               connection (connections = 1, no handshake after the first).
//   BM_TlsFetch/sdk             fetch() on a kept-alive connection: no handshake at all.
//   BM_TlsFreshConnection/...   a raw libcurl GET on a new connection each time (FRESH_CONNECT,
//                               FORBID_REUSE), with libcurl's session cache on (`resumed`) and
//                               off (`full_handshake`): the cost a resumed handshake saves.
#include <benchmark/benchmark.h>

#include <closeio/closeio.hpp>
#include <closeio/testing/fake_close_server.hpp>
#include <memory>
#include <string>

#include "support/bench_main.hpp"
#include "support/raw_curl.hpp"

namespace {

closeio::testing::FakeCloseServer& server() {
  static closeio::testing::FakeCloseServer instance([] {
    closeio::testing::FakeCloseServerOptions options;
    options.tls_cert_file = CLOSEIO_BENCH_CERT;
    options.tls_key_file = CLOSEIO_BENCH_KEY;
    return options;
  }());
  return instance;
}

closeio::ClientOptions client_options() {
  closeio::ClientOptions options;
  options.credentials = closeio::Credentials::api_key(closeio::bench::kApiKey);
  options.base_url = server().base_url();
  options.ca_file = CLOSEIO_BENCH_CERT;
  return options;
}

// Reads the emulator's counters before and after a run.
class ConnectionCounters {
 public:
  ConnectionCounters()
      : connections_(server().connection_count()), resumed_(server().tls_sessions_resumed()) {}
  void report(benchmark::State& state) const {
    const auto connections = static_cast<double>(server().connection_count() - connections_);
    const auto resumed = static_cast<double>(server().tls_sessions_resumed() - resumed_);
    state.counters["connections"] = connections;
    state.counters["resumed"] = resumed;
    state.counters["resumed_share"] = connections > 0 ? resumed / connections : 0;
    server().clear_requests();  // the emulator records every request; do not let that pile up
  }

 private:
  std::size_t connections_;
  std::size_t resumed_;
};

void BM_TlsCreateSdk(benchmark::State& state) {
  const ConnectionCounters counters;
  {
    const closeio::OutcomesClient client(client_options());
    closeio::OutcomeCreate create;
    create.name = "Created over TLS";
    for (auto _ : state) {
      benchmark::DoNotOptimize(client.create(create));
    }
  }
  state.SetItemsProcessed(state.iterations());
  counters.report(state);
  server().clear_outcomes();
}
BENCHMARK(BM_TlsCreateSdk)->Name("BM_TlsCreate/sdk")->Unit(benchmark::kMicrosecond);

void BM_TlsFetchSdk(benchmark::State& state) {
  closeio::OutcomeCreate seed;
  seed.name = "Fetched over TLS";
  const std::string id = server().seed(seed).id;
  const ConnectionCounters counters;
  {
    const closeio::OutcomesClient client(client_options());
    for (auto _ : state) {
      benchmark::DoNotOptimize(client.fetch(id));
    }
  }
  state.SetItemsProcessed(state.iterations());
  counters.report(state);
}
BENCHMARK(BM_TlsFetchSdk)->Name("BM_TlsFetch/sdk")->Unit(benchmark::kMicrosecond);

void BM_TlsFreshConnection(benchmark::State& state, bool session_cache) {
  closeio::OutcomeCreate seed;
  seed.name = "Fetched on new connections";
  const std::string id = server().seed(seed).id;
  const ConnectionCounters counters;
  {
    closeio::bench::RawCurlClient curl(server().base_url() + "outcome/" + id + "/",
                                       CLOSEIO_BENCH_CERT);
    curl_easy_setopt(curl.handle(), CURLOPT_FRESH_CONNECT, 1L);
    curl_easy_setopt(curl.handle(), CURLOPT_FORBID_REUSE, 1L);
    curl_easy_setopt(curl.handle(), CURLOPT_SSL_SESSIONID_CACHE, session_cache ? 1L : 0L);
    for (auto _ : state) {
      if (curl.get() != 200) {
        state.SkipWithError("the request did not answer 200");
        break;
      }
    }
  }
  state.SetItemsProcessed(state.iterations());
  counters.report(state);
}
BENCHMARK_CAPTURE(BM_TlsFreshConnection, libcurl_resumed, true)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_TlsFreshConnection, libcurl_full_handshake, false)
    ->Unit(benchmark::kMicrosecond);

}  // namespace

int main(int argc, char** argv) { return closeio::bench::run_benchmarks(argc, argv); }
