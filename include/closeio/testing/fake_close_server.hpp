/// @file
/// A local Close API emulator (outcomes, calls, meetings, events, webhooks) for tests: real
/// HTTP on a loopback port, real state. Part of the optional `closeio::testing` component.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "closeio/call.hpp"
#include "closeio/event.hpp"
#include "closeio/export.hpp"
#include "closeio/meeting.hpp"
#include "closeio/outcome.hpp"
#include "closeio/timestamp.hpp"

namespace closeio::testing {

/// How the emulator compresses the JSON and text bodies of its answers (scripted ones included,
/// unless they set their own Content-Encoding), given what the request's Accept-Encoding allows.
/// The levels are fast ones, as servers use for answers made per request.
enum class FakeCompression {
  none,    ///< Never: bodies go out as they are, without Content-Encoding.
  gzip,    ///< `gzip` (zlib level 1) when accepted, else none.
  brotli,  ///< `br` (quality 4) when accepted, else `gzip` when accepted, else none.
};

/// How the emulator delivers webhooks and answers `/webhook/`. The retry schedule is Close's
/// shape (exponential backoff up to a cap, given up after a window); its numbers are settable so
/// that tests run in milliseconds.
struct FakeWebhookOptions {
  /// Wait before the first retry of a failed delivery; each further retry waits twice as long
  /// as the one before, up to `retry_max_delay`. Default: 1 s.
  std::chrono::milliseconds retry_base_delay{1000};
  /// Longest wait between two attempts of one delivery. Default: 20 minutes (Close's spacing).
  std::chrono::milliseconds retry_max_delay = std::chrono::minutes(20);
  /// A delivery still failing this long after its first attempt is dropped. Default: 72 hours.
  std::chrono::milliseconds give_up_after = std::chrono::hours(72);
  /// Pause a subscription (status "paused", pause_reason "failing") and drop its queued
  /// deliveries after this many failed attempts in a row; 0: never by count. Default: 0.
  std::size_t pause_after_failures = 0;
  /// Pause a subscription whose every attempt has failed for this long, like Close's three
  /// days. Default: 72 hours.
  std::chrono::milliseconds pause_after_failing_for = std::chrono::hours(72);
  /// Connect, send and receive timeout of one delivery POST. Default: 10 s.
  std::chrono::milliseconds delivery_timeout{10000};
  /// Subscriptions allowed; creating one more answers 400. Default: 40 (Close's limit).
  std::size_t max_subscriptions = 40;
  /// True: `signature_key` in every `/webhook/` answer; false: only in the create answer (the
  /// sources disagree; clients must store the key at creation). Default: false.
  bool signature_key_in_every_answer = false;
};

/// How the emulator is started. Defaults suit a unit test.
struct FakeCloseServerOptions {
  std::string host = "127.0.0.1";  ///< Address to listen on. Default: IPv4 loopback.
  int port = 0;                    ///< Port; 0 picks a free ephemeral port. Default: 0.
  /// API key accepted with HTTP Basic (`key:`). Default: "test-api-key".
  std::string api_key = "test-api-key";
  /// OAuth token accepted with `Authorization: Bearer`. Default: "test-access-token".
  std::string access_token = "test-access-token";
  /// organization_id given to every outcome, call and meeting.
  /// Default: "orga_fake0000000000000000000".
  std::string organization_id = "orga_fake0000000000000000000";
  /// The user the credentials belong to: created_by / updated_by of every write, and the
  /// user_id of a call logged without one. Default: "user_fake0000000000000000000".
  std::string user_id = "user_fake0000000000000000000";
  /// Delay added before every answer, in milliseconds. The worker serving the connection waits
  /// it out, so `threads` bounds how many answers are delayed at once. Default: 0.
  std::chrono::milliseconds latency{0};
  /// When both are set, serve HTTPS with this PEM certificate and key. Default: plain HTTP.
  std::string tls_cert_file;
  std::string tls_key_file;  ///< PEM private key for tls_cert_file.
  /// Largest `_limit` accepted; above it the answer is 400 like Close's. Default: 1000.
  int max_limit = 1000;
  /// Content encoding of answer bodies (see FakeCompression). Default: gzip.
  FakeCompression compression = FakeCompression::gzip;
  /// Worker threads, i.e. connections served at once. Default: 16.
  int threads = 16;
  /// Requests allowed per rate-limit window, reported in the `RateLimit` header of the
  /// emulator's own answers (`limit=..., remaining=..., reset=<seconds>`; scripted answers carry
  /// only their own headers). Must be 1 or more. Default: 600.
  int rate_limit = 600;
  /// Length of a rate-limit window, in milliseconds; a window starts with the first request
  /// after the previous one ended. Must be positive. Default: 1000 (1 s).
  std::chrono::milliseconds rate_limit_window{1000};
  /// When true, a request beyond `rate_limit` in its window is not carried out: it is answered
  /// 429 with Close's body (`rate_reset`, `rate_limit`, `rate_window`, ... under `error`), a
  /// `RateLimit` header with `remaining=0`, and `Retry-After` (whole seconds, rounded up), and
  /// counted by FakeCloseServer::requests_rate_limited(). Default: false (only reported).
  bool enforce_rate_limit = false;
  /// The `api_key_id` of the events of requests authenticated with the API key (Bearer requests
  /// get null). Default: "api_fake0000000000000000000".
  std::string api_key_id = "api_fake0000000000000000000";
  /// Most events the Event Log keeps; the oldest go first. Must be 1 or more. Default: 100,000.
  std::size_t max_events = 100000;
  /// How far back the Event Log reaches (by date_updated), like Close's 30 days. Must be
  /// positive. Default: 30 days.
  std::chrono::milliseconds event_retention = std::chrono::hours(24 * 30);
  /// Webhook subscriptions and deliveries (see FakeWebhookOptions).
  FakeWebhookOptions webhooks;
};

/// What a scripted answer does to the connection.
enum class Fault {
  none,              ///< Answer normally with status, headers and body.
  drop_mid_body,     ///< Send status, headers and half the body (Content-Length promises all),
                     ///< then close the connection.
  close_connection,  ///< Send the status line and headers of a chunked answer, then close:
                     ///< the client sees the connection die before any body.
  close_silently     ///< Close the connection without sending a byte, as a server whose
                     ///< keep-alive connection died does: on a reused connection, libcurl
                     ///< sends the request again unless it cannot (see `perform`).
};

/// An answer a test queues for the next matching request. Scripted answers are served in FIFO
/// order instead of the emulator's own, and each is used `times` times.
struct ScriptedResponse {
  int status = 200;                                          ///< HTTP status. Default: 200.
  std::vector<std::pair<std::string, std::string>> headers;  ///< Extra response headers.
  std::string body;                                          ///< Sent as is.
  std::string content_type = "application/json";             ///< Content-Type of the body.
  std::chrono::milliseconds delay{0};  ///< Wait before answering (cut short by stop()).
  Fault fault = Fault::none;           ///< Connection-level misbehaviour. Default: none.
  std::string method;                  ///< Only requests with this method; empty: any.
  std::string path;                    ///< Only requests with this exact path; empty: any.
  int times = 1;                       ///< How many requests this answer serves. Default: 1.
  /// Also carry out the operation on the emulator's state before answering (a write that
  /// "reached the server" but whose answer was lost). Default: false.
  bool perform = false;
};

/// A call to store as if Close already had it (FakeCloseServer::seed_call). Unlike a call logged
/// over HTTP, nothing is checked against the outcomes: `call.outcome_id` may name an unknown or
/// a deleted outcome, which is how a test gets a call that refers to a deleted outcome.
struct FakeCallSeed {
  /// The call's fields as a log would carry them. Unset members get the log's defaults: user_id
  /// the options' user_id, status completed, duration 0 s, note "", activity_at the
  /// date_created, no direction, no outcome. direction and status must not be `unknown`, and
  /// duration must be 0 to 604800 s.
  CallLog call;
  /// When Close stored the call (UTC); date_updated is the same. Default: now.
  std::optional<Timestamp> date_created;
  /// How the call ended. Default: derived from the status (completed -> answered,
  /// no-answer/timeout -> no-answer, busy -> busy, failed -> error, cancel -> abandoned, none
  /// while created or in progress). Must not be `unknown`.
  std::optional<CallDisposition> disposition;
  /// True for a call made through Close's VoIP (source "Close.io"; a PUT may then not change
  /// its status or duration). Default: false, an external call (source "External").
  bool close_voip = false;
};

/// A meeting to store (FakeCloseServer::seed_meeting). Close's API cannot create meetings (they
/// are synced from calendars), so this is the only way to get one. Nothing is checked against
/// the outcomes: `outcome_id` may name an unknown or a deleted outcome.
struct FakeMeetingSeed {
  std::optional<std::string> lead_id;     ///< "lead_..." it belongs to. Default: none (null).
  std::optional<std::string> contact_id;  ///< "cont_..." invited. Default: none (null).
  std::optional<std::string> user_id;     ///< Owner, "user_...". Default: the options' user_id.
  std::optional<std::string> outcome_id;  ///< "outcome_...". Default: none (null).
  std::string title = "Meeting";          ///< Calendar event title. Default: "Meeting".
  /// Scheduled start (UTC); also the meeting's activity_at. Default: date_created.
  std::optional<Timestamp> starts_at;
  /// Scheduled length; ends_at is starts_at + duration. Default: 3600 s; must not be negative.
  std::chrono::seconds duration{3600};
  /// Default: completed when the meeting ended before now, upcoming otherwise. Not `unknown`.
  std::optional<MeetingStatus> status;
  /// When Close synced it (UTC); date_updated is the same. Default: now.
  std::optional<Timestamp> date_created;
};

/// An event to put straight into the Event Log (FakeCloseServer::seed_event), e.g. of an object
/// type the emulator does not serve, or dated in the past. It is delivered to matching webhook
/// subscriptions like any other event.
struct FakeEventSeed {
  std::string object_type = "activity.call";  ///< Default: "activity.call".
  std::string object_id;                      ///< Default: empty.
  std::string action = "updated";             ///< Default: "updated".
  std::optional<std::string> user_id;         ///< Default: none (null).
  std::optional<std::string> lead_id;         ///< Default: none (null).
  std::optional<std::string> request_id;      ///< Default: none (null).
  std::vector<std::string> changed_fields;    ///< Default: empty.
  /// The object as raw JSON text; must be valid JSON. Default: none (null).
  std::optional<std::string> data;
  /// Earlier values / the deleted object as raw JSON text; must be valid JSON. Default: null.
  std::optional<std::string> previous_data;
  /// When the event was created (UTC). Default: now.
  std::optional<Timestamp> date_created;
  /// When it was last updated (UTC); orders the log. Default: date_created.
  std::optional<Timestamp> date_updated;
};

/// A misbehaviour injected into the emulator's next webhook delivery attempts
/// (FakeCloseServer::inject_delivery_fault), to test receivers and retries.
enum class FakeDeliveryFault {
  fail_without_sending,  ///< Not sent; counted as a failed attempt (as a refused connection).
  fail_after_sending,    ///< Sent, then counted as failed whatever the answer: the receiver
                         ///< gets the same event again on the retry.
  duplicate,             ///< Sent twice, byte for byte (same timestamp and signature); the
                         ///< first answer counts.
};

/// Counters of the deliveries to one subscription (FakeCloseServer::delivery_stats).
struct FakeDeliveryStats {
  std::size_t attempted = 0;   ///< Attempts, injected failures included; duplicates not.
  std::size_t succeeded = 0;   ///< Attempts answered 2xx (and not injected as failed).
  std::size_t failed = 0;      ///< Attempts that failed: non-2xx, no answer, or injected.
  std::size_t duplicates = 0;  ///< Extra POSTs sent by FakeDeliveryFault::duplicate.
  std::size_t dropped = 0;     ///< Deliveries given up: too old, or subscription paused/gone.
};

/// One delivery attempt, as the emulator made it (FakeCloseServer::delivery_attempts).
struct FakeDeliveryAttempt {
  std::string subscription_id;  ///< "whsub_...".
  std::string event_id;         ///< "ev_..." delivered.
  int attempt = 1;              ///< 1 for the first try of this delivery, 2 for the first retry...
  int status = 0;               ///< HTTP status answered; 0 when nothing was sent or answered.
  bool succeeded = false;       ///< Counted as delivered.
  /// The wait before this attempt, as the backoff decided it (0 for the first attempt).
  std::chrono::milliseconds backoff{0};
  std::optional<FakeDeliveryFault> fault;  ///< The injected fault, if any.
};

/// A request as the emulator received it.
struct CLOSEIO_EXPORT RecordedRequest {
  std::string method;  ///< "GET", "POST", ...
  std::string target;  ///< Raw request target as sent, e.g. "/api/v1/outcome/?_limit=2".
  std::string path;    ///< Decoded path, e.g. "/api/v1/outcome/".
  std::vector<std::pair<std::string, std::string>> query;    ///< Decoded query parameters.
  std::vector<std::pair<std::string, std::string>> headers;  ///< Names lower-cased.
  std::string body;                                          ///< Request body.
  /// First value of header `name` (lower-case), or an empty string.
  std::string header(const std::string& name) const;
};

/// The emulator. Serves, like Close:
/// - `/api/v1/outcome/` (GET, POST) and `/api/v1/outcome/{id}/` (GET, PUT, DELETE);
/// - `/api/v1/activity/call/` (GET; POST logs an external call and answers 200) and
///   `/api/v1/activity/call/{id}/` (GET, PUT, DELETE);
/// - `/api/v1/activity/meeting/` (GET; meetings cannot be created) and
///   `/api/v1/activity/meeting/{id}/` (GET, PUT, DELETE);
/// - `/api/v1/event/` and `/api/v1/event/{id}/` (GET): the Event Log of the calls and meetings
///   changed through the emulator, with Close's filters, filter combinations and cursors;
/// - `/api/v1/webhook/` (GET, POST) and `/api/v1/webhook/{id}/` (GET, PUT, DELETE), and signed
///   webhook deliveries to the subscribed URLs, retried with backoff (see FakeWebhookOptions).
/// docs/guides/emulator-events.md describes the events, webhooks and deliveries.
/// Basic and Bearer auth with 401, validation with Close's 400 bodies, 404 for unknown ids and
/// for paths without the trailing slash, 405 for other methods, `_limit`/`_skip`/`_fields`,
/// has_more. The activity lists filter by `lead_id`, `user_id`, `contact_id`, `id__in` (one id or
/// several comma-separated), `date_created__gt/__gte/__lt/__lte` and `activity_at__gt/__gte/
/// __lt/__lte` (an ISO 8601 date-time or date, read at the `X-TZ-Offset` header's offset when it
/// has none; anything else, such as an offset whose '+' arrived as a space, is a 400); other
/// query parameters are ignored. Lists are newest first (Close documents no order). A PUT acts
/// as a patch; an `outcome_id` that names no outcome, a deleted one, or (on a meeting) a
/// vm-dropped one is a 400 with a field error on `outcome_id`. Deleting an outcome leaves the
/// calls and meetings that refer to it unchanged.
/// Thread-safe: tests may inspect and script it while it serves.
class CLOSEIO_EXPORT FakeCloseServer {
 public:
  /// Starts listening at once; throws std::runtime_error when the port cannot be bound, and
  /// std::invalid_argument for a rate_limit below 1 or a rate_limit_window that is not positive.
  explicit FakeCloseServer(FakeCloseServerOptions options = {});
  /// Stops serving and joins every thread.
  ~FakeCloseServer();
  FakeCloseServer(const FakeCloseServer&) = delete;
  FakeCloseServer& operator=(const FakeCloseServer&) = delete;

