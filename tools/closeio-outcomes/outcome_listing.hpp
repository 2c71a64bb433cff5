// Walking every outcome of the organization, page by page, with progress on a terminal.
#pragma once

#include <closeio/outcomes_client.hpp>
#include <functional>
#include <string>
#include <vector>

#include "progress.hpp"

namespace closeio_cli {

/// Calls `visit` for every outcome (only `fields` when non-empty), updating `progress` as pages
/// arrive. Returns how many outcomes were visited.
std::size_t for_each_outcome(const closeio::OutcomesClient& client,
                             const std::vector<std::string>& fields, Progress& progress,
                             const std::function<void(const closeio::Outcome&)>& visit);

/// Every outcome, in server order.
std::vector<closeio::Outcome> fetch_all_outcomes(const closeio::OutcomesClient& client,
                                                 const std::vector<std::string>& fields,
                                                 Progress& progress);

}  // namespace closeio_cli
