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

/// Deepest JSON nesting accepted in a response; deeper bodies raise DecodeError before parsing.
inline constexpr std::size_t kMaxJsonDepth = 64;

/// Decodes one Outcome object. Throws closeio::DecodeError naming the field on a wrong type,
/// a malformed timestamp, invalid JSON, invalid UTF-8 or nesting deeper than kMaxJsonDepth.
Outcome decode_outcome(std::string_view body);

/// Decodes `{"data": [Outcome...], "has_more": bool}`. Throws closeio::DecodeError as above,
/// and when `data` is missing.
Page<Outcome> decode_outcome_page(std::string_view body);

/// Checks a DELETE answer: an empty body or a JSON object. Throws closeio::DecodeError otherwise.
void check_delete_body(std::string_view body);

/// `{"name": ..., "description": ..., "type": ...}` with unset optionals left out.
/// Throws std::invalid_argument for OutcomeType::unknown or an empty name.
std::string encode_create(const OutcomeCreate& outcome);

/// Only the fields `changes` sets; a cleared description is `"description": null`.
/// Throws std::invalid_argument for OutcomeType::unknown or an empty name.
std::string encode_update(const OutcomeUpdate& changes);

}  // namespace closeio::internal