  /// Stops serving; in-flight scripted delays are cut short. Idempotent.
  void stop();
  /// The bound port.
  int port() const;
  /// "http://127.0.0.1:<port>/api/v1/" (https when TLS is configured).
  std::string base_url() const;

  /// Adds an outcome as if created now (id, organization, timestamps filled in); returns it.
  Outcome seed(const OutcomeCreate& outcome);
  /// Adds `count` outcomes named "<prefix> 00001"... in order; fast, for large lists.
  void seed_many(std::size_t count, const std::string& prefix = "Outcome");
  /// The stored outcomes in list order.
  std::vector<Outcome> outcomes() const;
  /// Removes every outcome (and forgets which were deleted).
  void clear_outcomes();
  /// Deletes an outcome as `DELETE /outcome/{id}/` does: calls and meetings keep referring to it,
  /// and setting it again is refused as deleted. False for an unknown id.
  bool remove_outcome(const std::string& id);

  /// Adds an external call logged now with these fields (see FakeCallSeed for the defaults);
  /// returns it with its new "acti_..." id. Throws std::invalid_argument for an `unknown` enum
  /// or a duration outside 0..604800 s.
  Call seed_call(const CallLog& call);
  /// Adds a call as described by `seed`; returns it. Throws std::invalid_argument as above.
  Call seed_call(const FakeCallSeed& seed);
  /// Adds a meeting as described by `seed`; returns it with its new "acti_..." id. Throws
  /// std::invalid_argument for MeetingStatus::unknown or a negative duration.
  Meeting seed_meeting(const FakeMeetingSeed& seed);
  /// The stored calls in list order (newest date_created first).
  std::vector<Call> calls() const;
  /// The stored meetings in list order (newest date_created first).
  std::vector<Meeting> meetings() const;
  /// Removes every call and meeting (no events are recorded for this).
  void clear_activities();
  /// Changes a meeting's status as Close does when a meeting starts, ends or is canceled
  /// (the API cannot): records `activity.meeting` `updated` and then `scheduled`, `started`,
  /// `completed` or `canceled`. Returns the meeting; std::nullopt for an unknown id. Throws
  /// std::invalid_argument for MeetingStatus::unknown.
  std::optional<Meeting> set_meeting_status(const std::string& id, MeetingStatus status);
  /// Changes a call's status as Close's VoIP does while a call progresses (allowed on any
  /// call): records `activity.call` `updated`, then `answered` (created -> in-progress) or
  /// `completed` (to an ended status). std::nullopt for an unknown id. Throws
  /// std::invalid_argument for CallStatus::unknown.
  std::optional<Call> set_call_status(const std::string& id, CallStatus status);

