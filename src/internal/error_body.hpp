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
  /// Human-readable summary: `error` when it is a string (or `error.message`/`message`), else
  /// the `errors` and `field-errors` joined, else the raw text cut to kMaxRawErrorText bytes
  /// with control characters replaced; empty for an empty body.
  std::string message;
  std::vector<std::string> errors;                   ///< `errors` when it is a list of strings.
  std::map<std::string, std::string> field_errors;   ///< Flattened to dotted paths.
  std::optional<double> rate_reset_seconds;          ///< `rate_reset` (top level or under error).
};

/// Parses any body; never throws for malformed input.
ErrorBody parse_error_body(std::string_view body) noexcept;

}  // namespace closeio::internal
