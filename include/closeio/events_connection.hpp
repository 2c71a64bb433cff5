/// @file
/// EventsConnection, the seam between EventsClient and the wire (one virtual call per
/// operation), and make_events_connection(), its libcurl implementation.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "closeio/async_result.hpp"
#include "closeio/client_options.hpp"
#include "closeio/event.hpp"
#include "closeio/event_filter.hpp"
#include "closeio/export.hpp"
#include "closeio/list_options.hpp"
#include "closeio/rate_limit.hpp"
#include "closeio/session.hpp"

namespace closeio {

/// Performs the Event Log operations. EventsClient forwards every call to one of these; replace
/// it (see closeio::mocks::MockEventsConnection) to test code without HTTP. Implementations must
/// be thread-safe and report failures as EventsClient documents.
///
/// @par Growing without breaking
/// Every member has a default body that throws UnimplementedError (the `*_async` ones call the
/// blocking member; rate_limit() returns std::nullopt), so members added in later versions do
/// not break subclasses and mocks written against this one.
class CLOSEIO_EXPORT EventsConnection {
 public:
  virtual ~EventsConnection();
  /// GET /event/ with the filter, `_limit` and, when `options.cursor` is set, `_cursor`.
  virtual CursorPage<Event> list_page(const EventFilter& filter, const EventListOptions& options,
                                      const CallOptions& call);
  /// GET /event/{id}/.
  virtual Event fetch(const std::string& id, const CallOptions& call);
  /// The asynchronous list_page(): returns at once; `done` receives the value or the exception
  /// list_page() would throw, exactly once, on the session's I/O thread for the HTTP connection.
  /// The default body calls list_page() on the calling thread and `done` before returning.
  virtual void list_page_async(const EventFilter& filter, const EventListOptions& options,
                               const CallOptions& call,
                               std::function<void(AsyncResult<CursorPage<Event>>)> done);
  /// The asynchronous fetch() (see list_page_async() for threads and the default body).
  virtual void fetch_async(const std::string& id, const CallOptions& call,
                           std::function<void(AsyncResult<Event>)> done);
  /// The rate-limit state of the latest response that reported one, if any.
  virtual std::optional<RateLimitInfo> rate_limit() const;
};

/// The HTTP connection over libcurl, with a session of its own. Throws std::invalid_argument
/// as Session's constructor does.
CLOSEIO_EXPORT std::shared_ptr<EventsConnection> make_events_connection(ClientOptions options);
/// The HTTP connection over `session`'s connection pool and rate-limit state.
CLOSEIO_EXPORT std::shared_ptr<EventsConnection> make_events_connection(const Session& session);

}  // namespace closeio
