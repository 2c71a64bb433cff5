// The public field reflection (closeio/fields.hpp), read off the resource field tables.
#include "closeio/fields.hpp"

#include <stdexcept>

#include "internal/json_codec.hpp"
#include "internal/resource_tables.hpp"

namespace closeio {

template <class Resource>
const std::vector<std::string>& field_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& row : internal::resource_table<Resource>()) out.emplace_back(row.name);
    return out;
  }();
  return names;
}

template <class Resource>
std::string to_json(const Resource& value, const std::vector<std::string>& fields) {
  return internal::encode_object(value, fields, false);
}

template <class Resource>
std::string field_text(const Resource& value, std::string_view field) {
  const auto& table = internal::resource_table<Resource>();
  const auto* row = table.find(field);
  if (!row) {
    throw std::invalid_argument("unknown " + std::string(table.resource) + " field \"" +
                                std::string(field) + "\"");
  }
  std::string out;
  row->write_text(value, out);
  return out;
}

template const std::vector<std::string>& field_names<Outcome>();
template const std::vector<std::string>& field_names<Call>();
template const std::vector<std::string>& field_names<Meeting>();
template std::string to_json(const Outcome&, const std::vector<std::string>&);
template std::string to_json(const Call&, const std::vector<std::string>&);
template std::string to_json(const Meeting&, const std::vector<std::string>&);
template std::string field_text(const Outcome&, std::string_view);
template std::string field_text(const Call&, std::string_view);
template std::string field_text(const Meeting&, std::string_view);
template const std::vector<std::string>& field_names<WebhookSubscription>();
template std::string to_json(const WebhookSubscription&, const std::vector<std::string>&);
template std::string field_text(const WebhookSubscription&, std::string_view);

}  // namespace closeio
