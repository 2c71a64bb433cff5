// FakeCloseServer: the HTTP side of the emulator (listening, threads, stop, request log,
// scripted answers). What Close answers lives in fake_outcomes_api.cpp and
// fake_activities_api.cpp, behind fake_api_router.cpp.
#include "closeio/testing/fake_close_server.hpp"

#include <dlfcn.h>
#include <httplib.h>
#include <openssl/ssl.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstring>
#include <ctime>
#include <mutex>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <thread>

#include "testing/connection_reaper.hpp"
#include "testing/counting_thread_pool.hpp"
#include "testing/fake_activities_api.hpp"
#include "testing/fake_activity_events.hpp"
#include "testing/fake_activity_records.hpp"
#include "testing/fake_activity_store.hpp"
#include "testing/fake_api_router.hpp"
#include "testing/fake_compression.hpp"
#include "testing/fake_event_log.hpp"
#include "testing/fake_events_api.hpp"
#include "testing/fake_http_answer.hpp"
#include "testing/fake_lead_store.hpp"
#include "testing/fake_leads_api.hpp"
#include "testing/fake_oauth_api.hpp"
#include "testing/fake_oauth_store.hpp"
#include "testing/fake_outcome_json.hpp"
#include "testing/fake_outcome_store.hpp"
#include "testing/fake_outcomes_api.hpp"
#include "testing/fake_rate_limit.hpp"
#include "testing/fake_request_record.hpp"
#include "testing/fake_script_queue.hpp"
#include "testing/fake_webhook_delivery.hpp"
#include "testing/fake_webhook_store.hpp"
#include "testing/fake_webhooks_api.hpp"
#include "testing/silent_close.hpp"

namespace closeio::testing {
namespace {

// Reuse one connection for as many requests as a test sends.
constexpr std::size_t kKeepAliveMaxRequests = 1'000'000;
// How long an idle keep-alive connection stays open, in seconds. stop() does not wait for it
// (see connection_reaper.hpp).
constexpr time_t kKeepAliveTimeoutSeconds = 5;
FakeCloseServerOptions checked(FakeCloseServerOptions options) {
  if (options.rate_limit < 1) {
    throw std::invalid_argument("FakeCloseServer: rate_limit must be 1 or more");
  }
  if (options.rate_limit_window.count() <= 0) {
    throw std::invalid_argument("FakeCloseServer: rate_limit_window must be positive");
  }
  if (options.max_events < 1) {
    throw std::invalid_argument("FakeCloseServer: max_events must be 1 or more");
  }
  if (options.event_retention.count() <= 0) {
    throw std::invalid_argument("FakeCloseServer: event_retention must be positive");
  }
  const FakeWebhookOptions& webhooks = options.webhooks;
  if (webhooks.retry_base_delay.count() < 0 || webhooks.retry_max_delay.count() < 0 ||
      webhooks.give_up_after.count() < 0 || webhooks.pause_after_failing_for.count() < 0 ||
      webhooks.delivery_timeout.count() <= 0) {
    throw std::invalid_argument(
        "FakeCloseServer: webhook delays must not be negative, delivery_timeout positive");
  }
  return options;
}

bool uses_tls(const FakeCloseServerOptions& options) {
  return !options.tls_cert_file.empty() && !options.tls_key_file.empty();
}

// SSL_CTX_sess_hits(ctx): resumed sessions, TLS 1.3 tickets included (checked with OpenSSL 3.0).
// It is a macro over SSL_CTX_ctrl(), which lives in libssl. libssl is loaded (cpp-httplib needs
// it) but is not on this library's link line: cpp-httplib's pkg-config file lists OpenSSL as a
// private requirement, and linkers refuse a symbol of an indirect dependency. So the function is
// looked up at run time; linking OpenSSL::SSL here would allow calling the macro directly.
std::size_t tls_session_hits(SSL_CTX* ctx) {
  using Ctrl = long (*)(SSL_CTX*, int, long, void*);
  static const Ctrl ctrl = [] {
    Ctrl found = nullptr;
    if (void* symbol = dlsym(RTLD_DEFAULT, "SSL_CTX_ctrl")) {
      static_assert(sizeof found == sizeof symbol, "function and object pointers differ in size");
      std::memcpy(&found, &symbol, sizeof found);
    }
    return found;
  }();
  if (ctx == nullptr || ctrl == nullptr) return 0;
  const long hits = ctrl(ctx, SSL_CTRL_SESS_HIT, 0, nullptr);
  return hits > 0 ? static_cast<std::size_t>(hits) : 0;
}

// httplib routes these methods to the handlers registered below; the rest (CONNECT, TRACE,
// PRI) only reach the pre-routing handler.
bool has_route_handler(const std::string& method) {
  return method == "GET" || method == "HEAD" || method == "POST" || method == "PUT" ||
         method == "PATCH" || method == "DELETE" || method == "OPTIONS";
}

}  // namespace

struct FakeCloseServer::Impl {
  explicit Impl(FakeCloseServerOptions opts)
      : options(checked(std::move(opts))),
        store(options.organization_id, options.user_id),
        event_log(options.organization_id, options.max_events, options.event_retention),
        outcomes_api(options, store),
        activities_api(options, activity_store, store, event_log),
        lead_store(options.organization_id, options.user_id),
        leads_api(options, lead_store),
        events_api(event_log),
        webhooks_api(options, webhook_store),
        oauth_api(options, oauth_store),
        api(options, {&outcomes_api, &activities_api, &leads_api, &events_api, &webhooks_api},
            &oauth_api),
        rate_limit(options.rate_limit, options.rate_limit_window, options.enforce_rate_limit),
        webhook_delivery(webhook_store, options.webhooks) {
    // Every event, however recorded, goes to the matching subscriptions.
    event_log.set_listener(
        [this](const internal::StoredEvent& event) { webhook_delivery.enqueue(event); });
  }

