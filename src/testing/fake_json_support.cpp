#include "testing/fake_json_support.hpp"

#include "testing/fake_api_support.hpp"

namespace closeio::testing::internal {

std::optional<nlohmann::json> parse_object(std::string_view body, std::string& error) {
  nlohmann::json json =
      nlohmann::json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) {
    error = error_body("Request body is not valid JSON.");
    return std::nullopt;
  }
  if (!json.is_object()) {
    error = error_body("Request body must be a JSON object.");
    return std::nullopt;
  }
  return json;
}

std::string dump_json(const nlohmann::ordered_json& json) {
  return json.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

nlohmann::ordered_json optional_string(const std::optional<std::string>& value) {
  return value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
}

}  // namespace closeio::testing::internal
