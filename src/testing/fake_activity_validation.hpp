// Checks call and meeting request bodies the way Close's server-side spec does, producing
// Close's 400 bodies (`{"errors": [], "field-errors": {...}}`).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "closeio/call.hpp"
#include "closeio/timestamp.hpp"
#include "testing/fake_outcome_validation.hpp"

namespace closeio::testing::internal {

/// A key of a body: sent or not, and when sent its value or null (std::nullopt).
template <typename T>
struct Patch {
  bool sent = false;
  std::optional<T> value;
};

/// What a call log (POST) or call update (PUT) body carries. Unused members stay unsent.
struct CallChanges {
  Patch<std::string> lead_id, contact_id, user_id, outcome_id, phone, note, note_html;
  Patch<std::string> recording_url, voicemail_url;
  Patch<Timestamp> activity_at;
  Patch<std::int64_t> duration;  ///< Seconds, 0..604800.
  Patch<CallStatus> status;
  // Only in a call log:
  Patch<CallDirection> direction;
  Patch<Timestamp> date_created;
  Patch<std::string> source;      ///< "External" or "Close.io".
  Patch<std::string> created_by;  ///< `created_by` or its alias `created_by_id`.
};

/// What a meeting update (PUT) carries.
struct MeetingChanges {
  Patch<std::string> outcome_id, user_note, user_note_html;
};

/// Says why `outcome_id` cannot be put on the activity (Close's field-error message), or
/// std::nullopt when it can.
using OutcomeCheck = std::function<std::optional<std::string>(const std::string& outcome_id)>;

/// POST /activity/call/ (CreateCallActivity): every key may be null; any key outside the schema
/// (except `custom.<id>`) is refused with "Unknown field."; `duration` an integer 0..604800;
/// `direction`, `status`, `source` from their enums; `activity_at`/`date_created` ISO 8601
/// date-times; recording and voicemail URLs https://; a string `outcome_id` passes `check`.
Validated<CallChanges> validate_call_log(std::string_view text, const OutcomeCheck& check);

/// PUT /activity/call/{id}/ (UpdateCallActivity): as the log, with the update schema's keys
/// (no direction, source, created_by, date_created, organization_id).
Validated<CallChanges> validate_call_update(std::string_view text, const OutcomeCheck& check);

/// PUT /activity/meeting/{id}/: Close documents the body as "any": `outcome_id`, `user_note`
/// and `user_note_html` (string or null) are read, other keys ignored.
Validated<MeetingChanges> validate_meeting_update(std::string_view text, const OutcomeCheck& check);

}  // namespace closeio::testing::internal
