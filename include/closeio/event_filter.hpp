/// @file
/// Which Event Log entries a list returns, and how it pages.
#pragma once

#include <optional>
#include <string>

#include "closeio/timestamp.hpp"

namespace closeio {

/// Filters of an Event Log list (`GET /event/`). Empty members are not sent. Close allows only
/// some combinations of `object_type`, `object_id`, `action`, `lead_id`, `user_id` and
/// `request_id` (listed in docs/guides/event-log.md); the date bounds may be added to any of them.
/// EventsClient refuses another combination before sending (std::invalid_argument); Close
/// answers one with 400 (BadRequestError).
struct EventFilter {
  std::string object_type;  ///< E.g. "activity.call". Default: any type.
  std::string object_id;    ///< Events of this object only (not of related objects).
  std::string action;       ///< E.g. "updated". Default: any action.
  std::string lead_id;      ///< The lead and all its contacts, activities, opportunities, tasks.
  std::string user_id;      ///< Events caused by this user.
  std::string request_id;   ///< Events emitted while one API request was processed.
  /// date_updated at or after (`date_updated__gte`, UTC). Default: no bound.
  std::optional<Timestamp> updated_since;
  /// date_updated at or before (`date_updated__lte`, UTC). Default: no bound.
  std::optional<Timestamp> updated_until;
};

/// Paging of an Event Log list: a cursor, never `_skip` (Close does not support it).
struct EventListOptions {
  /// Events per page (`_limit`): 1 to 50 (Close's cap and default). Default: 50.
  int limit = 50;
  /// Where the page starts (`_cursor`): a `cursor_next` or `cursor_previous` of an earlier page
  /// of the same filter. Empty: the newest events. Default: empty.
  std::string cursor;
};

}  // namespace closeio
