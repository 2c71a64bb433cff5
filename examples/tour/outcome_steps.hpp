// The tour's outcome steps: create, fetch, update and list an outcome, and at the end delete it.
#pragma once

#include <closeio/closeio.hpp>
#include <string>

#include "cleanup.hpp"
#include "steps.hpp"

namespace tour {

/// Steps "create", "fetch", "update" and "list": creates an outcome with a name no other is
/// likely to have (tracked by `cleanup`), fetches it back, changes its name and description, and
/// lists every outcome page by page. Returns the outcome as updated.
closeio::Outcome show_outcomes(const closeio::OutcomesClient& outcomes, Steps& steps,
                               Cleanup& cleanup);

/// Step "delete": deletes outcome `id` and checks that fetching it answers 404. Throws
/// std::runtime_error when it can still be fetched.
void delete_outcome(const closeio::OutcomesClient& outcomes, const std::string& id, Steps& steps,
                    Cleanup& cleanup);

}  // namespace tour
