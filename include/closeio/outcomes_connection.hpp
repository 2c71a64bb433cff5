// The seam between OutcomesClient and the wire: one virtual call per operation.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "closeio/client_options.hpp"
#include "closeio/export.hpp"
#include "closeio/list_options.hpp"
#include "closeio/outcome.hpp"
#include "closeio/rate_limit.hpp"
#include "closeio/session.hpp"

namespace closeio {

/// Performs the five Outcomes operations. OutcomesClient forwards every call to one of these;
/// replace it (see closeio::testing::MockOutcomesConnection) to test code without HTTP.
/// Implementations must be thread-safe.
///
/// @par Growing without breaking
/// Every member has a default body that throws UnimplementedError, so members added in later
/// versions do not break subclasses and mocks written against this one.
class CLOSEIO_EXPORT OutcomesConnection {
 public:
  virtual ~OutcomesConnection();
  /// GET /outcome/ with `_limit`, `_skip`, `_fields`.
  virtual Page<Outcome> list_page(const ListOptions& options, const CallOptions& call);
  /// POST /outcome/.
  virtual Outcome create(const OutcomeCreate& outcome, const CallOptions& call);
  /// GET /outcome/{id}/ with optional `_fields`.
  virtual Outcome fetch(const std::string& id, const std::vector<std::string>& fields,
                        const CallOptions& call);
  /// PUT /outcome/{id}/ with only the fields set in `changes`.
  virtual Outcome update(const std::string& id, const OutcomeUpdate& changes,
                         const CallOptions& call);
  /// DELETE /outcome/{id}/.
  virtual void remove(const std::string& id, const CallOptions& call);
  /// The rate-limit state of the latest response that reported one, if any.
  virtual std::optional<RateLimitInfo> rate_limit() const;
};

/// The HTTP connection over libcurl, with a session of its own. Validates `options` and throws
/// std::invalid_argument for missing or malformed credentials, a bad base URL, or negative
/// limits.
CLOSEIO_EXPORT std::shared_ptr<OutcomesConnection> make_outcomes_connection(ClientOptions options);
/// The HTTP connection over `session`'s connection pool and rate-limit state.
CLOSEIO_EXPORT std::shared_ptr<OutcomesConnection> make_outcomes_connection(const Session& session);

}  // namespace closeio
