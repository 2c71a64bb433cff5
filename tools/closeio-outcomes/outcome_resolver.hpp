// Which outcome the user means by an OUTCOME argument: an id or an exact name.
#pragma once

#include <closeio/outcome.hpp>
#include <string>
#include <vector>

namespace closeio_cli {

/// The outcome an argument names.
struct ResolvedOutcome {
  std::string id;    ///< "outcome_..." to send.
  std::string name;  ///< Its name; empty when the id is not among the organization's outcomes.
};

/// Resolves `given` against `outcomes` (the organization's list): the outcome with that id,
/// else the one outcome with exactly that name. An id-shaped argument ("outcome_...") that
/// matches neither is passed on as is, for Close to judge (it may name a deleted outcome).
/// Throws CliError before anything is sent: ExitCode::validation for an empty argument or a
/// name several outcomes share, ExitCode::not_found for a name no outcome has.
ResolvedOutcome resolve_outcome(const std::vector<closeio::Outcome>& outcomes,
                                const std::string& given);

}  // namespace closeio_cli
