/// @file
/// Any Close endpoint over the same core as the typed clients: raw JSON in, raw JSON out.
#pragma once

#include <functional>
#include <future>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "closeio/async_result.hpp"
#include "closeio/client_options.hpp"
#include "closeio/export.hpp"
#include "closeio/list_options.hpp"
#include "closeio/page_range.hpp"
#include "closeio/rate_limit.hpp"
#include "closeio/raw_connection.hpp"
#include "closeio/raw_request.hpp"
#include "closeio/session.hpp"

namespace closeio {

/// A lazy range over the items of a raw list, each the item's JSON text (see PageRange).
using RawRange = PageRange<std::string>;

/// A client for any endpoint of Close's API, for what the typed clients do not cover (leads,
/// contacts, opportunities, custom fields, search). It sends what it is given and returns the
/// body as received; it parses nothing but list pages (to split them into items) and error
/// bodies.
///
/// It runs on the same core as the typed clients, with the same guarantees: the session's
/// credentials, connection pool and rate-limit pacing; the call deadline and cancellation of
/// CallOptions; the logging hook (Authorization redacted); the retry rules by method: GET, PUT
/// and DELETE are retried on 429, 502, 503, 504 and lost answers like the typed clients; a POST
/// or a PATCH is never sent twice once it may have reached Close (PATCH is not idempotent by
/// definition, RFC 5789, so it gets the POST rule), and is retried only when Close cannot have
/// acted on it (a 429, a connection that never opened).
///
/// Errors: a non-2xx answer throws what the typed clients throw: BadRequestError (400),
/// UnauthorizedError (401), ForbiddenError (403), NotFoundError (404), RateLimitError (429 after
/// the retries), ServerError (5xx after the retries), ApiError (other statuses); TransportError,
/// CancelledError and DecodeError (an answer above max_response_bytes, a list page that is not
/// `{"data": [...], "has_more": ...}`) as usual. Messages name the method and path, never the
/// query, body or credentials.
///
/// @par Paths
/// Paths are relative to the API root (ClientOptions::base_url, e.g.
/// `https://api.close.com/api/v1/`): "lead/lead_abc/". A leading '/' is allowed and means the
/// same. Build paths from ids with path(), which percent-encodes each segment. A path that could
/// leave the API root or reach another host is refused with std::invalid_argument before
/// anything is sent, and the message does not quote it: "." and ".." segments (also spelled
/// %2E), empty segments ("a//b"), absolute URLs ("https://...", "//host"), a ':' in the first
/// segment, backslashes, spaces, control characters and bytes above 0x7E, '?' and '#' (pass the
/// query as QueryParams), malformed %-escapes, and paths longer than 8192 bytes.
///
/// @code
/// closeio::RawClient raw(session);
/// closeio::RawResponse lead = raw.get(closeio::RawClient::path("lead", lead_id));
/// @endcode
///
/// @par Thread safety
/// Every member is const and safe to call from many threads at once on one client.
/// @par Cost
/// A value holding a shared connection: copies share connections, retries and rate-limit state.
class CLOSEIO_EXPORT RawClient {
 public:
  /// Builds a client over libcurl with a session of its own. Throws std::invalid_argument as
  /// Session's constructor does.
  explicit RawClient(ClientOptions options);
  /// Builds a client over `session`'s connections and rate-limit state.
  explicit RawClient(const Session& session);
  /// Builds a client over any connection, e.g. a closeio::mocks::MockRawConnection.
  explicit RawClient(std::shared_ptr<RawConnection> connection);

  /// A copy of this client whose calls use `call` (cancellation, deadline).
  RawClient with_call_options(CallOptions call) const;

  /// A path under the API root from its segments, each percent-encoded and followed by '/'
  /// (Close's paths end with one): `path("lead", "lead_a/b")` is "lead/lead_a%2Fb/". Throws
  /// std::invalid_argument for no segment, or a segment that is empty, "." or "..".
  template <class... Segments>
  static std::string path(const Segments&... segments) {
    return path_of({std::string_view(segments)...});
  }
  /// path() over a list of segments.
  static std::string path_of(std::initializer_list<std::string_view> segments);

  /// Sends `method` (GET, POST, PUT, PATCH or DELETE, any case) to `path` with `query` and, when
  /// given, `json_body` (sent as is, Content-Type: application/json); returns the 2xx answer.
  /// Throws std::invalid_argument, before anything is sent, for another method, a path refused
  /// (see "Paths"), an empty query parameter name, or a body on a GET.
  RawResponse request(std::string_view method, std::string_view path, const QueryParams& query = {},
                      std::optional<std::string> json_body = std::nullopt) const;
  /// request("GET", path, query).
  RawResponse get(std::string_view path, const QueryParams& query = {}) const;
  /// request("POST", path, query, json_body). Never sent twice (see the class comment).
  RawResponse post(std::string_view path, std::string json_body,
                   const QueryParams& query = {}) const;
  /// request("PUT", path, query, json_body).
  RawResponse put(std::string_view path, std::string json_body,
                  const QueryParams& query = {}) const;
  /// request("DELETE", path, query).
  RawResponse remove(std::string_view path, const QueryParams& query = {}) const;

