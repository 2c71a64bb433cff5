#include "internal/rest_caller.hpp"

#include <stdexcept>
#include <utility>

#include "internal/credentials_access.hpp"
#include "internal/curl_multi_engine.hpp"
#include "internal/curl_transport.hpp"
#include "internal/error_body.hpp"
#include "internal/error_mapping.hpp"
#include "internal/oauth_refresher.hpp"
#include "internal/oauth_token_endpoint.hpp"
#include "internal/rate_limit_headers.hpp"
#include "internal/rate_pacer.hpp"
#include "internal/redaction.hpp"

namespace closeio::internal {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

void validate_options(const ClientOptions& o) {
  if (o.oauth) {
    // One source of credentials: refreshing OAuth tokens, or a fixed key or token.
    if (o.credentials.kind() != Credentials::Kind::none) {
      throw std::invalid_argument(
          "closeio: set either ClientOptions::credentials or ClientOptions::oauth, not both");
    }
  } else {
    validate_credentials(o.credentials);
  }
  if (o.connect_timeout.count() <= 0 || o.timeout.count() <= 0) {
    throw std::invalid_argument("closeio: connect_timeout and timeout must be positive");
  }
  if (o.max_retries < 0) throw std::invalid_argument("closeio: max_retries must be 0 or more");
  if (o.call_deadline.count() < 0 || o.max_rate_limit_wait.count() < 0) {
    throw std::invalid_argument("closeio: call_deadline and max_rate_limit_wait must be >= 0");
  }
  if (o.max_concurrent_requests < 1) {
    throw std::invalid_argument("closeio: max_concurrent_requests must be 1 or more");
  }
  if (o.max_response_bytes == 0) {
    throw std::invalid_argument("closeio: max_response_bytes must be positive");
  }
}

bool is_gateway_failure(int status) { return status == 502 || status == 503 || status == 504; }

// A 401 to an attempt made with an OAuth access token: the token may have expired or been
// revoked, so the call gets one more attempt with a refreshed one.
bool oauth_token_refused(const HttpResult& result) {
  return result.failure == TransportFailure::none && result.status == 401;
}

// Puts the grant's token on the request; throws its error (an OAuthError) when it has one.
std::uint64_t use_grant(HttpRequest& http, OAuthGrant grant) {
  if (grant.error) std::rethrow_exception(grant.error);
  http.authorization = std::move(grant.authorization);
  return grant.generation;
}

// A blocking attempt's slot in the rate-limit window, given back once, with the answer's figures
// when one came.
class PacedSlot {
 public:
  PacedSlot(RatePacer& pacer, RatePacer::Ticket ticket) : pacer_(&pacer), ticket_(ticket) {}
  ~PacedSlot() {
    if (pacer_) pacer_->release(ticket_, nullptr);
  }
  PacedSlot(const PacedSlot&) = delete;
  PacedSlot& operator=(const PacedSlot&) = delete;
  void release(const HttpResult& result) {
    RatePacer* pacer = std::exchange(pacer_, nullptr);
    pacer->release(ticket_, result);
  }

 private:
  RatePacer* pacer_;
  RatePacer::Ticket ticket_;
};

}  // namespace

// The state of one call across its attempts.
struct RestCaller::Attempt {
  int number = 1;
  std::string shown;  // "GET /outcome/x/": what messages name, relative to the base URL.
  milliseconds deadline{0};
  Clock::time_point started = Clock::now();
  // An earlier attempt may have been carried out by the server although its answer was lost.
  bool maybe_performed_before = false;
  // Filled by classify() for a failed attempt.
  std::exception_ptr failure;
  RetryAttempt retry;
  bool safe_to_repeat = false;
  bool maybe_performed = false;

  milliseconds remaining() const {
    return deadline - std::chrono::duration_cast<milliseconds>(Clock::now() - started);
  }
  [[noreturn]] void throw_cancelled(int attempts) const {
    throw CancelledError("closeio: " + shown + ": cancelled", attempts);
  }
  [[noreturn]] void throw_past_deadline(int attempts) const {
    throw TransportError("closeio: " + shown + ": call deadline of " +
                             std::to_string(deadline.count()) + " ms exceeded",
                         true, attempts);
  }
};