  ~Impl() { stop(); }

  void start();
  void stop();
  void serve(const httplib::Request& request, httplib::Response& response);
  void wait_before_answer(std::chrono::milliseconds delay);
  void count(const internal::ApiAnswer& answer);

  const FakeCloseServerOptions options;
  internal::FakeOutcomeStore store;
  internal::FakeActivityStore activity_store;
  internal::FakeEventLog event_log;
  internal::FakeOutcomesApi outcomes_api;
  internal::FakeActivitiesApi activities_api;
  internal::FakeLeadStore lead_store;
  internal::FakeLeadsApi leads_api;
  internal::FakeEventsApi events_api;
  internal::FakeWebhookStore webhook_store;
  internal::FakeWebhooksApi webhooks_api;
  internal::FakeOAuthStore oauth_store;
  internal::FakeOAuthApi oauth_api;
  internal::FakeApiRouter api;
  internal::FakeScriptQueue script;
  internal::FakeRateLimit rate_limit;
  // After webhook_store and event_log: destroyed first, as it refers to the store.
  internal::FakeWebhookDelivery webhook_delivery;

  mutable std::mutex requests_mutex;
  std::vector<RecordedRequest> requests;

  std::atomic<std::size_t> connections{0};
  std::atomic<std::size_t> creates{0};
  std::atomic<std::size_t> writes{0};
  std::atomic<std::size_t> in_flight{0};
  std::atomic<std::size_t> peak_in_flight{0};
  std::atomic<std::size_t> rate_limited{0};

  std::unique_ptr<httplib::Server> http;
  SSL_CTX* ssl_context = nullptr;  // owned by `http` when serving HTTPS
  std::thread listener;
  int port = 0;
  socket_t listening_socket = INVALID_SOCKET;  // written by the socket-options hook before bind

  // Guards the three flags; `state_changed` wakes the constructor (listening / listener_done)
  // and every delayed answer (stopping).
  std::mutex state_mutex;
  std::condition_variable state_changed;
  bool listening = false;
  bool listener_done = false;
  bool stopping = false;

