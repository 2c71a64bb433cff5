/// @file
/// The seam between MeetingsClient and the wire: one virtual call per operation.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "closeio/activity_filter.hpp"
#include "closeio/async_result.hpp"
#include "closeio/client_options.hpp"
#include "closeio/export.hpp"
#include "closeio/list_options.hpp"
#include "closeio/meeting.hpp"
#include "closeio/rate_limit.hpp"
#include "closeio/session.hpp"

namespace closeio {

/// Performs the Meeting operations. MeetingsClient forwards every call to one of these; replace
/// it (see closeio::testing::MockMeetingsConnection) to test code without HTTP. Implementations
/// must be thread-safe.
///
/// @par Growing without breaking
/// Every member has a default body that throws UnimplementedError, so members added in later
/// versions do not break subclasses and mocks written against this one.
class CLOSEIO_EXPORT MeetingsConnection {
 public:
  virtual ~MeetingsConnection();
  /// GET /activity/meeting/ with the filter, `_limit`, `_skip` and `_fields`.
  virtual Page<Meeting> list_page(const ActivityFilter& filter, const ListOptions& options,
                                  const CallOptions& call);
  /// GET /activity/meeting/{id}/ with optional `_fields`.
  virtual Meeting fetch(const std::string& id, const std::vector<std::string>& fields,
                        const CallOptions& call);
  /// PUT /activity/meeting/{id}/ with `{"outcome_id": outcome_id}`.
  virtual Meeting set_outcome(const std::string& id, const std::string& outcome_id,
                              const CallOptions& call);
  /// PUT /activity/meeting/{id}/ with `{"outcome_id": null}`.
  virtual Meeting clear_outcome(const std::string& id, const CallOptions& call);
  /// DELETE /activity/meeting/{id}/: deletes the meeting.
  virtual void remove(const std::string& id, const CallOptions& call);
  /// The asynchronous list_page(): returns at once; `done` receives the value or the exception
  /// list_page() would throw, exactly once. The HTTP connection runs it on the session's I/O thread
  /// (`done` runs there). The default body calls list_page() on the calling thread and `done`
  /// before returning, so subclasses and mocks written against list_page() alone keep working.
  virtual void list_page_async(const ActivityFilter& filter, const ListOptions& options,
                               const CallOptions& call,
                               std::function<void(AsyncResult<Page<Meeting>>)> done);
  /// The asynchronous fetch(): returns at once; `done` receives the value or the exception
  /// fetch() would throw, exactly once. The HTTP connection runs it on the session's I/O thread
  /// (`done` runs there). The default body calls fetch() on the calling thread and `done` before
  /// returning, so subclasses and mocks written against fetch() alone keep working.
  virtual void fetch_async(const std::string& id, const std::vector<std::string>& fields,
                           const CallOptions& call, std::function<void(AsyncResult<Meeting>)> done);
  /// The asynchronous set_outcome(): returns at once; `done` receives the value or the exception
  /// set_outcome() would throw, exactly once. The HTTP connection runs it on the session's I/O
  /// thread
  /// (`done` runs there). The default body calls set_outcome() on the calling thread and `done`
  /// before returning, so subclasses and mocks written against set_outcome() alone keep working.
  virtual void set_outcome_async(const std::string& meeting_id, const std::string& outcome_id,
                                 const CallOptions& call,
                                 std::function<void(AsyncResult<Meeting>)> done);
  /// The asynchronous clear_outcome(): returns at once; `done` receives the value or the exception
  /// clear_outcome() would throw, exactly once. The HTTP connection runs it on the session's I/O
  /// thread
  /// (`done` runs there). The default body calls clear_outcome() on the calling thread and `done`
  /// before returning, so subclasses and mocks written against clear_outcome() alone keep working.
  virtual void clear_outcome_async(const std::string& meeting_id, const CallOptions& call,
                                   std::function<void(AsyncResult<Meeting>)> done);
  /// The asynchronous remove(): returns at once; `done` receives nothing or the exception
  /// remove() would throw, exactly once. The HTTP connection runs it on the session's I/O thread
  /// (`done` runs there). The default body calls remove() on the calling thread and `done` before
  /// returning, so subclasses and mocks written against remove() alone keep working.
  virtual void remove_async(const std::string& meeting_id, const CallOptions& call,
                            std::function<void(AsyncResult<void>)> done);
  /// The rate-limit state of the latest response that reported one, if any.
  virtual std::optional<RateLimitInfo> rate_limit() const;
};

/// The HTTP connection over libcurl, with a session of its own. Throws std::invalid_argument
/// as Session's constructor does.
CLOSEIO_EXPORT std::shared_ptr<MeetingsConnection> make_meetings_connection(ClientOptions options);
/// The HTTP connection over `session`'s connection pool and rate-limit state.
CLOSEIO_EXPORT std::shared_ptr<MeetingsConnection> make_meetings_connection(const Session& session);

}  // namespace closeio
