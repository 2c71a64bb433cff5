// The wire format of the Outcomes API in one place: Outcome, list pages and request bodies.
// Decoding is strict about types and lenient about presence: unknown keys are ignored, missing
// keys keep their defaults, unknown enum values decode as `unknown`.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "closeio/list_options.hpp"
#include "closeio/outcome.hpp"

namespace closeio::internal {

/// Deepest JSON nesting accepted in a response (the outermost object or array is level 1).
/// Deeper bodies raise DecodeError as soon as the parser reaches the limit, without recursion.
inline constexpr std::size_t kMaxJsonDepth = 64;

/// Decodes one Outcome object. Throws closeio::DecodeError naming the field on a wrong type
/// (`decoding outcome: field "name": expected a string, got number`), a malformed timestamp,
/// invalid JSON or UTF-8 (with the 1-based byte position), or nesting deeper than kMaxJsonDepth.
/// `description`, `created_by`, `updated_by` and `applies_to` may be null; other fields may not.
Outcome decode_outcome(std::string_view body);

/// Decodes `{"data": [Outcome...], "has_more": bool}`; a missing `has_more` means false.
/// Throws closeio::DecodeError as above (paths name the item, e.g. `data[3].name`), and when
/// `data` is missing.
Page<Outcome> decode_outcome_page(std::string_view body);

/// decode_outcome without the fast path: nlohmann's SAX parser only. For tests and fuzzing,
/// which check that both paths agree.
Outcome decode_outcome_full(std::string_view body);

/// decode_outcome_page without the fast path (see decode_outcome_full).
Page<Outcome> decode_outcome_page_full(std::string_view body);

/// Checks a DELETE answer: an empty body or a JSON object. Throws closeio::DecodeError otherwise.
void check_delete_body(std::string_view body);

/// Compact `{"name":...,"description":...,"type":...}` with unset optionals left out.
/// Throws std::invalid_argument for OutcomeType::unknown, an empty name or invalid UTF-8.
std::string encode_create(const OutcomeCreate& outcome);

/// Only the fields `changes` sets, in the order name, description, type; a cleared description
/// is `"description":null`. Throws std::invalid_argument for OutcomeType::unknown, an empty name
/// or invalid UTF-8.
std::string encode_update(const OutcomeUpdate& changes);

}  // namespace closeio::internal
