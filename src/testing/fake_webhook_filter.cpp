#include "testing/fake_webhook_filter.hpp"

#include <string>

namespace closeio::testing::internal {
namespace {

constexpr int kMaxFilterDepth = 64;  // a hostile filter must not exhaust the stack

const nlohmann::json& member(const nlohmann::json& object, const char* key) {
  static const nlohmann::json kNull;
  if (!object.is_object()) return kNull;
  const auto it = object.find(key);
  return it == object.end() ? kNull : *it;
}

// "contains": an array holding `expected`, or a string holding it as a substring.
bool contains(const nlohmann::json& value, const nlohmann::json& expected) {
  if (value.is_array()) {
    for (const nlohmann::json& item : value) {
      if (item == expected) return true;
    }
    return false;
  }
  return value.is_string() && expected.is_string() &&
         value.get_ref<const std::string&>().find(expected.get_ref<const std::string&>()) !=
             std::string::npos;
}

bool admits(const nlohmann::json& filter, const nlohmann::json& value, int depth) {
  if (filter.is_null()) return true;
  if (!filter.is_object() || depth > kMaxFilterDepth) return false;
  const nlohmann::json& type = member(filter, "type");
  if (!type.is_string()) return false;
  const auto& name = type.get_ref<const std::string&>();
  const nlohmann::json& expected = member(filter, "value");
  if (name == "equals") return value == expected;
  if (name == "not_equals") return value != expected;
  if (name == "is_null") return value.is_null();
  if (name == "non_null") return !value.is_null();
  if (name == "contains") return contains(value, expected);
  const nlohmann::json& inner = member(filter, "filter");
  if (name == "not") return inner.is_object() && !admits(inner, value, depth + 1);
  if (name == "and" || name == "or") {
    const nlohmann::json& filters = member(filter, "filters");
    if (!filters.is_array()) return false;
    const bool all = name == "and";
    for (const nlohmann::json& each : filters) {
      if (admits(each, value, depth + 1) != all) return !all;
    }
    return all;
  }
  if (name == "field_accessor") {
    const nlohmann::json& field = member(filter, "field");
    if (!field.is_string() || !value.is_object()) return false;
    return admits(inner, member(value, field.get_ref<const std::string&>().c_str()), depth + 1);
  }
  if (name == "any_array_value") {
    if (!value.is_array()) return false;
    for (const nlohmann::json& item : value) {
      if (admits(inner, item, depth + 1)) return true;
    }
    return false;
  }
  return false;
}

}  // namespace

bool filter_admits(const nlohmann::json& filter, const nlohmann::json& value) {
  return admits(filter, value, 0);
}

}  // namespace closeio::testing::internal
