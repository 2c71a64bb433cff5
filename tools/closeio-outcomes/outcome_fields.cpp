#include "outcome_fields.hpp"

#include <algorithm>
#include <closeio/fields.hpp>

#include "exit_codes.hpp"

namespace closeio_cli {
namespace {

std::string known_field_list() {
  std::string list;
  for (const std::string& name : closeio::field_names<closeio::Outcome>()) {
    if (!list.empty()) list += ", ";
    list += name;
  }
  return list;
}

}  // namespace

const std::vector<Field>& all_fields() { return closeio::field_names<closeio::Outcome>(); }

const std::vector<Field>& table_fields() {
  static const std::vector<Field> fields{"id", "name", "type", "description"};
  return fields;
}

std::vector<Field> parse_fields(const std::vector<std::string>& names) {
  const std::vector<std::string>& known = all_fields();
  std::vector<Field> fields;
  for (const std::string& name : names) {
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      throw CliError(ExitCode::usage, "unknown field '" + name +
                                          "' in --fields (known: " + known_field_list() + ")");
    }
    if (std::find(fields.begin(), fields.end(), name) != fields.end()) {
      throw CliError(ExitCode::usage, "field '" + name + "' is given twice in --fields");
    }
    fields.push_back(name);
  }
  return fields;
}

std::vector<std::string> field_names(const std::vector<Field>& fields) { return fields; }

std::string field_text(const closeio::Outcome& outcome, const Field& field) {
  return closeio::field_text(outcome, field);
}

nlohmann::ordered_json outcome_json(const closeio::Outcome& outcome,
                                    const std::vector<Field>& fields) {
  // ordered_json keeps the SDK's key order; the printer re-dumps it with its own escaping.
  return nlohmann::ordered_json::parse(closeio::to_json(outcome, fields));
}

}  // namespace closeio_cli
