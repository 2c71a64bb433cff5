#include "internal/rest_outcomes_connection.hpp"

#include <exception>
#include <stdexcept>
#include <utility>

#include "closeio/errors.hpp"
#include "closeio/version.hpp"
#include "internal/argument_checks.hpp"
#include "internal/credentials_access.hpp"
#include "internal/curl_transport.hpp"
#include "internal/error_body.hpp"
#include "internal/error_mapping.hpp"
#include "internal/json_codec.hpp"
#include "internal/rate_limit_headers.hpp"
#include "internal/redaction.hpp"

namespace closeio::internal {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

void validate_options(const ClientOptions& o) {
  validate_credentials(o.credentials);
  if (o.connect_timeout.count() <= 0 || o.timeout.count() <= 0) {
    throw std::invalid_argument("closeio: connect_timeout and timeout must be positive");
  }
  if (o.max_retries < 0) throw std::invalid_argument("closeio: max_retries must be 0 or more");
  if (o.call_deadline.count() < 0 || o.max_rate_limit_wait.count() < 0) {
    throw std::invalid_argument("closeio: call_deadline and max_rate_limit_wait must be >= 0");
  }
  if (o.max_response_bytes == 0) {
    throw std::invalid_argument("closeio: max_response_bytes must be positive");
  }
  for (const char ch : o.user_agent_suffix) {
    if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f) {
      throw std::invalid_argument("closeio: user_agent_suffix contains a control character");
    }
  }
}

std::string make_user_agent(const std::string& suffix) {
  std::string ua =
      std::string("closeio-cpp/") + CLOSEIO_VERSION_STRING + " (" + curl_version_string() + ")";
  if (!suffix.empty()) ua += " " + suffix;
  return ua;
}

// Runs `decode` on a 2xx body; a DecodeError gains the "closeio: GET /outcome/x/: " context and
// the attempt count, which the JSON layer does not know.
template <class Decode>
auto decode_answer(const char* method, const std::string& path, const std::string& body,
                   int attempts, Decode decode) -> decltype(decode(body)) {
  try {
    return decode(body);
  } catch (const DecodeError& e) {
    throw DecodeError("closeio: " + std::string(method) + " /" + path + ": " + e.what(), attempts);
  }
}

// Whether an attempt may have been carried out by the server although the call did not get its
// answer: the request went out and the connection failed or timed out, or a gateway or the
// server answered 502/503/504 (the origin may have acted before the failure was reported).
// libcurl's own re-send (see HttpResult::resent_by_libcurl) counts as an earlier attempt.
bool attempt_may_have_acted(const HttpResult& result) {
  if (result.resent_by_libcurl) return true;
  switch (result.failure) {
    case TransportFailure::none:
      return result.status >= 502 && result.status <= 504;
    case TransportFailure::failed:
    case TransportFailure::timed_out:
      return result.request_sent;
    default:
      return false;
  }
}

// A 404 on a retried DELETE that may already have been performed means done: the earlier
// attempt deleted the object, so it is gone as the caller asked. A 404 on the first attempt
// (or after attempts the server cannot have acted on) stays NotFoundError: the id was wrong.
bool delete_already_done(const std::string& method, int status,
                         bool earlier_attempt_may_have_acted) {
  return method == "DELETE" && status == 404 && earlier_attempt_may_have_acted;
}

// A 2xx answer to a fetch, create or update is the resource itself, so it carries its id unless
// `_fields` left the id out. Without it (a proxy's "{}", an HTML page turned JSON, a changed
// API) the caller would get an empty Outcome that looks like success.
void require_resource_id(const Outcome& outcome, const std::vector<std::string>& fields,
                         const char* method, const std::string& path, int attempts) {
  if (!fields.empty() || !outcome.id.empty()) return;
  throw DecodeError("closeio: " + std::string(method) + " /" + path +
                        ": the answer is not an outcome (it has no \"id\")",
                    attempts);
}

}  // namespace

std::string outcome_path(const std::string& id) {
  require_id(id);
  return "outcome/" + percent_encode(id) + "/";
}

std::string fields_query_value(const std::vector<std::string>& fields) {
  std::string out;
  for (const std::string& field : fields) {
    if (field.empty() || field.find(',') != std::string::npos) {
      throw std::invalid_argument("closeio: field names must be non-empty and contain no ','");
    }
    if (!out.empty()) out += ',';
    out += percent_encode(field);
  }
  return out;
}

