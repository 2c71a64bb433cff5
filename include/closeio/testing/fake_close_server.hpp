/// @file
/// A local Close API emulator (outcomes, calls, meetings) for tests: real HTTP on a loopback
/// port, real state. Part of the optional `closeio::testing` component.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "closeio/call.hpp"
#include "closeio/export.hpp"
#include "closeio/meeting.hpp"
#include "closeio/oauth.hpp"
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
  /// client_id of the one OAuth app the token endpoint knows. Default: "test-client-id".
  std::string oauth_client_id = "test-client-id";
  /// client_secret of that app. Default: "test-client-secret".
  std::string oauth_client_secret = "test-client-secret";
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
///   `/api/v1/activity/meeting/{id}/` (GET, PUT, DELETE).
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
/// It also serves Close's OAuth token endpoint, `POST /oauth2/token/` (form-encoded), for the
/// app of FakeCloseServerOptions::oauth_client_id / oauth_client_secret: `grant_type=
/// authorization_code` (a code from mint_oauth_code(), single-use) and `grant_type=
/// refresh_token` with rotation (the refresh token used is dead from then on). Errors are OAuth
/// 2.0 bodies `{"error": "<code>"}`: 400 invalid_grant (unknown, used or revoked token or code),
/// 401 invalid_client, 400 invalid_request / unsupported_grant_type. The API accepts
/// `Authorization: Bearer <access token>` for every access token issued there until it expires
/// or is revoked, and answers 401 after that.
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
  /// Removes every call and meeting.
  void clear_activities();

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

  // OAuth (see the class comment).
  /// "http://127.0.0.1:<port>/oauth2/token/" (https when TLS is configured).
  std::string oauth_token_url() const;
  /// A new single-use authorization code; `redirect_uri`, when not empty, must then be sent
  /// with it.
  std::string mint_oauth_code(const std::string& redirect_uri = std::string());
  /// A new token pair, as if a code had been exchanged (no request counted).
  OAuthTokens issue_oauth_tokens();
  /// Lifetime (expires_in) of the access tokens issued from now on, in seconds; 0 issues tokens
  /// that are expired at once. Default: 3600 s.
  void set_oauth_access_token_lifetime(std::chrono::seconds lifetime);
  /// Every access token issued so far expires now: the next call with one is answered 401.
  void expire_oauth_access_tokens();
  /// Revokes an access token (the API then answers 401) or a refresh token (a refresh with it
  /// is then invalid_grant). False when the emulator never issued `token`.
  bool revoke_oauth_token(const std::string& token);
  /// The next refresh is carried out (the old refresh token dies, a new pair is stored) but
  /// its connection is closed without an answer: the client's "lost refresh answer".
  void drop_next_oauth_refresh_answer();
  /// Requests to the token endpoint so far, of any kind and outcome.
  std::size_t oauth_token_requests() const;
  /// Refresh requests (grant_type=refresh_token) so far, whatever their outcome.
  std::size_t oauth_refresh_requests() const;
  /// Refreshes that issued a new pair so far.
  std::size_t oauth_refreshes_performed() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace closeio::testing