  /// The Event Log, newest first (by date_updated, then recording order). Calls and meetings
  /// created, updated or deleted over HTTP, seeded or changed by set_*_status() are recorded;
  /// seeding gives events without request_id and user_id.
  std::vector<Event> events() const;
  /// How many events the log holds (within max_events and event_retention).
  std::size_t event_count() const;
  /// Adds an event as described (see FakeEventSeed); returns it with its new "ev_..." id.
  /// Throws std::invalid_argument when data or previous_data is not valid JSON.
  Event seed_event(const FakeEventSeed& seed);
  /// Empties the Event Log.
  void clear_events();

  /// Makes the next `count` delivery attempts (of any subscription) misbehave as `fault` says.
  /// Faults queue up in the order injected.
  void inject_delivery_fault(FakeDeliveryFault fault, std::size_t count = 1);
  /// The delivery counters of a subscription (all zero for an unknown id).
  FakeDeliveryStats delivery_stats(const std::string& subscription_id) const;
  /// Every delivery attempt so far, in the order made.
  std::vector<FakeDeliveryAttempt> delivery_attempts() const;
  /// Deliveries queued or waiting for a retry, plus the one being sent.
  std::size_t deliveries_pending() const;
  /// Blocks until no delivery is queued, waiting for a retry, or being sent (retries under
  /// backoff included), or until `timeout` passes. True when idle.
  bool wait_for_deliveries_idle(std::chrono::milliseconds timeout) const;