RestCaller::RestCaller(ClientOptions options, std::shared_ptr<HttpTransport> transport)
    : options_(std::move(options)),
      pacer_(std::make_shared<RatePacer>(options_.max_rate_limit_wait)) {
  validate_options(options_);
  base_ = parse_base_url(options_.base_url, options_.allow_insecure_http);
  std::string token_url;
  if (options_.oauth) {
    token_url = checked_token_url(options_.oauth->app.token_url, options_.allow_insecure_http);
  }
  user_agent_ = closeio_user_agent(options_.user_agent_suffix);
  retry_policy_ = options_.retry_policy ? options_.retry_policy
                                        : std::make_shared<DefaultRetryPolicy>(
                                              options_.max_retries, milliseconds(500),
                                              milliseconds(8000), options_.max_rate_limit_wait);
  if (transport) {
    transport_ = std::move(transport);
  } else {
    CurlTransportConfig config;
    // An OAuth session puts each attempt's current token on the request itself.
    if (!options_.oauth) config.authorization = authorization_value(options_.credentials);
    config.user_agent = user_agent_;
    config.connect_timeout = options_.connect_timeout;
    config.max_response_bytes = options_.max_response_bytes;
    config.ca_file = options_.ca_file;
    config.ca_path = options_.ca_path;
    config.proxy = options_.proxy;
    engine_ = std::make_unique<CurlMultiEngine>(
        config, static_cast<std::size_t>(options_.max_concurrent_requests), pacer_);
    transport_ = std::make_shared<CurlTransport>(std::move(config));
  }
  if (options_.oauth) {
    oauth_ = std::make_shared<OAuthRefresher>(*options_.oauth, std::move(token_url),
                                              options_.timeout, transport_);
    options_.oauth.reset();  // The refresher holds the tokens; no stale copy stays here.
    if (options_.logger) {
      // Refreshes are attempts like any other for whoever watches the log (no body: it holds
      // the refresh token and the client secret).
      oauth_->set_logger([this](const HttpRequest& request, const HttpResult& result) {
        log_attempt(request, 1, result);
      });
    }
    if (engine_) {
      // Both run only while the session is alive: an asynchronous call that starts a refresh
      // holds it, and the engine finishes the refresh's transfer before the session is gone.
      oauth_->set_async(
          [this](HttpRequest request, std::function<void(HttpResult)> done) {
            engine_->perform(std::move(request), std::move(done));
          },
          [this](std::function<void()> work) { post(std::move(work)); });
    }
  }
}

RestCaller::~RestCaller() {
  // Before any other member goes: the calls still running finish (as cancelled) first.
  engine_.reset();
}

HttpRequest RestCaller::http_request(const RestRequest& request, const CallOptions& call) const {
  HttpRequest out;
  out.method = request.method;
  out.url = base_.url + request.path + request.query;
  if (request.body) {
    out.body = *request.body;
    out.has_body = true;
  }
  // A POST (or PATCH) may only be repeated when the server cannot have acted on it, by us (see
  // classify()) or by libcurl's own recovery from a dead keep-alive connection (the transport stops
  // that).
  out.replayable = !is_send_once_method(request.method);
  out.cancellation = call.cancellation;
  return out;
}

// Throws when the call may not make another attempt (cancelled, deadline passed); otherwise
// sets the attempt's timeout to what is left of the deadline.
void RestCaller::begin_attempt(Attempt& attempt, HttpRequest& http, const CallOptions& call) const {
  if (call.cancellation.cancelled()) attempt.throw_cancelled(attempt.number - 1);
  http.timeout = options_.timeout;
  if (attempt.deadline.count() > 0) {
    const milliseconds left = attempt.remaining();
    if (left.count() <= 0) attempt.throw_past_deadline(attempt.number - 1);
    http.timeout = std::min(http.timeout, left);
  }
}

// Blocks until the rate-limit window lets the attempt start (see RatePacer); throws when the
// call is cancelled first or when the window opens only after the call's deadline. Returns the
// slot's ticket, for the caller to give back.
std::uint64_t RestCaller::wait_for_window(const Attempt& attempt, const CallOptions& call) const {
  std::optional<Clock::time_point> deadline;
  if (attempt.deadline.count() > 0) deadline = attempt.started + attempt.deadline;
  RatePacer::Ticket ticket = 0;
  switch (pacer_->acquire(call.cancellation, deadline, ticket)) {
    case RatePacer::Wait::acquired:
      break;
    case RatePacer::Wait::cancelled:
      attempt.throw_cancelled(attempt.number - 1);
    case RatePacer::Wait::past_deadline:
      attempt.throw_past_deadline(attempt.number - 1);
  }
  return ticket;
}

