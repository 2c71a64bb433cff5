/// @file
/// OutcomesClient, the entry point to Close's Outcomes API, and OutcomeRange, the lazy list
/// of every outcome it returns.
#pragma once

#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "closeio/async_result.hpp"
#include "closeio/client_options.hpp"
#include "closeio/export.hpp"
#include "closeio/list_options.hpp"
#include "closeio/outcome.hpp"
#include "closeio/outcomes_connection.hpp"
#include "closeio/page_range.hpp"
#include "closeio/rate_limit.hpp"
#include "closeio/session.hpp"

namespace closeio {

/// A lazy range over every outcome of a list (see PageRange).
using OutcomeRange = PageRange<Outcome>;

/// The client for Close's Outcomes API.
///
/// @par Thread safety
/// Every member is const and safe to call from many threads at once on one client.
/// @par Cost
/// A value holding a shared connection: copies share connections, retries and rate-limit state.
class CLOSEIO_EXPORT OutcomesClient {
 public:
  /// Builds a client over libcurl. Sends nothing.
  /// @throws std::invalid_argument missing, empty or control-character credentials, a malformed
  ///         base URL, an http:// URL to a non-loopback host without
  ///         ClientOptions::allow_insecure_http, a timeout that is not positive, a negative
  ///         retry count or wait, a zero response cap, or a control character in the
  ///         user-agent suffix.
  explicit OutcomesClient(ClientOptions options);
  /// Builds a client over `session`'s connections and rate-limit state.
  explicit OutcomesClient(const Session& session);
  /// Builds a client over any connection, e.g. a closeio::testing::MockOutcomesConnection.
  /// @throws std::invalid_argument `connection` is null.
  explicit OutcomesClient(std::shared_ptr<OutcomesConnection> connection);

  /// A copy of this client whose calls use `call` (cancellation, deadline).
  OutcomesClient with_call_options(CallOptions call) const;

