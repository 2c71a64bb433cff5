// A fast path for the answers Close normally sends: the documented shape, nothing unusual.
// It recognises a strict subset of JSON and gives up (returns false) on anything else — numbers,
// nested values under unknown keys, wrong types, bad timestamps, invalid UTF-8, any syntax error
// — leaving the body to the full nlohmann-based decoder, which then produces the result or the
// precise DecodeError. Whatever it accepts it decodes exactly as the full decoder does (the unit
// tests and the fuzzer compare the two).
#pragma once

#include <string_view>

#include "closeio/list_options.hpp"
#include "closeio/outcome.hpp"

namespace closeio::internal {

/// Decodes one Outcome into `out` (a default Outcome). False: use the full decoder.
bool fast_decode_outcome(std::string_view body, Outcome& out);

/// Decodes a list page into `out` (an empty page). False: use the full decoder.
bool fast_decode_outcome_page(std::string_view body, Page<Outcome>& out);

}  // namespace closeio::internal