// After a failed attempt (classify() returned nothing): how long to wait before the next one,
// or std::nullopt when attempt.failure is the call's answer.
std::optional<milliseconds> RestCaller::next_wait(const Attempt& attempt) const {
  const std::optional<milliseconds> wait =
      attempt.safe_to_repeat ? retry_policy_->next_wait(attempt.retry) : std::nullopt;
  // Waiting past the deadline cannot succeed: report the real failure now instead.
  if (!wait || (attempt.deadline.count() > 0 && *wait >= attempt.remaining())) return std::nullopt;
  return wait;
}

void RestCaller::require_not_io_thread(const char* what) const {
  if (engine_ && engine_->on_io_thread()) {
    throw std::logic_error(std::string("closeio: ") + what +
                           " is a blocking call and may not run on the session's I/O thread "
                           "(inside a completion callback); use its _async form");
  }
}

RestAnswer RestCaller::send(const RestRequest& request, const CallOptions& call) {
  require_not_io_thread("a blocking call");
  Attempt attempt;
  attempt.shown = request.method + " /" + request.path;
  attempt.deadline = call.deadline.count() > 0 ? call.deadline : options_.call_deadline;
  HttpRequest http = http_request(request, call);
  std::uint64_t generation = 0;  // Of the OAuth token the attempt carries.
  std::uint64_t rejected = 0;    // The generation a 401 refused, once.

  for (;; ++attempt.number) {
    if (oauth_) generation = use_grant(http, oauth_->acquire(rejected));
    PacedSlot slot(*pacer_, wait_for_window(attempt, call));
    begin_attempt(attempt, http, call);
    HttpResult result = transport_->perform(http);
    slot.release(result);
    if (options_.logger) log_attempt(http, attempt.number, result);
    if (oauth_ && rejected == 0 && oauth_token_refused(result)) {
      rejected = generation;  // Once: a second 401 is the call's answer.
      continue;
    }
    if (std::optional<RestAnswer> answer = classify(request, result, attempt)) return *answer;
    const std::optional<milliseconds> wait = next_wait(attempt);
    if (!wait) std::rethrow_exception(attempt.failure);
    if (!call.cancellation.sleep_for(*wait)) attempt.throw_cancelled(attempt.number);
    attempt.maybe_performed_before = attempt.maybe_performed_before || attempt.maybe_performed;
  }
}

// One asynchronous call: the loop of send(), unrolled into steps that each end by handing the
// engine a transfer or a timer. It holds the caller weakly: once the session is gone, the call
// ends as cancelled without touching it.
struct RestCaller::AsyncCall : std::enable_shared_from_this<AsyncCall> {
  std::weak_ptr<RestCaller> caller;
  RestRequest request;
  CallOptions call;
  AsyncDone done;
  Attempt attempt;
  HttpRequest http;
  std::uint64_t generation = 0;  // Of the OAuth token the attempt carries.
  std::uint64_t rejected = 0;    // The generation a 401 refused, once.

  // Hands the result over. An error comes with its only reference (moved, never copied, and
  // never from inside a catch block, whose own reference would outlive the call): the caller may
  // read the error on its thread the moment it is handed over, and the exception object's
  // reference count is invisible to ThreadSanitizer (libstdc++ is not instrumented), so this
  // thread must not be the one that frees it, unless the future's shared state (which is
  // instrumented) has told it the caller is done.
  void finish(AsyncResult<RestAnswer> result) {
    AsyncDone callback = std::move(done);
    callback(std::move(result));
  }
  void finish_closed() {
    finish(AsyncResult<RestAnswer>(std::make_exception_ptr(
        CancelledError("closeio: " + attempt.shown + ": cancelled (the session was closed)",
                       attempt.number - 1))));
  }

  void start_attempt() {
    std::shared_ptr<RestCaller> self = caller.lock();
    if (!self) return finish_closed();
    std::exception_ptr refused;
    try {
      self->begin_attempt(attempt, http, call);
    } catch (...) {
      refused = std::current_exception();
    }
    if (refused) {
      // Refused before the first attempt (already cancelled, no deadline left): still answer
      // on the I/O thread, never inside the *_async call itself.
      if (self->engine_->on_io_thread()) return finish(AsyncResult<RestAnswer>(std::move(refused)));
      self->post([async = shared_from_this(), error = std::move(refused)]() mutable {
        async->finish(AsyncResult<RestAnswer>(std::move(error)));
      });
      return;
    }
    if (self->oauth_) {
      // At once when the token is fresh; else when the session's one refresh ends.
      self->oauth_->acquire_async(rejected, [call = shared_from_this()](OAuthGrant grant) {
        call->send_with(std::move(grant));
      });
      return;
    }
    send(*self);
  }

