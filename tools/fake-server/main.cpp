// closeio-fake-server: runs the local Close Outcomes API emulator (closeio::testing::
// FakeCloseServer) as a process, for trying the SDK, the examples or any HTTP client offline.
//
//   closeio-fake-server [--host H] [--port P] [--api-key K | --api-key-file F]
//                       [--access-token T] [--seed N] [--seed-file FILE]
//                       [--activities-file FILE] [--latency MS]
//                       [--inject STATUS[:COUNT][@METHOD]]... [--retry-after S]
//                       [--tls-cert PEM --tls-key PEM]
//
// Prints exactly one line to stdout once it serves, "closeio-fake-server listening on
// <base_url>", then serves until SIGINT or SIGTERM, stops cleanly and exits 0.
#include <pthread.h>
#include <signal.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <closeio/testing/fake_close_server.hpp>
#include <csignal>
#include <cstddef>
#include <cstring>
#include <exception>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "injected_failure.hpp"
#include "sample_activities.hpp"

namespace {

using closeio::OutcomeCreate;
using closeio::OutcomeType;
using closeio::testing::FakeCloseServer;
using closeio::testing::FakeCloseServerOptions;
using closeio::testing::ScriptedResponse;

// The first line of `path`, without surrounding whitespace.
std::string read_secret_file(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  if (!in || !std::getline(in, line)) throw std::runtime_error("cannot read " + path);
  line.erase(line.find_last_not_of(" \t\r\n") + 1);
  line.erase(0, line.find_first_not_of(" \t"));
  if (line.empty()) throw std::runtime_error(path + " holds an empty key");
  return line;
}

// A JSON array of {"name": ..., "description": ... or null, "type": "custom" | "vm-dropped"}.
std::vector<OutcomeCreate> read_seed_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  const nlohmann::json json = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_array()) {
    throw std::runtime_error(path + ": expected a JSON array of {name, description, type}");
  }
  std::vector<OutcomeCreate> outcomes;
  for (std::size_t i = 0; i < json.size(); ++i) {
    const nlohmann::json& item = json[i];
    const std::string where = path + ": item " + std::to_string(i);
    if (!item.is_object()) throw std::runtime_error(where + " is not an object");
    OutcomeCreate outcome;
    const auto name = item.find("name");
    if (name == item.end() || !name->is_string() || name->get_ref<const std::string&>().empty()) {
      throw std::runtime_error(where + ": \"name\" must be a non-empty string");
    }
    outcome.name = name->get<std::string>();
    if (const auto description = item.find("description"); description != item.end()) {
      if (description->is_string()) {
        outcome.description = description->get<std::string>();
      } else if (!description->is_null()) {
        throw std::runtime_error(where + ": \"description\" must be a string or null");
      }
    }
    if (const auto type = item.find("type"); type != item.end()) {
      const OutcomeType parsed = type->is_string()
                                     ? closeio::outcome_type_from_string(type->get<std::string>())
                                     : OutcomeType::unknown;
      if (parsed == OutcomeType::unknown) {
        throw std::runtime_error(where + ": \"type\" must be \"custom\" or \"vm-dropped\"");
      }
      outcome.type = parsed;
    }
    outcomes.push_back(std::move(outcome));
  }
  return outcomes;
}

}  // namespace

int main(int argc, char** argv) {
  FakeCloseServerOptions options;
  std::string api_key_file;
  std::size_t seed_count = 0;
  std::string seed_file;
  std::string activities_file;
  int latency_ms = 0;
  std::vector<std::string> injections;
  int retry_after_s = 0;

  CLI::App app{"A local emulator of Close's Outcomes API (/api/v1/outcome/) for offline use.",
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
  app.add_option("--inject", injections,
                 "Serve a scripted failure first: STATUS[:COUNT][@METHOD], e.g. 503:2, 429, "
                 "400@PUT (repeatable; served in order)")
      ->allow_extra_args(false)
      ->type_name("STATUS[:COUNT][@METHOD]");
  app.add_option("--retry-after", retry_after_s,
                 "Seconds injected 429s ask the client to wait (RateLimit, Retry-After, body)")
      ->capture_default_str()
      ->check(CLI::Range(0, 86400));
  CLI::Option* cert =
      app.add_option("--tls-cert", options.tls_cert_file, "Serve HTTPS with this PEM certificate")
          ->check(CLI::ExistingFile);
  CLI::Option* key =
      app.add_option("--tls-key", options.tls_key_file, "PEM private key for --tls-cert")
          ->check(CLI::ExistingFile);
  cert->needs(key);
  key->needs(cert);
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
    std::vector<OutcomeCreate> seeds;
    if (!seed_file.empty()) seeds = read_seed_file(seed_file);
    closeio::tools::ActivitySeeds activities;
    if (!activities_file.empty()) activities = closeio::tools::read_activity_seeds(activities_file);
    std::vector<ScriptedResponse> script;
    for (const std::string& spec : injections) {
      script.push_back(
          closeio::tools::parse_injected_failure(spec, std::chrono::seconds(retry_after_s)));
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

    FakeCloseServer server(options);
    for (const OutcomeCreate& outcome : seeds) server.seed(outcome);
    if (seed_count > 0) server.seed_many(seed_count);
    closeio::tools::seed_activities(server, activities);
    for (ScriptedResponse& response : script) server.script(std::move(response));

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
  } catch (const std::exception& e) {
    std::cerr << "closeio-fake-server: " << e.what() << '\n';
    return 1;
  }
}
