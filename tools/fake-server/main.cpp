// closeio-fake-server: runs the local Close Outcomes API emulator (closeio::testing::
// FakeCloseServer) as a process, for trying the SDK, the examples or any HTTP client offline.
//
//   closeio-fake-server [--host H] [--port P] [--api-key K | --api-key-file F]
//                       [--access-token T] [--seed N] [--seed-file FILE]
//                       [--activities-file FILE] [--latency MS] [--compression gzip|br|none]
//                       [--inject STATUS[:COUNT][@METHOD]]... [--retry-after S]
//                       [--rate-limit N/SECONDS]
//                       [--tls-cert PEM --tls-key PEM]
//                       [--max-events N] [--webhook-retry-base MS] [--webhook-retry-max MS]
//                       [--webhook-give-up S] [--webhook-pause-after N] [--webhook-timeout MS]
//                       [--webhook-key-always] [--webhook-fail N] [--webhook-fail-after-send N]
//                       [--webhook-duplicate N]
//
// Prints exactly one line to stdout once it serves, "closeio-fake-server listening on
// <base_url>", then serves until SIGINT or SIGTERM, stops cleanly and exits 0.
#include <netdb.h>
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <chrono>
#include <closeio/testing/fake_close_server.hpp>
#include <csignal>
#include <cstddef>
#include <cstring>
#include <exception>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "injected_failure.hpp"
#include "rate_limit_spec.hpp"
#include "sample_activities.hpp"

namespace {

using closeio::OutcomeCreate;
using closeio::OutcomeType;
using closeio::testing::FakeCloseServer;
using closeio::testing::FakeCloseServerOptions;
using closeio::testing::FakeCompression;
using closeio::testing::FakeDeliveryFault;
using closeio::testing::ScriptedResponse;

// A mistake in the command line or in a file it names: exit code 2, like a parse error.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The first line of `path`, without surrounding whitespace.
std::string read_secret_file(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  if (!in || !std::getline(in, line)) throw UsageError("cannot read " + path);
  line.erase(line.find_last_not_of(" \t\r\n") + 1);
  line.erase(0, line.find_first_not_of(" \t"));
  if (line.empty()) throw UsageError(path + " holds an empty key");
  return line;
}

// A JSON array of {"name": ..., "description": ... or null, "type": "custom" | "vm-dropped"}.
std::vector<OutcomeCreate> read_seed_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw UsageError("cannot read " + path);
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& e) {
    // nlohmann's message names the line and column: "parse error at line 3, column 5: ...".
    std::string what = e.what();
    if (const auto start = what.find("] "); start != std::string::npos) what.erase(0, start + 2);
    for (char& c : what) {
      if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7F) c = '?';
    }
    throw UsageError(path + ": not valid JSON: " + what);
  }
  if (!json.is_array()) {
    throw UsageError(path + ": expected a JSON array of {name, description, type}");
  }
  std::vector<OutcomeCreate> outcomes;
  for (std::size_t i = 0; i < json.size(); ++i) {
    const nlohmann::json& item = json[i];
    const std::string where = path + ": item " + std::to_string(i);
    if (!item.is_object()) throw UsageError(where + " is not an object");
    OutcomeCreate outcome;
    const auto name = item.find("name");
    if (name == item.end() || !name->is_string() || name->get_ref<const std::string&>().empty()) {
      throw UsageError(where + ": \"name\" must be a non-empty string");
    }
    outcome.name = name->get<std::string>();
    if (const auto description = item.find("description"); description != item.end()) {
      if (description->is_string()) {
        outcome.description = description->get<std::string>();
      } else if (!description->is_null()) {
        throw UsageError(where + ": \"description\" must be a string or null");
      }
    }
    if (const auto type = item.find("type"); type != item.end()) {
      const OutcomeType parsed = type->is_string()
                                     ? closeio::outcome_type_from_string(type->get<std::string>())
                                     : OutcomeType::unknown;
      if (parsed == OutcomeType::unknown) {
        throw UsageError(where + R"(: "type" must be "custom" or "vm-dropped")");
      }
      outcome.type = parsed;
    }
    outcomes.push_back(std::move(outcome));
  }
  return outcomes;
}

