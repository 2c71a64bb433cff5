// The query of an Event Log list (GET /event/): the checks Close's rules call for, run before
// anything is sent, and the encoded parameters. Each check throws std::invalid_argument.
#pragma once

#include "closeio/event_filter.hpp"
#include "internal/rest_resource.hpp"

namespace closeio::internal {

/// Close's page size cap for /event/ (`_limit` is "capped at and defaulting to 50").
inline constexpr int kMaxEventPageSize = 50;

/// Every value set is a clean path-segment-like token (not ".", "..", no spaces or control
/// characters, at most 256 bytes), updated_since is not after updated_until, and the members set
/// among object_type, object_id, action, lead_id, user_id and request_id are none or one of the
/// combinations Close documents (the date bounds may go with any of them).
void require_valid_event_filter(const EventFilter& filter);

/// `limit` 1 to 50; a cursor without spaces or control characters, at most 4096 bytes.
void require_valid_event_list_options(const EventListOptions& options);

/// The filter's parameters, percent-encoded, in a fixed order (object_type, object_id, action,
/// lead_id, user_id, request_id, date_updated__gte, date_updated__lte), then `_cursor` when set
/// and `_limit`. With a cursor the filters are repeated, as Close requires, except the date
/// bounds, which the cursor carries (Close's rule). Runs both checks.
QueryPairs event_list_query(const EventFilter& filter, const EventListOptions& options);

}  // namespace closeio::internal
