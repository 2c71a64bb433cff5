#include "testing/fake_api_support.hpp"

#include <nlohmann/json.hpp>

namespace closeio::testing::internal {

ApiAnswer answer(int status, std::string body) {
  ApiAnswer result;
  result.status = status;
  result.body = std::move(body);
  return result;
}

ApiAnswer method_not_allowed(std::string allowed) {
  ApiAnswer result = answer(405, error_body(kMethodNotAllowed));
  result.headers.emplace_back("Allow", std::move(allowed));
  return result;
}

std::string error_body(std::string_view message) {
  // Messages may quote request input; never let invalid UTF-8 throw.
  return nlohmann::json{{"error", message}}.dump(-1, ' ', false,
                                                 nlohmann::json::error_handler_t::replace);
}

std::string field_error_body(std::string_view field, std::string_view message) {
  nlohmann::json body = {{"errors", nlohmann::json::array()},
                         {"field-errors", {{std::string(field), message}}}};
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

const std::string* query_value(const RecordedRequest& request, std::string_view name) {
  for (const auto& [key, value] : request.query) {
    if (key == name) return &value;
  }
  return nullptr;
}

std::optional<std::int64_t> parse_count(const std::string& text) {
  if (text.empty() || text.size() > 18) return std::nullopt;  // 18 digits cannot overflow
  std::int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

FieldSelection field_selection(const RecordedRequest& request) {
  const std::string* text = query_value(request, "_fields");
  if (text == nullptr) return std::nullopt;
  std::vector<std::string> fields;
  std::size_t start = 0;
  while (start <= text->size()) {
    std::size_t end = text->find(',', start);
    if (end == std::string::npos) end = text->size();
    std::string field = text->substr(start, end - start);
    field.erase(0, field.find_first_not_of(' '));
    field.erase(field.find_last_not_of(' ') + 1);
    if (!field.empty()) fields.push_back(std::move(field));
    start = end + 1;
  }
  if (fields.empty()) return std::nullopt;
  return fields;
}

std::optional<Paging> parse_paging(const RecordedRequest& request, int max_limit,
                                   ApiAnswer& bad_request) {
  Paging paging;
  if (const std::string* text = query_value(request, "_limit")) {
    std::optional<std::int64_t> value = parse_count(*text);
    if (!value || *value < 1 || *value > max_limit) {
      bad_request = answer(400, error_body("Invalid _limit: must be an integer from 1 to " +
                                           std::to_string(max_limit) + "."));
      return std::nullopt;
    }
    paging.limit = static_cast<std::size_t>(*value);
  }
  if (const std::string* text = query_value(request, "_skip")) {
    std::optional<std::int64_t> value = parse_count(*text);
    if (!value) {
      bad_request = answer(400, error_body("Invalid _skip: must be a non-negative integer."));
      return std::nullopt;
    }
    paging.skip = static_cast<std::size_t>(*value);
  }
  return paging;
}

std::optional<std::string> item_id(std::string_view path, std::string_view collection) {
  if (path.size() <= collection.size() + 1 || path.substr(0, collection.size()) != collection ||
      path.back() != '/') {
    return std::nullopt;
  }
  std::string_view id = path.substr(collection.size());
  id.remove_suffix(1);
  if (id.find('/') != std::string_view::npos) return std::nullopt;
  return std::string(id);
}

}  // namespace closeio::testing::internal
