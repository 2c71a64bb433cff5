/// @file
/// Which calls or meetings a list returns.
#pragma once

#include <optional>
#include <string>

#include "closeio/timestamp.hpp"

namespace closeio {

/// Filters of a call or meeting list. Empty members are not sent. Sent as `lead_id`, `user_id`,
/// `date_created__gt` and `date_created__lt` (timestamps in UTC, the offset's '+' encoded).
struct ActivityFilter {
  std::string lead_id;                      ///< Only this lead's activities. Default: any lead.
  std::string user_id;                      ///< Only this user's activities. Default: any user.
  std::optional<Timestamp> created_after;   ///< date_created strictly after. Default: no bound.
  std::optional<Timestamp> created_before;  ///< date_created strictly before. Default: no bound.
};

}  // namespace closeio
