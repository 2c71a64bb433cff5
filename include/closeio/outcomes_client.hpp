// The Outcomes API client.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

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
  /// Builds a client over libcurl. Throws std::invalid_argument for missing, empty or
  /// control-character credentials, a malformed base URL, or an http:// URL to a non-loopback
  /// host without allow_insecure_http.
  explicit OutcomesClient(ClientOptions options);
  /// Builds a client over `session`'s connections and rate-limit state.
  explicit OutcomesClient(const Session& session);
  /// Builds a client over any connection, e.g. a closeio::testing::MockOutcomesConnection.
  explicit OutcomesClient(std::shared_ptr<OutcomesConnection> connection);

  /// A copy of this client whose calls use `call` (cancellation, deadline).
  OutcomesClient with_call_options(CallOptions call) const;

  /// One page: GET /outcome/?_limit=&_skip=&_fields=. Throws std::invalid_argument when
  /// `limit` < 1 or `skip` < 0.
  Page<Outcome> list_page(const ListOptions& options = {}) const;
  /// Every outcome from `options.skip` on, fetched lazily page by page (`_skip` advances by the
  /// items received; the walk stops when has_more is false or a page is empty).
  OutcomeRange list(ListOptions options = {}) const;
  /// POST /outcome/. Throws std::invalid_argument for an empty name or OutcomeType::unknown.
  Outcome create(const OutcomeCreate& outcome) const;
  /// GET /outcome/{id}/, only `fields` when non-empty. Throws std::invalid_argument for an
  /// empty id.
  Outcome fetch(const std::string& id, const std::vector<std::string>& fields = {}) const;
  /// PUT /outcome/{id}/ with only what `changes` sets. Throws std::invalid_argument for an
  /// empty id or OutcomeType::unknown.
  Outcome update(const std::string& id, const OutcomeUpdate& changes) const;
  /// DELETE /outcome/{id}/. Throws std::invalid_argument for an empty id.
  void remove(const std::string& id) const;

  /// The rate-limit figures of the latest response that carried them, if any.
  std::optional<RateLimitInfo> rate_limit() const;

 private:
  std::shared_ptr<OutcomesConnection> connection_;
  CallOptions call_;
};

}  // namespace closeio
