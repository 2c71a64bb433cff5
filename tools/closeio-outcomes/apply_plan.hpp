// `apply` planning: what to create, update and delete so the organization matches the file.
// Pure functions, no HTTP.
#pragma once

#include <closeio/outcome.hpp>
#include <optional>
#include <string>
#include <vector>

#include "outcome_file.hpp"

namespace closeio_cli {

/// One step of a plan.
struct PlannedChange {
  enum class Kind { create, update, remove };
  Kind kind = Kind::create;
  std::string id;          ///< The existing outcome (update, remove); empty for create.
  DesiredOutcome desired;  ///< What the outcome becomes (create, update); name only for remove.
  /// Update only: the current values of the fields that change (unset: field unchanged).
  bool description_changes = false;
  std::optional<std::string> old_description;
  std::optional<closeio::OutcomeType> old_type;
};

/// The ordered steps: creates, then updates, then deletes, each group sorted by name.
struct Plan {
  std::vector<PlannedChange> changes;
  std::size_t creates = 0, updates = 0, removes = 0;
  bool empty() const noexcept { return changes.empty(); }
};

/// Matches `desired` and `current` by exact name. A name only in the file is created; one in
/// both is updated when its description or type differ; one only in the organization is
/// deleted when `prune` is set and kept otherwise. Throws CliError (ExitCode::validation) when a
/// name appears twice in the file or in the organization, before planning anything.
Plan compute_plan(const std::vector<DesiredOutcome>& desired,
                  const std::vector<closeio::Outcome>& current, bool prune);

/// One plan line: `create NAME`, `update NAME: description "a" -> "b", type custom ->
/// vm-dropped`, `delete NAME`. Names are shown with display_name(), descriptions as JSON
/// strings or null.
std::string describe(const PlannedChange& change);

/// "Plan: 1 to create, 2 to update, 0 to delete."
std::string plan_summary(const Plan& plan);

/// How many organization outcomes the file does not name (kept without --prune).
std::size_t unmanaged_count(const std::vector<DesiredOutcome>& desired,
                            const std::vector<closeio::Outcome>& current);

/// The names of the organization outcomes the file does not name, in server order.
std::vector<std::string> unmanaged_names(const std::vector<DesiredOutcome>& desired,
                                         const std::vector<closeio::Outcome>& current);

/// `names` shown with display_name(), joined by ", "; after `max_shown` of them, "and N more".
std::string name_list(const std::vector<std::string>& names, std::size_t max_shown = 10);

}  // namespace closeio_cli
