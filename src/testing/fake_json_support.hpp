// The JSON helpers the emulator's validators and encoders share: reading a request body as an
// object, and writing answers that never throw on invalid UTF-8.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace closeio::testing::internal {

/// Close's field error for a value that is not a string.
inline constexpr const char* kNotString = "Not a valid string.";

/// Parses `body` as a JSON object; otherwise sets `error` to Close's {"error": ...} body.
std::optional<nlohmann::json> parse_object(std::string_view body, std::string& error);

/// Compact text of `json`. Strings come from tests (seeds) as well as from parsed requests, so
/// invalid UTF-8 is replaced rather than thrown on.
std::string dump_json(const nlohmann::ordered_json& json);

/// The string, or JSON null when absent.
nlohmann::ordered_json optional_string(const std::optional<std::string>& value);

}  // namespace closeio::testing::internal
