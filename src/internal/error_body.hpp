// Reading Close's error bodies: `{"error": "..."}`, `{"errors": [...], "field-errors": {...}}`,
// 429 bodies with `rate_reset`, and bodies that are not JSON at all.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace closeio::internal {

/// Longest raw body text kept in a message when the body is not a Close error document.
inline constexpr std::size_t kMaxRawErrorText = 512;

/// What an error body says. Never holds more than a bounded amount of raw text.
struct ErrorBody {
  /// Human-readable summary, one line of valid UTF-8: `error` when it is a string (or
  /// `error.message`/`message`), else the `errors` and then `field: message` pairs joined with
  /// "; ", else the raw text cut to kMaxRawErrorText bytes on a character boundary ("…" appended
  /// when cut). Control characters become spaces, runs of blanks collapse, bytes that are not
  /// UTF-8 become U+FFFD; a message from JSON is cut at 4 × kMaxRawErrorText. Empty for an empty
  /// body.
  std::string message;
  std::vector<std::string> errors;                  ///< `errors` when it is a list of strings.
  std::map<std::string, std::string> field_errors;  ///< Flattened to dotted paths.
  /// `rate_reset` (top level, else under `error`; a number or a numeric string), when finite
  /// and not negative.
  std::optional<double> rate_reset_seconds;
};

/// Parses any body; never throws for malformed input.
ErrorBody parse_error_body(std::string_view body) noexcept;

}  // namespace closeio::internal
