// A fast path for the answers Close normally sends: the documented shape, nothing unusual.
// It recognises a strict subset of JSON and gives up (returns false) on anything else — numbers,
// nested values under unknown keys, wrong types, bad timestamps, invalid UTF-8, any syntax error
// — leaving the body to the full nlohmann-based decoder, which then produces the result or the
// precise DecodeError. Whatever it accepts it decodes exactly as the full decoder does (the unit
// tests and the fuzzer compare the two).
#pragma once

#include <string_view>

#include "closeio/call.hpp"
#include "closeio/list_options.hpp"
#include "closeio/meeting.hpp"
#include "closeio/outcome.hpp"

namespace closeio::internal {

/// Decodes one resource T (Outcome, Call, Meeting) into `out` (a default T). False: use the
/// full decoder.
template <class T>
bool fast_decode_resource(std::string_view body, T& out);

/// Decodes a list page into `out` (an empty page). False: use the full decoder.
template <class T>
bool fast_decode_page(std::string_view body, Page<T>& out);

/// The Outcome fast path under its historical names.
inline bool fast_decode_outcome(std::string_view body, Outcome& out) {
  return fast_decode_resource(body, out);
}
inline bool fast_decode_outcome_page(std::string_view body, Page<Outcome>& out) {
  return fast_decode_page(body, out);
}

}  // namespace closeio::internal
