/// @file
/// The seam between CallsClient and the wire: one virtual call per operation.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "closeio/activity_filter.hpp"
#include "closeio/call.hpp"
#include "closeio/client_options.hpp"
#include "closeio/export.hpp"
#include "closeio/list_options.hpp"
#include "closeio/rate_limit.hpp"
#include "closeio/session.hpp"

namespace closeio {

/// Performs the Call operations. CallsClient forwards every call to one of these; replace it
/// (see closeio::testing::MockCallsConnection) to test code without HTTP. Implementations must
/// be thread-safe.
///
/// @par Growing without breaking
/// Every member has a default body that throws UnimplementedError, so members added in later
/// versions do not break subclasses and mocks written against this one.
class CLOSEIO_EXPORT CallsConnection {
 public:
  virtual ~CallsConnection();
  /// GET /activity/call/ with the filter, `_limit`, `_skip` and `_fields`.
  virtual Page<Call> list_page(const ActivityFilter& filter, const ListOptions& options,
                               const CallOptions& call);
  /// GET /activity/call/{id}/ with optional `_fields`.
  virtual Call fetch(const std::string& id, const std::vector<std::string>& fields,
                     const CallOptions& call);
  /// POST /activity/call/: logs an external call.
  virtual Call log(const CallLog& log, const CallOptions& call);
  /// PUT /activity/call/{id}/ with `{"outcome_id": outcome_id}`.
  virtual Call set_outcome(const std::string& id, const std::string& outcome_id,
                           const CallOptions& call);
  /// PUT /activity/call/{id}/ with `{"outcome_id": null}`.
  virtual Call clear_outcome(const std::string& id, const CallOptions& call);
  /// The rate-limit state of the latest response that reported one, if any.
  virtual std::optional<RateLimitInfo> rate_limit() const;
};

/// The HTTP connection over libcurl, with a session of its own. Throws std::invalid_argument
/// as Session's constructor does.
CLOSEIO_EXPORT std::shared_ptr<CallsConnection> make_calls_connection(ClientOptions options);
/// The HTTP connection over `session`'s connection pool and rate-limit state.
CLOSEIO_EXPORT std::shared_ptr<CallsConnection> make_calls_connection(const Session& session);

}  // namespace closeio
