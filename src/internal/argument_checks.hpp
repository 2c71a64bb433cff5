// Checks of caller-supplied arguments that need no server. The client runs them before calling
// any connection (so a mocked connection sees the same contract) and the HTTP connection runs
// them again for callers that use it directly. Each throws std::invalid_argument.
#pragma once

#include <optional>
#include <string>

#include "closeio/list_options.hpp"
#include "closeio/outcome.hpp"

namespace closeio::internal {

/// An outcome id must not be empty (it would address the collection instead of one outcome) and
/// must not be "." or ".." (dot-segments that address another path). Every other id is sent as
/// one percent-encoded path segment.
void require_id(const std::string& id);

/// OutcomeType::unknown has no wire value and is never sent.
void require_sendable_type(const std::optional<OutcomeType>& type);

/// `limit` >= 1 and `skip` >= 0.
void require_valid_list_options(const ListOptions& options);

}  // namespace closeio::internal
