// The keys the JSON layer knows, shared by the fast path and the full SAX decoder.
#pragma once

#include <cstdint>
#include <string_view>

namespace closeio::internal {

// The known keys of an Outcome and of a list page. `other` is any key we do not read.
enum class Field : std::uint8_t {
  other,
  id,
  organization_id,
  name,
  description,
  type,
  applies_to,
  created_by,
  updated_by,
  date_created,
  date_updated,
  data,
  has_more,
};

inline const char* field_name(Field field) noexcept {
  switch (field) {
    case Field::id:
      return "id";
    case Field::organization_id:
      return "organization_id";
    case Field::name:
      return "name";
    case Field::description:
      return "description";
    case Field::type:
      return "type";
    case Field::applies_to:
      return "applies_to";
    case Field::created_by:
      return "created_by";
    case Field::updated_by:
      return "updated_by";
    case Field::date_created:
      return "date_created";
    case Field::date_updated:
      return "date_updated";
    case Field::data:
      return "data";
    case Field::has_more:
      return "has_more";
    case Field::other:
      break;
  }
  return "?";
}

// Dispatches on length first: one integer compare rules out almost every key, and comparing
// string_views of known length saves the strlen of comparing with a C string.
inline Field outcome_field(std::string_view key) noexcept {
  using namespace std::string_view_literals;
  switch (key.size()) {
    case 2:
      if (key == "id"sv) return Field::id;
      break;
    case 4:
      if (key == "name"sv) return Field::name;
      if (key == "type"sv) return Field::type;
      break;
    case 10:
      if (key == "applies_to"sv) return Field::applies_to;
      if (key == "created_by"sv) return Field::created_by;
      if (key == "updated_by"sv) return Field::updated_by;
      break;
    case 11:
      if (key == "description"sv) return Field::description;
      break;
    case 12:
      if (key == "date_created"sv) return Field::date_created;
      if (key == "date_updated"sv) return Field::date_updated;
      break;
    case 15:
      if (key == "organization_id"sv) return Field::organization_id;
      break;
    default:
      break;
  }
  return Field::other;
}

inline Field page_field(std::string_view key) noexcept {
  using namespace std::string_view_literals;
  if (key == "data"sv) return Field::data;
  if (key == "has_more"sv) return Field::has_more;
  return Field::other;
}

}  // namespace closeio::internal