  void send_with(OAuthGrant grant) {
    std::shared_ptr<RestCaller> self = caller.lock();
    if (!self) return finish_closed();
    if (grant.error) {
      // Refreshing has failed for good: answered on the I/O thread, as every call is.
      if (self->engine_->on_io_thread())
        return finish(AsyncResult<RestAnswer>(std::move(grant.error)));
      self->post([async = shared_from_this(), error = std::move(grant.error)]() mutable {
        async->finish(AsyncResult<RestAnswer>(std::move(error)));
      });
      return;
    }
    http.authorization = std::move(grant.authorization);
    generation = grant.generation;
    send(*self);
  }

  void send(RestCaller& self) {
    // The engine may hold the transfer (a full queue, the rate-limit window): that wait counts
    // against the deadline too, and a transfer that cannot start before it is not sent.
    if (attempt.deadline.count() > 0) http.deadline = attempt.started + attempt.deadline;
    self.engine_->perform(http, [call = shared_from_this()](HttpResult result) {
      call->on_result(std::move(result));
    });
  }

  void on_result(HttpResult result) {
    std::shared_ptr<RestCaller> self = caller.lock();
    if (!self) return finish_closed();
    std::optional<std::chrono::milliseconds> wait;
    std::exception_ptr error;
    if (self->oauth_ && rejected == 0 && oauth_token_refused(result)) {
      if (self->options_.logger) self->log_attempt(http, attempt.number, result);
      rejected = generation;  // Once: a second 401 is the call's answer.
      ++attempt.number;
      return start_attempt();
    }
    try {
      if (self->options_.logger) self->log_attempt(http, attempt.number, result);
      if (std::optional<RestAnswer> answer = self->classify(request, result, attempt)) {
        return finish(AsyncResult<RestAnswer>(std::move(*answer)));
      }
      wait = self->next_wait(attempt);
    } catch (...) {
      error = std::current_exception();
    }
    if (error) return finish(AsyncResult<RestAnswer>(std::move(error)));
    if (!wait) return finish(AsyncResult<RestAnswer>(std::exchange(attempt.failure, nullptr)));
    self->engine_->after(*wait, call.cancellation, [call = shared_from_this()](bool interrupted) {
      call->after_wait(interrupted);
    });
  }

  void after_wait(bool interrupted) {
    if (interrupted) {
      if (caller.expired()) return finish_closed();
      std::exception_ptr cancelled;
      try {
        attempt.throw_cancelled(attempt.number);
      } catch (...) {
        cancelled = std::current_exception();
      }
      return finish(AsyncResult<RestAnswer>(std::move(cancelled)));
    }
    attempt.maybe_performed_before = attempt.maybe_performed_before || attempt.maybe_performed;
    ++attempt.number;
    start_attempt();
  }
};

void RestCaller::send_async(RestRequest request, CallOptions call, AsyncDone done) {
  if (!engine_) {
    // A transport given by a test has no engine: the call runs here, blocking.
    try {
      RestAnswer answer = send(request, call);
      done(AsyncResult<RestAnswer>(std::move(answer)));
    } catch (...) {
      done(AsyncResult<RestAnswer>(std::current_exception()));
    }
    return;
  }
  auto async = std::make_shared<AsyncCall>();
  async->caller = weak_from_this();
  async->attempt.shown = request.method + " /" + request.path;
  async->attempt.deadline = call.deadline.count() > 0 ? call.deadline : options_.call_deadline;
  async->http = http_request(request, call);
  async->request = std::move(request);
  async->call = std::move(call);
  async->done = std::move(done);
  async->start_attempt();
}

void RestCaller::post(std::function<void()> work) {
  if (!engine_) return work();
  engine_->after(milliseconds(0), CancellationToken(), [work = std::move(work)](bool) { work(); });
}

void RestCaller::after(milliseconds wait, const CancellationToken& token,
                       std::function<void(bool interrupted)> timer) {
  if (!engine_) return timer(!token.sleep_for(wait));
  engine_->after(wait, token, std::move(timer));
}

