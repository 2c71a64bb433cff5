// Call and Meeting bodies as Close writes them, encoded with nlohmann/json, and the wire names
// of their enums. Deliberately independent of the SDK's codec and enum tables (src/internal) so
// that a bug there cannot be mirrored here.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "closeio/call.hpp"
#include "closeio/meeting.hpp"
#include "testing/fake_activity_store.hpp"
#include "testing/fake_api_support.hpp"

namespace closeio::testing::internal {

/// "inbound" / "outbound"; "inbound" for CallDirection::unknown (never stored).
std::string_view wire_name(CallDirection value);
/// "in-progress", ...; "completed" for CallStatus::unknown (never stored).
std::string_view wire_name(CallStatus value);
/// "vm-left", ...; "error" for CallDisposition::unknown (never stored).
std::string_view wire_name(CallDisposition value);
/// "declined-by-lead", ...; "upcoming" for MeetingStatus::unknown (never stored).
std::string_view wire_name(MeetingStatus value);

std::optional<CallDirection> parse_call_direction(std::string_view wire);
std::optional<CallStatus> parse_call_status(std::string_view wire);

/// The disposition Close would record for a call ending in `status`: completed -> answered,
/// no-answer and timeout -> no-answer, busy -> busy, failed -> error, cancel -> abandoned;
/// std::nullopt while the call is created or in progress.
std::optional<CallDisposition> disposition_for(CallStatus status);

/// "<body><p>text</p></body>" with the text HTML-escaped, the form of Close's `note_html`.
std::string note_to_html(std::string_view note);
/// The text of a rich-text note: tags dropped, the five basic entities decoded.
std::string html_to_note(std::string_view html);

/// A Call object with every key Close's CallActivity schema requires plus the usual extras
/// (direction, disposition, duration, phone, note, ...), or only the `_fields` asked for.
std::string encode_call(const StoredCall& call, const FieldSelection& fields = std::nullopt);
/// A Meeting object with every key Close's MeetingActivity schema requires, or only the
/// `_fields` asked for. `transcripts` (an empty list) only when asked for, as Close does.
std::string encode_meeting(const StoredMeeting& meeting,
                           const FieldSelection& fields = std::nullopt);
/// `{"data": [...], "has_more": ...}`.
std::string encode_page(const ActivityPage<StoredCall>& page, const FieldSelection& fields);
std::string encode_page(const ActivityPage<StoredMeeting>& page, const FieldSelection& fields);

}  // namespace closeio::testing::internal
