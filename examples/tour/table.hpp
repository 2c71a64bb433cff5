// The tour's output: outcomes and calls as aligned text tables, one row per item.
#pragma once

#include <closeio/closeio.hpp>
#include <string>
#include <vector>

namespace tour {

/// Prints `outcomes` as a table; the row whose id is `mark` gets a '*'.
void print_outcomes(const std::vector<closeio::Outcome>& outcomes, const std::string& mark = {});

/// Prints `calls` as a table; the row whose id is `mark` gets a '*'.
void print_calls(const std::vector<closeio::Call>& calls, const std::string& mark = {});

}  // namespace tour