  /// Queues a scripted answer (see ScriptedResponse).
  void script(ScriptedResponse response);
  /// Drops scripted answers not yet served.
  void clear_script();

  /// Every request received, in arrival order.
  std::vector<RecordedRequest> requests() const;
  /// Forgets the recorded requests.
  void clear_requests();
  /// TCP connections accepted so far.
  std::size_t connection_count() const;
  /// The most requests that were being answered at the same moment so far (a request counts
  /// from its arrival until its answer is written, latency and scripted delays included).
  std::size_t peak_requests_in_flight() const;
  /// Objects created over HTTP so far: outcomes and logged calls (POSTs that changed state,
  /// scripted `perform` ones included). Seeding does not count.
  std::size_t creates_performed() const;
  /// Writes (POST, PUT, DELETE) of outcomes, calls and meetings that changed state so far,
  /// scripted `perform` ones included. Seeding does not count.
  std::size_t writes_performed() const;
  /// Requests answered 429 by the enforced rate limit so far (see
  /// FakeCloseServerOptions::enforce_rate_limit); scripted 429s are not counted.
  std::size_t requests_rate_limited() const;
  /// TLS handshakes so far that resumed an earlier session (a TLS 1.3 session ticket, or a
  /// TLS 1.2 session id or ticket) instead of running a full handshake; a count of connections,
  /// as reported by OpenSSL's SSL_CTX_sess_hits(). Always 0 when serving plain HTTP. A client
  /// that resumes its session on every reconnect makes it connection_count() - 1.
  std::size_t tls_sessions_resumed() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace closeio::testing
