// The fields of an outcome as the tool names and renders them (--fields, JSON, CSV, table).
#pragma once

#include <closeio/outcome.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace closeio_cli {

/// One field of an Outcome, named as on the wire.
enum class Field {
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
};

/// Every field, in wire order: the JSON-lines and CSV default.
const std::vector<Field>& all_fields();
/// id, name, type, description: the table default.
const std::vector<Field>& table_fields();

/// The wire name of `field`, e.g. "organization_id".
std::string_view field_name(Field field);

/// Parses `--fields` values. Throws CliError (ExitCode::usage) for an unknown or empty name or
/// a name given twice.
std::vector<Field> parse_fields(const std::vector<std::string>& names);

/// The wire names of `fields`, for ListOptions::fields.
std::vector<std::string> field_names(const std::vector<Field>& fields);

/// The value as JSON: strings, null for a missing description/created_by/updated_by, an array
/// of wire names for applies_to, Close's timestamp format for the dates.
nlohmann::ordered_json field_json(const closeio::Outcome& outcome, Field field);

/// The value as text for CSV and tables: empty for null, applies_to joined with ",".
std::string field_text(const closeio::Outcome& outcome, Field field);

/// The outcome as a JSON object with `fields` in that order.
nlohmann::ordered_json outcome_json(const closeio::Outcome& outcome,
                                    const std::vector<Field>& fields);

}  // namespace closeio_cli
