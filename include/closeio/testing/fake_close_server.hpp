/// @file
/// A local Close Outcomes API emulator for tests: real HTTP on a loopback port, real state.
/// Part of the optional `closeio::testing` component.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "closeio/export.hpp"
#include "closeio/outcome.hpp"

namespace closeio::testing {

/// How the emulator is started. Defaults suit a unit test.
struct FakeCloseServerOptions {
  std::string host = "127.0.0.1";  ///< Address to listen on. Default: IPv4 loopback.
  int port = 0;                    ///< Port; 0 picks a free ephemeral port. Default: 0.
  /// API key accepted with HTTP Basic (`key:`). Default: "test-api-key".
  std::string api_key = "test-api-key";
  /// OAuth token accepted with `Authorization: Bearer`. Default: "test-access-token".
  std::string access_token = "test-access-token";
  /// organization_id given to every outcome. Default: "orga_fake0000000000000000000".
  std::string organization_id = "orga_fake0000000000000000000";
  /// user id given as created_by / updated_by. Default: "user_fake0000000000000000000".
  std::string user_id = "user_fake0000000000000000000";
  /// Delay added before every answer, in milliseconds. Default: 0.
  std::chrono::milliseconds latency{0};
  /// When both are set, serve HTTPS with this PEM certificate and key. Default: plain HTTP.
  std::string tls_cert_file;
  std::string tls_key_file;  ///< PEM private key for tls_cert_file.
  /// Largest `_limit` accepted; above it the answer is 400 like Close's. Default: 1000.
  int max_limit = 1000;
  /// Worker threads, i.e. connections served at once. Default: 16.
  int threads = 16;
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

/// The emulator. Serves `/api/v1/outcome/` and `/api/v1/outcome/{id}/` (GET, POST, PUT, DELETE)
/// like Close: Basic and Bearer auth with 401, validation with Close's 400 bodies, 404 for
/// unknown ids and for paths without the trailing slash, `_limit`/`_skip`/`_fields`, has_more.
/// Thread-safe: tests may inspect and script it while it serves.
class CLOSEIO_EXPORT FakeCloseServer {
 public:
  /// Starts listening at once; throws std::runtime_error when the port cannot be bound.
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
  /// Removes every outcome.
  void clear_outcomes();

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
  /// Outcomes created so far (POSTs that changed state, scripted `perform` ones included).
  std::size_t creates_performed() const;
  /// Writes (POST, PUT, DELETE) that changed state so far.
  std::size_t writes_performed() const;
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