// Turns one attempt's result into the call's answer, an exception to throw at once, or (when
// it returns std::nullopt) a failure in `attempt` that the retry policy may retry.
std::optional<RestAnswer> RestCaller::classify(const RestRequest& request, HttpResult& result,
                                               Attempt& attempt) {
  const bool is_post = is_send_once_method(request.method);
  attempt.retry = RetryAttempt();
  attempt.retry.method = request.method;
  attempt.retry.attempt = attempt.number;
  attempt.safe_to_repeat = !is_post;
  // libcurl's own re-send on a new connection means a first copy went out and was lost.
  attempt.maybe_performed = result.resent_by_libcurl;

  switch (result.failure) {
    case TransportFailure::cancelled:
      attempt.throw_cancelled(attempt.number);
    case TransportFailure::past_deadline:
      attempt.throw_past_deadline(attempt.number - 1);  // This attempt was never sent.
    case TransportFailure::too_large:
      throw DecodeError("closeio: " + attempt.shown +
                            ": response body larger than max_response_bytes (" +
                            std::to_string(options_.max_response_bytes) + " bytes)",
                        attempt.number);
    case TransportFailure::none:
      break;
    default: {
      const bool timed_out = result.failure == TransportFailure::timed_out;
      attempt.retry.timed_out = timed_out;
      attempt.maybe_performed = attempt.maybe_performed || result.request_sent;
      attempt.safe_to_repeat = attempt.safe_to_repeat || !result.request_sent;
      attempt.failure = std::make_exception_ptr(TransportError(
          "closeio: " + attempt.shown + ": " + (timed_out ? "timed out: " : "no HTTP answer: ") +
              result.error +
              (attempt.number > 1 ? " (after " + std::to_string(attempt.number) + " attempts)"
                                  : ""),
          timed_out, attempt.number));
      return std::nullopt;
    }
  }

  remember_rate_limit(result.rate_limit);
  if (result.status >= 200 && result.status < 300) {
    return RestAnswer{std::move(result.body), attempt.number, result.status,
                      std::move(result.headers)};
  }
  // A DELETE that an earlier attempt may have carried out finds the object gone: that is the
  // outcome the caller asked for, not an error. A 404 on the first attempt still is one.
  if (request.method == "DELETE" && result.status == 404 &&
      (attempt.maybe_performed_before || attempt.maybe_performed)) {
    return RestAnswer{std::string(), attempt.number, result.status, std::move(result.headers)};
  }
  attempt.retry.status = result.status;
  attempt.maybe_performed = attempt.maybe_performed || is_gateway_failure(result.status);
  ErrorBody parsed = parse_error_body(result.body);
  milliseconds retry_after{0};
  if (result.status == 429) {
    attempt.safe_to_repeat = true;  // Close did not act on a rate-limited request.
    attempt.retry.server_wait = server_requested_wait(result.headers, parsed.rate_reset_seconds,
                                                      std::chrono::system_clock::now());
    retry_after = attempt.retry.server_wait.value_or(milliseconds(0));
  }
  attempt.failure = make_api_error(request.method, "/" + request.path, result.status, result.body,
                                   std::move(parsed), result.headers, retry_after, attempt.number);
  return std::nullopt;
}

void RestCaller::log_attempt(const HttpRequest& request, int attempt,
                             const HttpResult& result) const {
  HttpLogRecord record;
  record.method = request.method;
  record.url = request.url;
  record.attempt = attempt;
  record.status = result.status;
  record.elapsed = result.elapsed;
  record.error = result.error;
  record.http_version = result.http_version;
  HttpHeaders sent = {{"Accept", "application/json"}, {"User-Agent", user_agent_}};
  // An empty override sends no Authorization at all (the OAuth token endpoint).
  if (!request.authorization || !request.authorization->empty()) {
    sent.insert(sent.begin(), {"Authorization", "REDACTED"});
  }
  if (request.has_body) {
    sent.emplace_back("Content-Type",
                      request.content_type.empty() ? "application/json" : request.content_type);
  }
  record.request_headers = redact_headers(sent);
  record.response_headers = redact_headers(result.headers);
  try {
    options_.logger(record);
  } catch (...) {
    // A logging hook must not change the outcome of a call.
  }
}

void RestCaller::remember_rate_limit(const std::optional<RateLimitInfo>& figures) {
  if (!figures) return;
  std::lock_guard<std::mutex> lock(rate_limit_mutex_);
  rate_limit_ = figures;
}

std::optional<RateLimitInfo> RestCaller::rate_limit() const {
  std::lock_guard<std::mutex> lock(rate_limit_mutex_);
  return rate_limit_;
}

}  // namespace closeio::internal