RestOutcomesConnection::RestOutcomesConnection(ClientOptions options,
                                               std::shared_ptr<HttpTransport> transport)
    : options_(std::move(options)) {
  validate_options(options_);
  base_ = parse_base_url(options_.base_url, options_.allow_insecure_http);
  user_agent_ = make_user_agent(options_.user_agent_suffix);
  retry_policy_ = options_.retry_policy ? options_.retry_policy
                                        : std::make_shared<DefaultRetryPolicy>(
                                              options_.max_retries, milliseconds(500),
                                              milliseconds(8000), options_.max_rate_limit_wait);
  if (transport) {
    transport_ = std::move(transport);
  } else {
    CurlTransportConfig config;
    config.authorization = authorization_value(options_.credentials);
    config.user_agent = user_agent_;
    config.connect_timeout = options_.connect_timeout;
    config.max_response_bytes = options_.max_response_bytes;
    config.ca_file = options_.ca_file;
    config.ca_path = options_.ca_path;
    config.proxy = options_.proxy;
    transport_ = std::make_shared<CurlTransport>(std::move(config));
  }
}

RestOutcomesConnection::Answer RestOutcomesConnection::execute(const std::string& method,
                                                               const std::string& path,
                                                               const std::string& query,
                                                               const std::string* body,
                                                               const CallOptions& call) {
  const std::string shown_path = "/" + path;  // What messages name: relative to the base URL.
  const milliseconds deadline = call.deadline.count() > 0 ? call.deadline : options_.call_deadline;
  const auto started = Clock::now();
  const auto remaining = [&]() -> milliseconds {
    return deadline - std::chrono::duration_cast<milliseconds>(Clock::now() - started);
  };

  HttpRequest request;
  request.method = method;
  request.url = base_.url + path + query;
  if (body) {
    request.body = *body;
    request.has_body = true;
  }
  // A POST may only be repeated when the server cannot have acted on it, by us (below) or by
  // libcurl's own recovery from a dead keep-alive connection (the transport stops that).
  const bool is_post = method == "POST";
  request.replayable = !is_post;
  request.cancellation = call.cancellation;
  bool earlier_attempt_may_have_acted = false;

  for (int attempt = 1;; ++attempt) {
    if (call.cancellation.cancelled()) {
      throw CancelledError("closeio: " + method + " " + shown_path + ": cancelled", attempt - 1);
    }
    request.timeout = options_.timeout;
    if (deadline.count() > 0) {
      const milliseconds left = remaining();
      if (left.count() <= 0) {
        throw TransportError("closeio: " + method + " " + shown_path + ": call deadline of " +
                                 std::to_string(deadline.count()) + " ms exceeded",
                             true, attempt - 1);
      }
      request.timeout = std::min(request.timeout, left);
    }

    HttpResult result = transport_->perform(request);
    if (options_.logger) log_attempt(request, attempt, result);

    std::exception_ptr failure;
    RetryAttempt retry;
    retry.method = method;
    retry.attempt = attempt;
    bool safe_to_repeat = !is_post;

    switch (result.failure) {
      case TransportFailure::cancelled:
        throw CancelledError("closeio: " + method + " " + shown_path + ": cancelled", attempt);
      case TransportFailure::too_large:
        throw DecodeError("closeio: " + method + " " + shown_path +
                              ": response body larger than max_response_bytes (" +
                              std::to_string(options_.max_response_bytes) + " bytes)",
                          attempt);
      case TransportFailure::none:
        break;
      default: {
        const bool timed_out = result.failure == TransportFailure::timed_out;
        retry.timed_out = timed_out;
        safe_to_repeat = safe_to_repeat || !result.request_sent;
        failure = std::make_exception_ptr(TransportError(
            "closeio: " + method + " " + shown_path + ": " +
                (timed_out ? "timed out: " : "no HTTP answer: ") + result.error +
                (attempt > 1 ? " (after " + std::to_string(attempt) + " attempts)" : ""),
            timed_out, attempt));
        break;
      }
    }

    if (!failure) {
      remember_rate_limit(result.headers);
      if (result.status >= 200 && result.status < 300) return {std::move(result.body), attempt};
      if (delete_already_done(method, result.status,
                              earlier_attempt_may_have_acted || result.resent_by_libcurl)) {
        return {std::string(), attempt};
      }
      retry.status = result.status;
      ErrorBody parsed = parse_error_body(result.body);
      milliseconds retry_after{0};
      if (result.status == 429) {
        safe_to_repeat = true;  // Close did not act on a rate-limited request.
        retry.server_wait = server_requested_wait(result.headers, parsed.rate_reset_seconds,
                                                  std::chrono::system_clock::now());
        retry_after = retry.server_wait.value_or(milliseconds(0));
      }
      failure = make_api_error(method, shown_path, result.status, result.body, std::move(parsed),
                               result.headers, retry_after, attempt);
    }

    earlier_attempt_may_have_acted =
        earlier_attempt_may_have_acted || attempt_may_have_acted(result);
    const std::optional<milliseconds> wait =
        safe_to_repeat ? retry_policy_->next_wait(retry) : std::nullopt;
    // Waiting past the deadline cannot succeed: report the real failure now instead.
    if (!wait || (deadline.count() > 0 && *wait >= remaining())) std::rethrow_exception(failure);
    if (!call.cancellation.sleep_for(*wait)) {
      throw CancelledError("closeio: " + method + " " + shown_path + ": cancelled", attempt);
    }
  }
}

