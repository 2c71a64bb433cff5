// The wire names of the outcome enums.
#pragma once

#include "closeio/outcome.hpp"
#include "internal/wire_enum.hpp"

namespace closeio::internal {

// Close may add types; an unknown one must not make a whole list unreadable, so unknown text
// parses to `unknown` (which is not a wire value itself).
inline constexpr auto kOutcomeTypes = make_wire_enum<OutcomeType>(
    OutcomeType::unknown,
    {{OutcomeType::custom, "custom"}, {OutcomeType::vm_dropped, "vm-dropped"}});

inline constexpr auto kAppliesTo = make_wire_enum<AppliesTo>(
    AppliesTo::unknown, {{AppliesTo::calls, "calls"}, {AppliesTo::meetings, "meetings"}});

}  // namespace closeio::internal