  /// One page: GET /outcome/?_limit=&_skip=&_fields=.
  /// @throws std::invalid_argument `limit` < 1, `skip` < 0, or a field name that is empty or
  ///         contains ','; nothing is sent.
  /// @throws BadRequestError 400: Close refused the query (e.g. a `limit` above its maximum).
  /// @throws UnauthorizedError 401: the API key or token is missing, wrong or revoked.
  /// @throws ForbiddenError 403: the credentials may not perform this operation.
  /// @throws NotFoundError 404: the base URL does not lead to the Outcomes API.
  /// @throws RateLimitError 429 after the retries, or a server-requested wait longer than
  ///         ClientOptions::max_rate_limit_wait.
  /// @throws ServerError 5xx (after the retries where retrying is safe).
  /// @throws ApiError any other non-2xx answer, a redirect included (never followed).
  /// @throws TransportError no HTTP answer: DNS, connect, TLS, a dropped connection, a timeout
  ///         or the call deadline (TransportError::timed_out()).
  /// @throws CancelledError the call's CancellationToken was cancelled.
  /// @throws DecodeError the answer is not a page of outcomes as documented (malformed JSON, a
  ///         wrong type, or larger than ClientOptions::max_response_bytes).
  Page<Outcome> list_page(const ListOptions& options = {}) const;
  /// Every outcome from `options.skip` on, fetched lazily page by page (`_skip` advances by the
  /// items received; the walk stops when has_more is false or a page is empty). Sends nothing
  /// until iteration starts; iterating throws what list_page() throws.
  /// @throws std::invalid_argument `limit` < 1 or `skip` < 0.
  OutcomeRange list(ListOptions options = {}) const;
  /// POST /outcome/. Never sent twice when the first attempt may have reached the server.
  /// @throws std::invalid_argument an empty name or OutcomeType::unknown; nothing is sent.
  /// @throws BadRequestError 400: Close refused the fields (BadRequestError::field_errors()).
  /// @throws UnauthorizedError 401: the API key or token is missing, wrong or revoked.
  /// @throws ForbiddenError 403: the credentials may not perform this operation.
  /// @throws RateLimitError 429 after the retries, or a server-requested wait longer than
  ///         ClientOptions::max_rate_limit_wait.
  /// @throws ServerError 5xx (after the retries where retrying is safe).
  /// @throws ApiError any other non-2xx answer, a redirect included (never followed).
  /// @throws TransportError no HTTP answer: DNS, connect, TLS, a dropped connection, a timeout
  ///         or the call deadline (TransportError::timed_out()). The outcome may have been
  ///         created: a POST that may have reached the server is not retried.
  /// @throws CancelledError the call's CancellationToken was cancelled.
  /// @throws DecodeError the answer is not an outcome as documented (malformed JSON, a wrong
  ///         type, or larger than ClientOptions::max_response_bytes).
  Outcome create(const OutcomeCreate& outcome) const;
  /// GET /outcome/{id}/, only `fields` when non-empty.
  /// @throws std::invalid_argument an empty id, "." or ".." (an id is sent as one
  ///         percent-encoded path segment), or a field name that is empty or contains ',';
  ///         nothing is sent.
  /// @throws BadRequestError 400: Close refused the request.
  /// @throws UnauthorizedError 401: the API key or token is missing, wrong or revoked.
  /// @throws ForbiddenError 403: the credentials may not perform this operation.
  /// @throws NotFoundError 404: no outcome has this id.
  /// @throws RateLimitError 429 after the retries, or a server-requested wait longer than
  ///         ClientOptions::max_rate_limit_wait.
  /// @throws ServerError 5xx (after the retries where retrying is safe).
  /// @throws ApiError any other non-2xx answer, a redirect included (never followed).
  /// @throws TransportError no HTTP answer: DNS, connect, TLS, a dropped connection, a timeout
  ///         or the call deadline (TransportError::timed_out()).
  /// @throws CancelledError the call's CancellationToken was cancelled.
  /// @throws DecodeError the answer is not an outcome as documented (malformed JSON, a wrong
  ///         type, or larger than ClientOptions::max_response_bytes).
  Outcome fetch(const std::string& id, const std::vector<std::string>& fields = {}) const;
  /// PUT /outcome/{id}/ with only what `changes` sets.
  /// @throws std::invalid_argument an empty id, "." or "..", or OutcomeType::unknown; nothing is
  ///         sent.
  /// @throws BadRequestError 400: Close refused the changes (BadRequestError::field_errors()).
  /// @throws UnauthorizedError 401: the API key or token is missing, wrong or revoked.
  /// @throws ForbiddenError 403: the credentials may not perform this operation.
  /// @throws NotFoundError 404: no outcome has this id.
  /// @throws RateLimitError 429 after the retries, or a server-requested wait longer than
  ///         ClientOptions::max_rate_limit_wait.
  /// @throws ServerError 5xx (after the retries where retrying is safe).
  /// @throws ApiError any other non-2xx answer, a redirect included (never followed).
  /// @throws TransportError no HTTP answer: DNS, connect, TLS, a dropped connection, a timeout
  ///         or the call deadline (TransportError::timed_out()).
  /// @throws CancelledError the call's CancellationToken was cancelled.
  /// @throws DecodeError the answer is not an outcome as documented (malformed JSON, a wrong
  ///         type, or larger than ClientOptions::max_response_bytes).
  Outcome update(const std::string& id, const OutcomeUpdate& changes) const;
  /// DELETE /outcome/{id}/. When an attempt may have deleted the outcome (no answer,
  /// 502/503/504) and the retry answers 404, the outcome is gone as asked and remove() returns.
  /// @throws std::invalid_argument an empty id, "." or ".."; nothing is sent.
  /// @throws BadRequestError 400: Close refused the request.
  /// @throws UnauthorizedError 401: the API key or token is missing, wrong or revoked.
  /// @throws ForbiddenError 403: the credentials may not perform this operation.
  /// @throws NotFoundError 404 on the first attempt: no outcome has this id.
  /// @throws RateLimitError 429 after the retries, or a server-requested wait longer than
  ///         ClientOptions::max_rate_limit_wait.
  /// @throws ServerError 5xx (after the retries where retrying is safe).
  /// @throws ApiError any other non-2xx answer, a redirect included (never followed).
  /// @throws TransportError no HTTP answer: DNS, connect, TLS, a dropped connection, a timeout
  ///         or the call deadline (TransportError::timed_out()).
  /// @throws CancelledError the call's CancellationToken was cancelled.
  /// @throws DecodeError the answer is neither empty nor a JSON object, or is larger than
  ///         ClientOptions::max_response_bytes.
  void remove(const std::string& id) const;

