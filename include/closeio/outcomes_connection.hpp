/// @file
/// OutcomesConnection, the seam between OutcomesClient and the wire (one virtual call per
/// operation), and make_outcomes_connection(), its libcurl implementation.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "closeio/async_result.hpp"
#include "closeio/client_options.hpp"
#include "closeio/export.hpp"
#include "closeio/list_options.hpp"
#include "closeio/outcome.hpp"
#include "closeio/rate_limit.hpp"
#include "closeio/session.hpp"

namespace closeio {

/// Performs the five Outcomes operations. OutcomesClient forwards every call to one of these;
/// replace it (see closeio::testing::MockOutcomesConnection) to test code without HTTP.
/// Implementations must be thread-safe, and report failures with the closeio::Error subclasses
/// listed on each operation (OutcomesClient::fetch() and the others say when each is thrown).
///
/// @par Growing without breaking
/// Every member has a default body that throws UnimplementedError (rate_limit() returns
/// std::nullopt), so members added in later versions do not break subclasses and mocks written
/// against this one.
class CLOSEIO_EXPORT OutcomesConnection {
 public:
  virtual ~OutcomesConnection();
  /// GET /outcome/ with `_limit`, `_skip`, `_fields`.
  /// @throws ApiError for a non-2xx answer, as its subclass when there is one: BadRequestError
  ///         (400), UnauthorizedError (401), ForbiddenError (403), NotFoundError (404),
  ///         RateLimitError (429), ServerError (5xx).
  /// @throws TransportError when no HTTP answer arrived (also a timeout or deadline).
  /// @throws DecodeError when the answer is not the documented JSON.
  /// @throws CancelledError when `call.cancellation` was cancelled.
  virtual Page<Outcome> list_page(const ListOptions& options, const CallOptions& call);
  /// POST /outcome/.
  /// @throws ApiError for a non-2xx answer, as its subclass when there is one: BadRequestError
  ///         (400), UnauthorizedError (401), ForbiddenError (403), NotFoundError (404),
  ///         RateLimitError (429), ServerError (5xx).
  /// @throws TransportError when no HTTP answer arrived (also a timeout or deadline).
  /// @throws DecodeError when the answer is not the documented JSON.
  /// @throws CancelledError when `call.cancellation` was cancelled.
  virtual Outcome create(const OutcomeCreate& outcome, const CallOptions& call);
  /// GET /outcome/{id}/ with optional `_fields`.
  /// @throws ApiError for a non-2xx answer, as its subclass when there is one: BadRequestError
  ///         (400), UnauthorizedError (401), ForbiddenError (403), NotFoundError (404),
  ///         RateLimitError (429), ServerError (5xx).
  /// @throws TransportError when no HTTP answer arrived (also a timeout or deadline).
  /// @throws DecodeError when the answer is not the documented JSON.
  /// @throws CancelledError when `call.cancellation` was cancelled.
  virtual Outcome fetch(const std::string& id, const std::vector<std::string>& fields,
                        const CallOptions& call);
  /// PUT /outcome/{id}/ with only the fields set in `changes`.
  /// @throws ApiError for a non-2xx answer, as its subclass when there is one: BadRequestError
  ///         (400), UnauthorizedError (401), ForbiddenError (403), NotFoundError (404),
  ///         RateLimitError (429), ServerError (5xx).
  /// @throws TransportError when no HTTP answer arrived (also a timeout or deadline).
  /// @throws DecodeError when the answer is not the documented JSON.
  /// @throws CancelledError when `call.cancellation` was cancelled.
  virtual Outcome update(const std::string& id, const OutcomeUpdate& changes,
                         const CallOptions& call);
  /// DELETE /outcome/{id}/.
  /// @throws ApiError for a non-2xx answer, as its subclass when there is one: BadRequestError
  ///         (400), UnauthorizedError (401), ForbiddenError (403), NotFoundError (404),
  ///         RateLimitError (429), ServerError (5xx).
  /// @throws TransportError when no HTTP answer arrived (also a timeout or deadline).
  /// @throws DecodeError when the answer is not the documented JSON.
  /// @throws CancelledError when `call.cancellation` was cancelled.
  virtual void remove(const std::string& id, const CallOptions& call);
  /// The asynchronous list_page(): returns at once; `done` receives the value or the exception
  /// list_page() would throw, exactly once. The HTTP connection runs it on the session's I/O thread
  /// (`done` runs there). The default body calls list_page() on the calling thread and `done`
  /// before returning, so subclasses and mocks written against list_page() alone keep working.
  virtual void list_page_async(const ListOptions& options, const CallOptions& call,
                               std::function<void(AsyncResult<Page<Outcome>>)> done);
  /// The asynchronous create(): returns at once; `done` receives the value or the exception
  /// create() would throw, exactly once. The HTTP connection runs it on the session's I/O thread
  /// (`done` runs there). The default body calls create() on the calling thread and `done` before
  /// returning, so subclasses and mocks written against create() alone keep working.
  virtual void create_async(const OutcomeCreate& outcome, const CallOptions& call,
                            std::function<void(AsyncResult<Outcome>)> done);
  /// The asynchronous fetch(): returns at once; `done` receives the value or the exception
  /// fetch() would throw, exactly once. The HTTP connection runs it on the session's I/O thread
  /// (`done` runs there). The default body calls fetch() on the calling thread and `done` before
  /// returning, so subclasses and mocks written against fetch() alone keep working.
  virtual void fetch_async(const std::string& id, const std::vector<std::string>& fields,
                           const CallOptions& call, std::function<void(AsyncResult<Outcome>)> done);
  /// The asynchronous update(): returns at once; `done` receives the value or the exception
  /// update() would throw, exactly once. The HTTP connection runs it on the session's I/O thread
  /// (`done` runs there). The default body calls update() on the calling thread and `done` before
  /// returning, so subclasses and mocks written against update() alone keep working.
  virtual void update_async(const std::string& id, const OutcomeUpdate& changes,
                            const CallOptions& call,
                            std::function<void(AsyncResult<Outcome>)> done);
  /// The asynchronous remove(): returns at once; `done` receives the value or the exception
  /// remove() would throw, exactly once. The HTTP connection runs it on the session's I/O thread
  /// (`done` runs there). The default body calls remove() on the calling thread and `done` before
  /// returning, so subclasses and mocks written against remove() alone keep working.
  virtual void remove_async(const std::string& id, const CallOptions& call,
                            std::function<void(AsyncResult<void>)> done);
  /// The rate-limit state of the latest response that reported one, if any.
  virtual std::optional<RateLimitInfo> rate_limit() const;
};

/// The HTTP connection over libcurl with a session of its own, as OutcomesClient(ClientOptions)
/// builds it. Sends nothing.
/// @throws std::invalid_argument `options` are invalid: missing or malformed credentials, a bad
///         base URL, or an out-of-range limit (as listed on the OutcomesClient constructor).
CLOSEIO_EXPORT std::shared_ptr<OutcomesConnection> make_outcomes_connection(ClientOptions options);
/// The HTTP connection over `session`'s connection pool and rate-limit state. Sends nothing.
CLOSEIO_EXPORT std::shared_ptr<OutcomesConnection> make_outcomes_connection(const Session& session);

}  // namespace closeio
