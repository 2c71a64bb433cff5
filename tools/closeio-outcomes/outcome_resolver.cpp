#include "outcome_resolver.hpp"

#include "exit_codes.hpp"
#include "text.hpp"

namespace closeio_cli {

ResolvedOutcome resolve_outcome(const std::vector<closeio::Outcome>& outcomes,
                                const std::string& given) {
  if (given.empty()) {
    throw CliError(ExitCode::validation, "OUTCOME is empty: give an outcome id or name");
  }
  for (const auto& outcome : outcomes) {
    if (outcome.id == given) return {outcome.id, outcome.name};
  }
  std::vector<const closeio::Outcome*> named;
  for (const auto& outcome : outcomes) {
    if (outcome.name == given) named.push_back(&outcome);
  }
  if (named.size() == 1) return {named.front()->id, named.front()->name};
  if (named.size() > 1) {
    std::string ids;
    for (const auto* outcome : named) ids += (ids.empty() ? "" : ", ") + outcome->id;
    throw CliError(ExitCode::validation, std::to_string(named.size()) + " outcomes are named " +
                                             display_name(given) + " (" + ids +
                                             "): give the id instead; nothing was sent");
  }
  if (given.rfind("outcome_", 0) == 0) return {given, std::string()};
  throw CliError(ExitCode::not_found,
                 "no outcome is named " + display_name(given) +
                     " (names must match exactly; see closeio-outcomes list); nothing was sent");
}

}  // namespace closeio_cli
