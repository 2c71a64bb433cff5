#include "client_factory.hpp"

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <stdexcept>
#include <string>

#include "credentials_file.hpp"
#include "exit_codes.hpp"
#include "terminal.hpp"

namespace closeio_cli {
namespace {

// Prints one line per HTTP attempt. The SDK redacts secrets from these records.
void log_attempt(const closeio::HttpLogRecord& record) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(record.elapsed).count();
  std::cerr << "closeio-outcomes: " << record.method << ' ' << record.url;
  if (record.attempt > 1) std::cerr << " (attempt " << record.attempt << ')';
  if (record.status != 0) {
    std::cerr << " -> " << record.status;
  } else {
    std::cerr << " -> " << record.error;
  }
  std::cerr << " in " << ms << " ms\n";
}

bool is_set(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0';
}

}  // namespace

closeio::ClientOptions client_options(const GlobalOptions& global) {
  closeio::ClientOptions options = closeio::ClientOptions::from_env();
  if (!global.api_key_file.empty()) {
    options.credentials = closeio::Credentials::api_key(read_api_key_file(global.api_key_file));
    if (auto warning = api_key_file_warning(global.api_key_file)) notice(*warning);
  } else if (is_set("CLOSE_API_KEY") && is_set("CLOSE_ACCESS_TOKEN")) {
    // ClientOptions::from_env() prefers the key; say so rather than pick silently.
    notice("both CLOSE_API_KEY and CLOSE_ACCESS_TOKEN are set; using CLOSE_API_KEY");
  }
  if (!global.base_url.empty()) options.base_url = global.base_url;
  if (global.max_retries) options.max_retries = *global.max_retries;
  if (global.verbose) options.logger = log_attempt;
  if (options.credentials.empty()) {
    throw CliError(ExitCode::auth,
                   "no credentials: set CLOSE_API_KEY or CLOSE_ACCESS_TOKEN, or pass "
                   "--api-key-file FILE");
  }
  options.user_agent_suffix = "closeio-outcomes";
  return options;
}

closeio::OutcomesClient make_client(const closeio::ClientOptions& options) {
  // The SDK reports every rejected setting as std::invalid_argument. To tell a bad base URL
  // (usage) from malformed credentials (auth), first check everything but the credentials with a
  // placeholder key that is known to be well-formed.
  closeio::ClientOptions probe = options;
  probe.credentials = closeio::Credentials::api_key("placeholder");
  probe.logger = nullptr;
  try {
    closeio::OutcomesClient check(probe);
  } catch (const std::invalid_argument& e) {
    throw CliError(ExitCode::usage, e.what());
  }
  try {
    return closeio::OutcomesClient(options);
  } catch (const std::invalid_argument& e) {
    throw CliError(ExitCode::auth, e.what());
  }
}

}  // namespace closeio_cli