  std::mutex stop_mutex;  // makes concurrent stop() calls join the listener only once
};

void FakeCloseServer::Impl::start() {
  if (uses_tls(options)) {
    auto tls = std::make_unique<httplib::SSLServer>(options.tls_cert_file.c_str(),
                                                    options.tls_key_file.c_str());
    ssl_context = tls->ssl_context();
    http = std::move(tls);
  } else {
    http = std::make_unique<httplib::Server>();
  }
  if (!http->is_valid()) {
    throw std::runtime_error("FakeCloseServer: cannot load TLS certificate " +
                             options.tls_cert_file + " / key " + options.tls_key_file);
  }

  http->set_keep_alive_max_count(kKeepAliveMaxRequests);
  http->set_keep_alive_timeout(kKeepAliveTimeoutSeconds);
  // Headers and body go out in separate writes; without this, Nagle plus the client's delayed
  // ACK can stall each keep-alive answer by tens of milliseconds.
  http->set_tcp_nodelay(true);
  // httplib's default adds SO_REUSEPORT, which lets a second server bind a port already in use
  // and silently share its connections. Only SO_REUSEADDR (rebinding over TIME_WAIT) is wanted,
  // so that a taken port fails to bind as documented. httplib calls this for the socket it is
  // about to bind, which is how the listening socket is known (its backlog is raised after bind).
  http->set_socket_options([this](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    listening_socket = sock;
  });

  const auto threads = static_cast<std::size_t>(std::max(options.threads, 1));
  // httplib creates the task queue once, right after it starts accepting: the signal that the
  // constructor may return.
  http->new_task_queue = [this, threads]() -> httplib::TaskQueue* {
    auto* pool = new internal::CountingThreadPool(threads, connections);
    {
      std::lock_guard<std::mutex> lock(state_mutex);
      listening = true;
    }
    state_changed.notify_all();
    return pool;
  };

  // Every answer is encoded here, before cpp-httplib sees it (see fake_compression.hpp).
  auto handler = [this](const httplib::Request& request, httplib::Response& response) {
    serve(request, response);
    internal::encode_answer(options.compression, request, response);
  };
  // Every path, control characters included: ECMAScript's "." stops at CR and LF, so ".*" let a
  // decoded "%0D%0A" fall through to httplib's own 404, unrecorded and not in Close's shape.
  const std::string any_path = "[\\s\\S]*";
  http->Get(any_path, handler);  // HEAD too
  http->Post(any_path, handler);
  http->Put(any_path, handler);
  http->Patch(any_path, handler);
  http->Delete(any_path, handler);
  http->Options(any_path, handler);
  http->set_pre_routing_handler(
      [this](const httplib::Request& request, httplib::Response& response) {
        if (has_route_handler(request.method)) return httplib::Server::HandlerResponse::Unhandled;
        serve(request, response);  // recorded and answered 405/404/401 like any other
        internal::encode_answer(options.compression, request, response);
        return httplib::Server::HandlerResponse::Handled;
      });
  http->set_exception_handler([this](const httplib::Request& request, httplib::Response& response,
                                     const std::exception_ptr&) {
    response.status = 500;
    response.set_content(internal::error_body("Internal Server Error"), "application/json");
    try {
      internal::encode_answer(options.compression, request, response);
    } catch (...) {
      // Nothing may escape this handler; cpp-httplib then sends the body its own way.
    }
  });

  if (options.port == 0) {
    port = http->bind_to_any_port(options.host);
  } else {
    port = http->bind_to_port(options.host, options.port) ? options.port : -1;
  }
  if (port < 0) {
    throw std::runtime_error("FakeCloseServer: cannot listen on " + options.host + ":" +
                             std::to_string(options.port));
  }
  // httplib listens with a backlog of 5: a burst of parallel connects overflows it, and each
  // dropped SYN stalls its client for the 1 s SYN retransmission timeout. Calling listen()
  // again on a listening socket only raises the backlog.
  ::listen(listening_socket, SOMAXCONN);

  listener = std::thread([this] {
    http->listen_after_bind();
    {
      std::lock_guard<std::mutex> lock(state_mutex);
      listener_done = true;
    }
    state_changed.notify_all();
  });
  bool ok = false;
  {
    std::unique_lock<std::mutex> lock(state_mutex);
    state_changed.wait(lock, [this] { return listening || listener_done; });
    ok = listening;
  }
  if (!ok) {
    listener.join();
    throw std::runtime_error("FakeCloseServer: the listener stopped before accepting");
  }
}

void FakeCloseServer::Impl::stop() {
  std::lock_guard<std::mutex> call(stop_mutex);
  webhook_delivery.stop();
  {
    std::lock_guard<std::mutex> lock(state_mutex);
    stopping = true;
  }
  state_changed.notify_all();  // cuts latency and scripted delays short
  if (!listener.joinable()) return;
  http->stop();  // closes the listening socket
  internal::shut_down_accepted_connections(options.host, port);
  listener.join();  // httplib joins its workers before listen_after_bind() returns
}

void FakeCloseServer::Impl::serve(const httplib::Request& request, httplib::Response& response) {
  // Counts requests being answered at once, for tests of a client's bound on requests in flight.
  struct InFlight {
    Impl& impl;
    explicit InFlight(Impl& i) : impl(i) {
      const std::size_t now = impl.in_flight.fetch_add(1) + 1;
      std::size_t peak = impl.peak_in_flight.load();
      while (now > peak && !impl.peak_in_flight.compare_exchange_weak(peak, now)) {
      }
    }
    ~InFlight() { impl.in_flight.fetch_sub(1); }
  } in_flight_guard(*this);
  RecordedRequest record = internal::record_request(request);
  {
    std::lock_guard<std::mutex> lock(requests_mutex);
    requests.push_back(record);
  }

  if (std::optional<ScriptedResponse> scripted = script.take(record.method, record.path)) {
    // A "performed" scripted answer models a write that reached Close but whose answer was
    // replaced or lost: the state changes first, the scripted answer is what the client sees.
    if (scripted->perform) count(api.handle(record));
    wait_before_answer(options.latency + scripted->delay);
    if (scripted->fault == Fault::close_silently) {
      internal::close_connection_silently(port, request.remote_port);
      return;  // httplib's attempt to answer fails on the closed socket.
    }
    internal::write_scripted_answer(*scripted, response);
    return;
  }

  const internal::FakeRateDecision rate = rate_limit.next();
  if (!rate.allowed) {  // Refused before anything is carried out, as Close does.
    rate_limited.fetch_add(1);
    wait_before_answer(options.latency);
    internal::write_api_answer(rate.refusal, rate.header, response);
    return;
  }
  const internal::ApiAnswer answer = api.handle(record);
  count(answer);
  wait_before_answer(options.latency);
  if (answer.drop_connection) {  // Carried out, but the client never gets the answer.
    internal::close_connection_silently(port, request.remote_port);
    return;
  }
  internal::write_api_answer(answer, rate.header, response);
}

void FakeCloseServer::Impl::wait_before_answer(std::chrono::milliseconds delay) {
  if (delay <= std::chrono::milliseconds::zero()) return;
  std::unique_lock<std::mutex> lock(state_mutex);
  state_changed.wait_for(lock, delay, [this] { return stopping; });
}

void FakeCloseServer::Impl::count(const internal::ApiAnswer& answer) {
  if (answer.created) creates.fetch_add(1);
  if (answer.wrote) writes.fetch_add(1);
}

FakeCloseServer::FakeCloseServer(FakeCloseServerOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {
  impl_->start();
}

FakeCloseServer::~FakeCloseServer() { stop(); }

void FakeCloseServer::stop() { impl_->stop(); }

int FakeCloseServer::port() const { return impl_->port; }

std::string FakeCloseServer::base_url() const {
  const std::string& host = impl_->options.host;
  // An IPv6 literal needs brackets in a URL.
  const std::string authority = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  return std::string(uses_tls(impl_->options) ? "https" : "http") + "://" + authority + ":" +
         std::to_string(impl_->port) + "/api/v1/";
}

std::string FakeCloseServer::oauth_token_url() const {
  std::string url = base_url();
  url.resize(url.size() - std::string("api/v1/").size());
  return url + "oauth2/token/";
}

std::string FakeCloseServer::mint_oauth_code(const std::string& redirect_uri) {
  return impl_->oauth_store.mint_code(redirect_uri);
}

OAuthTokens FakeCloseServer::issue_oauth_tokens() { return impl_->oauth_store.issue(); }

void FakeCloseServer::set_oauth_access_token_lifetime(std::chrono::seconds lifetime) {
  impl_->oauth_store.set_lifetime(lifetime);
}

void FakeCloseServer::expire_oauth_access_tokens() { impl_->oauth_store.expire_all(); }

bool FakeCloseServer::revoke_oauth_token(const std::string& token) {
  return impl_->oauth_store.revoke(token);
}

void FakeCloseServer::drop_next_oauth_refresh_answer() { impl_->oauth_store.arm_drop(); }

std::size_t FakeCloseServer::oauth_token_requests() const {
  return impl_->oauth_api.token_requests();
}

std::size_t FakeCloseServer::oauth_refresh_requests() const {
  return impl_->oauth_api.refresh_requests();
}

std::size_t FakeCloseServer::oauth_refreshes_performed() const {
  return impl_->oauth_api.refreshes_performed();
}

Outcome FakeCloseServer::seed(const OutcomeCreate& outcome) {
  if (outcome.type == OutcomeType::unknown) {
    throw std::invalid_argument("FakeCloseServer::seed: OutcomeType::unknown has no wire value");
  }
  internal::NewOutcome fields;
  fields.name = outcome.name;
  fields.description = outcome.description;
  fields.type = outcome.type.value_or(OutcomeType::custom);
  return impl_->store.create(fields);
}

void FakeCloseServer::seed_many(std::size_t count, const std::string& prefix) {
  impl_->store.create_many(count, prefix);
}

std::vector<Outcome> FakeCloseServer::outcomes() const { return impl_->store.all(); }

void FakeCloseServer::clear_outcomes() { impl_->store.clear(); }

bool FakeCloseServer::remove_outcome(const std::string& id) { return impl_->store.remove(id); }

Call FakeCloseServer::seed_call(const CallLog& call) {
  FakeCallSeed seed;
  seed.call = call;
  return seed_call(seed);
}

Call FakeCloseServer::seed_call(const FakeCallSeed& seed) {
  internal::StoredCall stored =
      internal::new_call(internal::seed_changes(seed), impl_->options, internal::now_utc());
  if (seed.disposition) stored.call.disposition = seed.disposition;
  const internal::StoredCall added = impl_->activity_store.add_call(std::move(stored));
  internal::record_call_created(impl_->event_log, added, internal::EventOrigin{});
  return added.call;
}

std::vector<std::string> FakeCloseServer::seed_calls(
    std::size_t count, const std::function<FakeCallSeed(std::size_t)>& make) {
  const Timestamp now = internal::now_utc();
  std::vector<internal::StoredCall> calls;
  calls.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const FakeCallSeed seed = make(i);
    calls.push_back(internal::new_call(internal::seed_changes(seed), impl_->options, now));
    if (seed.disposition) calls.back().call.disposition = seed.disposition;
  }
  return impl_->activity_store.add_calls(std::move(calls));
}

Meeting FakeCloseServer::seed_meeting(const FakeMeetingSeed& seed) {
  const internal::StoredMeeting added = impl_->activity_store.add_meeting(
      internal::new_meeting(seed, impl_->options, internal::now_utc()));
  internal::record_meeting_created(impl_->event_log, added, internal::EventOrigin{});
  return added.meeting;
}

std::optional<Meeting> FakeCloseServer::set_meeting_status(const std::string& id,
                                                           MeetingStatus status) {
  if (status == MeetingStatus::unknown) {
    throw std::invalid_argument("FakeCloseServer::set_meeting_status: MeetingStatus::unknown");
  }
  std::optional<internal::StoredMeeting> before;
  const std::optional<internal::StoredMeeting> after =
      impl_->activity_store.update_meeting(id, [&](internal::StoredMeeting& meeting) {
        before = meeting;
        meeting.meeting.status = status;
        meeting.meeting.date_updated = internal::now_utc();
      });
  if (!after) return std::nullopt;
  internal::record_meeting_updated(impl_->event_log, *before, *after, internal::EventOrigin{});
  return after->meeting;
}

std::optional<Call> FakeCloseServer::set_call_status(const std::string& id, CallStatus status) {
  if (status == CallStatus::unknown) {
    throw std::invalid_argument("FakeCloseServer::set_call_status: CallStatus::unknown");
  }
  internal::CallChanges changes;
  changes.status.sent = true;
  changes.status.value = status;
  std::optional<internal::StoredCall> before;
  const std::optional<internal::StoredCall> after =
      impl_->activity_store.update_call(id, [&](internal::StoredCall& call) {
        before = call;
        internal::apply_call_update(changes, impl_->options, internal::now_utc(), call);
      });
  if (!after) return std::nullopt;
  internal::record_call_updated(impl_->event_log, *before, *after, internal::EventOrigin{});
  return after->call;
}

std::vector<Event> FakeCloseServer::events() const {
  std::vector<Event> events;
  for (const internal::StoredEvent& stored : impl_->event_log.all()) {
    events.push_back(internal::to_public_event(stored));
  }
  return events;
}

std::size_t FakeCloseServer::event_count() const { return impl_->event_log.size(); }

Event FakeCloseServer::seed_event(const FakeEventSeed& seed) {
  const auto parse = [](const std::optional<std::string>& text, const char* name) {
    if (!text) return nlohmann::ordered_json(nullptr);
    nlohmann::ordered_json json = nlohmann::ordered_json::parse(*text, nullptr, false);
    if (json.is_discarded()) {
      throw std::invalid_argument(std::string("FakeCloseServer::seed_event: ") + name +
                                  " is not valid JSON");
    }
    return json;
  };
  internal::EventRecord record;
  record.object_type = seed.object_type;
  record.object_id = seed.object_id;
  record.action = seed.action;
  record.user_id = seed.user_id;
  record.lead_id = seed.lead_id;
  record.request_id = seed.request_id;
  record.changed_fields = seed.changed_fields;
  record.data = parse(seed.data, "data");
  record.previous_data = parse(seed.previous_data, "previous_data");
  record.date_created = seed.date_created;
  record.date_updated = seed.date_updated;
  return internal::to_public_event(impl_->event_log.append(std::move(record)));
}

void FakeCloseServer::clear_events() { impl_->event_log.clear(); }

void FakeCloseServer::inject_delivery_fault(FakeDeliveryFault fault, std::size_t count) {
  impl_->webhook_delivery.inject(fault, count);
}

FakeDeliveryStats FakeCloseServer::delivery_stats(const std::string& subscription_id) const {
  return impl_->webhook_delivery.stats(subscription_id);
}

std::vector<FakeDeliveryAttempt> FakeCloseServer::delivery_attempts() const {
  return impl_->webhook_delivery.attempts();
}

std::size_t FakeCloseServer::deliveries_pending() const {
  return impl_->webhook_delivery.pending();
}

bool FakeCloseServer::wait_for_deliveries_idle(std::chrono::milliseconds timeout) const {
  return impl_->webhook_delivery.wait_idle(timeout);
}

std::vector<Call> FakeCloseServer::calls() const {
  std::vector<Call> calls;
  for (internal::StoredCall& stored : impl_->activity_store.all_calls()) {
    calls.push_back(std::move(stored.call));
  }
  return calls;
}

std::vector<Meeting> FakeCloseServer::meetings() const {
  std::vector<Meeting> meetings;
  for (internal::StoredMeeting& stored : impl_->activity_store.all_meetings()) {
    meetings.push_back(std::move(stored.meeting));
  }
  return meetings;
}

void FakeCloseServer::clear_activities() { impl_->activity_store.clear(); }

std::string FakeCloseServer::seed_lead(const FakeLeadSeed& seed) {
  return impl_->lead_store.add(seed)["id"].get<std::string>();
}

std::vector<std::string> FakeCloseServer::lead_ids() const { return impl_->lead_store.ids(); }

void FakeCloseServer::script(ScriptedResponse response) { impl_->script.push(std::move(response)); }

void FakeCloseServer::clear_script() { impl_->script.clear(); }

std::vector<RecordedRequest> FakeCloseServer::requests() const {
  std::lock_guard<std::mutex> lock(impl_->requests_mutex);
  return impl_->requests;
}

void FakeCloseServer::clear_requests() {
  std::lock_guard<std::mutex> lock(impl_->requests_mutex);
  impl_->requests.clear();
}

std::size_t FakeCloseServer::connection_count() const { return impl_->connections.load(); }

std::size_t FakeCloseServer::peak_requests_in_flight() const {
  return impl_->peak_in_flight.load();
}

std::size_t FakeCloseServer::creates_performed() const { return impl_->creates.load(); }

std::size_t FakeCloseServer::writes_performed() const { return impl_->writes.load(); }

std::size_t FakeCloseServer::requests_rate_limited() const { return impl_->rate_limited.load(); }

std::size_t FakeCloseServer::tls_sessions_resumed() const {
  return tls_session_hits(impl_->ssl_context);
}

}  // namespace closeio::testing
