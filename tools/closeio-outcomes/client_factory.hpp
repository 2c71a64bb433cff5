// Turns the global command-line options into a ready OutcomesClient or Session.
#pragma once

#include <closeio/client_options.hpp>
#include <closeio/outcomes_client.hpp>
#include <closeio/session.hpp>
#include <optional>
#include <string>

namespace closeio_cli {

/// Options every command accepts.
struct GlobalOptions {
  std::string base_url;            ///< --base-url; empty: CLOSE_API_BASE_URL, else production.
  std::string api_key_file;        ///< --api-key-file; empty: CLOSE_API_KEY/CLOSE_ACCESS_TOKEN.
  std::optional<int> max_retries;  ///< --max-retries; unset: the SDK default.
  bool verbose = false;            ///< --verbose: one line per HTTP attempt on stderr.
};

/// ClientOptions::from_env(), then the command line on top: --api-key-file replaces the
/// environment's credentials, --base-url the environment's base URL. Throws CliError
/// (ExitCode::auth) when no credentials are found or the key file cannot be read.
closeio::ClientOptions client_options(const GlobalOptions& global);

/// An OutcomesClient for `options`. Settings the SDK rejects are reported as CliError:
/// a bad base URL as ExitCode::usage, malformed credentials as ExitCode::auth.
closeio::OutcomesClient make_client(const closeio::ClientOptions& options);

/// A Session for `options`, to share one connection pool and rate-limit state between the
/// outcomes, calls and meetings clients of a command. Rejected settings as make_client().
closeio::Session make_session(const closeio::ClientOptions& options);

}  // namespace closeio_cli