  /// One page of a `{"data": [...], "has_more": ...}` list endpoint: GET `path` with `query`,
  /// `_limit` and `_skip` from `options` (`options.fields` must be empty: put `_fields` in
  /// `query`). Each item is its JSON text exactly as received. Throws std::invalid_argument as
  /// request() does, for `limit` < 1 or `skip` < 0, or when `query` holds `_limit` or `_skip`.
  Page<std::string> list_page(std::string_view path, const QueryParams& query = {},
                              const ListOptions& options = {}) const;
  /// Every item of a list endpoint, fetched lazily page by page as list_page() does; `_skip`
  /// advances by the items received (see PageRange). `_limit` and `_skip` in `query` set the page
  /// size (default 100) and the first item (default 0); they must be whole numbers (limit 1 or
  /// more), else std::invalid_argument.
  RawRange list(std::string_view path, QueryParams query = {}) const;

  /// The asynchronous request(): returns at once with a future of what request() returns or
  /// throws (CancelledError when the call is cancelled or the session closes first).
  /// @throws std::invalid_argument at once, for the arguments request() refuses; nothing is sent.
  std::future<RawResponse> request_async(std::string_view method, std::string_view path,
                                         const QueryParams& query = {},
                                         std::optional<std::string> json_body = std::nullopt) const;
  /// request_async() with a completion callback for event loops: `done` runs exactly once, on the
  /// session's I/O thread. It must not block; it may start other asynchronous calls; a blocking
  /// call made from it throws std::logic_error. Exceptions it throws are dropped.
  /// @throws std::invalid_argument at once, for the arguments request() refuses; nothing is sent
  ///         and `done` is not called.
  void request_async(std::string_view method, std::string_view path, const QueryParams& query,
                     std::optional<std::string> json_body,
                     std::function<void(AsyncResult<RawResponse>)> done) const;
  /// request_async("GET", path, query).
  std::future<RawResponse> get_async(std::string_view path, const QueryParams& query = {}) const;
  /// request_async("GET", path, query, std::nullopt, done).
  void get_async(std::string_view path, const QueryParams& query,
                 std::function<void(AsyncResult<RawResponse>)> done) const;
  /// request_async("POST", path, query, json_body). Never sent twice.
  std::future<RawResponse> post_async(std::string_view path, std::string json_body,
                                      const QueryParams& query = {}) const;
  /// request_async("POST", path, query, json_body, done). Never sent twice.
  void post_async(std::string_view path, std::string json_body, const QueryParams& query,
                  std::function<void(AsyncResult<RawResponse>)> done) const;
  /// request_async("PUT", path, query, json_body).
  std::future<RawResponse> put_async(std::string_view path, std::string json_body,
                                     const QueryParams& query = {}) const;
  /// request_async("PUT", path, query, json_body, done).
  void put_async(std::string_view path, std::string json_body, const QueryParams& query,
                 std::function<void(AsyncResult<RawResponse>)> done) const;
  /// request_async("DELETE", path, query).
  std::future<RawResponse> remove_async(std::string_view path, const QueryParams& query = {}) const;
  /// request_async("DELETE", path, query, std::nullopt, done).
  void remove_async(std::string_view path, const QueryParams& query,
                    std::function<void(AsyncResult<RawResponse>)> done) const;

  /// The asynchronous list_page(): returns at once with a future of what list_page() returns or
  /// throws (CancelledError when the call is cancelled or the session closes first).
  /// @throws std::invalid_argument at once, for the arguments list_page() refuses; nothing is sent.
  std::future<Page<std::string>> list_page_async(std::string_view path,
                                                 const QueryParams& query = {},
                                                 const ListOptions& options = {}) const;
  /// list_page_async() with a completion callback for event loops: `done` runs exactly once, on
  /// the session's I/O thread (see docs/guides/async.md). It must not block; it may start other
  /// asynchronous calls; a blocking call made from it throws std::logic_error. Exceptions it
  /// throws are dropped.
  /// @throws std::invalid_argument at once, for the arguments list_page() refuses; nothing is sent
  ///         and `done` is not called.
  void list_page_async(std::string_view path, const QueryParams& query, const ListOptions& options,
                       std::function<void(AsyncResult<Page<std::string>>)> done) const;

  /// The rate-limit figures of the latest response that carried them, if any.
  std::optional<RateLimitInfo> rate_limit() const;

 private:
  std::shared_ptr<RawConnection> connection_;
  CallOptions call_;
};

}  // namespace closeio
