/// @file
/// The client for Close's Call activities: read calls, log external ones, put outcomes on them,
/// delete them.
#pragma once

#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "closeio/activity_filter.hpp"
#include "closeio/async_result.hpp"
#include "closeio/call.hpp"
#include "closeio/calls_connection.hpp"
#include "closeio/client_options.hpp"
#include "closeio/export.hpp"
#include "closeio/list_options.hpp"
#include "closeio/page_range.hpp"
#include "closeio/rate_limit.hpp"
#include "closeio/session.hpp"
#include "closeio/sliced_list.hpp"

namespace closeio {

/// A lazy range over every call of a list (see PageRange).
using CallRange = PageRange<Call>;

/// The client for Close's Call API (`/activity/call/`).
///
/// Every network member can throw: BadRequestError (400, e.g. an outcome that is unknown,
/// deleted or does not apply: field_errors() names `outcome_id`), UnauthorizedError (401),
/// ForbiddenError (403), NotFoundError (404: no such call), RateLimitError (429 after the
/// retries), ServerError (5xx after the retries), ApiError (any other status), TransportError
/// (no answer, timeout, call deadline), DecodeError (an answer that is not a call), and
/// CancelledError. Argument mistakes found before anything is sent are std::invalid_argument.
///
/// @par Thread safety
/// Every member is const and safe to call from many threads at once on one client.
/// @par Cost
/// A value holding a shared connection: copies share connections, retries and rate-limit state.
class CLOSEIO_EXPORT CallsClient {
 public:
  /// Builds a client over libcurl with a session of its own. Throws std::invalid_argument as
  /// Session's constructor does.
  explicit CallsClient(ClientOptions options);
  /// Builds a client over `session`'s connections and rate-limit state.
  explicit CallsClient(const Session& session);
  /// Builds a client over any connection, e.g. a closeio::testing::MockCallsConnection.
  explicit CallsClient(std::shared_ptr<CallsConnection> connection);

  /// A copy of this client whose calls use `call` (cancellation, deadline).
  CallsClient with_call_options(CallOptions call) const;

  /// One page: GET /activity/call/ with the filter, `_limit`, `_skip`, `_fields`. Throws
  /// std::invalid_argument when `limit` < 1, `skip` < 0, a field is not a Call field, or a
  /// filter id is not a valid id.
  Page<Call> list_page(const ActivityFilter& filter = {}, const ListOptions& options = {}) const;
  /// Every call matching `filter` from `options.skip` on, fetched lazily page by page.
  CallRange list(ActivityFilter filter = {}, ListOptions options = {}) const;
  /// Every call of `filter` with date_created in [options.from, options.to), the range split
  /// into options.slices date windows walked concurrently on the session's I/O thread (at most
  /// options.max_in_flight pages requested at once), each past Close's `_skip` cap like list().
  /// Each row is handed to `on_rows` exactly once (a page's new rows at a time, on the calling
  /// thread, windows interleaved: not in date order); `options.on_progress` follows each page.
  /// Blocks until every window is walked. The first failure stops new requests, waits for those
  /// in flight and is rethrown: any error list() throws, PaginationError, or what `on_rows` or
  /// `on_progress` threw. Must not be called from a completion callback (it waits).
  /// @throws std::invalid_argument at once, for options SlicedListOptions refuses or a filter
  ///         list() refuses; nothing is sent.
  void list_sliced(const ActivityFilter& filter, const SlicedListOptions& options,
                   const std::function<void(std::vector<Call>)>& on_rows) const;
  /// GET /activity/call/{id}/, only `fields` when non-empty. Throws std::invalid_argument for
  /// an empty id, "." or "..", or a field that is not a Call field.
  Call fetch(const std::string& id, const std::vector<std::string>& fields = {}) const;
  /// POST /activity/call/: logs a call made outside Close; the answer is the new call. Never
  /// sent twice: a log that may have reached Close is not retried. Throws std::invalid_argument
  /// for an unknown direction or status, a duration outside 0 to 604800 s, or an empty id.
  Call log(const CallLog& log) const;
  /// PUT /activity/call/{id}/ with only `{"outcome_id": outcome_id}`; returns the updated call.
  /// Throws std::invalid_argument for an empty call or outcome id.
  Call set_outcome(const std::string& call_id, const std::string& outcome_id) const;
  /// PUT /activity/call/{id}/ with `{"outcome_id": null}`; returns the updated call.
  Call clear_outcome(const std::string& call_id) const;
  /// DELETE /activity/call/{id}/: deletes the call. When an attempt may have deleted it (no
  /// answer, 502/503/504) and the retry answers 404, the call is gone as asked and remove()
  /// returns; a 404 on the first attempt is NotFoundError. Throws std::invalid_argument for an
  /// empty id, "." or ".."; nothing is sent.
  void remove(const std::string& call_id) const;

