#include "client_factory.hpp"

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "credentials_file.hpp"
#include "exit_codes.hpp"
#include "progress.hpp"
#include "sdk_messages.hpp"
#include "terminal.hpp"
#include "text.hpp"

namespace closeio_cli {
namespace {

// Prints one line per HTTP attempt. The SDK redacts secrets from these records.
void log_attempt(const closeio::HttpLogRecord& record) {
  clear_status_line();
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(record.elapsed).count();
  std::cerr << "closeio-outcomes: " << record.method << ' ' << without_control_chars(record.url);
  if (record.attempt > 1) std::cerr << " (attempt " << record.attempt << ')';
  if (record.status != 0) {
    std::cerr << " -> " << record.status;
  } else {
    std::cerr << " -> " << without_control_chars(record.error);
  }
  std::cerr << " in " << ms << " ms\n";
}

// "2 s", "0.4 s": how long a retry waits, as the status line shows it.
std::string seconds_text(std::chrono::milliseconds wait) {
  const long long tenths = (wait.count() + 99) / 100;
  if (tenths == 0) return "now";
  if (tenths < 10) return "in 0." + std::to_string(tenths) + " s";
  return "in " + std::to_string((wait.count() + 999) / 1000) + " s";
}

// The SDK's retry rules, unchanged, plus a status line for every wait: a rate-limited or
// retried call shows why it pauses instead of looking hung.
class ReportingRetryPolicy : public closeio::RetryPolicy {
 public:
  explicit ReportingRetryPolicy(std::shared_ptr<const closeio::RetryPolicy> rules)
      : rules_(std::move(rules)) {}

  std::optional<std::chrono::milliseconds> next_wait(
      const closeio::RetryAttempt& attempt) const override {
    const std::optional<std::chrono::milliseconds> wait = rules_->next_wait(attempt);
    if (wait) {
      const std::string why = attempt.status == 429 ? std::string("rate limited")
                              : attempt.status != 0 ? "HTTP " + std::to_string(attempt.status)
                              : attempt.timed_out   ? std::string("timed out")
                                                    : std::string("no answer");
      show_status(why + "; retrying " + seconds_text(*wait));
    }
    return wait;
  }

 private:
  std::shared_ptr<const closeio::RetryPolicy> rules_;
};

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
  // The SDK's default rules, with the SDK's default backoff, wrapped to show the waits.
  options.retry_policy =
      std::make_shared<ReportingRetryPolicy>(std::make_shared<closeio::DefaultRetryPolicy>(
          options.max_retries, std::chrono::milliseconds(500), std::chrono::milliseconds(8000),
          options.max_rate_limit_wait));
  if (options.credentials.empty()) {
    throw CliError(ExitCode::auth,
                   "no credentials: set CLOSE_API_KEY or CLOSE_ACCESS_TOKEN, or pass "
                   "--api-key-file FILE");
  }
  options.user_agent_suffix = "closeio-outcomes";
  return options;
}

closeio::Session make_session(const closeio::ClientOptions& options) {
  // The SDK reports every rejected setting as std::invalid_argument. To tell a bad base URL
  // (usage) from malformed credentials (auth), first check everything but the credentials with a
  // placeholder key that is known to be well-formed.
  closeio::ClientOptions probe = options;
  probe.credentials = closeio::Credentials::api_key("placeholder");
  probe.logger = nullptr;
  try {
    closeio::Session check(probe);
  } catch (const std::invalid_argument& e) {
    std::string message = in_tool_words(e.what());
    if (message.find("base URL") == std::string::npos) {
      message = "the base URL (--base-url or CLOSE_API_BASE_URL) is refused: " + message;
    }
    throw CliError(ExitCode::usage, message);
  }
  try {
    return closeio::Session(options);
  } catch (const std::invalid_argument& e) {
    throw CliError(ExitCode::auth, in_tool_words(e.what()));
  }
}

closeio::OutcomesClient make_client(const closeio::ClientOptions& options) {
  return closeio::OutcomesClient(make_session(options));
}

}  // namespace closeio_cli
