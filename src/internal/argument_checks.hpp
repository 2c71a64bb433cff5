// Checks of caller-supplied arguments that need no server. The clients run them before calling
// any connection (so a mocked connection sees the same contract) and the HTTP connections run
// them again for callers that use them directly. Each throws std::invalid_argument.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "closeio/activity_filter.hpp"
#include "closeio/list_options.hpp"
#include "closeio/outcome.hpp"

namespace closeio::internal {

/// An id must not be empty (it would address the collection instead of one item), nor "." or
/// ".." (dot-segments, which servers and proxies resolve to another path even when encoded).
/// Every other id is sent as one percent-encoded path segment. `what` names it in the message,
/// e.g. "outcome id".
void require_id(const std::string& id, std::string_view what = "outcome id");

/// OutcomeType::unknown has no wire value and is never sent.
void require_sendable_type(const std::optional<OutcomeType>& type);

/// `limit` >= 1 and `skip` >= 0.
void require_valid_list_options(const ListOptions& options);

/// A filter's ids are empty (not sent) or valid ids.
void require_valid_filter(const ActivityFilter& filter);

}  // namespace closeio::internal
