// The wire format of every resource in one place: resources, list pages and request bodies,
// each driven by the resource's field table (internal/resource_tables.cpp).
// Decoding is strict about types and lenient about presence: unknown keys are ignored, missing
// keys keep their defaults, unknown enum values decode as `unknown`.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "closeio/call.hpp"
#include "closeio/list_options.hpp"
#include "closeio/meeting.hpp"
#include "closeio/outcome.hpp"

namespace closeio::internal {

/// Deepest JSON nesting accepted in a response (the outermost object or array is level 1).
/// Deeper bodies raise DecodeError as soon as the parser reaches the limit, without recursion.
inline constexpr std::size_t kMaxJsonDepth = 64;

/// Throws the closeio::DecodeError for a body nlohmann could not parse: `<prefix>invalid JSON at
/// byte <position>: <cause>`, where the cause is nlohmann's `what` without its own location, cut
/// to one clean ASCII line of bounded length (the token it quotes may hold any bytes of the body).
/// `position` is nlohmann's count of bytes read (the 1-based position of the offending byte).
[[noreturn]] void throw_json_parse_error(const char* prefix, std::size_t position,
                                         std::string_view what);

/// Decodes one resource T (Outcome, Call, Meeting). Throws closeio::DecodeError naming the
/// field on a wrong type (`decoding call: field "duration": expected an integer or null, got
/// string`), a malformed timestamp, invalid JSON or UTF-8 (with the 1-based byte position), or
/// nesting deeper than kMaxJsonDepth. Nullable fields (std::optional members, and lists) may be
/// null; others may not.
template <class T>
T decode_resource(std::string_view body);

/// Decodes `{"data": [T...], "has_more": bool}`; a missing `has_more` means false. Throws
/// closeio::DecodeError as above (paths name the item, e.g. `data[3].name`), and when `data` is
/// missing.
template <class T>
Page<T> decode_page(std::string_view body);

/// decode_resource without the fast path: nlohmann's SAX parser only. For tests and fuzzing,
/// which check that both paths agree.
template <class T>
T decode_resource_full(std::string_view body);

/// decode_page without the fast path (see decode_resource_full).
template <class T>
Page<T> decode_page_full(std::string_view body);

/// Throws closeio::DecodeError `decoding <resource>: missing field "id"` when the answer named
/// no id although one was asked for: a 2xx answer that is not the resource (an empty object,
/// another document) must not pass for an empty one. `fields` are the `_fields` of the call:
/// when non-empty and without "id", the id was not asked for.
void require_id_in_answer(std::string_view resource, const std::string& id,
                          const std::vector<std::string>& fields);

/// The Outcome decoders under their historical names.
inline Outcome decode_outcome(std::string_view body) { return decode_resource<Outcome>(body); }
inline Page<Outcome> decode_outcome_page(std::string_view body) {
  return decode_page<Outcome>(body);
}
inline Outcome decode_outcome_full(std::string_view body) {
  return decode_resource_full<Outcome>(body);
}
inline Page<Outcome> decode_outcome_page_full(std::string_view body) {
  return decode_page_full<Outcome>(body);
}

/// Checks a DELETE answer: an empty body or a JSON object. Throws closeio::DecodeError otherwise.
void check_delete_body(std::string_view body);

/// Compact `{"name":...,"description":...,"type":...}` with unset optionals left out.
/// Throws std::invalid_argument for OutcomeType::unknown, an empty name or invalid UTF-8.
std::string encode_create(const OutcomeCreate& outcome);

/// Only the fields `changes` sets, in the order name, description, type; a cleared description
/// is `"description":null`. Throws std::invalid_argument for OutcomeType::unknown, an empty name
/// or invalid UTF-8.
std::string encode_update(const OutcomeUpdate& changes);

/// The members `log` sets, in table order; unset ones are left out. Throws
/// std::invalid_argument for an `unknown` enum, a duration outside 0 to 604800 s, an empty id,
/// or invalid UTF-8.
std::string encode_call_log(const CallLog& log);

/// `{"outcome_id":"<id>"}`, or `{"outcome_id":null}` for std::nullopt. Throws
/// std::invalid_argument for an empty id or invalid UTF-8.
std::string encode_outcome_assignment(const std::optional<std::string>& outcome_id);

/// Every row of T, present ones only when `only_present`, as one compact JSON object in table
/// order (all rows when `fields` is empty, else those named, in that order). Throws
/// std::invalid_argument for an unknown field name or a value that cannot be sent.
template <class T>
std::string encode_object(const T& value, const std::vector<std::string>& fields,
                          bool only_present);

}  // namespace closeio::internal