  /// The asynchronous list_page(): returns at once with a future of what list_page() returns or
  /// throws (CancelledError when the call is cancelled or the session closes first).
  /// @throws std::invalid_argument at once, for the arguments list_page() refuses; nothing is sent.
  std::future<Page<Call>> list_page_async(const ActivityFilter& filter = {},
                                          const ListOptions& options = {}) const;
  /// list_page_async() with a completion callback for event loops: `done` runs exactly once, on the
  /// session's I/O thread (see docs/guides/async.md). It must not block; it may
  /// start other asynchronous calls; a blocking call made from it throws std::logic_error.
  /// Exceptions it throws are dropped.
  /// @throws std::invalid_argument at once, for the arguments list_page() refuses; nothing is sent
  ///         and `done` is not called.
  void list_page_async(const ActivityFilter& filter, const ListOptions& options,
                       std::function<void(AsyncResult<Page<Call>>)> done) const;
  /// The asynchronous fetch(): returns at once with a future of what fetch() returns or
  /// throws (CancelledError when the call is cancelled or the session closes first).
  /// @throws std::invalid_argument at once, for the arguments fetch() refuses; nothing is sent.
  std::future<Call> fetch_async(const std::string& id,
                                const std::vector<std::string>& fields = {}) const;
  /// fetch_async() with a completion callback for event loops: `done` runs exactly once, on the
  /// session's I/O thread (see docs/guides/async.md). It must not block; it may
  /// start other asynchronous calls; a blocking call made from it throws std::logic_error.
  /// Exceptions it throws are dropped.
  /// @throws std::invalid_argument at once, for the arguments fetch() refuses; nothing is sent
  ///         and `done` is not called.
  void fetch_async(const std::string& id, const std::vector<std::string>& fields,
                   std::function<void(AsyncResult<Call>)> done) const;
  /// The asynchronous log(): returns at once with a future of what log() returns or
  /// throws (CancelledError when the call is cancelled or the session closes first).
  /// @throws std::invalid_argument at once, for the arguments log() refuses; nothing is sent.
  std::future<Call> log_async(const CallLog& log) const;
  /// log_async() with a completion callback for event loops: `done` runs exactly once, on the
  /// session's I/O thread (see docs/guides/async.md). It must not block; it may
  /// start other asynchronous calls; a blocking call made from it throws std::logic_error.
  /// Exceptions it throws are dropped.
  /// @throws std::invalid_argument at once, for the arguments log() refuses; nothing is sent
  ///         and `done` is not called.
  void log_async(const CallLog& log, std::function<void(AsyncResult<Call>)> done) const;
  /// The asynchronous set_outcome(): returns at once with a future of what set_outcome() returns or
  /// throws (CancelledError when the call is cancelled or the session closes first).
  /// @throws std::invalid_argument at once, for the arguments set_outcome() refuses; nothing is
  /// sent.
  std::future<Call> set_outcome_async(const std::string& call_id,
                                      const std::string& outcome_id) const;
  /// set_outcome_async() with a completion callback for event loops: `done` runs exactly once, on
  /// the session's I/O thread (see docs/guides/async.md). It must not block; it may
  /// start other asynchronous calls; a blocking call made from it throws std::logic_error.
  /// Exceptions it throws are dropped.
  /// @throws std::invalid_argument at once, for the arguments set_outcome() refuses; nothing is
  /// sent
  ///         and `done` is not called.
  void set_outcome_async(const std::string& call_id, const std::string& outcome_id,
                         std::function<void(AsyncResult<Call>)> done) const;
  /// The asynchronous clear_outcome(): returns at once with a future of what clear_outcome()
  /// returns or throws (CancelledError when the call is cancelled or the session closes first).
  /// @throws std::invalid_argument at once, for the arguments clear_outcome() refuses; nothing is
  /// sent.
  std::future<Call> clear_outcome_async(const std::string& call_id) const;
  /// clear_outcome_async() with a completion callback for event loops: `done` runs exactly once, on
  /// the session's I/O thread (see docs/guides/async.md). It must not block; it may
  /// start other asynchronous calls; a blocking call made from it throws std::logic_error.
  /// Exceptions it throws are dropped.
  /// @throws std::invalid_argument at once, for the arguments clear_outcome() refuses; nothing is
  /// sent
  ///         and `done` is not called.
  void clear_outcome_async(const std::string& call_id,
                           std::function<void(AsyncResult<Call>)> done) const;
  /// The asynchronous remove(): returns at once with a future of what remove() returns or throws
  /// (CancelledError when the call is cancelled or the session closes first).
  /// @throws std::invalid_argument at once, for the arguments remove() refuses; nothing is sent.
  std::future<void> remove_async(const std::string& call_id) const;
  /// remove_async() with a completion callback for event loops: `done` runs exactly once, on the
  /// session's I/O thread (see docs/guides/async.md). It must not block; it may start other
  /// asynchronous calls; a blocking call made from it throws std::logic_error. Exceptions it
  /// throws are dropped.
  /// @throws std::invalid_argument at once, for the arguments remove() refuses; nothing is sent
  ///         and `done` is not called.
  void remove_async(const std::string& call_id, std::function<void(AsyncResult<void>)> done) const;
  /// The rate-limit figures of the latest response that carried them, if any.
  std::optional<RateLimitInfo> rate_limit() const;

 private:
  std::shared_ptr<CallsConnection> connection_;
  CallOptions call_;
};

}  // namespace closeio
