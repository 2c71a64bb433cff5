/// @file
/// Everything an OutcomesClient can be configured with, and the per-call options.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "closeio/cancellation.hpp"
#include "closeio/credentials.hpp"
#include "closeio/export.hpp"
#include "closeio/logging.hpp"
#include "closeio/oauth.hpp"
#include "closeio/retry_policy.hpp"

namespace closeio {

/// Options of a client. Every field has a production-ready default except `credentials`.
struct CLOSEIO_EXPORT ClientOptions {
  /// Required unless `oauth` is set: an API key or a fixed OAuth access token. Default: none.
  Credentials credentials;
  /// OAuth tokens that the session refreshes by itself (see OAuthOptions); when set,
  /// `credentials` must be empty. Default: none.
  std::optional<OAuthOptions> oauth;
  /// Root of the API; a missing trailing slash is added. Default: Close's production API.
  std::string base_url = "https://api.close.com/api/v1/";
  /// Time allowed to establish a connection (TCP and TLS), per attempt. Default: 10 s.
  std::chrono::milliseconds connect_timeout{10000};
  /// Time allowed for a whole request, connect included, per attempt. Default: 60 s.
  std::chrono::milliseconds timeout{60000};
  /// Retries after the first attempt for the default retry policy; 0 disables. Default: 3.
  int max_retries = 3;
  /// Appended to "closeio-cpp/<version>" in the User-Agent header. Default: empty.
  std::string user_agent_suffix;

  /// Replaces the default retry rules when set. Default: null, meaning
  /// DefaultRetryPolicy(max_retries, 500 ms, 8 s, max_rate_limit_wait).
  std::shared_ptr<const RetryPolicy> retry_policy;
  /// The longest server-requested 429 wait the default policy sleeps through; above it the call
  /// raises RateLimitError with retry_after() set. Default: 60 s.
  std::chrono::milliseconds max_rate_limit_wait{60000};
  /// Bound on a whole call: every attempt plus every wait (an asynchronous call's time in the
  /// queue and for the rate-limit window included). Zero means no bound. Default: 0.
  std::chrono::milliseconds call_deadline{0};
  /// Most asynchronous requests (the `*_async` calls) one session has on the wire at once; more
  /// wait in a queue, in the order they were made. Must be at least 1. Default: 8.
  int max_concurrent_requests = 8;
  /// Largest response body accepted, in bytes; larger ones raise DecodeError. Default: 16 MiB.
  std::size_t max_response_bytes = 16u * 1024u * 1024u;

  /// PEM file of CA certificates used to verify the server. Default: empty (system store).
  std::string ca_file;
  /// Directory of CA certificates used to verify the server. Default: empty (system store).
  std::string ca_path;
  /// Proxy URL such as "http://proxy:3128". Default: empty, so libcurl honours https_proxy.
  std::string proxy;
  /// Permits an http:// base URL for a non-loopback host. Default: false (refused).
  bool allow_insecure_http = false;
  /// Receives one redacted record per HTTP attempt, OAuth refreshes included. Default: none.
  HttpLogger logger;

  /// Reads CLOSE_API_KEY (else CLOSE_ACCESS_TOKEN) and CLOSE_API_BASE_URL from the environment;
  /// other fields keep their defaults. Leaves credentials empty when neither variable is set.
  static ClientOptions from_env();
};

/// Options that apply to the calls of one OutcomesClient copy (see with_call_options()).
struct CallOptions {
  /// Cancels the calls when its source is cancelled. Default: never cancelled.
  CancellationToken cancellation;
  /// Bound on each whole call; overrides ClientOptions::call_deadline when non-zero. Default: 0.
  std::chrono::milliseconds deadline{0};
};

}  // namespace closeio
