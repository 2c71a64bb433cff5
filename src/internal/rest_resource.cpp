#include "internal/rest_resource.hpp"

#include <algorithm>
#include <stdexcept>

#include "internal/argument_checks.hpp"
#include "internal/url.hpp"

namespace closeio::internal {

std::string item_path(std::string_view collection, const std::string& id, std::string_view what) {
  require_id(id, what);
  std::string path(collection);
  path += percent_encode(id);
  path += '/';
  return path;
}

template <class T>
std::string fields_value(const std::vector<std::string>& fields) {
  const ResourceTable<T>& table = resource_table<T>();
  std::string out;
  for (auto it = fields.begin(); it != fields.end(); ++it) {
    if (!table.find(*it)) {
      std::string known;
      for (const FieldSpec<T>& row : table) {
        if (!known.empty()) known += ", ";
        known += row.name;
      }
      throw std::invalid_argument("closeio: \"" + *it + "\" is not a field of " +
                                  std::string(table.resource) + " (known: " + known + ")");
    }
    if (std::find(fields.begin(), it, *it) != it) {
      throw std::invalid_argument("closeio: field \"" + *it + "\" is asked for twice");
    }
    if (!out.empty()) out += ',';
    out += *it;  // Field names are plain identifiers: nothing to encode.
  }
  return out;
}

template std::string fields_value<Outcome>(const std::vector<std::string>&);
template std::string fields_value<Call>(const std::vector<std::string>&);
template std::string fields_value<Meeting>(const std::vector<std::string>&);
template std::string fields_value<WebhookSubscription>(const std::vector<std::string>&);

}  // namespace closeio::internal