// Why `host:port` cannot be bound, found by trying it: "Address already in use", ...
std::string bind_failure_reason(const std::string& host, int port) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  if (const int rc = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found);
      rc != 0) {
    return std::string("cannot resolve the host: ") + ::gai_strerror(rc);
  }
  std::string reason = "unknown reason";
  for (addrinfo* a = found; a != nullptr; a = a->ai_next) {
    const int fd = ::socket(a->ai_family, a->ai_socktype, a->ai_protocol);
    if (fd < 0) {
      reason = std::strerror(errno);
      continue;
    }
    const int yes = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    const bool bound = ::bind(fd, a->ai_addr, a->ai_addrlen) == 0;
    const int error = errno;
    ::close(fd);
    if (bound) continue;
    reason = std::strerror(error);
    if (error == EADDRINUSE) {
      reason += " (another process listens on port " + std::to_string(port) +
                "; choose another with --port, or --port 0 for a free one)";
    } else if (error == EACCES) {
      reason += " (ports below 1024 need privileges)";
    } else if (error == EADDRNOTAVAIL) {
      reason += " (" + host + " is not an address of this machine)";
    }
    break;
  }
  ::freeaddrinfo(found);
  return reason;
}

int run(int argc, char** argv) {
  FakeCloseServerOptions options;
  std::string api_key_file;
  std::size_t seed_count = 0;
  std::string seed_file;
  std::string activities_file;
  int latency_ms = 0;
  std::vector<std::string> injections;
  int retry_after_s = 0;
  std::string rate_limit;
  long long retry_base_ms = 1000;
  long long retry_max_ms = 20 * 60 * 1000;
  long long give_up_s = 72 * 3600;
  long long delivery_timeout_ms = 10000;
  std::size_t fail_deliveries = 0;
  std::size_t fail_after_send = 0;
  std::size_t duplicate_deliveries = 0;

  CLI::App app{
      "A local emulator of Close's API (outcomes, calls, meetings, the event log and "
      "webhooks) for offline use.",
      "closeio-fake-server"};
  app.add_option("--host", options.host, "Address to listen on")->capture_default_str();
  app.add_option("--port", options.port, "Port; 0 picks a free ephemeral port")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  CLI::Option* api_key =
      app.add_option("--api-key", options.api_key, "API key accepted with HTTP Basic (key:)")
          ->capture_default_str();
  app.add_option("--api-key-file", api_key_file, "Read the API key from the file's first line")
      ->check(CLI::ExistingFile)
      ->excludes(api_key);
  app.add_option("--access-token", options.access_token,
                 "OAuth token accepted with Authorization: Bearer")
      ->capture_default_str();
  app.add_option("--seed", seed_count, "Start with N generated outcomes (\"Outcome 00001\"...)")
      ->check(CLI::Range(std::size_t{0}, std::size_t{10000000}));
  app.add_option("--seed-file", seed_file,
                 "Start with the outcomes of a JSON array of {name, description, type} "
                 "(added before --seed ones)")
      ->check(CLI::ExistingFile);
  app.add_option("--activities-file", activities_file,
                 "Start with the calls and meetings of a JSON file, dated relative to today "
                 "(see tools/fake-server/sample-activities.json; outcome names refer to the "
                 "seeded outcomes)")
      ->check(CLI::ExistingFile);
  app.add_option("--latency", latency_ms, "Delay every answer by MS milliseconds")
      ->check(CLI::Range(0, 600000));
  const std::map<std::string, FakeCompression> compressions{{"none", FakeCompression::none},
                                                            {"gzip", FakeCompression::gzip},
                                                            {"br", FakeCompression::brotli}};
  app.add_option("--compression", options.compression,
                 "Content encoding of answers the client accepts: gzip (level 1), br (brotli "
                 "quality 4, else gzip) or none; default gzip")
      ->transform(CLI::CheckedTransformer(compressions, CLI::ignore_case))
      ->type_name("gzip|br|none");
  app.add_option("--inject", injections,
                 "Serve a scripted failure first: STATUS[:COUNT][@METHOD], e.g. 503:2, 429, "
                 "400@PUT (repeatable; served in order)")
      ->allow_extra_args(false)
      ->type_name("STATUS[:COUNT][@METHOD]");
  app.add_option("--retry-after", retry_after_s,
                 "Seconds injected 429s ask the client to wait (RateLimit, Retry-After, body)")
      ->capture_default_str()
      ->check(CLI::Range(0, 86400));
  app.add_option("--rate-limit", rate_limit,
                 "Enforce N requests per window of SECONDS (e.g. 100/1): beyond it, answer 429 "
                 "like Close (default: report 600/1 in RateLimit, never refuse)")
      ->type_name("N/SECONDS");
  CLI::Option* cert =
      app.add_option("--tls-cert", options.tls_cert_file, "Serve HTTPS with this PEM certificate")
          ->check(CLI::ExistingFile);
  CLI::Option* key =
      app.add_option("--tls-key", options.tls_key_file, "PEM private key for --tls-cert")
          ->check(CLI::ExistingFile);
  cert->needs(key);
  key->needs(cert);
  app.add_option("--max-events", options.max_events,
                 "Most events the event log (/event/) keeps; the oldest go first")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000000}));
  app.add_option("--webhook-retry-base", retry_base_ms,
                 "Milliseconds before the first retry of a failed webhook delivery; each retry "
                 "waits twice as long as the one before")
      ->capture_default_str()
      ->check(CLI::Range(0LL, 86400000LL));
  app.add_option("--webhook-retry-max", retry_max_ms,
                 "Longest wait between two delivery attempts, in milliseconds")
      ->capture_default_str()
      ->check(CLI::Range(0LL, 86400000LL));
  app.add_option("--webhook-give-up", give_up_s,
                 "Drop a delivery still failing this many seconds after its first attempt")
      ->capture_default_str()
      ->check(CLI::Range(0LL, 30LL * 86400));
  app.add_option("--webhook-pause-after", options.webhooks.pause_after_failures,
                 "Pause a subscription after N failed attempts in a row (0: only after 72 h "
                 "of failures, like Close)")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{0}, std::size_t{1000000}));
  app.add_option("--webhook-timeout", delivery_timeout_ms,
                 "Timeout of one delivery POST, in milliseconds")
      ->capture_default_str()
      ->check(CLI::Range(1LL, 600000LL));
  app.add_flag("--webhook-key-always", options.webhooks.signature_key_in_every_answer,
               "Show signature_key in every /webhook/ answer, not only at creation");
  app.add_option("--webhook-fail", fail_deliveries,
                 "Fail the first N delivery attempts without sending them (retried)")
      ->check(CLI::Range(std::size_t{0}, std::size_t{1000000}));
  app.add_option("--webhook-fail-after-send", fail_after_send,
                 "Then send N deliveries but count them as failed (the receiver gets them again)")
      ->check(CLI::Range(std::size_t{0}, std::size_t{1000000}));
  app.add_option("--webhook-duplicate", duplicate_deliveries,
                 "Then send N deliveries twice, byte for byte")
      ->check(CLI::Range(std::size_t{0}, std::size_t{1000000}));
  app.footer(
      "Exit codes: 0 stopped by SIGINT or SIGTERM; 1 cannot serve (port in use, TLS files "
      "rejected); 2 usage error (bad option, bad --inject or --rate-limit, unreadable or invalid "
      "--seed-file or --api-key-file).\nsample-outcomes.json, a --seed-file example, is installed "
      "in share/closeio/ under the install prefix.");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version exit 0; every real usage mistake is exit code 2, as scripts expect.
    const int printed = app.exit(e);
    return printed == 0 ? 0 : 2;
  }

  try {
    if (!api_key_file.empty()) options.api_key = read_secret_file(api_key_file);
    options.latency = std::chrono::milliseconds(latency_ms);
    options.webhooks.retry_base_delay = std::chrono::milliseconds(retry_base_ms);
    options.webhooks.retry_max_delay = std::chrono::milliseconds(retry_max_ms);
    options.webhooks.give_up_after = std::chrono::seconds(give_up_s);
    options.webhooks.delivery_timeout = std::chrono::milliseconds(delivery_timeout_ms);
    if (!rate_limit.empty()) {
      try {
        const closeio::tools::RateLimitSpec spec =
            closeio::tools::parse_rate_limit_spec(rate_limit);
        options.rate_limit = spec.limit;
        options.rate_limit_window = spec.window;
        options.enforce_rate_limit = true;
      } catch (const std::invalid_argument& e) {
        throw UsageError(std::string("--rate-limit: ") + e.what());
      }
    }
    std::vector<OutcomeCreate> seeds;
    if (!seed_file.empty()) seeds = read_seed_file(seed_file);
    closeio::tools::ActivitySeeds activities;
    if (!activities_file.empty()) activities = closeio::tools::read_activity_seeds(activities_file);
    std::vector<ScriptedResponse> script;
    for (const std::string& spec : injections) {
      try {
        script.push_back(
            closeio::tools::parse_injected_failure(spec, std::chrono::seconds(retry_after_s)));
      } catch (const std::invalid_argument& e) {
        throw UsageError(std::string("--inject: ") + e.what());
      }
    }

    // SIGINT and SIGTERM are blocked before the server starts its threads, so every thread
    // inherits the mask and only sigwait() below receives them. Their default actions are
    // restored first: a shell starts background jobs with SIGINT ignored.
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    std::signal(SIGPIPE, SIG_IGN);  // a client hanging up must not kill the server
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    if (const int rc = pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr); rc != 0) {
      throw std::runtime_error(std::string("pthread_sigmask: ") + std::strerror(rc));
    }

    std::unique_ptr<FakeCloseServer> started;
    try {
      started = std::make_unique<FakeCloseServer>(options);
    } catch (const std::runtime_error&) {
      if (!options.tls_cert_file.empty()) throw;  // TLS files: the emulator's message says why
      throw std::runtime_error("cannot listen on " + options.host + ":" +
                               std::to_string(options.port) + ": " +
                               bind_failure_reason(options.host, options.port));
    }
    FakeCloseServer& server = *started;
    for (const OutcomeCreate& outcome : seeds) server.seed(outcome);
    if (seed_count > 0) server.seed_many(seed_count);
    closeio::tools::seed_activities(server, activities);
    for (ScriptedResponse& response : script) server.script(std::move(response));
    server.inject_delivery_fault(FakeDeliveryFault::fail_without_sending, fail_deliveries);
    server.inject_delivery_fault(FakeDeliveryFault::fail_after_sending, fail_after_send);
    server.inject_delivery_fault(FakeDeliveryFault::duplicate, duplicate_deliveries);

    std::cerr << "closeio-fake-server: " << server.outcomes().size() << " outcomes, "
              << server.calls().size() << " calls, " << server.meetings().size() << " meetings, "
              << injections.size() << " scripted failures; SIGINT or SIGTERM stops it\n";
    std::cout << "closeio-fake-server listening on " << server.base_url() << std::endl;

    int received = 0;
    if (const int rc = sigwait(&stop_signals, &received); rc != 0) {
      throw std::runtime_error(std::string("sigwait: ") + std::strerror(rc));
    }
    server.stop();
    std::cerr << "closeio-fake-server: stopped (" << (received == SIGINT ? "SIGINT" : "SIGTERM")
              << ")\n";
    return 0;
  } catch (const UsageError& e) {
    std::cerr << "closeio-fake-server: " << e.what() << " (see --help)\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "closeio-fake-server: " << e.what() << '\n';
    return 1;
  }
}

}  // namespace

int main(int argc, char** argv) {
  // Every expected failure is reported by run() with its exit code; this only keeps an
  // unexpected exception (std::bad_alloc, a library bug) from ending the process unexplained.
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "closeio-fake-server: " << e.what() << '\n';
  } catch (...) {
    std::cerr << "closeio-fake-server: unexpected error\n";
  }
  return 1;
}
