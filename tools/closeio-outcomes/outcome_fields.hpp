// The fields of an outcome as the tool names and renders them (--fields, JSON, CSV, table). The
// names, order and rendering come from the SDK's field table (<closeio/fields.hpp>), so a field
// the SDK learns needs no change here.
#pragma once

#include <closeio/outcome.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace closeio_cli {

/// One field of an Outcome, by its wire name (one of closeio::field_names<Outcome>()).
using Field = std::string;

/// Every field, in wire order: the JSON-lines and CSV default.
const std::vector<Field>& all_fields();
/// id, name, type, description: the table default.
const std::vector<Field>& table_fields();

/// Parses `--fields` values. Throws CliError (ExitCode::usage) for an unknown or empty name or
/// a name given twice.
std::vector<Field> parse_fields(const std::vector<std::string>& names);

/// The wire names of `fields`, for ListOptions::fields.
std::vector<std::string> field_names(const std::vector<Field>& fields);

/// The value as text for CSV and tables: empty for null, lists joined with ",".
std::string field_text(const closeio::Outcome& outcome, const Field& field);

/// The outcome as a JSON object with `fields` in that order (key order kept), as the SDK renders
/// it: null for an absent optional, enums by wire name, Close's timestamp format.
nlohmann::ordered_json outcome_json(const closeio::Outcome& outcome,
                                    const std::vector<Field>& fields);

}  // namespace closeio_cli
