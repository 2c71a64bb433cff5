// Which lead the tour logs its call on: CLOSE_TOUR_LEAD_ID, else the lead of a call Close lists.
#pragma once

#include <closeio/closeio.hpp>
#include <optional>
#include <stdexcept>
#include <string>

namespace tour {

/// CLOSE_TOUR_LEAD_ID holds something that is not a lead id. The message shows the value with
/// control and non-ASCII bytes escaped, cut to 80 characters.
class BadLeadId : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// The lead the tour uses and where it came from, for the output.
struct Lead {
  std::string id;      ///< "lead_..."
  std::string source;  ///< e.g. "from CLOSE_TOUR_LEAD_ID"
};

/// CLOSE_TOUR_LEAD_ID's value when it is set. Throws BadLeadId unless it is "lead_" followed by
/// 1 to 64 ASCII letters and digits, which is what Close's lead ids look like; so an empty
/// value, a '/', a "..", a control character or a huge value never reaches a request.
std::optional<std::string> lead_from_environment();

/// The lead to use: `from_environment` when set, else the lead of the first call
/// `GET /activity/call/?_limit=1&_fields=id,lead_id` answers. Throws std::runtime_error, asking
/// for CLOSE_TOUR_LEAD_ID, when no call is listed or it has no valid lead id; SDK errors pass.
Lead choose_lead(const closeio::CallsClient& calls,
                 const std::optional<std::string>& from_environment);

}  // namespace tour
