// The wire format of Close's Event Log entries, shared by webhook deliveries (verify_webhook),
// the Event Log client (GET /event/) and the emulator's tests. Scalar fields go through Event's
// field table (internal/resource_tables.cpp); `data`, `previous_data` and `meta` are kept as raw
// JSON text, exactly the bytes received for the value (decode_event, decode_event_page,
// decode_delivery), so events of object types the SDK does not model stay usable and numbers
// keep their precision. decode_event_value, which starts from a DOM, can only give nlohmann's
// compact serialisation (keys sorted): prefer the text forms.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "closeio/event.hpp"
#include "closeio/timestamp.hpp"

namespace closeio::internal {

/// An Event's date: every form parse_timestamp() reads, plus the offset-less form Close uses for
/// an event's own dates ("2019-01-15T12:48:23.395000"), read as UTC.
/// @throws std::invalid_argument for anything else.
Timestamp parse_event_timestamp(std::string_view text);

/// Parses `text` as one JSON value (nothing after it), refusing nesting deeper than
/// kMaxJsonDepth without recursion. @throws closeio::DecodeError `<prefix>invalid JSON at byte N:
/// ...` or `<prefix>JSON nested deeper than 64 levels`. `prefix` is e.g. "decoding event: ".
nlohmann::json parse_json_bounded(std::string_view text, std::string_view prefix);

/// Decodes one Event from the text of a JSON object. Strict about types, lenient about presence
/// (unknown keys ignored, absent ones keep their defaults) except `id`, which must be a
/// non-empty string. @throws closeio::DecodeError naming the field, e.g.
/// `decoding event: field "date_updated": invalid timestamp "..."`.
Event decode_event(std::string_view json_object_text);

/// decode_event on a value already parsed (e.g. one item of a list page); raw members are
/// nlohmann's compact dump of the value (keys sorted, numbers as nlohmann prints them). `context`
/// starts the message ("event", "event page") and `path` names the value in it ("data[3]"; empty
/// for the top level), as in `decoding event page: field "data[3].action": expected a string, got
/// number`.
Event decode_event_value(const nlohmann::json& value, std::string_view context = "event",
                         std::string_view path = {});

/// One page of GET /event/: `{"data": [event...], "cursor_next": str|null,
/// "cursor_previous": str|null}`.
struct EventLogPage {
  std::vector<Event> data;
  std::optional<std::string> cursor_next;      ///< Older events; nullopt when none are left.
  std::optional<std::string> cursor_previous;  ///< Newer events; nullopt when none are left.
};

/// Decodes a GET /event/ page. A missing or null cursor is nullopt, and so is an empty one.
/// @throws closeio::DecodeError when `data` is missing or not an array, an item is not an
/// event (see decode_event), or a cursor is not a string or null.
EventLogPage decode_event_page(std::string_view body);

/// A webhook delivery body: `{"subscription_id": "whsub_...", "event": {...}}`.
struct DecodedDelivery {
  std::string subscription_id;
  Event event;
};

/// Decodes a webhook delivery body (call it on a verified body only). @throws
/// closeio::DecodeError when the body is not JSON, not an object, or lacks a non-empty string
/// `subscription_id` or an `event` object (see decode_event).
DecodedDelivery decode_delivery(std::string_view body);

/// decode_event's fast path alone: fills `out` (a default Event) and returns true, or returns
/// false (never throws but std::bad_alloc) for anything it does not read; for tests and fuzzing.
bool fast_decode_event(std::string_view json_object_text, Event& out);

/// decode_event's full path alone (a bounded DOM; raw members as nlohmann's dump); for tests and
/// fuzzing, which check that both paths agree.
Event decode_event_full(std::string_view json_object_text);

/// The top-level `subscription_id` of a delivery body, read without trusting or decoding the
/// rest: nullopt unless the body is valid JSON, an object, and the key's (last) value is a
/// non-empty string. May throw std::bad_alloc only.
std::optional<std::string> scan_subscription_id(std::string_view body);

}  // namespace closeio::internal