void RestOutcomesConnection::log_attempt(const HttpRequest& request, int attempt,
                                         const HttpResult& result) const {
  HttpLogRecord record;
  record.method = request.method;
  record.url = request.url;
  record.attempt = attempt;
  record.status = result.status;
  record.elapsed = result.elapsed;
  record.error = result.error;
  record.request_headers = redact_headers(
      {{"Authorization", "REDACTED"}, {"Accept", "application/json"}, {"User-Agent", user_agent_}});
  if (request.has_body) record.request_headers.emplace_back("Content-Type", "application/json");
  record.response_headers = redact_headers(result.headers);
  try {
    options_.logger(record);
  } catch (...) {
    // A logging hook must not change the outcome of a call.
  }
}

void RestOutcomesConnection::remember_rate_limit(const HttpHeaders& headers) {
  auto info = parse_rate_limit_info(headers, std::chrono::system_clock::now());
  if (!info) return;
  std::lock_guard<std::mutex> lock(rate_limit_mutex_);
  rate_limit_ = std::move(info);
}

std::optional<RateLimitInfo> RestOutcomesConnection::rate_limit() const {
  std::lock_guard<std::mutex> lock(rate_limit_mutex_);
  return rate_limit_;
}

Page<Outcome> RestOutcomesConnection::list_page(const ListOptions& options,
                                                const CallOptions& call) {
  require_valid_list_options(options);
  std::vector<std::pair<std::string, std::string>> query{{"_limit", std::to_string(options.limit)},
                                                         {"_skip", std::to_string(options.skip)}};
  if (!options.fields.empty()) query.emplace_back("_fields", fields_query_value(options.fields));
  const std::string path = "outcome/";
  Answer answer = execute("GET", path, query_string(query), nullptr, call);
  return decode_answer("GET", path, answer.body, answer.attempts, decode_outcome_page);
}

Outcome RestOutcomesConnection::create(const OutcomeCreate& outcome, const CallOptions& call) {
  const std::string body = encode_create(outcome);  // Validates before anything is sent.
  const std::string path = "outcome/";
  Answer answer = execute("POST", path, "", &body, call);
  Outcome created = decode_answer("POST", path, answer.body, answer.attempts, decode_outcome);
  require_resource_id(created, {}, "POST", path, answer.attempts);
  return created;
}

Outcome RestOutcomesConnection::fetch(const std::string& id, const std::vector<std::string>& fields,
                                      const CallOptions& call) {
  const std::string path = outcome_path(id);
  std::vector<std::pair<std::string, std::string>> query;
  if (!fields.empty()) query.emplace_back("_fields", fields_query_value(fields));
  Answer answer = execute("GET", path, query_string(query), nullptr, call);
  Outcome fetched = decode_answer("GET", path, answer.body, answer.attempts, decode_outcome);
  require_resource_id(fetched, fields, "GET", path, answer.attempts);
  return fetched;
}

Outcome RestOutcomesConnection::update(const std::string& id, const OutcomeUpdate& changes,
                                       const CallOptions& call) {
  const std::string path = outcome_path(id);
  const std::string body = encode_update(changes);
  Answer answer = execute("PUT", path, "", &body, call);
  Outcome updated = decode_answer("PUT", path, answer.body, answer.attempts, decode_outcome);
  require_resource_id(updated, {}, "PUT", path, answer.attempts);
  return updated;
}

void RestOutcomesConnection::remove(const std::string& id, const CallOptions& call) {
  const std::string path = outcome_path(id);
  Answer answer = execute("DELETE", path, "", nullptr, call);
  decode_answer("DELETE", path, answer.body, answer.attempts, check_delete_body);
}

}  // namespace closeio::internal

namespace closeio {

OutcomesConnection::~OutcomesConnection() = default;

std::shared_ptr<OutcomesConnection> make_outcomes_connection(ClientOptions options) {
  return std::make_shared<internal::RestOutcomesConnection>(std::move(options));
}

}  // namespace closeio
