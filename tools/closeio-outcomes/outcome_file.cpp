#include "outcome_file.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <tuple>

#include "exit_codes.hpp"
#include "text.hpp"

namespace closeio_cli {
namespace {

using Json = nlohmann::json;

[[noreturn]] void invalid(const std::string& source, const std::string& problem) {
  throw CliError(ExitCode::validation, source + ": " + problem);
}

std::string entry_label(std::size_t index) { return "entry " + std::to_string(index + 1); }

DesiredOutcome parse_entry(const Json& entry, std::size_t index, const std::string& source) {
  const std::string where = entry_label(index);
  if (!entry.is_object()) invalid(source, where + " is not an object");
  for (const auto& item : entry.items()) {
    if (item.key() != "name" && item.key() != "description" && item.key() != "type") {
      invalid(source, where + " has an unknown key \"" + item.key() +
                          "\" (allowed: name, description, type)");
    }
  }
  DesiredOutcome outcome;
  auto name = entry.find("name");
  if (name == entry.end() || !name->is_string()) {
    invalid(source, where + ": \"name\" must be a non-empty string");
  }
  if (is_blank_name(name->get_ref<const std::string&>())) {
    invalid(source, where + ": \"name\" is empty or only whitespace");
  }
  outcome.name = name->get<std::string>();

  auto description = entry.find("description");
  if (description != entry.end() && !description->is_null()) {
    if (!description->is_string()) {
      invalid(source, where + " (" + outcome.name + "): \"description\" must be a string or null");
    }
    outcome.description = description->get<std::string>();
  }

  auto type = entry.find("type");
  if (type != entry.end()) {
    const closeio::OutcomeType parsed =
        type->is_string() ? closeio::outcome_type_from_string(type->get_ref<const std::string&>())
                          : closeio::OutcomeType::unknown;
    if (parsed == closeio::OutcomeType::unknown) {
      invalid(source,
              where + " (" + outcome.name + R"(): "type" must be "custom" or "vm-dropped")");
    }
    outcome.type = parsed;
  }
  return outcome;
}

}  // namespace

DesiredOutcome desired_from(const closeio::Outcome& outcome) {
  return {outcome.name, outcome.description, outcome.type};
}

std::vector<DesiredOutcome> parse_outcome_file(std::string_view text, const std::string& source) {
  Json json;
  try {
    json = Json::parse(text.begin(), text.end());
  } catch (const Json::parse_error& e) {
    // nlohmann's message names the line and column.
    std::string what = e.what();
    const auto colon = what.find("] ");
    invalid(source,
            "not valid JSON: " + (colon == std::string::npos ? what : what.substr(colon + 2)));
  }
  if (!json.is_array()) invalid(source, "expected a JSON array of outcomes");
  std::vector<DesiredOutcome> outcomes;
  outcomes.reserve(json.size());
  for (std::size_t i = 0; i < json.size(); ++i) outcomes.push_back(parse_entry(json[i], i, source));
  return outcomes;
}

std::string render_outcome_file(std::vector<DesiredOutcome> outcomes) {
  std::sort(outcomes.begin(), outcomes.end(), [](const DesiredOutcome& a, const DesiredOutcome& b) {
    // std::string compares with char_traits<char>, which orders bytes as unsigned char.
    return std::forward_as_tuple(a.name, a.description, a.type) <
           std::forward_as_tuple(b.name, b.description, b.type);
  });
  auto array = nlohmann::ordered_json::array();
  for (const DesiredOutcome& outcome : outcomes) {
    nlohmann::ordered_json entry;
    entry["name"] = outcome.name;
    entry["description"] = outcome.description ? nlohmann::ordered_json(*outcome.description)
                                               : nlohmann::ordered_json(nullptr);
    entry["type"] = std::string(closeio::to_string(outcome.type));
    array.push_back(std::move(entry));
  }
  return array.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace closeio_cli
