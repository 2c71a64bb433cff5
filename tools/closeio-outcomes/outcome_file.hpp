// The outcomes file shared by `export` (writes it) and `apply` (reads it): a JSON array of
// {"name", "description", "type"} objects, sorted by name, pretty-printed for clean diffs.
#pragma once

#include <closeio/outcome.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace closeio_cli {

/// An outcome as the file describes it: what apply makes the organization match.
struct DesiredOutcome {
  std::string name;
  std::optional<std::string> description;  ///< std::nullopt: no description.
  closeio::OutcomeType type = closeio::OutcomeType::custom;

  friend bool operator==(const DesiredOutcome& a, const DesiredOutcome& b) {
    return a.name == b.name && a.description == b.description && a.type == b.type;
  }
  friend bool operator!=(const DesiredOutcome& a, const DesiredOutcome& b) { return !(a == b); }
};

/// The file's view of an outcome from the server.
DesiredOutcome desired_from(const closeio::Outcome& outcome);

/// Parses the text of an outcomes file. `source` names the file in messages. Every entry must
/// be an object with a string "name" that is not empty or only whitespace; "description" is a
/// string, null or absent (no description); "type" is "custom", "vm-dropped" or absent (custom);
/// other keys are refused so a typo cannot silently clear a field. Throws CliError
/// (ExitCode::validation) naming the file and the entry. Duplicate names are left to the planner.
std::vector<DesiredOutcome> parse_outcome_file(std::string_view text, const std::string& source);

/// The export text: the outcomes sorted by name (byte order; ties by description, then type),
/// as a JSON array of objects with keys name, description (null when absent), type, indented by
/// two spaces, ending with a newline. "[]\n" when there are none.
std::string render_outcome_file(std::vector<DesiredOutcome> outcomes);

}  // namespace closeio_cli
