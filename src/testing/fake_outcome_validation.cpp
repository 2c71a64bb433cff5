#include "testing/fake_outcome_validation.hpp"

#include <nlohmann/json.hpp>

#include "testing/fake_json_support.hpp"
#include "testing/fake_outcome_json.hpp"

namespace closeio::testing::internal {
namespace {

using Json = nlohmann::json;

constexpr const char* kRequired = "This field is required.";
constexpr const char* kNotNull = "Field may not be null.";
constexpr const char* kNotList = "Not a valid list.";
constexpr const char* kBadType = "Must be one of: custom, vm-dropped.";
constexpr const char* kBadAppliesTo = "Must be one of: calls, meetings.";

enum class Operation { create, update };

// Close's validation body: {"errors": [...], "field-errors": {field: message-or-nested}}.
class OutcomeFieldErrors {
 public:
  void add(const std::string& field, Json error) { errors_[field] = std::move(error); }
  bool empty() const { return errors_.empty(); }
  std::string body() const {
    Json body = {{"errors", Json::array()}, {"field-errors", errors_}};
    return body.dump(-1, ' ', false, Json::error_handler_t::replace);
  }

 private:
  Json errors_ = Json::object();
};

// `name`: required on create; on update optional but, when sent, neither null nor empty.
std::optional<std::string> check_name(const Json& body, Operation operation,
                                      OutcomeFieldErrors& errors) {
  auto it = body.find("name");
  if (it == body.end()) {
    if (operation == Operation::create) errors.add("name", kRequired);
    return std::nullopt;
  }
  if (it->is_null()) {
    errors.add("name", kNotNull);
  } else if (!it->is_string()) {
    errors.add("name", kNotString);
  } else if (it->get_ref<const std::string&>().empty()) {
    errors.add("name", kRequired);
  } else {
    return it->get<std::string>();
  }
  return std::nullopt;
}

// `description`: string or null. Returns whether it was sent; `value` gets it.
bool check_description(const Json& body, std::optional<std::string>& value,
                       OutcomeFieldErrors& errors) {
  auto it = body.find("description");
  if (it == body.end()) return false;
  if (it->is_null()) {
    value.reset();
    return true;
  }
  if (!it->is_string()) {
    errors.add("description", kNotString);
    return false;
  }
  value = it->get<std::string>();
  return true;
}

// `type`: "custom" or "vm-dropped". Null is refused on create and means "unchanged" on update
// (the update schema makes it nullable).
std::optional<OutcomeType> check_type(const Json& body, Operation operation,
                                      OutcomeFieldErrors& errors) {
  auto it = body.find("type");
  if (it == body.end()) return std::nullopt;
  if (it->is_null()) {
    if (operation == Operation::create) errors.add("type", kNotNull);
    return std::nullopt;
  }
  if (it->is_string()) {
    const auto& text = it->get_ref<const std::string&>();
    if (text == "custom") return OutcomeType::custom;
    if (text == "vm-dropped") return OutcomeType::vm_dropped;
  }
  errors.add("type", kBadType);
  return std::nullopt;
}

// Deprecated `applies_to`: a list of "calls"/"meetings" or null. Bad items nest per index like
// Close's list-field errors: {"errors": {"1": {"errors": [...], "field-errors": {}}}}.
void check_applies_to(const Json& body, OutcomeFieldErrors& errors) {
  auto it = body.find("applies_to");
  if (it == body.end() || it->is_null()) return;
  if (!it->is_array()) {
    errors.add("applies_to", kNotList);
    return;
  }
  Json item_errors = Json::object();
  for (std::size_t i = 0; i < it->size(); ++i) {
    const Json& item = (*it)[i];
    if (item.is_string() && (item == "calls" || item == "meetings")) continue;
    item_errors[std::to_string(i)] = {{"errors", Json::array({kBadAppliesTo})},
                                      {"field-errors", Json::object()}};
  }
  if (!item_errors.empty()) errors.add("applies_to", {{"errors", std::move(item_errors)}});
}

}  // namespace

Validated<NewOutcome> validate_create(std::string_view text) {
  Validated<NewOutcome> result;
  std::optional<Json> body = parse_object(text, result.error_body);
  if (!body) return result;

  OutcomeFieldErrors errors;
  NewOutcome outcome;
  std::optional<std::string> name = check_name(*body, Operation::create, errors);
  check_description(*body, outcome.description, errors);
  std::optional<OutcomeType> type = check_type(*body, Operation::create, errors);
  check_applies_to(*body, errors);
  if (!errors.empty()) {
    result.error_body = errors.body();
    return result;
  }
  outcome.name = std::move(*name);
  outcome.type = type.value_or(OutcomeType::custom);
  result.value = std::move(outcome);
  return result;
}

Validated<OutcomeChanges> validate_update(std::string_view text) {
  Validated<OutcomeChanges> result;
  std::optional<Json> body = parse_object(text, result.error_body);
  if (!body) return result;

  OutcomeFieldErrors errors;
  OutcomeChanges changes;
  changes.name = check_name(*body, Operation::update, errors);
  changes.description_set = check_description(*body, changes.description, errors);
  changes.type = check_type(*body, Operation::update, errors);
  check_applies_to(*body, errors);
  if (!errors.empty()) {
    result.error_body = errors.body();
    return result;
  }
  result.value = std::move(changes);
  return result;
}

}  // namespace closeio::testing::internal