  /// The asynchronous list_page(): returns at once with a future of what list_page() returns or
  /// throws (CancelledError when the call is cancelled or the session closes first).
  /// @throws std::invalid_argument at once, for the arguments list_page() refuses; nothing is sent.
  std::future<Page<Outcome>> list_page_async(const ListOptions& options = {}) const;
  /// list_page_async() with a completion callback for event loops: `done` runs exactly once, on the
  /// session's I/O thread (see docs/guides/async.md). It must not block; it may
  /// start other asynchronous calls; a blocking call made from it throws std::logic_error.
  /// Exceptions it throws are dropped.
  /// @throws std::invalid_argument at once, for the arguments list_page() refuses; nothing is sent
  ///         and `done` is not called.
  void list_page_async(const ListOptions& options,
                       std::function<void(AsyncResult<Page<Outcome>>)> done) const;
  /// The asynchronous create(): returns at once with a future of what create() returns or
  /// throws (CancelledError when the call is cancelled or the session closes first).
  /// @throws std::invalid_argument at once, for the arguments create() refuses; nothing is sent.
  std::future<Outcome> create_async(const OutcomeCreate& outcome) const;
  /// create_async() with a completion callback for event loops: `done` runs exactly once, on the
  /// session's I/O thread (see docs/guides/async.md). It must not block; it may
  /// start other asynchronous calls; a blocking call made from it throws std::logic_error.
  /// Exceptions it throws are dropped.
  /// @throws std::invalid_argument at once, for the arguments create() refuses; nothing is sent
  ///         and `done` is not called.
  void create_async(const OutcomeCreate& outcome,
                    std::function<void(AsyncResult<Outcome>)> done) const;
  /// The asynchronous fetch(): returns at once with a future of what fetch() returns or
  /// throws (CancelledError when the call is cancelled or the session closes first).
  /// @throws std::invalid_argument at once, for the arguments fetch() refuses; nothing is sent.
  std::future<Outcome> fetch_async(const std::string& id,
                                   const std::vector<std::string>& fields = {}) const;
  /// fetch_async() with a completion callback for event loops: `done` runs exactly once, on the
  /// session's I/O thread (see docs/guides/async.md). It must not block; it may
  /// start other asynchronous calls; a blocking call made from it throws std::logic_error.
  /// Exceptions it throws are dropped.
  /// @throws std::invalid_argument at once, for the arguments fetch() refuses; nothing is sent
  ///         and `done` is not called.
  void fetch_async(const std::string& id, const std::vector<std::string>& fields,
                   std::function<void(AsyncResult<Outcome>)> done) const;
  /// The asynchronous update(): returns at once with a future of what update() returns or
  /// throws (CancelledError when the call is cancelled or the session closes first).
  /// @throws std::invalid_argument at once, for the arguments update() refuses; nothing is sent.
  std::future<Outcome> update_async(const std::string& id, const OutcomeUpdate& changes) const;
  /// update_async() with a completion callback for event loops: `done` runs exactly once, on the
  /// session's I/O thread (see docs/guides/async.md). It must not block; it may
  /// start other asynchronous calls; a blocking call made from it throws std::logic_error.
  /// Exceptions it throws are dropped.
  /// @throws std::invalid_argument at once, for the arguments update() refuses; nothing is sent
  ///         and `done` is not called.
  void update_async(const std::string& id, const OutcomeUpdate& changes,
                    std::function<void(AsyncResult<Outcome>)> done) const;
  /// The asynchronous remove(): returns at once with a future of what remove() returns or
  /// throws (CancelledError when the call is cancelled or the session closes first).
  /// @throws std::invalid_argument at once, for the arguments remove() refuses; nothing is sent.
  std::future<void> remove_async(const std::string& id) const;
  /// remove_async() with a completion callback for event loops: `done` runs exactly once, on the
  /// session's I/O thread (see docs/guides/async.md). It must not block; it may
  /// start other asynchronous calls; a blocking call made from it throws std::logic_error.
  /// Exceptions it throws are dropped.
  /// @throws std::invalid_argument at once, for the arguments remove() refuses; nothing is sent
  ///         and `done` is not called.
  void remove_async(const std::string& id, std::function<void(AsyncResult<void>)> done) const;
  /// The rate-limit figures of the latest response that carried them, if any. Sends nothing;
  /// does not throw for the HTTP connection.
  std::optional<RateLimitInfo> rate_limit() const;

 private:
  std::shared_ptr<OutcomesConnection> connection_;
  CallOptions call_;
};

}  // namespace closeio
