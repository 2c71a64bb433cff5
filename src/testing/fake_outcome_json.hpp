// Response bodies as Close writes them, encoded with nlohmann/json. Deliberately independent of
// the SDK's own codec (src/internal) so that a bug there cannot be mirrored here.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "closeio/outcome.hpp"
#include "testing/fake_api_support.hpp"
#include "testing/fake_outcome_store.hpp"

namespace closeio::testing::internal {

/// "2025-07-29T10:30:00.123456+00:00": UTC, six fractional digits, numeric offset.
std::string format_close_timestamp(Timestamp t);
/// "custom" / "vm-dropped".
std::string_view wire_name(OutcomeType type);
/// "calls" / "meetings".
std::string_view wire_name(AppliesTo applies_to);

/// One Outcome object with all ten keys, or only the selected ones.
std::string encode_outcome(const Outcome& outcome, const FieldSelection& fields = std::nullopt);
/// `{"data": [...], "has_more": ...}`.
std::string encode_page(const OutcomePage& page, const FieldSelection& fields);

}  // namespace closeio::testing::internal
