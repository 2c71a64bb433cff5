#include "outcome_fields.hpp"

#include <algorithm>
#include <array>
#include <closeio/timestamp.hpp>

#include "exit_codes.hpp"

namespace closeio_cli {
namespace {

struct FieldInfo {
  Field field;
  std::string_view name;
};

constexpr std::array<FieldInfo, 10> kFields{{
    {Field::id, "id"},
    {Field::organization_id, "organization_id"},
    {Field::name, "name"},
    {Field::description, "description"},
    {Field::type, "type"},
    {Field::applies_to, "applies_to"},
    {Field::created_by, "created_by"},
    {Field::updated_by, "updated_by"},
    {Field::date_created, "date_created"},
    {Field::date_updated, "date_updated"},
}};

nlohmann::ordered_json optional_json(const std::optional<std::string>& value) {
  return value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
}

std::string known_field_list() {
  std::string list;
  for (const auto& info : kFields) {
    if (!list.empty()) list += ", ";
    list += info.name;
  }
  return list;
}

}  // namespace

const std::vector<Field>& all_fields() {
  static const std::vector<Field> fields = [] {
    std::vector<Field> out;
    for (const auto& info : kFields) out.push_back(info.field);
    return out;
  }();
  return fields;
}

const std::vector<Field>& table_fields() {
  static const std::vector<Field> fields{Field::id, Field::name, Field::type, Field::description};
  return fields;
}

std::string_view field_name(Field field) {
  for (const auto& info : kFields) {
    if (info.field == field) return info.name;
  }
  return "unknown";
}

std::vector<Field> parse_fields(const std::vector<std::string>& names) {
  std::vector<Field> fields;
  for (const std::string& name : names) {
    auto it = std::find_if(kFields.begin(), kFields.end(),
                           [&](const FieldInfo& info) { return info.name == name; });
    if (it == kFields.end()) {
      throw CliError(ExitCode::usage, "unknown field '" + name +
                                          "' in --fields (known: " + known_field_list() + ")");
    }
    if (std::find(fields.begin(), fields.end(), it->field) != fields.end()) {
      throw CliError(ExitCode::usage, "field '" + name + "' is given twice in --fields");
    }
    fields.push_back(it->field);
  }
  return fields;
}

std::vector<std::string> field_names(const std::vector<Field>& fields) {
  std::vector<std::string> names;
  for (Field field : fields) names.emplace_back(field_name(field));
  return names;
}

nlohmann::ordered_json field_json(const closeio::Outcome& outcome, Field field) {
  switch (field) {
    case Field::id:
      return outcome.id;
    case Field::organization_id:
      return outcome.organization_id;
    case Field::name:
      return outcome.name;
    case Field::description:
      return optional_json(outcome.description);
    case Field::type:
      return std::string(closeio::to_string(outcome.type));
    case Field::applies_to: {
      auto list = nlohmann::ordered_json::array();
      for (auto item : outcome.applies_to) list.push_back(std::string(closeio::to_string(item)));
      return list;
    }
    case Field::created_by:
      return optional_json(outcome.created_by);
    case Field::updated_by:
      return optional_json(outcome.updated_by);
    case Field::date_created:
      return closeio::format_timestamp(outcome.date_created);
    case Field::date_updated:
      return closeio::format_timestamp(outcome.date_updated);
  }
  return nullptr;
}

std::string field_text(const closeio::Outcome& outcome, Field field) {
  if (field == Field::applies_to) {
    std::string text;
    for (auto item : outcome.applies_to) {
      if (!text.empty()) text += ',';
      text += closeio::to_string(item);
    }
    return text;
  }
  nlohmann::ordered_json value = field_json(outcome, field);
  return value.is_string() ? value.get<std::string>() : std::string();
}

nlohmann::ordered_json outcome_json(const closeio::Outcome& outcome,
                                    const std::vector<Field>& fields) {
  auto object = nlohmann::ordered_json::object();
  for (Field field : fields) object[std::string(field_name(field))] = field_json(outcome, field);
  return object;
}

}  // namespace closeio_cli
