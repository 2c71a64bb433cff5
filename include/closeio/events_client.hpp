/// @file
/// The client for Close's Event Log (`/event/`): what changed in the organization in the last
/// 30 days, newest first, cursor-paged.
#pragma once

#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>

#include "closeio/async_result.hpp"
#include "closeio/client_options.hpp"
#include "closeio/event.hpp"
#include "closeio/event_filter.hpp"
#include "closeio/events_connection.hpp"
#include "closeio/export.hpp"
#include "closeio/list_options.hpp"
#include "closeio/page_range.hpp"
#include "closeio/rate_limit.hpp"
#include "closeio/session.hpp"

namespace closeio {

/// A lazy range over the events of a list, newest first (see PageRange).
using EventRange = PageRange<Event>;

/// The client for Close's Event Log API (`/event/`).
///
/// Every network member can throw: BadRequestError (400: e.g. a filter combination Close
/// refuses), UnauthorizedError (401), ForbiddenError (403), NotFoundError (404: no such event,
/// e.g. older than 30 days), RateLimitError (429 after the retries), ServerError (5xx after the
/// retries), ApiError (any other status), TransportError (no answer, timeout, call deadline),
/// DecodeError (an answer that is not an event) and CancelledError. Argument mistakes found
/// before anything is sent are std::invalid_argument.
///
/// @par Not a stream
/// Close advises against following cursors to wait for new events: events can become visible
/// out of order and recent ones may be merged. To follow the log, rescan the latest minutes on
/// every pass (see docs/guides/event-log.md).
///
/// @par Thread safety
/// Every member is const and safe to call from many threads at once on one client.
/// @par Cost
/// A value holding a shared connection: copies share connections, retries and rate-limit state.
class CLOSEIO_EXPORT EventsClient {
 public:
  /// Builds a client over libcurl with a session of its own. Throws std::invalid_argument as
  /// Session's constructor does.
  explicit EventsClient(ClientOptions options);
  /// Builds a client over `session`'s connections and rate-limit state.
  explicit EventsClient(const Session& session);
  /// Builds a client over any connection, e.g. a closeio::mocks::MockEventsConnection.
  explicit EventsClient(std::shared_ptr<EventsConnection> connection);

  /// A copy of this client whose calls use `call` (cancellation, deadline).
  EventsClient with_call_options(CallOptions call) const;

  /// One page: GET /event/ with the filter, `_limit` and `_cursor`. Throws
  /// std::invalid_argument when `limit` is not 1 to 50, a filter value is not a valid id or
  /// name (empty parts, ".", "..", control characters), or the filter combination is not one
  /// Close allows.
  CursorPage<Event> list_page(const EventFilter& filter = {},
                              const EventListOptions& options = {}) const;
  /// Every event matching `filter`, newest first, from `options.cursor` on, fetched lazily page
  /// by page; the filter is sent again with every cursor, as Close requires (except the date
  /// bounds, which Close keeps in the cursor).
  EventRange list(EventFilter filter = {}, EventListOptions options = {}) const;
  /// GET /event/{id}/. Throws std::invalid_argument for an empty id, "." or "..", or control
  /// characters.
  Event fetch(const std::string& id) const;

  /// The asynchronous list_page(): returns at once with a future of what list_page() returns or
  /// throws (CancelledError when the call is cancelled or the session closes first).
  /// @throws std::invalid_argument at once, for the arguments list_page() refuses.
  std::future<CursorPage<Event>> list_page_async(const EventFilter& filter = {},
                                                 const EventListOptions& options = {}) const;
  /// list_page_async() with a completion callback: `done` runs exactly once, on the session's
  /// I/O thread. It must not block; exceptions it throws are dropped.
  /// @throws std::invalid_argument at once (and `done` is not called), as list_page().
  void list_page_async(const EventFilter& filter, const EventListOptions& options,
                       std::function<void(AsyncResult<CursorPage<Event>>)> done) const;
  /// The asynchronous fetch() (future form; see list_page_async()).
  std::future<Event> fetch_async(const std::string& id) const;
  /// The asynchronous fetch() (callback form; see list_page_async()).
  void fetch_async(const std::string& id, std::function<void(AsyncResult<Event>)> done) const;

  /// The rate-limit figures of the latest response that carried them, if any.
  std::optional<RateLimitInfo> rate_limit() const;

 private:
  std::shared_ptr<EventsConnection> connection_;
  CallOptions call_;
};

}  // namespace closeio
