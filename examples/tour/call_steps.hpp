// The tour's call steps: what outcomes are for, put on a call the tour logs and then deletes.
#pragma once

#include <closeio/closeio.hpp>

#include "cleanup.hpp"
#include "lead.hpp"
#include "steps.hpp"

namespace tour {

/// Steps "log-call", "set-outcome", "fetch-call", "list-calls", "clear-outcome" and
/// "delete-call": logs a call on `lead` (tracked by `cleanup`), puts `outcome` on it, fetches it
/// back and checks its outcome_id, lists the lead's calls that carry the outcome, clears the
/// outcome, and deletes the call. Throws std::runtime_error when Close answers with another
/// outcome_id than the one just set or cleared.
void put_outcome_on_a_call(const closeio::CallsClient& calls, const Lead& lead,
                           const closeio::Outcome& outcome, Steps& steps, Cleanup& cleanup);

}  // namespace tour
