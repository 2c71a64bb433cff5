/// @file
/// The seam between RawClient and the wire: one virtual call per operation.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "closeio/async_result.hpp"
#include "closeio/client_options.hpp"
#include "closeio/export.hpp"
#include "closeio/list_options.hpp"
#include "closeio/rate_limit.hpp"
#include "closeio/raw_request.hpp"
#include "closeio/session.hpp"

namespace closeio {

/// Performs raw requests. RawClient checks and normalises every request (method, path) and then
/// forwards it to one of these; replace it (see closeio::mocks::MockRawConnection) to test code
/// without HTTP. Implementations must be thread-safe.
///
/// @par Growing without breaking
/// Every member has a default body that throws UnimplementedError, so members added in later
/// versions do not break subclasses and mocks written against this one.
class CLOSEIO_EXPORT RawConnection {
 public:
  virtual ~RawConnection();
  /// Sends `request`; returns the 2xx answer or throws the mapped closeio::Error.
  virtual RawResponse request(const RawRequest& request, const CallOptions& call);
  /// The asynchronous request(): returns at once; `done` receives the value or the exception
  /// request() would throw, exactly once. The HTTP connection runs it on the session's I/O thread
  /// (`done` runs there). The default body calls request() on the calling thread and `done`
  /// before returning, so subclasses and mocks written against request() alone keep working.
  virtual void request_async(const RawRequest& request, const CallOptions& call,
                             std::function<void(AsyncResult<RawResponse>)> done);
  /// One page of a `{"data": [...], "has_more": ...}` list: GET `path` with `query` plus
  /// `_limit` and `_skip` from `options` (its `fields` are unused: a raw list sends `_fields` in
  /// `query`). Each item is its JSON text exactly as received.
  virtual Page<std::string> list_page(const std::string& path, const QueryParams& query,
                                      const ListOptions& options, const CallOptions& call);
  /// The asynchronous list_page(): returns at once; `done` receives the value or the exception
  /// list_page() would throw, exactly once. The HTTP connection runs it on the session's I/O thread
  /// (`done` runs there). The default body calls list_page() on the calling thread and `done`
  /// before returning, so subclasses and mocks written against list_page() alone keep working.
  virtual void list_page_async(const std::string& path, const QueryParams& query,
                               const ListOptions& options, const CallOptions& call,
                               std::function<void(AsyncResult<Page<std::string>>)> done);
  /// The rate-limit state of the latest response that reported one, if any.
  virtual std::optional<RateLimitInfo> rate_limit() const;
};

/// The HTTP connection over libcurl, with a session of its own. Throws std::invalid_argument
/// as Session's constructor does.
CLOSEIO_EXPORT std::shared_ptr<RawConnection> make_raw_connection(ClientOptions options);
/// The HTTP connection over `session`'s connection pool and rate-limit state.
CLOSEIO_EXPORT std::shared_ptr<RawConnection> make_raw_connection(const Session& session);

}  // namespace closeio
